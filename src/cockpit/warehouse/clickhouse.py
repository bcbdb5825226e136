"""ClickHouse as the warehouse (a server, or chDB in process through clickhouse-connect's
SQLAlchemy dialect, URL `clickhousedb:///DB?interface=chdb&path=DIR`).

ClickHouse needs three things the other dialects do not:
- a table engine per table: MergeTree with the ORDER BY and PARTITION BY of `LAYOUTS`,
  declared here beside the schema (tests/test_clickhouse.py checks every table has one);
- column types of its own: a nullable column must be declared Nullable(...), or a NULL
  arrives as 0 or '' (`clickhouse_table`);
- another way to write all or nothing, since it has no transactions: a load writes every
  table into a staging database and swaps each one in with EXCHANGE TABLES (atomic per
  table in an Atomic database); a load that fails before the swap leaves the old tables,
  and a swap that fails half-way swaps the tables it moved back (`replace_all`). A mart is
  rebuilt the same way, in a staging table beside it (`replace_from_select`).

An import or undo (cockpit.ingest.writer) works on a staging copy of every table, its data
parts hard-linked rather than rewritten (`staged`), and swaps them all in at the end; an
UPDATE ... FROM, which ClickHouse lacks, rebuilds the table (`update_from`). A forecast run
(cockpit.forecast.store) appends its points first and its run row last, so a reader, which
finds runs through that row, never sees half a run; a failed run deletes what it wrote.

Every connection runs with the settings of `CONNECTION_SETTINGS`, so that NULLs behave as in
standard SQL (an outer join's missing side, a CAST of NULL, a SUM over no rows).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

DIALECT = "clickhousedb"
# Standard NULL semantics: an outer join's missing side, a CAST of NULL and an aggregate
# over no rows (SUM, MAX, AVG; not COUNT) are NULL, not the type's default or an error.
CONNECTION_SETTINGS: dict[str, int] = {"join_use_nulls": 1, "cast_keep_nullable": 1,
                                       "aggregate_functions_null_for_empty": 1}
STAGING_SUFFIX = "__building"  # staging database: the warehouse's name plus this
MART_STAGING_SUFFIX = "__new"  # a mart's staging table beside it


class BusyError(RuntimeError):
    """Another writer's staging database is in the way."""


@dataclass(frozen=True)
class Layout:
    """A MergeTree table's sort key (`order_by`, non-nullable columns) and, for the large
    dated fact tables, its partition expression."""

    order_by: tuple[str, ...]
    partition_by: str | None = None


def _monthly(column: str) -> str:
    return f"toYYYYMM({column})"


LAYOUTS: dict[str, Layout] = {
    "cities": Layout(("city",)),
    "customers": Layout(("customer_id",)),
    "marketing_spend": Layout(("spend_date", "channel")),
    "products": Layout(("product_id",)),
    "live_sessions": Layout(("live_session_id",)),
    "live_minutes": Layout(("live_session_id", "minute_index"), _monthly("minute_at")),
    "stores": Layout(("store_id",)),
    "store_visits": Layout(("store_id", "visited_at", "visit_id"), _monthly("visited_at")),
    "warehouses": Layout(("warehouse_id",)),
    "inventory_daily": Layout(("warehouse_id", "product_id", "snapshot_date"),
                              _monthly("snapshot_date")),
    "orders": Layout(("order_date", "order_id"), _monthly("order_date")),
    "order_items": Layout(("order_id", "line_number")),
    "reviews": Layout(("product_id", "review_id")),
    "service_tickets": Layout(("opened_at", "ticket_id")),
    "shipments": Layout(("shipment_id",), _monthly("shipped_at")),
    "cold_chain_readings": Layout(("shipment_id", "read_at"), _monthly("read_at")),
    "emission_factors": Layout(("factor_id",)),
    "warehouse_info": Layout(("key",)),
    "external_ids": Layout(("entity", "platform", "external_id")),
    "order_revisions": Layout(("order_id", "import_id")),
    "monthly_targets": Layout(("month", "channel")),
    "customer_facts": Layout(("customer_id",)),
    "shipment_co2e": Layout(("order_date", "shipment_id"), _monthly("order_date")),
    "forecast_runs": Layout(("run_id",)),
    "forecast_points": Layout(("run_id", "series_key", "ds")),
    "forecast_metrics": Layout(("run_id", "series_key", "metric", "model")),
    "truth_customers": Layout(("customer_id",)),
    "truth_effects": Layout(("effect",)),
    "truth_events": Layout(("event",)),
}


def is_clickhouse(conn: sa.Connection | sa.Engine) -> bool:
    return conn.dialect.name == DIALECT


def is_clickhouse_url(url: str) -> bool:
    return make_url(url).get_backend_name() == DIALECT


