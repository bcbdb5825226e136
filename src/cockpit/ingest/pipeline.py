"""An import from start to end: read a file, map its columns, fold it into orders, check it
against the schema's rules, then write it all or nothing and record it in the import history;
and the undo of one import."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlalchemy as sa

from cockpit.ingest import history
from cockpit.ingest.cells import ReadOptions
from cockpit.ingest.keys import KeyedBatch, assign_keys
from cockpit.ingest.mapping import ColumnMapping, detect_mapping
from cockpit.ingest.orders import ParsedOrders, parse_orders
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.profiles import Profile, load_mapping_file, load_profile
from cockpit.ingest.readers import Table, read_table
from cockpit.ingest.rules import check_rows
from cockpit.ingest.warehouse_state import WarehouseState, read_state, write_info
from cockpit.ingest.writer import write_transaction
from cockpit.warehouse.load import append_frame
from cockpit.warehouse.schema import METADATA

MODES = ("append", "replace")
WRITE_ORDER = ("customers", "products", "orders", "order_items", "external_ids")
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportOptions:
    """What the user chose; see `python -m cockpit import --help`."""

    profile: str = "generic"
    mapping_file: str | None = None
    overrides: dict[str, str | None] = field(default_factory=dict)
    mode: str = "append"
    platform: str | None = None
    dry_run: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    hash_customer_ids: bool = False
    strict: bool = False


@dataclass(frozen=True)
class Prepared:
    """A file read, mapped and folded, not yet written."""

    path: Path
    sha256: str
    table: Table
    profile: Profile
    mapping: ColumnMapping
    parsed: ParsedOrders

    @property
    def warnings(self) -> list[Problem]:
        return list(self.table.warnings) + self.parsed.warnings


@dataclass(frozen=True)
class FileResult:
    """What one file's import did (or, for a dry run, would do)."""

    path: str
    import_id: int | None
    rows_read: int
    rows_written: dict[str, int]
    already_imported: int
    warnings: list[Problem]
    mapping: dict[str, str]
    dry_run: bool


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resolve_profile(options: ImportOptions) -> Profile:
    """The profile, with the user's mapping file on top and --platform, --hash-customer-ids."""
    profile = load_profile(options.profile)
    if options.mapping_file:
        profile = load_mapping_file(options.mapping_file, profile)
    return replace(profile, platform=options.platform or profile.platform,
                   hash_customer_ids=profile.hash_customer_ids or options.hash_customer_ids)


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
    if options.strict and prepared.warnings:
        raise IngestError([replace(w, severity="error") for w in prepared.warnings], str(path))
    return prepared


def run_import(paths: list[str | Path], options: ImportOptions, url: str, app_url: str,
               progress: Progress | None = None) -> list[FileResult]:
    """Import each file in turn (each its own all-or-nothing write and history entry);
    `--mode replace` replaces with the first file, and the others are appended to it."""
    if options.mode not in MODES:
        raise IngestError([Problem(rule="bad_mode", message=f"mode {options.mode!r}",
                                   hint="use append or replace")])
    results = []
    for done, path in enumerate(paths, start=1):
        state = read_state(url)
        salt = state.salt or secrets.token_hex(16)
        prepared = prepare(path, options, salt)
        chosen = options if done == 1 or options.dry_run else replace(options, mode="append")
        results.append(_one(prepared, chosen, url, app_url, state, salt))
        if progress:
            progress("import", done, len(paths))
    return results


