"""The mapped columns of the raw file as typed rows, in SQL: cells cleaned as
`ingest.cells.clean_cells` cleans them, each field parsed by its kind as `ingest.values`
parses the forms `bulk.forms` reads, and the rules of that stage counted."""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from cockpit.ingest.bulk import forms
from cockpit.ingest.bulk.sql import Found, Rule, found_all, ident, strip
from cockpit.ingest.fields import FIELDS_BY_NAME


class NotPlain(Exception):
    """A column holds values in a form only the in-memory parser reads."""


def cell(position: int) -> str:
    return f"k{position}"


def build_cells(db: duckdb.DuckDBPyConnection, reader: str, params: list,
                raw_columns: list[str], positions: list[int],
                empty_values: tuple[str, ...]) -> None:
    """View `cells`: one row per data line of the file `reader` reads (with `params`), its
    `line` (as an editor counts, header = 1) and the cleaned text of the columns at
    `positions` (stored in table cell_text, in file order)."""
    forms.install(db)
    parts = ", ".join(f"{strip(f'coalesce({ident(raw_columns[p])}, {chr(39) * 2})')} AS "
                      f"{cell(p)}" for p in positions)
    db.execute(f"CREATE TEMP TABLE cell_text AS SELECT {parts} FROM {reader}", params)
    for position in positions:  # rare cells, so updated in place
        name = cell(position)
        db.execute(f"""UPDATE cell_text SET {name} = {strip(f"substr({name}, 3, "
                   f"length({name}) - 3)")} WHERE starts_with({name}, '="') AND
                   length({name}) >= 3 AND ends_with({name}, '"')""")  # EXCEL_TEXT
        if empty_values:
            marks = ", ".join("?" * len(empty_values))
            db.execute(f"UPDATE cell_text SET {name} = '' WHERE {name} IN ({marks})",
                       list(empty_values))
    db.execute("CREATE TEMP VIEW cells AS SELECT rowid + 2 AS line, * FROM cell_text")


def _id_text(position: int) -> str:
    """An id cell as ingest.cells hands it to parse_ids: leading apostrophes dropped."""
    text = cell(position)
    return (f"CASE WHEN starts_with({text}, chr(39)) THEN "
            f"{strip(f'ltrim({text}, chr(39))')} ELSE {text} END")


def _ranges(codes: list[int]) -> str:
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in runs)


# Digits other than 0-9 that Python's \d reads (in 583.0 or 5E+17 forms of an id).
OTHER_DIGITS = "[" + _ranges([c for c in range(128, 0x110000) if chr(c).isdecimal()]) + "]"


def _unplain(kind: str, text: str) -> str | None:
    """Cells of a field of `kind` that the SQL path does not read as the in-memory one."""
    if kind in ("timestamp", "money", "count"):
        return forms.unread(kind, text)
    if kind == "id":  # only a cell with a character beyond ASCII can hold one
        return f"strlen({text}) <> length({text}) AND regexp_matches({text}, '{OTHER_DIGITS}')"
    return None


def _rules(name: str, position: int, header: str, required: bool) -> list[Rule]:
    """The parse stage's rules for one field, in the order ingest.values checks them."""
    kind, text = FIELDS_BY_NAME[name].kind, cell(position)
    value = _id_text(position) if kind == "id" else text
    rules = [Rule("empty", header, f"{value} = ''")] if required else []
    if kind == "id":
        rules.append(Rule("id_scientific", header, f"contains({value}, '+') AND "
                          fr"regexp_full_match({value}, '[0-9](\.[0-9]+)?[eE]\+[0-9]+')"))
    elif kind == "timestamp":
        # the canonical text computed once (`v`), not pasted five times
        clock = " OR ".join(f"substr(v, {at}, 2) > '{top}'"
                            for at, top in ((12, 23), (15, 59), (18, 59)))
        rules.append(Rule("invalid_date", header, f"{text} <> '' AND list_transform("
                          f"[{forms.canonical(kind, text)}], lambda v: TRY_CAST(left(v, 10) "
                          f"AS DATE) IS NULL OR (length(v) = 19 AND ({clock})))[1]"))
    elif kind == "count":
        rules.append(Rule("not_whole", header, f"{text} <> '' AND "
                          f"CAST({forms.canonical(kind, text)} AS DOUBLE) % 1 <> 0"))
    return rules


def parse_checks(db: duckdb.DuckDBPyConnection, fields: Mapping[str, int],
                 headers: list[str], required: frozenset[str]) -> list[Found]:
    """The parse stage's broken rules, field by field in mapping order, counted in one
    scan with the cells no plain form reads; raises NotPlain naming the first such column."""
    unplain = [Rule("unplain", headers[position], condition)
               for name, position in fields.items()
               if (condition := _unplain(FIELDS_BY_NAME[name].kind, cell(position)))]
    rules = [rule for name, position in fields.items()
             for rule in _rules(name, position, headers[position], name in required)]
    hits = found_all(db, "cells", unplain + rules)
    if odd := [hit for hit in hits if hit.rule == "unplain"]:
        raise NotPlain(f"column {odd[0].column} has values in a form only the in-memory reader "
                       f"takes (line {odd[0].lines[0]})")
    return hits


def typed(name: str, position: int) -> str:
    """The SQL value of field `name` read from its cleaned cell."""
    kind, text = FIELDS_BY_NAME[name].kind, cell(position)
    if kind == "id":
        text = _id_text(position)  # 583.0 as 583
        return (fr"CASE WHEN contains({text}, '.') THEN regexp_replace({text}, "
                fr"'^([0-9]+)\.0+$', '\1') ELSE {text} END")
    if kind == "timestamp":
        return f"CAST(NULLIF({forms.canonical(kind, text)}, '') AS TIMESTAMP)"
    if kind in ("money", "count"):
        return f"CAST(NULLIF({forms.canonical(kind, text)}, '') AS DOUBLE)"
    return text


def build_rows(db: duckdb.DuckDBPyConnection, fields: Mapping[str, int],
               has_ids: bool) -> None:
    """Table `rows`: one row per data line with its `order_key` (the order id, or
    "line N" without one) and every mapped field typed."""
    parts = ["line"]
    parts += [f"{typed(name, position)} AS {name}" for name, position in fields.items()]
    key = "CASE WHEN order_id <> '' THEN order_id ELSE 'line ' || line END" if has_ids \
        else "'line ' || line"
    db.execute(f"CREATE TEMP TABLE rows AS SELECT *, {key} AS order_key FROM "
               f"(SELECT {', '.join(parts)} FROM cells)")
