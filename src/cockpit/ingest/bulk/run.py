"""The bulk path from file to warehouse: load the CSV into a scratch DuckDB file, parse,
fold and check it there (`prepare`), then key and append it inside the warehouse's write
transaction (`BulkPrepared.write`), or only count what would be written (`dry_run`)."""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import sqlalchemy as sa

from cockpit.ingest.bigcsv import (
    BIG_FILE_BYTES,
    clean_header,
    newline_count,
    strict_csv_sql,
    utf8_source,
)
from cockpit.ingest.bulk import cells, fold, postgres
from cockpit.ingest.bulk.explain import Reading, Unexplained, explain
from cockpit.ingest.bulk.keys import WORKING, WRITTEN, Places, assign_keys, counts, insert
from cockpit.ingest.bulk.revisions import build_revisions
from cockpit.ingest.bulk.rules import check_keyed
from cockpit.ingest.bulk.sql import Found, Rule, found_all
from cockpit.ingest.encoding import detect_encoding
from cockpit.ingest.fields import ORDER_FIELDS
from cockpit.ingest.mapping import detect_mapping
from cockpit.ingest.outcome import FileSummary, ImportOptions, file_sha256, resolve_profile
from cockpit.ingest.problems import IngestError, Problem, raise_errors
from cockpit.ingest.readers import EXCEL_SUFFIXES, FILE_MAGIC, PARQUET_SUFFIXES, file_delimiter
from cockpit.ingest.revisions import apply_revisions, states_status
from cockpit.ingest.warehouse_state import WarehouseState
from cockpit.warehouse.engine import is_embedded_file
from cockpit.warehouse.schema import METADATA

# DuckDB spills to disk beyond it, in the scratch database and in the write (the DuckDB
# warehouse has no key indexes that would have to fit in memory: warehouse.load)
MEMORY_LIMIT = "1500MB"
# The scratch file lives for one import: its tables written uncompressed take a third of
# the time (measured on 10M orders)
SCRATCH_COMPRESSION = "uncompressed"
UNREAD_FIELDS = ("currency", "after_sale_status")  # read in memory only
# The k_* tables appended to the warehouse, keys before the rows that refer to them.
APPENDED = (*WRITTEN, "order_revisions")


class NotBulk(Exception):
    """The file is imported in memory instead (the reason says why)."""


def applies(path: Path, url: str) -> bool:
    """A large delimited file going into a DuckDB warehouse file or a PostgreSQL database."""
    into = is_embedded_file(url) is not None or postgres.serves(url)
    if not into or path.suffix.lower() in EXCEL_SUFFIXES + PARQUET_SUFFIXES:
        return False
    with open(path, "rb") as stream:
        magic = stream.read(4)
    return magic not in FILE_MAGIC and \
        path.stat().st_size >= BIG_FILE_BYTES


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    db = duckdb.connect(str(path))
    db.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    db.execute("SET preserve_insertion_order = true")
    return db


