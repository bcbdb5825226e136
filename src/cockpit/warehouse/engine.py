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

from cockpit.warehouse import clickhouse
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


class WarehouseCorrupt(WarehouseError):
    """The embedded DuckDB path exists but is no readable warehouse. `reason` says why:
    "empty" (0 bytes), "folder" (a directory), "not_duckdb" (another kind of file) or
    "damaged" (a DuckDB file that cannot be read: truncated, bad checksums). `detail` keeps
    the driver's text for the log; pages and the CLI show `path` and `reason`."""

    code = "warehouse_corrupt"
    REASONS = ("empty", "folder", "not_duckdb", "damaged")

    def __init__(self, path: str | Path, reason: str, detail: str = "") -> None:
        if reason not in self.REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        super().__init__(detail or f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def summary(exc: BaseException) -> str:
    """A driver error's first line without SQLAlchemy's "(module.Class) " prefix and its
    "(Background on this error ...)" footer: one line for a caption or a terminal."""
    text = str(getattr(exc, "detail", "") or exc)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return re.sub(r"^\([\w.]+\)\s*", "", first)


def is_embedded_file(url: str) -> Path | None:
    """The file path when `url` is a DuckDB file, else None."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "duckdb":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return None
    return Path(database)


def is_missing(url: str) -> bool:
    """Whether the warehouse `url` names is not there yet: no DuckDB file, no ClickHouse
    database (a PostgreSQL database is made by its administrator, not by a load)."""
    path = is_embedded_file(url)
    if path is not None:
        return not path.exists()
    if clickhouse.is_clickhouse_url(url):
        engine = clickhouse.create_engine(url)
        try:
            return not clickhouse.database_exists(engine)
        finally:
            engine.dispose()
    return False


def read_engine(url: str) -> sa.Engine:
    """An engine the app reads through (read-only, short-lived connections for DuckDB)."""
    if clickhouse.is_clickhouse_url(url):
        return clickhouse.create_engine(url, pool_pre_ping=True)
    path = is_embedded_file(url)
    if path is None:
        return sa.create_engine(url, pool_pre_ping=True)
    return sa.create_engine(
        url, poolclass=sa.pool.NullPool, connect_args={"read_only": True}
    )


def write_engine(url: str) -> sa.Engine:
    """An engine for writing jobs (the CLI)."""
    if clickhouse.is_clickhouse_url(url):
        return clickhouse.create_engine(url)
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
    r"\(unknown_table\)",  # ClickHouse: missing table
    r"\(unknown_database\)",  # ClickHouse: missing database
)


# DuckDB 2.0 on a path that holds no readable database (the file is checked first, see
# `file_problem`; these catch what the header check cannot see and queries on a bad block).
_CORRUPT_PATTERNS = (
    r"not a valid duckdb database file",
    r"could not read enough bytes from file",
    r"could not read from file",
    r"is a directory",
    r"corrupt database file",
    r"does not match stored checksum",
)
DUCKDB_MAGIC = b"DUCK"  # a DuckDB file: 8 bytes of checksum, then this
_MAGIC_AT = 8


def file_problem(path: Path) -> str | None:
    """Why the existing `path` cannot be a DuckDB warehouse ("folder", "empty",
    "not_duckdb"), from the file system and the file's header alone; None when it looks
    like a DuckDB file (or cannot be opened at all: DuckDB then says why)."""
    if path.is_dir():
        return "folder"
    try:
        with path.open("rb") as fh:
            head = fh.read(_MAGIC_AT + len(DUCKDB_MAGIC))
    except OSError:
        return None
    if not head:
        return "empty"
    if head[_MAGIC_AT:] != DUCKDB_MAGIC:
        return "not_duckdb"
    return None


def _corrupt_path(text: str, path: Path | None) -> Path | None:
    if path is not None:
        return path
    named = re.search(r'file "([^"]+)"', text)
    return Path(named.group(1)) if named else None


def _classify(exc: BaseException, path: Path | None = None) -> WarehouseError | None:
    text = str(exc)
    lowered = text.lower()
    if "could not set lock" in lowered or "conflicting lock" in lowered:
        return WarehouseBusy(text)
    if any(re.search(pattern, lowered) for pattern in _CORRUPT_PATTERNS):
        where = _corrupt_path(text, path)
        if where is not None:
            reason = (file_problem(where) if where.exists() else None) or "damaged"
            return WarehouseCorrupt(where, reason, text)
    if any(re.search(pattern, lowered) for pattern in _MISSING_PATTERNS):
        return WarehouseMissing(text)
    unreachable = ("connection refused", "could not connect", "connection failed",
                   "password authentication failed", "could not translate host name",
                   "timeout expired", "name or service not known")
    if any(marker in lowered for marker in unreachable):
        return WarehouseUnreachable(text)
    return None


@contextmanager
def explained_errors(path: Path | None = None):
    """Re-raise driver errors as the WarehouseError a page can explain (`path`: the
    embedded file, if any, named by a WarehouseCorrupt)."""
    try:
        yield
    except WarehouseError:
        raise
    except Exception as exc:  # drivers raise their own types; classify by message
        mapped = _classify(exc, path)
        if mapped is None:
            raise
        raise mapped from exc


@contextmanager
def connect(engine: sa.Engine):
    """A connection whose connect-time and query errors arrive as WarehouseError. An
    embedded file is looked at first: missing, or a folder, an empty file or not a DuckDB
    file (WarehouseCorrupt), without asking DuckDB (which would try to read a SQLite file
    through an extension it downloads)."""
    path = is_embedded_file(str(engine.url))
    if path is not None:
        if not path.exists():
            raise WarehouseMissing(str(path))
        problem = file_problem(path)
        if problem is not None:
            raise WarehouseCorrupt(path, problem)
    with explained_errors(path), engine.connect() as conn:
        yield conn


def missing_tables(conn: sa.Connection) -> tuple[str, ...]:
    present = set(sa.inspect(conn).get_table_names())
    return tuple(t for t in REQUIRED_TABLES if t not in present)


_DUCKDB_HEADERS_BYTES = 3 * 4096  # a DuckDB file's headers, before its first block


def _truncated(conn: sa.Connection, path: Path) -> str | None:
    """Why an open DuckDB file is shorter than its own blocks need (a copy cut short opens
    fine: its catalogue sits at the start), else None. Conservative: only the blocks in use
    count (free blocks at the end may have been cut off by DuckDB itself), and a file with a
    write-ahead log beside it is left alone."""
    if Path(f"{path}.wal").exists():
        return None
    try:
        row = conn.execute(sa.text(
            "SELECT block_size, total_blocks - free_blocks FROM pragma_database_size() "
            "WHERE database_name = current_database()")).first()
    except sa.exc.DBAPIError:
        log.debug("no database size for %s", path, exc_info=True)
        return None
    if row is None:
        return None
    block_size, used = int(row[0]), int(row[1])
    needed = _DUCKDB_HEADERS_BYTES + used * block_size
    size = path.stat().st_size
    if size >= needed:
        return None
    return f"{path}: {size} bytes, but its {used} blocks of {block_size} bytes need {needed}"


def check_warehouse(engine: sa.Engine) -> None:
    """Raise a WarehouseError unless the warehouse is reachable, readable (an embedded file
    as long as its blocks need) and holds every table."""
    path = is_embedded_file(str(engine.url))
    with connect(engine) as conn:
        short = _truncated(conn, path) if path is not None else None
        missing = missing_tables(conn)
    if short is not None:
        raise WarehouseCorrupt(path, "damaged", short)
    if missing:
        raise WarehouseMissing(", ".join(missing), missing=missing)


def building_marker(path: Path) -> Path:
    """The file a demo build writes to before it replaces `path` in one rename."""
    return path.with_name(path.name + ".building")


def is_rebuilding(url: str) -> bool:
    """True while a demo build for the embedded file is under way: its `.building` file
    exists and a live writer holds its lock. A file left by a killed build is not a build."""
    path = is_embedded_file(url)
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
