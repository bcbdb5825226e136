"""The schema's rules (ingest.rules) counted in SQL on the k_* rows about to be written:
non-nullable columns filled, code columns within their allowed values, numbers finite,
primary keys unique. A broken rule is worded by ingest.rules run on the offending rows."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import sqlalchemy as sa

from cockpit.ingest.bulk.sql import Found, Rule, found_all
from cockpit.ingest.problems import Problem
from cockpit.ingest.rules import check_rows

LINED = ("orders", "order_items")  # the k_* tables that keep each row's file line


def _line(name: str) -> str:
    """The row's file line, or (as ingest.rules numbers rows without one) its position + 2
    (temporary tables number their rows from an offset)."""
    if name in LINED:
        return "line"
    return f"(rowid - (SELECT min(rowid) FROM k_{name}) + 2)"


def _column_rules(table: sa.Table, present: set[str]) -> list[Rule]:
    out = []
    for column in (c for c in table.columns if c.name in present):
        name, label = f'"{column.name}"', f"{table.name}.{column.name}"
        empty = f"{name} IS NULL"
        if isinstance(column.type, sa.String):
            empty = f"({name} IS NULL OR {name} = '')"
        if not column.nullable:
            out.append(Rule("not_null", label, empty))
        allowed = column.info.get("allowed")
        if allowed is not None:
            marks = ", ".join("?" * len(allowed))
            out.append(Rule("not_allowed", label, f"NOT {empty} AND {name} NOT IN ({marks})",
                            tuple(allowed)))
        if isinstance(column.type, sa.Float | sa.Numeric):
            out.append(Rule("not_finite", label,
                            f"NOT {empty} AND NOT isfinite(CAST({name} AS DOUBLE))"))
    return out


def _repeated_keys(db: duckdb.DuckDBPyConnection, table: sa.Table) -> list[Found]:
    """Rows that repeat a primary key: counted first by the keys' hashes (as many distinct
    hashes as rows: no key repeats), located by the keys themselves only when fewer."""
    line, key = _line(table.name), ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    total, distinct = db.execute(f"SELECT count(*), count(DISTINCT hash({key})) "
                                 f"FROM k_{table.name}").fetchone()
    if total == distinct:
        return []
    label = f"{table.name}.{'+'.join(c.name for c in table.primary_key.columns)}"
    return found_all(db, f"(SELECT {line} AS row_line, count(*) OVER (PARTITION BY {key}) "
                     f"AS n FROM k_{table.name})", [Rule("duplicate_key", label, "n > 1")],
                     line="row_line")


def check_keyed(db: duckdb.DuckDBPyConnection, table: sa.Table) -> list[Problem]:
    """The schema's rules on k_<table>, worded as ingest.rules words them."""
    present = {r[0] for r in db.execute(f"DESCRIBE k_{table.name}").fetchall()}
    line, key = _line(table.name), ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    hits = found_all(db, f"k_{table.name}", _column_rules(table, present), line=line)
    hits += _repeated_keys(db, table)
    if not hits:
        return []
    lines = sorted({n for hit in hits for n in hit.lines})
    shown = f"SELECT ({key}) FROM k_{table.name} WHERE {line} IN (SELECT unnest(?))"
    sample = db.execute(f"SELECT *, {line} AS row_line FROM k_{table.name} WHERE ({key}) IN "
                        f"({shown}) ORDER BY row_line", [lines]).df()
    at = sample.pop("row_line")
    problems = check_rows(table, sample[[c for c in sample.columns if c in table.columns]], at)
    counts = {(hit.rule, hit.column): hit.count for hit in hits}
    return [replace(p, count=counts.get((p.rule, p.column), p.count)) for p in problems]