def _one(prepared: Prepared, options: ImportOptions, url: str, app_url: str,
         state: WarehouseState, salt: str) -> FileResult:
    _refuse_mixing(state, options, prepared)
    label = history.warehouse_label(url)
    if (not prepared.parsed.has_ids and options.mode == "append"
            and history.find(app_url, label, prepared.sha256)):
        raise IngestError([Problem(
            rule="already_imported", message="this file (same SHA-256) was imported before, "
            "and without an order id column its rows cannot be matched to the earlier ones",
            hint="undo the earlier import first (python -m cockpit import --undo ID), or "
                 "import a file with order ids")], str(prepared.path))
    if options.dry_run:
        return _dry_run(prepared, url, state)
    import_id = history.begin(app_url, label, state.next_import_id, **_history_fields(
        prepared, options))
    try:
        fresh = options.mode == "replace" and state.kind == "demo"
        with write_transaction(url, fresh=fresh) as conn:
            if options.mode == "replace" and not fresh:
                _clear(conn)
            keyed = _keyed(conn, prepared, import_id)
            for name in WRITE_ORDER:
                append_frame(conn, METADATA.tables[name], keyed.frames[name])
            write_info(conn, salt)
    except BaseException:
        history.finish(app_url, import_id, "failed")
        raise
    written = {name: len(frame) for name, frame in keyed.frames.items()}
    history.finish(app_url, import_id, "imported", rows_written=written)
    if options.mode == "replace":  # the earlier imports' rows are gone
        history.mark_replaced(app_url, label, import_id)
    return _result(prepared, import_id, written, keyed.known_orders, dry_run=False)


def _keyed(conn: sa.Connection, prepared: Prepared, import_id: int) -> KeyedBatch:
    """Keys assigned and the schema's rules checked on every row about to be written."""
    keyed = assign_keys(conn, prepared.parsed, prepared.profile.platform, import_id)
    problems = [p for name, frame in keyed.frames.items()
                for p in check_rows(METADATA.tables[name], frame, keyed.lines.get(name))]
    if problems:
        raise IngestError(problems, str(prepared.path))
    return keyed


def _dry_run(prepared: Prepared, url: str, state: WarehouseState) -> FileResult:
    """What the import would write, computed on a read connection."""
    from cockpit.warehouse import read_engine

    if not state.exists:
        keyed_counts = {"orders": len(prepared.parsed.orders)}
        return _result(prepared, None, keyed_counts, 0, dry_run=True)
    engine = read_engine(url)
    try:
        with engine.connect() as conn:
            keyed = _keyed(conn, prepared, state.next_import_id)
    finally:
        engine.dispose()
    written = {name: len(frame) for name, frame in keyed.frames.items()}
    return _result(prepared, None, written, keyed.known_orders, dry_run=True)


def _refuse_mixing(state: WarehouseState, options: ImportOptions, prepared: Prepared) -> None:
    if state.kind == "demo" and options.mode == "append":
        raise IngestError([Problem(
            rule="demo_warehouse", message="this warehouse holds the demo data, and demo and "
            "real data never mix", hint="import with --mode replace: a fresh warehouse is "
            "started and the demo data removed (python -m cockpit demo builds it again)")],
            str(prepared.path))


def _clear(conn: sa.Connection) -> None:
    """--mode replace on imported data: empty the tables this import writes."""
    for name in reversed(WRITE_ORDER):
        conn.execute(METADATA.tables[name].delete())


def _history_fields(prepared: Prepared, options: ImportOptions) -> dict:
    read = options.read
    return {
        "file_name": prepared.path.name, "sha256": prepared.sha256, "table_name": "orders",
        "profile": prepared.profile.name, "mode": options.mode,
        "has_ids": prepared.parsed.has_ids, "rows_read": len(prepared.table.frame),
        "rows_written": {}, "warnings": [w.describe() for w in prepared.warnings],
        "options": {"platform": prepared.profile.platform, "timezone": read.timezone,
                    "dayfirst": read.dayfirst, "fx": read.fx,
                    "hash_customer_ids": prepared.profile.hash_customer_ids,
                    "strict": options.strict, "mapping": prepared.mapping.fields},
    }


def _result(prepared: Prepared, import_id: int | None, written: dict[str, int],
            known: int, dry_run: bool) -> FileResult:
    return FileResult(str(prepared.path), import_id, len(prepared.table.frame), written, known,
                      prepared.warnings, dict(prepared.mapping.fields), dry_run)
