"""Undo one import: remove the rows it wrote, all or nothing, unless a later import's orders
use customers or products it created (undo that one first)."""

from __future__ import annotations

import sqlalchemy as sa

from cockpit.ingest import history
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.writer import write_transaction
from cockpit.warehouse.schema import customers, external_ids, order_items, orders, products

UNDO_ORDER = (order_items, orders, customers, products, external_ids)


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
        deleted = {t.name: conn.execute(t.delete().where(t.c.import_id == import_id)).rowcount
                   for t in UNDO_ORDER}
    history.mark_undone(app_url, import_id)
    return deleted


def _refuse_dependents(conn: sa.Connection, import_id: int) -> None:
    """Later imports whose rows use customers or products this import created."""
    users = set(conn.execute(
        sa.select(orders.c.import_id).distinct()
        .join_from(orders, customers, orders.c.customer_id == customers.c.customer_id)
        .where(customers.c.import_id == import_id, orders.c.import_id != import_id)).scalars())
    users |= set(conn.execute(
        sa.select(order_items.c.import_id).distinct()
        .join_from(order_items, products, order_items.c.product_id == products.c.product_id)
        .where(products.c.import_id == import_id, order_items.c.import_id != import_id)
    ).scalars())
    if users:
        later = ", ".join(str(i) for i in sorted(users, key=lambda v: (v is None, v)))
        raise IngestError([Problem(
            rule="undo_dependents", message=f"imports {later} use customers or products that "
            f"import {import_id} created", hint=f"undo {later} first")])