@dataclass(frozen=True)
class BulkPrepared:
    """A file parsed and folded into tables orders_in and lines_in of a scratch file."""

    summary: FileSummary
    scratch: Path
    lines_file: bool
    platform: str

    def write(self, conn: sa.Connection, import_id: int) -> tuple[dict[str, int], int]:
        """Key and append the rows inside `conn`'s transaction (a DuckDB warehouse, or a
        PostgreSQL one: keyed in DuckDB against a mirror of it, bulk.postgres)."""
        if conn.dialect.name == "postgresql":
            with _connect(postgres.mirror_file(self.scratch)) as db:
                postgres.mirror(db, conn, self.scratch, self.platform)
                written, known = self._keyed(db, postgres.PLACES, import_id)
                postgres.append(db, conn, {name: _columns(db, name) for name in APPENDED},
                                self.scratch.parent)
            apply_revisions(conn, import_id)
            return written, known
        db = conn.connection.driver_connection
        db.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        db.execute("ATTACH ? AS bulk (READ_ONLY)", [str(self.scratch)])
        written, known = self._keyed(db, Places("bulk.", ""), import_id)
        insert(db, {name: _columns(db, name) for name in APPENDED})
        apply_revisions(conn, import_id)
        for name in (*WORKING, *APPENDED):
            db.execute(f"DROP TABLE temp.k_{name}")
        db.execute("DETACH bulk")  # on an error the transaction's rollback undoes all
        return written, known

    def dry_run(self, url: str, state: WarehouseState) -> tuple[dict[str, int], int]:
        """What `write` would write into the warehouse at `url`, which is only read."""
        if state.exists and postgres.serves(url):
            with postgres.reading(url) as conn, \
                    _connect(postgres.mirror_file(self.scratch)) as db:
                postgres.mirror(db, conn, self.scratch, self.platform)
                return self._keyed(db, postgres.PLACES, state.next_import_id)
        db = _connect(self.scratch)
        try:
            if not state.exists:
                return {"orders": int(db.execute("SELECT count(*) FROM orders_in"
                                                 ).fetchone()[0])}, 0
            db.execute("ATTACH ? AS wh (READ_ONLY)", [str(is_embedded_file(url))])
            return self._keyed(db, Places("", "wh."), state.next_import_id)
        finally:
            db.close()

    def _keyed(self, db: duckdb.DuckDBPyConnection, at: Places, import_id: int
               ) -> tuple[dict[str, int], int]:
        known = assign_keys(db, at, self.platform, import_id, self.lines_file)
        revised = build_revisions(db, at, self.platform, import_id,
                                  states_status(self.summary.mapping))
        raise_errors([p for name in WRITTEN for p in check_keyed(db, METADATA.tables[name])],
                     str(self.summary.path))
        return {**counts(db), "order_revisions": revised}, known - revised


