"""Refusals an import makes before it writes anything, whichever way it loads the file."""

from __future__ import annotations

from cockpit.ingest import history
from cockpit.ingest.outcome import FileSummary, ImportOptions
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.warehouse_state import WarehouseState


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
