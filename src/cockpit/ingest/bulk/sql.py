"""SQL text for the bulk path: quoted identifiers, Python's notion of white space as a
regular expression class, and the count and first lines of rows that break a rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from cockpit.ingest.problems import SHOW

# Exactly the characters str.strip() removes, so cells are cleaned as the in-memory reader
# cleans them (as a literal: DuckDB rebuilds a chr() expression on every call).
WHITESPACE = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())
MACROS = (
    f"CREATE OR REPLACE TEMP MACRO py_whitespace() AS '{WHITESPACE}'",
    # str.strip(); trim() with a character list is slow, so only cells that need it
    "CREATE OR REPLACE TEMP MACRO py_strip(x) AS CASE WHEN x <> '' AND ("
    "contains(py_whitespace(), left(x, 1)) OR contains(py_whitespace(), right(x, 1))) "
    "THEN trim(x, py_whitespace()) ELSE x END",
)


def install_macros(db: duckdb.DuckDBPyConnection) -> None:
    for macro in MACROS:
        db.execute(macro)


def ident(name: str) -> str:
    """A double-quoted identifier (a header from the file may hold any character)."""
    return '"' + name.replace('"', '""') + '"'


def strip(expr: str) -> str:
    """`expr` without leading and trailing white space, as str.strip()."""
    return f"py_strip({expr})"


@dataclass(frozen=True)
class Found:
    """Rows that break one rule: how many, and the lines to show (the first few) or to
    reproduce the report from (`lines`)."""

    rule: str
    column: str | None
    count: int
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Rule:
    """A rule to count: the rows of a source where `where` (with `params`) holds break it."""

    rule: str
    column: str | None
    where: str
    params: tuple = ()


def found_all(db: duckdb.DuckDBPyConnection, source: str, rules: list[Rule],
              line: str = "line") -> list[Found]:
    """The broken ones of `rules` on `source`, in the order given: all counted in one scan,
    then the first lines of the broken ones only (a second scan, when any is broken)."""
    counts = _scan(db, source, rules, lambda where: f"count(*) FILTER (WHERE {where})")
    broken = [(rule, int(count)) for rule, count in zip(rules, counts, strict=True) if count]
    firsts = _scan(db, source, [rule for rule, _ in broken],
                   lambda where: f"min({line}, {SHOW}) FILTER (WHERE {where})")
    return [Found(rule.rule, rule.column, count, tuple(first))
            for (rule, count), first in zip(broken, firsts, strict=True)]


def _scan(db: duckdb.DuckDBPyConnection, source: str, rules: list[Rule],
          aggregate: Callable[[str], str]) -> tuple:
    """The `aggregate` of each rule's condition, in one scan of `source`."""
    if not rules:
        return ()
    parts = ", ".join(aggregate(rule.where) for rule in rules)
    return db.execute(f"SELECT {parts} FROM {source}",
                      [param for rule in rules for param in rule.params]).fetchone()
