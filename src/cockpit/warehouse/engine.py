"""Engines for reading and writing the warehouse, and the errors a page can explain.

The app only reads. For the embedded DuckDB file it opens a short-lived read-only
connection per use (NullPool), so it never holds the file between page runs and a writing
job (`python -m cockpit demo`, a forecast run) can always take the write lock.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from cockpit.config import db_url
from cockpit.warehouse.schema import REQUIRED_TABLES

log = logging.getLogger(__name__)


class WarehouseError(RuntimeError):
    """A warehouse problem a page can explain; `code` selects the message shown."""

    code = "warehouse_error"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.code)
        self.detail = detail


class WarehouseMissing(WarehouseError):
    """The warehouse file or some of its tables do not exist."""

    code = "warehouse_missing"

    def __init__(self, detail: str = "", missing: tuple[str, ...] = ()) -> None:
        super().__init__(detail)
        self.missing = missing


class WarehouseUnreachable(WarehouseError):
    """The database server cannot be reached or refuses the login."""

    code = "warehouse_unreachable"


class WarehouseBusy(WarehouseError):
    """A writing job holds the embedded file; retrying in a moment works."""

    code = "warehouse_busy"


def is_embedded_file(url: str) -> Path | None:
    """The file path when `url` is a DuckDB file, else None."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "duckdb":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return None
    return Path(database)


def read_engine(url: str | None = None) -> sa.Engine:
    """An engine the app reads through (read-only, short-lived connections for DuckDB)."""
    url = url or db_url()
    path = is_embedded_file(url)
    if path is None:
        return sa.create_engine(url, pool_pre_ping=True)
    return sa.create_engine(
        url, poolclass=sa.pool.NullPool, connect_args={"read_only": True}
    )


def write_engine(url: str | None = None) -> sa.Engine:
    """An engine for writing jobs (the CLI)."""
    url = url or db_url()
    if is_embedded_file(url) is None:
        return sa.create_engine(url)
    return sa.create_engine(url, poolclass=sa.pool.NullPool)


# Messages as the drivers word them (DuckDB 2.0, PostgreSQL 15 via psycopg 3).
_MISSING_PATTERNS = (
    r"no such file",
    r"cannot open file",
    r"database does not exist",  # DuckDB: read-only open of a missing file
    r"table with name \S+ does not exist",  # DuckDB catalog error
    r'relation "[^"]+" does not exist',  # PostgreSQL: missing table
    r'database "[^"]+" does not exist',  # PostgreSQL: missing database
)


def _classify(exc: BaseException) -> WarehouseError | None:
    text = str(exc)
    lowered = text.lower()
    if "could not set lock" in lowered or "conflicting lock" in lowered:
        return WarehouseBusy(text)
    if any(re.search(pattern, lowered) for pattern in _MISSING_PATTERNS):
        return WarehouseMissing(text)
    unreachable = ("connection refused", "could not connect", "connection failed",
                   "password authentication failed", "could not translate host name",
                   "timeout expired", "name or service not known")
    if any(marker in lowered for marker in unreachable):
        return WarehouseUnreachable(text)
    return None


@contextmanager
def explained_errors():
    """Re-raise driver errors as the WarehouseError a page can explain."""
    try:
        yield
    except WarehouseError:
        raise
    except Exception as exc:  # drivers raise their own types; classify by message
        mapped = _classify(exc)
        if mapped is None:
            raise
        raise mapped from exc


@contextmanager
def connect(engine: sa.Engine):
    """A connection whose connect-time and query errors arrive as WarehouseError."""
    path = is_embedded_file(str(engine.url))
    if path is not None and not path.exists():
        raise WarehouseMissing(str(path))
    with explained_errors(), engine.connect() as conn:
        yield conn


def missing_tables(conn: sa.Connection) -> tuple[str, ...]:
    present = set(sa.inspect(conn).get_table_names())
    return tuple(t for t in REQUIRED_TABLES if t not in present)


def check_warehouse(engine: sa.Engine) -> None:
    """Raise a WarehouseError unless the warehouse is reachable and holds every table."""
    with connect(engine) as conn:
        missing = missing_tables(conn)
    if missing:
        raise WarehouseMissing(", ".join(missing), missing=missing)


def building_marker(path: Path) -> Path:
    """The file a demo build writes to before it replaces `path` in one rename."""
    return path.with_name(path.name + ".building")


def is_rebuilding(url: str | None = None) -> bool:
    """True while a demo build for the embedded file is under way: its `.building` file
    exists and a live writer holds its lock. A file left by a killed build is not a build."""
    path = is_embedded_file(url or db_url())
    return path is not None and _held_by_writer(building_marker(path))


def _held_by_writer(path: Path) -> bool:
    if not path.exists():
        return False
    import duckdb

    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.Error as exc:
        lowered = str(exc).lower()
        return "could not set lock" in lowered or "conflicting lock" in lowered
    return False  # openable: nobody is writing it
