"""Portable SQL constructs: the one place where dialect differences live.

Each construct compiles to standard SQL that DuckDB and PostgreSQL share, with overrides
for the dialects large users move to (ClickHouse, whose SQLAlchemy dialect is named
"clickhousedb"; BigQuery).
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


@compiles(hours_between, "clickhousedb")
def _hours_between_clickhouse(element, compiler, **kw):
    # EXTRACT(EPOCH FROM end - start) is toUnixTimestamp of a DateTime there: it overflows
    # on a negative difference. dateDiff counts second boundaries, as DuckDB's DATE_DIFF.
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(dateDiff('second', {start}, {end}) / 3600.0)"


class next_value(FunctionElement):  # noqa: N801
    """LEAD(expr): the next row's value in the window (call `.over(...)`), NULL after the
    last row."""

    inherit_cache = True

    def __init__(self, expr) -> None:
        super().__init__(expr)
        self.type = list(self.clauses)[0].type


@compiles(next_value)
def _next_value_default(element, compiler, **kw):
    return f"LEAD({compiler.process(list(element.clauses)[0], **kw)})"


@compiles(next_value, "clickhousedb")
def _next_value_clickhouse(element, compiler, **kw):
    # lead() of a non-Nullable column gives its type's default (1970-01-01) after the last row
    return f"lead(toNullable({compiler.process(list(element.clauses)[0], **kw)}))"


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


class percentile(FunctionElement):  # noqa: N801
    """The continuous `fraction` percentile (0–1) of `expr` over the group, interpolating
    between the two nearest values (PERCENTILE_CONT)."""

    inherit_cache = True
    type = sa.Double()

    def __init__(self, fraction: float, expr) -> None:
        if not 0.0 <= fraction <= 1.0:
            raise ValueError(f"fraction must be within 0 and 1, got {fraction!r}")
        self.fraction = float(fraction)
        super().__init__(expr)


@compiles(percentile)
def _percentile_default(element, compiler, **kw):
    arg = compiler.process(list(element.clauses)[0], **kw)
    return f"PERCENTILE_CONT({element.fraction!r}) WITHIN GROUP (ORDER BY {arg})"


@compiles(percentile, "clickhousedb")
def _percentile_clickhouse(element, compiler, **kw):
    # quantileExactInclusive interpolates as PERCENTILE_CONT; quantile() would sample
    arg = compiler.process(list(element.clauses)[0], **kw)
    return f"quantileExactInclusive({element.fraction!r})({arg})"


def median(expr) -> ColumnElement:
    return percentile(0.5, expr)


WRITER_LOCK_KEY = 734_116_201  # pg_advisory_xact_lock key of the warehouse's writers


def lock_writers(conn: sa.Connection) -> None:
    """Serialise the warehouse's writers for the rest of the transaction. PostgreSQL: an
    advisory transaction lock, so two imports cannot derive the marts (or number new keys
    from max() + 1) at once. The embedded DuckDB file has its own lock file
    (cockpit.ingest.writer.writer_lock); other dialects need nothing here yet."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})


def current_schema(conn: sa.Connection) -> str:
    """SQL naming the schema the connection's tables are in, for information_schema
    queries: current_schema(); ClickHouse's database is its schema."""
    return "currentDatabase()" if conn.dialect.name == "clickhousedb" else "current_schema()"
