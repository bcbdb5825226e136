"""`python -m cockpit import FILE --table NAME` for every table but orders: each file read
(cockpit.ingest.tables), keyed and checked (cockpit.ingest.table_keys), then written all or
nothing and recorded in the import history, as the order path does. Grain: one file is one
import (one history row), one file row one row of the table."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from cockpit.coverage import holds_rows
from cockpit.ingest import history
from cockpit.ingest.guards import refuse_bad_mode, refuse_emptying_referenced, refuse_mixing
from cockpit.ingest.mapping import ColumnMapping
from cockpit.ingest.outcome import (
    FileResult,
    FileSummary,
    ImportOptions,
    file_result,
    file_sha256,
    history_fields,
    resolve_profile,
)
from cockpit.ingest.pipeline import WRITE_ORDER, strict_warnings
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.profiles import Profile
from cockpit.ingest.table_keys import KeyedTable, key_table
from cockpit.ingest.tables import TABLES, ParsedTable, parse_table, read_mapping
from cockpit.ingest.warehouse_state import WarehouseState, read_state, write_info
from cockpit.ingest.writer import write_transaction
from cockpit.warehouse.load import append_frame, create_schema, delete_all
from cockpit.warehouse.schema import METADATA, PLATFORMS, emission_factors, external_ids, orders

Progress = Callable[[str, int, int], None]
# Tables an order import fills besides the orders themselves.
ORDER_PATH_TABLES = tuple(t for t in WRITE_ORDER if t not in ("orders", "external_ids"))


def run_table_import(name: str, paths: list[str | Path], options: ImportOptions, url: str,
                     app_url: str, progress: Progress | None = None) -> list[FileResult]:
    """Import each file into table `name` (each its own all-or-nothing write and history
    entry); `--mode replace` empties the table for the first file only."""
    table = _table(name)
    profile = _profile(options)
    aliases = read_mapping(options.mapping_file, table) if options.mapping_file else {}
    results = []
    for done, path in enumerate(paths, start=1):
        chosen = options if done == 1 or options.dry_run else replace(options, mode="append")
        parsed = parse_table(Path(path), table, profile, options.read, aliases)
        strict_warnings(chosen, list(parsed.warnings), Path(path))
        results.append(_one(Path(path), parsed, profile, chosen, url, app_url))
        if progress:
            progress("import", done, len(paths))
    return results


def _table(name: str) -> sa.Table:
    if name not in TABLES:
        raise IngestError([Problem(rule="unknown_table", message=f"no importable table "
                                   f"{name!r}", hint="use one of: orders, " + ", ".join(TABLES))])
    return METADATA.tables[name]


def _profile(options: ImportOptions) -> Profile:
    """The profile (its platform and empty-cell texts) with --platform and hashing on top;
    the mapping file is the table's [columns] (read_mapping), not an order profile."""
    refuse_bad_mode(options)
    profile = resolve_profile(replace(options, mapping_file=None))
    if profile.platform not in PLATFORMS:
        raise IngestError([Problem(rule="unknown_platform",
                                   message=f"platform {profile.platform!r}",
                                   hint="use one of: " + ", ".join(PLATFORMS))])
    return profile


def _summary(path: Path, parsed: ParsedTable, profile: Profile) -> FileSummary:
    mapping = ColumnMapping(fields=dict(parsed.mapping), personal=(), ignored=parsed.extra)
    return FileSummary(path, file_sha256(path), profile, mapping, True, len(parsed.frame),
                       list(parsed.warnings))


def _one(path: Path, parsed: ParsedTable, profile: Profile, options: ImportOptions, url: str,
         app_url: str) -> FileResult:
    state = read_state(url)
    refuse_mixing(state, options, str(path))
    summary = _summary(path, parsed, profile)
    salt = state.salt or secrets.token_hex(16)
    hashing = salt if profile.hash_customer_ids else None
    if options.dry_run:
        keyed = _dry_keys(url, state, parsed, profile.platform, hashing, str(path))
        return file_result(summary, None, _counts(keyed), keyed.known, dry_run=True)
    label = history.warehouse_label(url)
    fields = {**history_fields(summary, options), "table_name": parsed.table.name}
    import_id = history.begin(app_url, label, state.next_import_id, **fields)
    try:
        fresh = options.mode == "replace" and state.kind == "demo"
        with write_transaction(url, fresh=fresh) as conn:
            if options.mode == "replace" and not fresh:
                clear_table(conn, parsed.table)
            keyed = _keys(conn, parsed, profile.platform, import_id, hashing, str(path))
            written = _write(conn, keyed)
            write_info(conn, salt)
    except BaseException:
        history.finish(app_url, import_id, "failed")
        raise
    history.finish(app_url, import_id, "imported", rows_written=written)
    if options.mode == "replace":
        history.mark_replaced(app_url, label, import_id, tables=(parsed.table.name,))
    return file_result(summary, import_id, written, keyed.known, dry_run=False)


def _keys(conn: sa.Connection, parsed: ParsedTable, platform: str, import_id: int,
          salt: str | None, source: str) -> KeyedTable:
    try:
        return key_table(conn, parsed, platform, import_id, salt)
    except IngestError as exc:
        raise exc.with_source(source) from None


def _dry_keys(url: str, state: WarehouseState, parsed: ParsedTable, platform: str,
              salt: str | None, source: str) -> KeyedTable:
    """What the import would write, keyed on a read connection (a missing warehouse is
    checked as an empty one, in memory)."""
    from cockpit.warehouse import read_engine

    engine = read_engine(url) if state.exists else sa.create_engine("duckdb:///:memory:")
    try:
        with engine.connect() as conn:
            if not state.exists:
                create_schema(conn)
            return _keys(conn, parsed, platform, state.next_import_id, salt, source)
    finally:
        engine.dispose()


def _write(conn: sa.Connection, keyed: KeyedTable) -> dict[str, int]:
    """Append the keyed rows (the shipped emission factors with the first shipments)."""
    written = {}
    for name, frame in keyed.frames.items():
        append_frame(conn, METADATA.tables[name], frame)
        written[name] = len(frame)
    if "shipments" in keyed.frames and not holds_rows(conn, emission_factors):
        from cockpit.logistics.factors import load_emission_factors

        factors = load_emission_factors()
        append_frame(conn, emission_factors, factors)
        written["emission_factors"] = len(factors)
    return written


def _counts(keyed: KeyedTable) -> dict[str, int]:
    return {name: len(frame) for name, frame in keyed.frames.items()}


def clear_table(conn: sa.Connection, table: sa.Table) -> None:
    """--mode replace on imported data: empty `table` alone (for customers, their external
    ids too). Refused while rows of another table refer to its rows, and for the tables an
    order import fills too (customers, products, order_items) while orders hold rows: those
    rows belong to order imports, which --mode replace of the orders replaces."""
    if table.name in ORDER_PATH_TABLES and holds_rows(conn, orders):
        raise IngestError([Problem(
            rule="replace_order_rows", message=f"{table.name} also holds the rows of order "
            "imports, so it cannot be emptied alone",
            hint="append instead, or replace the order import (python -m cockpit import "
                 "ORDERS_FILE --mode replace)")])
    refuse_emptying_referenced(conn, [table])
    delete_all(conn, table)
    if table.name == "customers":
        conn.execute(external_ids.delete().where(external_ids.c.entity == "customer"))
