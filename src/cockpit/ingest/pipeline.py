"""An import from start to end: read a file, map its columns, fold it into orders, check it
against the schema's rules, then write it all or nothing and record it in the import history.
Large CSV files take the `bulk` path (the same steps as SQL inside a scratch DuckDB, then
appended to a DuckDB warehouse or copied into a PostgreSQL one); everything else is read into
memory here."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import sqlalchemy as sa

from cockpit.ingest import bulk, history
from cockpit.ingest.guards import (
    refuse_bad_mode,
    refuse_emptying_referenced,
    refuse_mixing,
    refuse_repeat,
)
from cockpit.ingest.keys import KeyedBatch, assign_keys
from cockpit.ingest.mapping import ColumnMapping, detect_mapping
from cockpit.ingest.orders import ParsedOrders, parse_orders
from cockpit.ingest.outcome import (
    FileResult,
    FileSummary,
    ImportOptions,
    file_result,
    file_sha256,
    history_fields,
    resolve_profile,
)
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.profiles import Profile
from cockpit.ingest.readers import Table, read_table
from cockpit.ingest.revisions import apply_revisions, states_status
from cockpit.ingest.rules import check_rows
from cockpit.ingest.warehouse_state import WarehouseState, read_state, write_info
from cockpit.ingest.writer import write_transaction
from cockpit.warehouse.load import append_frame, delete_all
from cockpit.warehouse.schema import METADATA

__all__ = ["FileResult", "ImportOptions", "Prepared", "prepare", "resolve_profile",
           "run_import"]
log = logging.getLogger(__name__)
WRITE_ORDER = ("customers", "products", "orders", "order_items", "external_ids",
               "order_revisions")
# Imports (history table_name) whose rows an order import with --mode replace removes.
REPLACED_TABLES = ("orders", "customers", "products", "order_items")
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Prepared:
    """A file read, mapped and folded in memory, not yet written."""

    path: Path
    sha256: str
    table: Table
    profile: Profile
    mapping: ColumnMapping
    parsed: ParsedOrders
    in_memory_because: str | None = None  # a large CSV the bulk path sent back: why

    @property
    def warnings(self) -> list[Problem]:
        return list(self.table.warnings) + self.parsed.warnings

    @property
    def summary(self) -> FileSummary:
        return FileSummary(self.path, self.sha256, self.profile, self.mapping,
                           self.parsed.has_ids, len(self.table.frame), self.warnings,
                           self.in_memory_because)

    def write(self, conn: sa.Connection, import_id: int) -> tuple[dict[str, int], int]:
        """Append the keyed rows; returns rows written per table and orders already there."""
        keyed = _keyed(conn, self, import_id)
        for name in WRITE_ORDER:
            append_frame(conn, METADATA.tables[name], keyed.frames[name])
        apply_revisions(conn, import_id)
        return _counts(keyed), keyed.known_orders

    def dry_run(self, url: str, state: WarehouseState) -> tuple[dict[str, int], int]:
        """What `write` would write, computed on a read connection."""
        from cockpit.warehouse import read_engine

        if not state.exists:
            return {"orders": len(self.parsed.orders)}, 0
        engine = read_engine(url)
        try:
            with engine.connect() as conn:
                keyed = _keyed(conn, self, state.next_import_id)
        finally:
            engine.dispose()
        return _counts(keyed), keyed.known_orders


def prepare(path: str | Path, options: ImportOptions, salt: str | None = None) -> Prepared:
    """Read, map and fold one file; raises IngestError naming every problem."""
    path = Path(path)
    profile = resolve_profile(options)
    table = read_table(path)
    try:
        mapping = detect_mapping(list(table.frame.columns), profile, options.overrides)
        parsed = parse_orders(table, mapping, profile, options.read,
                              salt=salt if profile.hash_customer_ids else None)
    except IngestError as exc:  # the reader's warnings (Excel dropped digits) explain errors
        raise IngestError([*table.warnings, *exc.problems], str(path)) from None
    prepared = Prepared(path, file_sha256(path), table, profile, mapping, parsed)
    strict_warnings(options, prepared.warnings, path)
    return prepared


def strict_warnings(options: ImportOptions, warnings: list[Problem], path: Path) -> None:
    """With --strict, warnings are errors."""
    if options.strict and warnings:
        raise IngestError([replace(w, severity="error") for w in warnings], str(path))


def run_import(paths: list[str | Path], options: ImportOptions, url: str, app_url: str,
               progress: Progress | None = None) -> list[FileResult]:
    """Import each file in turn (each its own all-or-nothing write and history entry);
    `--mode replace` replaces with the first file, and the others are appended to it."""
    refuse_bad_mode(options)
    results = []
    for done, path in enumerate(paths, start=1):
        state = read_state(url)
        salt = state.salt or secrets.token_hex(16)
        chosen = options if done == 1 or options.dry_run else replace(options, mode="append")
        with _prepared(Path(path), chosen, url, salt) as prepared:
            results.append(_one(prepared, chosen, url, app_url, state, salt))
        if progress:
            progress("import", done, len(paths))
    return results


@contextmanager
def _prepared(path: Path, options: ImportOptions, url: str, salt: str
              ) -> Iterator[Prepared | bulk.BulkPrepared]:
    """The file prepared inside DuckDB when it is a large CSV (into DuckDB or PostgreSQL)
    and every column is in a form the SQL path reads, else in memory."""
    because = None
    if bulk.applies(path, url):
        try:
            with bulk.prepare(path, options, salt) as prepared:
                strict_warnings(options, prepared.summary.warnings, path)
                yield prepared
            return
        except bulk.NotBulk as reason:
            log.info("%s: %s; reading the file in memory", path, reason)
            because = str(reason)
    yield replace(prepare(path, options, salt), in_memory_because=because)


def _one(prepared: Prepared | bulk.BulkPrepared, options: ImportOptions, url: str,
         app_url: str, state: WarehouseState, salt: str) -> FileResult:
    summary = prepared.summary
    refuse_mixing(state, options, str(summary.path))
    label = history.warehouse_label(url)
    refuse_repeat(summary, options, app_url, label)
    if options.dry_run:
        written, known = prepared.dry_run(url, state)
        return file_result(summary, None, written, known, dry_run=True)
    import_id = history.begin(app_url, label, state.next_import_id,
                              **history_fields(summary, options))
    try:
        fresh = options.mode == "replace" and state.kind == "demo"
        with write_transaction(url, fresh=fresh) as conn:
            if options.mode == "replace" and not fresh:
                _clear(conn)
            written, known = prepared.write(conn, import_id)
            write_info(conn, salt)
    except BaseException:
        history.finish(app_url, import_id, "failed")
        raise
    history.finish(app_url, import_id, "imported", rows_written=written)
    if options.mode == "replace":  # the earlier imports' rows of these tables are gone
        history.mark_replaced(app_url, label, import_id, tables=REPLACED_TABLES)
    return file_result(summary, import_id, written, known, dry_run=False)


def _keyed(conn: sa.Connection, prepared: Prepared, import_id: int) -> KeyedBatch:
    """Keys assigned and the schema's rules checked on every row about to be written."""
    keyed = assign_keys(conn, prepared.parsed, prepared.profile.platform, import_id,
                        states_status(prepared.mapping))
    problems = [p for name, frame in keyed.frames.items()
                for p in check_rows(METADATA.tables[name], frame, keyed.lines.get(name))]
    if problems:
        raise IngestError(problems, str(prepared.path))
    return keyed


def _counts(keyed: KeyedBatch) -> dict[str, int]:
    return {name: len(frame) for name, frame in keyed.frames.items()}


def _clear(conn: sa.Connection) -> None:
    """--mode replace on imported data: empty the tables this import writes (refused while
    other imported tables, such as shipments or reviews, refer to their rows)."""
    refuse_emptying_referenced(conn, [METADATA.tables[name] for name in WRITE_ORDER])
    for name in reversed(WRITE_ORDER):
        delete_all(conn, METADATA.tables[name])