def embedded_path(url: str) -> Path | None:
    """chDB's data folder when `url` runs ClickHouse in process, else None."""
    query = make_url(url).query
    if query.get("interface") != "chdb" or not query.get("path"):
        return None
    return Path(query["path"])


def create_engine(url: str | sa.URL, **kw) -> sa.Engine:
    """An engine on a ClickHouse warehouse: every connection with `CONNECTION_SETTINGS`,
    and `/` compiled as it is, since ClickHouse divides integers exactly (1 / 2 = 0.5).
    SQLAlchemy's default casts the divisor to NUMERIC, which ClickHouse reads as
    Decimal(10, 0): it rounds the divisor and fails on a NULLIF's NULL."""
    folder = embedded_path(str(url))
    if folder is not None:
        _keep_running(folder)
    connect_args = {**CONNECTION_SETTINGS, **kw.pop("connect_args", {})}
    engine = sa.create_engine(url, connect_args=connect_args, **kw)
    engine.dialect.div_is_floordiv = False
    return engine


_held: dict[str, object] = {}  # chDB folder -> the handle that keeps its engine running
_held_lock = threading.Lock()


def _keep_running(folder: Path) -> None:
    """Hold one chDB handle on `folder` for the life of the process. chDB stops its engine
    when the last handle closes and starts it again on the next connect, and every restart
    leaves about 5 threads and 15 open files behind: a process that opens and disposes
    engines (the app, a test session) ran out of file descriptors and hung. A handle held on
    another folder is closed first, since chDB runs one folder per process."""
    import chdb  # the ClickHouse engine in process: loaded only when a chDB URL is used

    key = os.path.realpath(folder)
    with _held_lock:
        if key in _held:
            return
        for other in list(_held):
            _held.pop(other).close()
        _held[key] = chdb.connect(key)


def release(url: str) -> None:
    """Close the handle this process holds on `url`'s chDB folder, so that another process
    can open it once this one has disposed its engines (chDB: one process per folder)."""
    folder = embedded_path(url)
    if folder is None:
        return
    with _held_lock:
        held = _held.pop(os.path.realpath(folder), None)
    if held is not None:
        held.close()


# ---------------------------------------------------------------------------- tables


def _base_type(type_: sa.types.TypeEngine) -> str:
    """The ClickHouse type of a schema column type (without Nullable)."""
    if isinstance(type_, sa.SmallInteger):
        return "Int16"
    if isinstance(type_, sa.BigInteger):
        return "Int64"
    if isinstance(type_, sa.Integer):
        return "Int32"
    if isinstance(type_, sa.Boolean):
        return "Bool"
    if isinstance(type_, sa.Float):  # sa.Double too
        return "Float64"
    if isinstance(type_, sa.Numeric):
        return f"Decimal({type_.precision or 18}, {type_.scale or 0})"
    if isinstance(type_, sa.DateTime):
        return "DateTime64(6)"
    if isinstance(type_, sa.Date):
        return "Date32"
    if isinstance(type_, sa.String):
        return "String"
    raise TypeError(f"no ClickHouse type for {type_!r}")


def column_type_name(column: sa.Column) -> str:
    """The ClickHouse type of a schema column, Nullable when the column is."""
    base = _base_type(column.type)
    return f"Nullable({base})" if column.nullable else base


def _engine_of(name: str):
    from clickhouse_connect.cc_sqlalchemy.ddl.tableengine import MergeTree

    layout = LAYOUTS[name]
    order_by = layout.order_by[0] if len(layout.order_by) == 1 else \
        "(" + ", ".join(layout.order_by) + ")"
    return MergeTree(order_by=order_by, partition_by=layout.partition_by)


def clickhouse_table(table: sa.Table, name: str | None = None) -> sa.Table:
    """`table` as ClickHouse creates it (called `name`, default its own): ClickHouse column
    types, the layout of `LAYOUTS`, comments kept, no constraints (ClickHouse has none)."""
    from clickhouse_connect.cc_sqlalchemy.datatypes.base import sqla_type_from_name

    columns = [sa.Column(c.name, sqla_type_from_name(column_type_name(c)),
                         nullable=c.nullable, comment=c.comment, autoincrement=False)
               for c in table.columns]
    return sa.Table(name or table.name, sa.MetaData(), *columns, _engine_of(table.name),
                    comment=table.comment)


def create_table(conn: sa.Connection, table: sa.Table, if_not_exists: bool = False,
                 name: str | None = None) -> None:
    """CREATE TABLE `table` (as `name`) in the connection's database."""
    conn.execute(sa.schema.CreateTable(clickhouse_table(table, name),
                                       if_not_exists=if_not_exists))


def quote(conn: sa.Connection, *names: str) -> str:
    """A dotted, quoted identifier: quote(conn, "db", "orders") -> `db`.`orders`."""
    preparer = conn.dialect.identifier_preparer
    return ".".join(preparer.quote_identifier(n) for n in names)


