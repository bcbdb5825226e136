"""The written forms of dates and amounts the SQL path reads, as SQL that turns a cleaned
cell into the canonical text DuckDB casts (ISO `YYYY-MM-DD[ HH:MM:SS]`, or digits with a
decimal point), NULL for a cell in any other form (the file then goes back to the
in-memory path). Each form is one `ingest.values` reads to the same value whatever else
its column holds, so no column-wide decision (day order, decimal comma) can differ:

- dates: naive ISO; `2024/1/5`, `2024-1-5`, `2024.1.5` (one separator, year first), each
  with an optional `H:MM[:SS]` after `T` or spaces; `2024年1月5日` with the same optional
  time. Day-first/month-first forms, offsets, AM/PM, fractions and Excel serials are not
  read here.
- amounts: plain (`12`, `12.5`); an optional `¥`/`￥` before and `元` after; thousands
  separated by commas with a decimal point (`1,234.50`, `1,234`, `1,234,567`). A decimal
  comma, a dot that could group thousands (`1.234`), signs, spaces inside the number or
  other currency words are not read here.
"""

from __future__ import annotations

import duckdb

from cockpit.ingest.bulk.sql import install_macros

PLAIN_AMOUNT = r"[0-9]+(\.[0-9]{1,2})?"
PLAIN_TIMESTAMP = r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}:[0-9]{2})?"
YEARS = ("1678", "2261")  # within pandas' nanosecond range, as the in-memory path reads


def _clock(separator: str, group: str = "(") -> str:
    """An optional `H:MM[:SS]` after `separator`; `group` "(?:" for no captures."""
    return (f"(?:{separator}{group}[0-9]{{1,2}}):{group}[0-9]{{2}})"
            f"(?::{group}[0-9]{{2}}))?)?")


_YMD_MATCH = (r"[0-9]{4}(?:-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2}|"
              r"\.[0-9]{1,2}\.[0-9]{1,2})" + _clock("(?:T| +)", "(?:"))
_YMD = r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})" + _clock("(?:T| +)") + "$"
_CJK = r"^([0-9]{4}) *年 *([0-9]{1,2}) *月 *([0-9]{1,2}) *日" + _clock(" *") + "$"
_PARTS = "['y', 'mo', 'd', 'hh', 'mi', 'ss']"
_WRITTEN_AMOUNT = (r"(?:[¥￥] *)?(?:[0-9]+(?:\.[0-9]{1,2})?|"
                   r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)(?: *元)?")



def _once(pattern: str) -> str:
    """py_iso of the parts `pattern` extracts from x, extracted once: a macro's argument is
    pasted wherever it is used (six times in py_iso), a lambda's is computed once (10x
    faster on a million cells)."""
    return f"list_transform([regexp_extract(x, '{pattern}', {_PARTS})], lambda p: py_iso(p))[1]"


MACROS = (
    # ISO text from the parts of a written date (a struct of y, mo, d, hh, mi, ss)
    "CREATE OR REPLACE TEMP MACRO py_iso(p) AS p['y'] || '-' || lpad(p['mo'], 2, '0') || "
    "'-' || lpad(p['d'], 2, '0') || CASE WHEN p['hh'] = '' THEN '' ELSE ' ' || "
    "lpad(p['hh'], 2, '0') || ':' || p['mi'] || ':' || "
    "CASE WHEN p['ss'] = '' THEN '00' ELSE p['ss'] END END",
    f"""CREATE OR REPLACE TEMP MACRO py_stamp(x) AS CASE WHEN x = '' THEN ''
        WHEN regexp_full_match(x, '{PLAIN_TIMESTAMP}') THEN x
        WHEN regexp_full_match(x, '{_YMD_MATCH}') THEN {_once(_YMD)}
        WHEN contains(x, '年') AND regexp_full_match(x, '{_CJK[1:-1]}') THEN {_once(_CJK)}
        ELSE NULL END""",
    f"""CREATE OR REPLACE TEMP MACRO py_amount(x) AS CASE WHEN x = '' THEN ''
        WHEN regexp_full_match(x, '{PLAIN_AMOUNT}') THEN x
        WHEN regexp_full_match(x, '{_WRITTEN_AMOUNT}')
            THEN replace(regexp_extract(x, '[0-9][0-9,.]*'), ',', '')
        ELSE NULL END""",
)


def install(db: duckdb.DuckDBPyConnection) -> None:
    """The macros of this module (and bulk.sql's) in `db`."""
    install_macros(db)
    for macro in MACROS:
        db.execute(macro)


def canonical(kind: str, text: str) -> str:
    """The canonical text of the cell `text` of a field of `kind` (timestamp, money or
    count); '' for an empty cell, NULL for a form not read here."""
    return f"py_stamp({text})" if kind == "timestamp" else f"py_amount({text})"


def unread(kind: str, text: str) -> str:
    """Cells of a field of `kind` that the SQL path does not read as the in-memory one."""
    value = canonical(kind, text)
    if kind == "timestamp":
        return (f"{text} <> '' AND ({value} IS NULL OR left({value}, 4) NOT BETWEEN "
                f"'{YEARS[0]}' AND '{YEARS[1]}')")
    return f"{text} <> '' AND {value} IS NULL"
