"""Undo one import: put back the order values it revised and remove the rows it wrote from
every table with an import_id column, all or nothing, unless a later import's rows refer to
rows it wrote or revised the same orders again (undo that one first)."""

from __future__ import annotations

import sqlalchemy as sa

from cockpit.ingest import history
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.revisions import restore_revisions, revised_later
from cockpit.ingest.writer import write_transaction
from cockpit.warehouse.load import delete_where
from cockpit.warehouse.schema import METADATA, external_ids

# Referring tables before the tables they refer to; external_ids (no foreign key) last.
UNDO_ORDER = tuple(t for t in reversed(METADATA.sorted_tables)
                   if "import_id" in t.c and t is not external_ids) + (external_ids,)


def undo_import(import_id: int, url: str, app_url: str) -> dict[str, int]:
    """Delete import `import_id`'s rows in one transaction; rows deleted per table."""
    found = history.entry(app_url, import_id)
    label = history.warehouse_label(url)
    if found is None or found["warehouse"] != label or found["status"] != "imported":
        state = "no such import" if found is None else (
            f"it is {found['status']}" if found["warehouse"] == label
            else "it went into another warehouse")
        raise IngestError([Problem(rule="cannot_undo", message=f"import {import_id}: {state}",
                                   hint="see the import history: python -m cockpit import "
                                        "--history")])
    with write_transaction(url) as conn:
        _refuse_dependents(conn, import_id)
        restore_revisions(conn, import_id)
        deleted = {t.name: delete_where(conn, t, t.c.import_id == import_id)
                   for t in UNDO_ORDER}
    history.mark_undone(app_url, import_id)
    return deleted


def _refuse_dependents(conn: sa.Connection, import_id: int) -> None:
    """Later imports whose rows refer (by a foreign key) to rows this import wrote."""
    users: set[int | None] = set()
    used: set[str] = set()
    for child in UNDO_ORDER:
        for fk in child.foreign_keys:
            parent = fk.column.table
            if "import_id" not in parent.c:
                continue
            parent_rows = parent.alias("parent_rows")
            found = set(conn.execute(
                sa.select(child.c.import_id).distinct()
                .join_from(child, parent_rows, fk.parent == parent_rows.c[fk.column.name])
                .where(parent_rows.c.import_id == import_id,
                       child.c.import_id.is_distinct_from(import_id))).scalars())
            users |= found
            used |= {parent.name} if found else set()
    if again := revised_later(conn, import_id):
        users |= set(again)
        used.add("orders")
    if users:
        later = ", ".join(str(i) for i in sorted(users, key=lambda v: (v is None, v)))
        raise IngestError([Problem(
            rule="undo_dependents", message=f"imports {later} use {', '.join(sorted(used))} "
            f"rows that import {import_id} wrote", hint=f"undo {later} first")])
