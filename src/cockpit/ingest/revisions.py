"""Orders a later export restates. A weekly export overlaps the last one, and an order that
was paid then may be refunded, closed or corrected now: the file imported last wins for the
fields it states (status when it has a status column, the amount paid, the refund when it
records one). The values before and after go into order_revisions, so an undo restores
them; the other fields (buyer, time, place, lines) stay as first imported."""

from __future__ import annotations

import sqlalchemy as sa

from cockpit.ingest.mapping import ColumnMapping
from cockpit.warehouse.load import update_from
from cockpit.warehouse.schema import order_revisions, orders

REVISED = ("status", "total_cny", "refunded_cny")
CENT = 0.005  # money compared to the cent (Numeric(14, 2))


def states_status(mapping: ColumnMapping) -> bool:
    """The file says each order's status (else every order is taken as paid, which must not
    overwrite a status imported before)."""
    return "status" in mapping.fields


def apply_revisions(conn: sa.Connection, import_id: int) -> None:
    """Write the `_after` values of import `import_id`'s revisions into orders."""
    _copy(conn, import_id, "after")


def restore_revisions(conn: sa.Connection, import_id: int) -> None:
    """Put back the `_before` values of import `import_id`'s revisions (its undo)."""
    _copy(conn, import_id, "before")


def _copy(conn: sa.Connection, import_id: int, side: str) -> None:
    rev = sa.select(order_revisions).where(order_revisions.c.import_id == import_id).subquery()
    update_from(conn, orders, rev, "order_id", {name: rev.c[f"{side}_{name}"]
                                                for name in REVISED})


def revised_later(conn: sa.Connection, import_id: int) -> list[int]:
    """Later imports that revised an order import `import_id` also revised (one row per
    such import): undo those first, or the values this undo restores would be stale."""
    mine, later = order_revisions.alias("mine"), order_revisions.alias("later")
    return list(conn.execute(
        sa.select(later.c.import_id).distinct()
        .join_from(mine, later, later.c.order_id == mine.c.order_id)
        .where(mine.c.import_id == import_id, later.c.import_id > import_id)
        .order_by(later.c.import_id)).scalars())


__all__ = ["CENT", "REVISED", "apply_revisions", "restore_revisions", "revised_later",
           "states_status"]
