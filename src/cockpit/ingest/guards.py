"""Refusals an import makes before it writes anything, whichever way it loads the file."""

from __future__ import annotations

import sqlalchemy as sa

from cockpit.coverage import holds_rows
from cockpit.ingest import history
from cockpit.ingest.outcome import FileSummary, ImportOptions
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.warehouse_state import WarehouseState
from cockpit.warehouse.schema import METADATA

MODES = ("append", "replace")


def refuse_mixing(state: WarehouseState, options: ImportOptions, source: str) -> None:
    """Demo and real data never mix: appending to the demo warehouse is refused."""
    if state.kind == "demo" and options.mode == "append":
        raise IngestError([Problem(
            rule="demo_warehouse", message="this warehouse holds the demo data, and demo and "
            "real data never mix", hint="import with --mode replace: a fresh warehouse is "
            "started and the demo data removed (python -m cockpit demo builds it again)")],
            source)


def refuse_repeat(summary: FileSummary, options: ImportOptions, app_url: str,
                  label: str) -> None:
    """A file without order ids, imported before (same SHA-256), is refused on append."""
    if (not summary.has_ids and options.mode == "append"
            and history.find(app_url, label, summary.sha256)):
        raise IngestError([Problem(
            rule="already_imported", message="this file (same SHA-256) was imported before, "
            "and without an order id column its rows cannot be matched to the earlier ones",
            hint="undo the earlier import first (python -m cockpit import --undo ID), or "
                 "import a file with order ids")], str(summary.path))


def refuse_bad_mode(options: ImportOptions) -> None:
    """--mode is append or replace."""
    if options.mode not in MODES:
        raise IngestError([Problem(rule="bad_mode", message=f"mode {options.mode!r}",
                                   hint="use append or replace")])


def refuse_emptying_referenced(conn: sa.Connection, emptied: list[sa.Table]) -> None:
    """`--mode replace` empties `emptied`: refused while rows of another table refer (by a
    foreign key) to their rows, which would be left pointing at nothing."""
    names = {t.name for t in emptied}
    users = sorted({child.name for child in METADATA.tables.values() if child.name not in names
                    for fk in child.foreign_keys if fk.column.table.name in names
                    and holds_rows(conn, child)})
    if users:
        what = ", ".join(sorted(names))
        raise IngestError([Problem(
            rule="replace_referenced", message=f"{', '.join(users)} refer to rows of {what}, "
            f"so {'it' if len(names) == 1 else 'they'} cannot be emptied alone",
            hint=f"append instead, or undo the imports of {', '.join(users)} first")])