def database_of(conn: sa.Connection) -> str:
    return conn.execute(sa.text("SELECT currentDatabase()")).scalar_one()


# ---------------------------------------------------------------------------- writing


def append_frame(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Insert `frame` (schema columns, in order) into `table` with the client's columnar
    insert, in the connection's database."""
    client = conn.connection.driver_connection.client
    client.insert_df(table.name, _timestamps(table, frame), database=database_of(conn))


def _timestamps(table: sa.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Timestamp columns that hold Python dates or text as pandas timestamps (the client
    serialises a DateTime64 column from timestamps only)."""
    stamped = {c.name: pd.to_datetime(frame[c.name]) for c in table.columns
               if isinstance(c.type, sa.DateTime) and c.name in frame
               and not pd.api.types.is_datetime64_any_dtype(frame[c.name])}
    return frame.assign(**stamped) if stamped else frame


def delete_all(conn: sa.Connection, table: sa.Table) -> None:
    """Remove every row of `table` (ClickHouse's DELETE needs a WHERE)."""
    conn.execute(sa.text(f"TRUNCATE TABLE {quote(conn, table.name)}"))


def add_column(conn: sa.Connection, table: sa.Table, column: sa.Column) -> None:
    """ALTER TABLE ... ADD COLUMN in ClickHouse's types (Nullable when the column is)."""
    conn.execute(sa.text(f"ALTER TABLE {quote(conn, table.name)} ADD COLUMN "
                         f"{quote(conn, column.name)} {column_type_name(column)}"))


def replace_from_select(conn: sa.Connection, table: sa.Table, definition: sa.Select) -> None:
    """Replace `table`'s rows by `definition`'s: written to a staging table beside it, then
    swapped in with EXCHANGE TABLES, so readers see the old rows or the new, never none."""
    staging = table.name + MART_STAGING_SUFFIX
    target, staged = quote(conn, table.name), quote(conn, staging)
    conn.execute(sa.text(f"DROP TABLE IF EXISTS {staged} SYNC"))
    create_table(conn, table, name=staging)
    create_table(conn, table, if_not_exists=True)
    try:
        columns = [c.name for c in definition.selected_columns]
        conn.execute(sa.table(staging, *(sa.column(c) for c in columns))
                     .insert().from_select(columns, definition))
        conn.execute(sa.text(f"EXCHANGE TABLES {staged} AND {target}"))
    finally:
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {staged} SYNC"))


def update_from(conn: sa.Connection, table: sa.Table, source: sa.Subquery, key: str,
                values: Mapping[str, sa.ColumnElement]) -> None:
    """UPDATE `table` SET `values` FROM `source` WHERE the `key` columns match, as
    ClickHouse can (it has no UPDATE ... FROM): the table rebuilt from itself left-joined
    to `source` (`replace_from_select`), so readers see every old value or every new one."""
    matched = source.c[key].is_not(None)  # join_use_nulls: NULL where nothing matched
    columns = [sa.case((matched, values[c.name]), else_=c).label(c.name) if c.name in values
               else c for c in table.columns]
    replace_from_select(conn, table, sa.select(*columns).select_from(
        table.outerjoin(source, table.c[key] == source.c[key])))


def delete_where(conn: sa.Connection, table: sa.Table, condition: sa.ColumnElement) -> int:
    """DELETE the rows of `table` matching `condition` (a lightweight delete); the number
    deleted, counted first, since ClickHouse does not report it."""
    count = conn.execute(sa.select(sa.func.count()).select_from(table).where(condition))
    deleted = int(count.scalar_one())
    if deleted:
        conn.execute(table.delete().where(condition))
    return deleted


def create_database(engine: sa.Engine, name: str | None = None,
                    exclusive: bool = False) -> None:
    """CREATE DATABASE `name` (default: the engine's own) as Atomic, if it does not exist
    (`exclusive`: fail if it does). Runs on the server's default database, since the
    engine's may not exist yet."""
    name = name or engine.url.database or "default"
    with _engine_on(engine, "default") as other, other.connect() as conn:
        if exclusive and _has_database(conn, name):
            raise BusyError(f"database {name} exists: another load is writing. If none is, "
                            f"drop it (DROP DATABASE `{name}`) and load again")
        conn.execute(sa.text(f"CREATE DATABASE IF NOT EXISTS {quote(conn, name)} "
                             "ENGINE = Atomic"))


def database_exists(engine: sa.Engine) -> bool:
    """Whether the engine's database exists (connecting to a missing one fails)."""
    with _engine_on(engine, "default") as other, other.connect() as conn:
        return _has_database(conn, engine.url.database or "default")


def _has_database(conn: sa.Connection, name: str) -> bool:
    return bool(conn.execute(sa.text("SELECT count() FROM system.databases WHERE name = :name"),
                             {"name": name}).scalar_one())


def drop_database(engine: sa.Engine, name: str) -> None:
    with _engine_on(engine, "default") as other, other.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {quote(conn, name)} SYNC"))


@contextmanager
def _engine_on(engine: sa.Engine, database: str) -> Iterator[sa.Engine]:
    """An engine like `engine` on another database of the same server (chDB: same path)."""
    other = create_engine(engine.url.set(database=database))
    try:
        yield other
    finally:
        other.dispose()


def replace_all(engine: sa.Engine, tables: list[sa.Table],
                load: Callable[[sa.Connection], None]) -> None:
    """Create `tables` empty in a fresh staging database, run `load` there, then swap every
    table in (`staged`). A failure before the swap leaves the warehouse as it was."""
    with staged(engine, tables, copy=False) as conn:
        load(conn)


@contextmanager
def staged(engine: sa.Engine, tables: list[sa.Table], copy: bool,
           stale_ok: bool = True) -> Iterator[sa.Connection]:
    """A connection on a staging database that holds `tables` (with the warehouse's rows
    when `copy`, else empty); when the block ends without error, every table is swapped
    into the engine's database with EXCHANGE TABLES, and the old ones are dropped with the
    staging database. Until then readers see the old tables; an error swaps nothing.
    A staging database left by another writer is dropped when `stale_ok` (the caller
    holds the writer lock), else refused: two writers at once would lose one's rows."""
    create_database(engine)
    target = engine.url.database or "default"
    staging = target + STAGING_SUFFIX
    if stale_ok:
        drop_database(engine, staging)
    create_database(engine, staging, exclusive=not stale_ok)
    try:
        with _engine_on(engine, staging) as building, building.connect() as conn:
            for table in tables:
                create_table(conn, table)
            if copy:
                _copy_rows(conn, tables, target)
            yield conn
        with engine.connect() as conn:
            _swap_in(conn, [t.name for t in tables], staging, target)
    finally:
        drop_database(engine, staging)


def _structures(conn: sa.Connection, database: str) -> dict[str, tuple]:
    """One entry per table of `database`: its columns (name, type, in order), sort key and
    partition key, which must all match for its parts to be attached to another table."""
    columns = conn.execute(sa.text(
        "SELECT table, groupArray((name, type)) FROM (SELECT table, name, type "
        "FROM system.columns WHERE database = :db ORDER BY table, position) GROUP BY table"),
        {"db": database}).all()
    keys = dict(((name, (sort, part)) for name, sort, part in conn.execute(sa.text(
        "SELECT name, sorting_key, partition_key FROM system.tables WHERE database = :db"),
        {"db": database}).all()))
    return {name: (tuple(map(tuple, cols)), keys.get(name)) for name, cols in columns}


def _copy_rows(conn: sa.Connection, tables: list[sa.Table], source: str) -> None:
    """Copy the rows of `tables` that database `source` holds into the connection's
    database: a table's data parts hard-linked (ATTACH PARTITION ALL FROM, no rows
    rewritten) when both have the same structure, else the columns both have, row by row
    (an older warehouse)."""
    there, here = _structures(conn, source), _structures(conn, database_of(conn))
    for table in tables:
        if table.name not in there:
            continue
        target, origin = quote(conn, table.name), quote(conn, source, table.name)
        if here[table.name] == there[table.name]:
            conn.execute(sa.text(f"ALTER TABLE {target} ATTACH PARTITION ALL FROM {origin}"))
            continue
        names = ", ".join(quote(conn, name) for name, _ in there[table.name][0]
                          if name in table.c)
        conn.execute(sa.text(f"INSERT INTO {target} ({names}) SELECT {names} FROM {origin}"))


def _swap_in(conn: sa.Connection, names: list[str], staging: str, target: str) -> None:
    """EXCHANGE each staged table with the target's (created like it first when missing);
    on a failure, the tables already exchanged are exchanged back."""
    for name in names:
        conn.execute(sa.text(f"CREATE TABLE IF NOT EXISTS {quote(conn, target, name)} "
                             f"AS {quote(conn, staging, name)}"))
    done: list[str] = []
    try:
        for name in names:
            _exchange(conn, staging, target, name)
            done.append(name)
    except Exception:
        log.exception("swap failed after %d of %d tables; swapping them back",
                      len(done), len(names))
        for name in reversed(done):
            _exchange(conn, staging, target, name)
        raise


def _exchange(conn: sa.Connection, staging: str, target: str, name: str) -> None:
    conn.execute(sa.text(f"EXCHANGE TABLES {quote(conn, staging, name)} AND "
                         f"{quote(conn, target, name)}"))
