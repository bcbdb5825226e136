"""Portable SQL constructs: the one place where dialect differences live.

Each construct compiles to standard SQL that DuckDB and PostgreSQL share, with overrides
for the dialects large users move to (ClickHouse, BigQuery).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

TRUNC_UNITS = ("day", "week", "month", "quarter", "year")


class date_trunc(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """Start of the day/week (Monday)/month/quarter/year containing a date or timestamp."""

    inherit_cache = True
    type = sa.Date()

    def __init__(self, unit: str, expr) -> None:
        if unit not in TRUNC_UNITS:
            raise ValueError(f"unit must be one of {TRUNC_UNITS}, got {unit!r}")
        self.unit = unit
        super().__init__(expr)


@compiles(date_trunc)
def _date_trunc_default(element, compiler, **kw):
    arg = compiler.process(list(element.clauses)[0], **kw)
    return f"CAST(DATE_TRUNC('{element.unit}', {arg}) AS DATE)"


@compiles(date_trunc, "clickhousedb")
def _date_trunc_clickhouse(element, compiler, **kw):
    arg = compiler.process(list(element.clauses)[0], **kw)
    return f"toDate(dateTrunc('{element.unit}', {arg}))"


@compiles(date_trunc, "bigquery")
def _date_trunc_bigquery(element, compiler, **kw):
    arg = compiler.process(list(element.clauses)[0], **kw)
    unit = "ISOWEEK" if element.unit == "week" else element.unit.upper()
    return f"DATE_TRUNC(DATE({arg}), {unit})"


class days_between(FunctionElement):  # noqa: N801
    """Whole days from date `start` to date `end` (end − start)."""

    inherit_cache = True
    type = sa.Integer()


@compiles(days_between)
def _days_between_default(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST({end} AS DATE) - CAST({start} AS DATE))"


@compiles(days_between, "duckdb")
def _days_between_duckdb(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"DATE_DIFF('day', CAST({start} AS DATE), CAST({end} AS DATE))"


@compiles(days_between, "bigquery")
def _days_between_bigquery(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"DATE_DIFF(DATE({end}), DATE({start}), DAY)"


class hours_between(FunctionElement):  # noqa: N801
    """Hours (fractional) from timestamp `start` to timestamp `end`."""

    inherit_cache = True
    type = sa.Double()


@compiles(hours_between)
def _hours_between_default(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)"


@compiles(hours_between, "duckdb")
def _hours_between_duckdb(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(DATE_DIFF('second', {start}, {end}) / 3600.0)"


def hour_of(expr) -> ColumnElement:
    """Hour of day, 0–23."""
    return sa.cast(sa.extract("hour", expr), sa.Integer)


def iso_weekday(expr) -> ColumnElement:
    """ISO weekday, 1 = Monday … 7 = Sunday."""
    return sa.cast(sa.extract("isodow", expr), sa.Integer)


def fsum(expr) -> ColumnElement:
    """SUM as a double, so money sums arrive in pandas as floats, not Decimals.
    (sa.Double, not sa.Float: FLOAT is 32-bit in DuckDB and loses cents above ¥100k.)"""
    return sa.cast(sa.func.sum(expr), sa.Double)


def safe_ratio(num, den) -> ColumnElement:
    """num / den as a double; NULL when den is 0."""
    return sa.cast(num, sa.Double) / sa.func.nullif(sa.cast(den, sa.Double), 0.0)


def median(expr) -> ColumnElement:
    return sa.func.percentile_cont(0.5).within_group(expr)


WRITER_LOCK_KEY = 734_116_201  # pg_advisory_xact_lock key of the warehouse's writers


def lock_writers(conn: sa.Connection) -> None:
    """Serialise the warehouse's writers for the rest of the transaction. PostgreSQL: an
    advisory transaction lock, so two imports cannot derive the marts (or number new keys
    from max() + 1) at once. The embedded DuckDB file has its own lock file
    (cockpit.ingest.writer.writer_lock); other dialects need nothing here yet."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})
