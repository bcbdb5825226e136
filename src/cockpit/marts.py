"""Derived tables (marts) that every load rebuilds from the base tables inside its own
transaction: the demo build (`cockpit.demo.build`), every import and undo
(`cockpit.ingest.writer.write_transaction`) and `python -m cockpit refresh`. Readers see
them change together with the rows they summarise. Each mart's definition is a SELECT over
the base tables (customer_facts here, shipment_co2e in cockpit.logistics.co2e beside the
footprint's formulas); tests/test_marts.py checks the stored rows against the
definitions, computed apart."""

from __future__ import annotations

import sqlalchemy as sa

from cockpit.logistics.co2e import shipment_co2e_definition
from cockpit.warehouse.load import replace_from_select
from cockpit.warehouse.schema import SALE_STATUSES, customer_facts, orders, shipment_co2e


def customer_facts_select() -> sa.Select:
    """One row per customer with at least one sale order: the first and second sale order
    (by ordered_at, then order_id), the last order day, the count and GMV of sale orders.
    One ranking of the sale orders, then one GROUP BY."""
    amount = orders.c.total_cny - sa.func.coalesce(orders.c.refunded_cny, 0)
    ranked = sa.select(
        orders.c.customer_id, orders.c.order_id, orders.c.ordered_at, orders.c.order_date,
        orders.c.platform, orders.c.channel, orders.c.region, orders.c.city,
        amount.label("amount_cny"),
        sa.func.row_number().over(partition_by=orders.c.customer_id,
                                  order_by=(orders.c.ordered_at, orders.c.order_id)
                                  ).label("rank"),
    ).where(orders.c.status.in_(SALE_STATUSES)).subquery("ranked")
    r = ranked.c

    def nth(rank: int, column: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.max(sa.case((r.rank == rank, column)))

    return sa.select(
        r.customer_id,
        nth(1, r.order_id).label("first_order_id"),
        nth(1, r.ordered_at).label("first_ordered_at"),
        nth(1, r.order_date).label("first_order_date"),
        nth(1, r.platform).label("first_platform"),
        nth(1, r.channel).label("first_channel"),
        nth(1, r.region).label("first_region"),
        nth(1, r.city).label("first_city"),
        nth(2, r.ordered_at).label("second_ordered_at"),
        sa.func.max(r.order_date).label("last_order_date"),
        sa.func.count().label("sale_orders"),
        sa.func.sum(r.amount_cny).label("sale_amount_cny"),
    ).group_by(r.customer_id)


MARTS: dict[sa.Table, sa.Select] = {customer_facts: customer_facts_select(),
                                     shipment_co2e: shipment_co2e_definition()}


def refresh_marts(conn: sa.Connection) -> None:
    """Replace every mart's rows by its definition over the base tables, on `conn` (inside
    the caller's transaction)."""
    for table, definition in MARTS.items():
        replace_from_select(conn, table, definition)