def _columns(db: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    present = {r[0] for r in db.execute(f"DESCRIBE k_{name}").fetchall()}
    return [c.name for c in METADATA.tables[name].columns if c.name in present]


@contextmanager
def prepare(path: Path, options: ImportOptions, salt: str) -> Iterator[BulkPrepared]:
    """Parse and fold `path` in a scratch DuckDB file (removed afterwards). Raises
    IngestError naming every problem, or NotBulk when the file needs the in-memory path."""
    folder = Path(tempfile.mkdtemp(prefix="cockpit-bulk-"))
    scratch = folder / "scratch.duckdb"
    try:
        db = _connect(scratch)
        try:
            summary, lines_file = _load(db, path, options, salt)
        except (cells.NotPlain, Unexplained) as exc:
            raise NotBulk(str(exc)) from None
        finally:
            db.close()
        yield BulkPrepared(summary, scratch, lines_file, summary.profile.platform)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _header(source: Path, delimiter: str) -> list[str]:
    with open(source, encoding="utf-8-sig", newline="") as stream:
        first = stream.readline().rstrip("\r\n")
    return [clean_header(c) for c in next(csv.reader([first], delimiter=delimiter), [])]


def _load(db: duckdb.DuckDBPyConnection, path: Path, options: ImportOptions, salt: str
          ) -> tuple[FileSummary, bool]:
    encoding = detect_encoding(path)
    delimiter = file_delimiter(path, encoding)
    with ExitStack() as stack:
        try:
            source = stack.enter_context(utf8_source(path, encoding))
        except IngestError:  # undecodable: the in-memory reader words where and why
            raise NotBulk("the file is not in an encoding it can read") from None
        return _from_source(db, path, source, delimiter, options, salt)


def _from_source(db: duckdb.DuckDBPyConnection, path: Path, source: Path, delimiter: str,
                 options: ImportOptions, salt: str) -> tuple[FileSummary, bool]:
    """The file's UTF-8 text at `source` read, mapped and parsed."""
    reader, params = strict_csv_sql(delimiter)
    params = [str(source), *params]
    try:
        raw_columns = [r[0] for r in db.execute(f"DESCRIBE SELECT * FROM {reader}", params
                                                ).fetchall()]
    except duckdb.Error as exc:
        raise NotBulk(f"DuckDB's strict CSV reader refused it ({exc})") from None
    headers = _header(source, delimiter)
    if headers != [clean_header(c) for c in raw_columns] or "" in headers \
            or len(set(headers)) < len(headers):
        raise NotBulk("the header has repeated or empty names")
    profile = resolve_profile(options)
    try:
        mapping = detect_mapping(headers, profile, options.overrides)
    except IngestError as exc:
        raise exc.with_source(str(path)) from None
    reading = Reading(path, source, delimiter, headers, mapping, profile, options.read,
                      salt if profile.hash_customer_ids else None)
    return _parse(db, reading, reader, params, raw_columns)


def _parse(db: duckdb.DuckDBPyConnection, reading: Reading, reader: str, params: list,
           raw_columns: list[str]) -> tuple[FileSummary, bool]:
    """Cells, rows, orders_in and lines_in; the summary and whether lines were folded."""
    mapping, profile, headers = reading.mapping, reading.profile, reading.headers
    if unread := [f for f in UNREAD_FIELDS if f in mapping.fields]:
        names = ", ".join(mapping.fields[f] for f in unread)
        raise NotBulk(f"{'columns' if len(unread) > 1 else 'column'} {names} "
                      f"({', '.join(unread)}) {'are' if len(unread) > 1 else 'is'} read in "
                      "memory only")
    lines_file = mapping.has_lines if profile.level == "auto" else profile.level == "line"
    has_ids = "order_id" in mapping.fields
    fields = {name: headers.index(header) for name, header in mapping.fields.items()}
    positions = sorted(fields.values()) if has_ids else list(range(len(headers)))
    try:
        cells.build_cells(db, reader, params, raw_columns, positions, profile.empty_values)
    except duckdb.Error as exc:
        raise NotBulk(f"DuckDB's strict CSV reader refused it ({exc})") from None
    rows = int(db.execute("SELECT count(*) FROM cell_text").fetchone()[0])
    if newline_count(reading.path) != rows + 1:
        raise NotBulk("blank lines or cells across lines")
    required = frozenset(f.name for f in ORDER_FIELDS if f.required
                         and (f.level == "line" or not (lines_file and has_ids)))
    _stop(db, reading, cells.parse_checks(db, fields, headers, required), whole_orders=False)
    cells.build_rows(db, fields, has_ids)
    _fold(db, reading, lines_file)
    warnings = _warnings(db, reading, has_ids, positions)
    return FileSummary(reading.path, file_sha256(reading.path), profile, mapping, has_ids,
                       rows, warnings), lines_file


def _fold(db: duckdb.DuckDBPyConnection, reading: Reading, lines_file: bool) -> None:
    """orders_in and lines_in, stopping at the first stage whose rules are broken."""
    mapping = reading.mapping
    unique = fold.unique_keys(db)
    fold.build_orders(db, mapping, unique)
    checks = [] if unique else fold.disagreements(db, mapping)
    checks += fold.order_checks(db, mapping, reading.profile)
    more = fold.unknown_status_lines(db) if "status" in mapping.fields and checks else []
    _stop(db, reading, checks, more)
    _stop(db, reading, fold.total_checks(db, mapping, lines_file))
    db.execute(f"SET force_compression = '{SCRATCH_COMPRESSION}'")  # for lines_in, orders_in
    if lines_file:
        _stop(db, reading, fold.line_checks(db, mapping))
        fold.build_lines(db, mapping)
    fold.build_orders_in(db, mapping, lines_file, reading.salt)


def _stop(db: duckdb.DuckDBPyConnection, reading: Reading, hits: list[Found],
          more_lines: list[int] = (), whole_orders: bool = True) -> None:
    """Raise the report of `hits`, if any."""
    if hits:
        problems = explain(db, reading, hits, more_lines, whole_orders)
        raise IngestError(problems, str(reading.path))


def _warnings(db: duckdb.DuckDBPyConnection, reading: Reading, has_ids: bool,
              positions: list[int]) -> list[Problem]:
    """Duplicate lines (without order ids), no status column, future dates."""
    hits = fold.warning_checks(db, reading.mapping)
    more: list[int] = []
    if not has_ids:
        every = ", ".join(cells.cell(i) for i in positions)
        repeats = (f"(SELECT line, min(line) OVER (PARTITION BY {every}) AS first_line "
                   "FROM cells)")
        for hit in found_all(db, repeats, [Rule("duplicate_lines", None,
                                                "line > first_line")]):
            hits.append(hit)
            more = [r[0] for r in db.execute(
                f"SELECT DISTINCT first_line FROM {repeats} WHERE line IN (SELECT unnest(?))",
                [list(hit.lines)]).fetchall()]
    if not hits:  # only the file-wide warning (no status column) can remain
        if "status" in reading.mapping.fields:
            return []
        more = [2]
    return explain(db, reading, hits, more, whole_orders=has_ids)


__all__ = ["BulkPrepared", "NotBulk", "applies", "prepare"]
