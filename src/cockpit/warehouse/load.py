"""Transactional bulk loading: a load writes everything or nothing."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager

import pandas as pd
import sqlalchemy as sa

from cockpit.warehouse import clickhouse, rls
from cockpit.warehouse.schema import METADATA, TRUTH_METADATA

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int], None]

PG_COPY_CHUNK_ROWS = 200_000


def create_schema(conn: sa.Connection, drop_first: bool = True) -> None:
    """(Re)create every table; without `drop_first`, create only the missing ones.

    DuckDB gets the columns (types, NOT NULL) without key, unique or foreign-key
    constraints: its key indexes cost more than the load they guard (10M external ids: 22.6 s
    and 749 MB with the composite key, 7.7 s and 53 MB without) and must fit in memory while
    a write commits, and it cannot replace a referenced table. Every writer checks the keys
    it writes (the import's schema rules; the data tests for the demo); PostgreSQL enforces
    them too."""
    tables = all_tables()
    if drop_first:
        rls.remove(conn)  # PostgreSQL: policies that read orders would block its drop
        for table in reversed(tables):
            conn.execute(sa.schema.DropTable(table, if_exists=True))
    for table in tables:
        create_table(conn, table, if_not_exists=not drop_first)


def create_table(conn: sa.Connection, table: sa.Table, if_not_exists: bool = False) -> None:
    """CREATE TABLE in the dialect's form (see create_schema; ClickHouse: its own types and
    the table's MergeTree layout, cockpit.warehouse.clickhouse)."""
    if clickhouse.is_clickhouse(conn):
        clickhouse.create_table(conn, table, if_not_exists=if_not_exists)
        return
    plain = conn.dialect.name == "duckdb"
    conn.execute(sa.schema.CreateTable(_unconstrained(table) if plain else table,
                                       if_not_exists=if_not_exists))


def add_column(conn: sa.Connection, table: sa.Table, column: sa.Column) -> None:
    """ALTER TABLE `table` ADD COLUMN `column` (nullable: the rows it holds get null)."""
    if clickhouse.is_clickhouse(conn):
        clickhouse.add_column(conn, table, column)
        return
    kind = column.type.compile(dialect=conn.dialect)
    conn.execute(sa.text(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'))


def _unconstrained(table: sa.Table) -> sa.Table:
    """The table's columns (type, nullability, comment) without constraints."""
    columns = [sa.Column(c.name, c.type, nullable=c.nullable, comment=c.comment,
                         autoincrement=False) for c in table.columns]
    return sa.Table(table.name, sa.MetaData(), *columns, comment=table.comment)


def _ordered_columns(table: sa.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's columns in schema order; a nullable column it lacks is all null."""
    names = [c.name for c in table.columns]
    absent = {c.name: None for c in table.columns if c.nullable and c.name not in frame.columns}
    frame = frame.assign(**absent) if absent else frame
    missing = [n for n in names if n not in frame.columns]
    extra = [n for n in frame.columns if n not in names]
    if missing or extra:
        raise ValueError(f"{table.name}: frame columns differ from the schema "
                         f"(missing {missing}, unexpected {extra})")
    return _coerce_integers(table, frame[names])


def _coerce_integers(table: sa.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Integer columns as nullable Int64, so a column with nulls never travels as floats."""
    out = frame.copy(deep=False)
    for col in table.columns:
        if isinstance(col.type, sa.Integer) and out[col.name].dtype != "int64":
            out[col.name] = out[col.name].astype("Int64")
    return out


def _append_duckdb(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    raw = conn.connection.driver_connection
    view = f"_load_{table.name}"
    raw.register(view, frame)
    try:
        raw.execute(f'INSERT INTO "{table.name}" SELECT * FROM "{view}"')
    finally:
        raw.unregister(view)


def _append_postgres(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    def chunks() -> Iterator[str]:
        for start in range(0, len(frame), PG_COPY_CHUNK_ROWS):
            buf = io.StringIO()
            frame.iloc[start:start + PG_COPY_CHUNK_ROWS].to_csv(
                buf, header=False, index=False, na_rep="\\N", date_format="%Y-%m-%d %H:%M:%S"
            )
            yield buf.getvalue()

    copy_csv(conn, table.name, list(frame.columns), chunks(), "(FORMAT csv, NULL '\\N')")


def copy_csv(conn: sa.Connection, name: str, columns: list[str], chunks: Iterable[str],
             options: str = "(FORMAT csv)") -> None:
    """COPY the CSV text `chunks` (columns `columns`, COPY `options`) into PostgreSQL table
    `name`, in the caller's transaction. PostgreSQL refuses COPY FROM into a table whose
    row-level security binds the writer (its owner, under FORCE ROW LEVEL SECURITY: rls):
    there the rows go through a temporary table and INSERT ... SELECT."""
    names = ", ".join(f'"{c}"' for c in columns)
    with conn.connection.driver_connection.cursor() as cur:
        cur.execute("SELECT row_security_active(%s)", [name])
        staged = cur.fetchone()[0]
        target = f'"cockpit_copy_{name}"' if staged else f'"{name}"'
        if staged:
            cur.execute(f'CREATE TEMP TABLE {target} (LIKE "{name}") ON COMMIT DROP')
        with cur.copy(f"COPY {target} ({names}) FROM STDIN {options}") as copy:
            for chunk in chunks:
                copy.write(chunk)
        if staged:
            cur.execute(f'INSERT INTO "{name}" ({names}) SELECT {names} FROM {target}')
            cur.execute(f"DROP TABLE {target}")


def _append_generic(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for start in range(0, len(records), 10_000):
        conn.execute(table.insert(), records[start:start + 10_000])


def append_frame(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Append `frame` (columns exactly as the schema) to `table` inside the caller's
    transaction, with the dialect's bulk path."""
    frame = _ordered_columns(table, frame)
    if frame.empty:
        return
    dialect = conn.dialect.name
    if dialect == "duckdb":
        _append_duckdb(conn, table, frame)
    elif dialect == "postgresql" and conn.dialect.driver == "psycopg":
        _append_postgres(conn, table, frame)
    elif clickhouse.is_clickhouse(conn):
        clickhouse.append_frame(conn, table, frame)
    else:
        _append_generic(conn, table, frame)


def table_by_name(name: str) -> sa.Table:
    if name in METADATA.tables:
        return METADATA.tables[name]
    return TRUTH_METADATA.tables[name]


def replace_all(engine: sa.Engine, frames: Mapping[str, pd.DataFrame],
                progress: ProgressFn | None = None,
                derive: Callable[[sa.Connection], object] | None = None) -> None:
    """Drop and recreate the schema, load `frames` and run `derive` on the result (the demo
    build derives the marts: cockpit.marts), all in one transaction. ClickHouse has no
    transactions: there the same steps run in a staging database whose tables are then
    swapped in (cockpit.warehouse.clickhouse.replace_all)."""
    def load(conn: sa.Connection) -> None:
        _load_frames(conn, frames, progress)
        if derive is not None:
            derive(conn)

    if clickhouse.is_clickhouse(engine):
        clickhouse.replace_all(engine, all_tables(), load)
        return
    with engine.begin() as conn:
        create_schema(conn)
        load(conn)


def delete_all(conn: sa.Connection, table: sa.Table) -> None:
    """DELETE every row of `table`, in the caller's transaction."""
    if clickhouse.is_clickhouse(conn):
        clickhouse.delete_all(conn, table)
        return
    conn.execute(table.delete())


def update_from(conn: sa.Connection, table: sa.Table, source: sa.Subquery, key: str,
                values: Mapping[str, sa.ColumnElement]) -> None:
    """UPDATE `table` SET `values` (expressions over `source`) FROM `source` WHERE their
    `key` columns match, in the caller's transaction (ClickHouse: the table rebuilt)."""
    if clickhouse.is_clickhouse(conn):
        clickhouse.update_from(conn, table, source, key, values)
        return
    conn.execute(table.update().where(table.c[key] == source.c[key]).values(dict(values)))


def delete_where(conn: sa.Connection, table: sa.Table, condition: sa.ColumnElement) -> int:
    """DELETE the rows of `table` matching `condition`; how many were deleted."""
    if clickhouse.is_clickhouse(conn):
        return clickhouse.delete_where(conn, table, condition)
    return conn.execute(table.delete().where(condition)).rowcount


@contextmanager
def removed_on_failure(conn: sa.Connection, tables: Iterable[sa.Table], column: str,
                       value: object) -> Iterator[None]:
    """If the block fails on ClickHouse, which has no transaction to roll back, delete the
    rows of `tables` whose `column` is `value` (what the block appended); elsewhere the
    caller's transaction undoes them."""
    if not clickhouse.is_clickhouse(conn):
        yield
        return
    try:
        yield
    except Exception:
        for table in tables:
            delete_where(conn, table, table.c[column] == value)
        raise


def head_order(conn: sa.Connection, head: tuple[sa.Table, pd.DataFrame],
               parts: Iterable[tuple[sa.Table, pd.DataFrame]]
               ) -> list[tuple[sa.Table, pd.DataFrame]]:
    """The order to append a `head` row and the `parts` that refer to it: head first where
    a transaction hides them all until commit (and foreign keys want the head first); on
    ClickHouse head last, since readers find the parts through it and see each append as
    it lands."""
    if clickhouse.is_clickhouse(conn):
        return [*parts, head]
    return [head, *parts]


def all_tables() -> list[sa.Table]:
    """Every table a load writes: the schema's and the demo's truth tables."""
    return list(METADATA.sorted_tables) + list(TRUTH_METADATA.sorted_tables)


def _load_frames(conn: sa.Connection, frames: Mapping[str, pd.DataFrame],
                 progress: ProgressFn | None) -> None:
    total = len(frames)
    for i, (name, frame) in enumerate(frames.items(), start=1):
        if progress:
            progress(name, i, total)
        append_frame(conn, table_by_name(name), frame)


def replace_from_select(conn: sa.Connection, table: sa.Table, definition: sa.Select) -> None:
    """Replace every row of `table` by the rows of `definition` (its columns named as the
    table's), inside the caller's transaction; on ClickHouse, which has none, through a
    staging table swapped in at once (cockpit.warehouse.clickhouse)."""
    if clickhouse.is_clickhouse(conn):
        clickhouse.replace_from_select(conn, table, definition)
        return
    delete_all(conn, table)
    columns = [c.name for c in definition.selected_columns]
    conn.execute(table.insert().from_select(columns, definition))
