"""All-or-nothing writes into the warehouse for imports and undos. On a server (PostgreSQL)
one transaction, so readers see the old data until the commit. For the embedded DuckDB file
the write goes to a staging copy beside it, renamed over the file once complete: a running
app keeps reading the old file and never waits for the writer. One writer at a time
(a lock file beside the warehouse)."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import sqlalchemy as sa

from cockpit.ingest.problems import IngestError, Problem
from cockpit.marts import refresh_marts
from cockpit.warehouse import clickhouse, rls
from cockpit.warehouse.engine import building_marker, is_embedded_file, write_engine
from cockpit.warehouse.load import add_column, all_tables, create_schema
from cockpit.warehouse.schema import METADATA
from cockpit.warehouse.sql import current_schema, lock_writers


@contextmanager
def writer_lock(path: Path) -> Iterator[None]:
    """Hold the warehouse's writer lock (blocks while another import or undo writes)."""
    lock = path.with_name(path.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def write_transaction(url: str, fresh: bool = False) -> Iterator[sa.Connection]:
    """A connection in one transaction that commits when the block ends without error,
    after the marts are derived again from what the block wrote (cockpit.marts).
    `fresh` starts from an empty warehouse (replacing demo data); the schema is created
    where it is missing."""
    if clickhouse.is_clickhouse_url(url):
        yield from _staged_clickhouse(url, fresh)
        return
    path = is_embedded_file(url)
    if path is None:
        engine = write_engine(url)
        try:
            with engine.begin() as conn:
                lock_writers(conn)
                _prepare(conn, fresh)
                yield conn
                refresh_marts(conn)
                rls.install_for_app(conn)  # PostgreSQL: recreated tables lost their policies
        finally:
            engine.dispose()
        return
    with writer_lock(path):
        yield from _staged(path, fresh)


def _staged(path: Path, fresh: bool) -> Iterator[sa.Connection]:
    staging = building_marker(path).with_suffix(".import")
    staging.unlink(missing_ok=True)
    if path.exists() and not fresh:
        shutil.copyfile(path, staging)
    engine = write_engine(f"duckdb:///{staging}")
    try:
        with engine.begin() as conn:
            _prepare(conn, fresh)
            yield conn
            refresh_marts(conn)
        engine.dispose()
        os.replace(staging, path)
    finally:
        engine.dispose()
        staging.unlink(missing_ok=True)
        for leftover in staging.parent.glob(staging.name + ".wal"):
            leftover.unlink(missing_ok=True)


def _staged_clickhouse(url: str, fresh: bool) -> Iterator[sa.Connection]:
    """ClickHouse has no transactions: the block writes into a staging copy of every table,
    swapped in once the marts are derived (cockpit.warehouse.clickhouse.staged). chDB's
    folder takes the writer lock; on a server a second writer finds the staging database
    and is refused."""
    folder = clickhouse.embedded_path(url)
    engine = write_engine(url)
    try:
        with writer_lock(folder) if folder else nullcontext(), \
                clickhouse.staged(engine, all_tables(), copy=not fresh,
                                  stale_ok=folder is not None) as conn:
            yield conn
            refresh_marts(conn)
    except clickhouse.BusyError as busy:
        raise IngestError([Problem(rule="warehouse_busy", message=str(busy),
                                   hint="wait for the other load to finish")]) from None
    finally:
        engine.dispose()


def _prepare(conn: sa.Connection, fresh: bool) -> None:
    """Every table present: a fresh warehouse gets the whole schema (dropping what was there)."""
    present = set(sa.inspect(conn).get_table_names())
    if fresh or not set(METADATA.tables) <= present:
        create_schema(conn, drop_first=fresh)
    if not fresh:
        _add_missing_columns(conn)


def _add_missing_columns(conn: sa.Connection) -> None:
    """A warehouse built before a nullable column joined the schema (the import_id of the
    domain tables) gains it; the rows it holds get null there."""
    have = present_columns(conn)
    for table in METADATA.tables.values():
        for column in table.columns:
            if column.nullable and column.name not in have.get(table.name, ()):
                add_column(conn, table, column)


def present_columns(conn: sa.Connection) -> dict[str, set[str]]:
    """Column names per table of the warehouse's schema, as the database has them."""
    rows = conn.execute(sa.text(
        "SELECT table_name, column_name FROM information_schema.columns "
        f"WHERE table_schema = {current_schema(conn)}")).all()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found
