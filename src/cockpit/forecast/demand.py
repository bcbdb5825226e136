"""Demand and stock aggregates for inventory planning, computed in SQL (one row per group)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, item_conditions, scope_conditions
from cockpit.warehouse.schema import (
    inventory_daily,
    order_items,
    orders,
    products,
    shipments,
    warehouses,
)
from cockpit.warehouse.sql import days_between, fsum, hours_between

SHIPPED = is_sale()


def _window(f: Filters, days: int) -> tuple[date, date]:
    return f.end - timedelta(days=days - 1), f.end


def _shipped_lines(f: Filters, days: int) -> list[sa.ColumnElement[bool]]:
    """Order lines shipped from a warehouse in the `days` ending f.end, in f's categories and
    the user's scope. Channel and region filters are not applied: a warehouse's stock serves
    every channel."""
    start, end = _window(f, days)
    return [orders.c.order_date >= start, orders.c.order_date <= end, SHIPPED,
            orders.c.warehouse_id.is_not(None), *item_conditions(f), *scope_conditions(f.scope)]


def _moments(units: sa.ColumnElement, n: int, keys: list[sa.ColumnElement],
             sub: sa.Subquery) -> sa.Select:
    """Per group: periods n, sum and sum of squares of per-period units (missing periods = 0)."""
    return sa.select(*keys, sa.literal(n).label("periods"),
                     fsum(units).label("units"), fsum(units * units).label("units_sq")
                     ).select_from(sub).group_by(*keys)


def _mean_sd(frame: pd.DataFrame) -> pd.DataFrame:
    """Add mean and sample sd per period from units, units_sq and periods (zero-filled)."""
    n = frame["periods"].astype(float)
    mean = frame["units"] / n
    var = ((frame["units_sq"] - n * mean**2) / (n - 1).clip(lower=1)).clip(lower=0)
    return frame.assign(mean_units=mean, sd_units=var**0.5)


def daily_demand(conn: sa.Connection, f: Filters, days: int) -> pd.DataFrame:
    """One row per warehouse × product shipped in the last `days` to f.end: mean and sd of
    daily units (days without sales count as 0)."""
    daily = (sa.select(orders.c.warehouse_id, order_items.c.product_id, orders.c.order_date,
                       sa.cast(sa.func.sum(order_items.c.quantity), sa.Double).label("u"))
             .select_from(orders.join(order_items, order_items.c.order_id == orders.c.order_id))
             .where(*_shipped_lines(f, days))
             .group_by(orders.c.warehouse_id, order_items.c.product_id, orders.c.order_date)
             .subquery())
    query = _moments(daily.c.u, days, [daily.c.warehouse_id, daily.c.product_id], daily)
    frame = pd.DataFrame(conn.execute(query).mappings().all(),
                         columns=["warehouse_id", "product_id", "periods", "units", "units_sq"])
    return _mean_sd(frame.astype({"units": float, "units_sq": float}))


def weekly_product_demand(conn: sa.Connection, f: Filters, weeks: int) -> pd.DataFrame:
    """One row per product sold in the last `weeks` weeks to f.end: GMV (¥), units, and mean
    and sd of weekly units (weeks without sales count as 0)."""
    start, _ = _window(f, weeks * 7)
    week = sa.func.floor(days_between(sa.literal(start, sa.Date), orders.c.order_date) / 7.0)
    lines = orders.join(order_items, order_items.c.order_id == orders.c.order_id)
    conds = [orders.c.order_date >= start, orders.c.order_date <= f.end, SHIPPED,
             *item_conditions(f), *scope_conditions(f.scope)]
    weekly = (sa.select(order_items.c.product_id, week.label("week"),
                        sa.cast(sa.func.sum(order_items.c.quantity), sa.Double).label("u"),
                        fsum(order_items.c.amount_cny).label("gmv"))
              .select_from(lines).where(*conds)
              .group_by(order_items.c.product_id, week).subquery())
    query = _moments(weekly.c.u, weeks, [weekly.c.product_id], weekly).add_columns(
        fsum(weekly.c.gmv).label("gmv_cny"))
    frame = pd.DataFrame(conn.execute(query).mappings().all(),
                         columns=["product_id", "periods", "units", "units_sq", "gmv_cny"])
    return _mean_sd(frame.astype({"units": float, "units_sq": float, "gmv_cny": float}))


def latest_stock(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per warehouse × product stocked on the last snapshot day on or before f.end:
    on-hand units and that day (empty when no snapshot is that old)."""
    day = sa.select(sa.func.max(inventory_daily.c.snapshot_date)).where(
        inventory_daily.c.snapshot_date <= f.end).scalar_subquery()
    query = sa.select(inventory_daily.c.warehouse_id, inventory_daily.c.product_id,
                      inventory_daily.c.on_hand_units, inventory_daily.c.snapshot_date
                      ).where(inventory_daily.c.snapshot_date == day)
    if f.categories:
        query = query.where(inventory_daily.c.product_id.in_(
            sa.select(products.c.product_id).where(products.c.category.in_(f.categories))))
    return pd.DataFrame(conn.execute(query).mappings().all(),
                        columns=["warehouse_id", "product_id", "on_hand_units", "snapshot_date"])


def warehouse_table(conn: sa.Connection) -> pd.DataFrame:
    """One row per warehouse: names, type, city, lead time mean and sd (days), holding cost
    (¥ per unit and day)."""
    cols = [warehouses.c.warehouse_id, warehouses.c.name_zh.label("warehouse_zh"),
            warehouses.c.name_en.label("warehouse_en"),
            warehouses.c.warehouse_type, warehouses.c.city, warehouses.c.lead_time_days,
            warehouses.c.lead_time_sd_days,
            sa.cast(warehouses.c.holding_cost_cny_per_unit_day, sa.Double).label("holding_cny")]
    return pd.DataFrame(conn.execute(sa.select(*cols)).mappings().all(),
                        columns=[c.name for c in cols])


def product_table(conn: sa.Connection) -> pd.DataFrame:
    """One row per product: sku, names, category, cold-chain and C2M flags."""
    cols = [products.c.product_id, products.c.sku, products.c.name_zh, products.c.name_en,
            products.c.category, products.c.needs_cold_chain, products.c.is_c2m]
    return pd.DataFrame(conn.execute(sa.select(*cols)).mappings().all(),
                        columns=[c.name for c in cols])


def units_by_warehouse_type(conn: sa.Connection, f: Filters, days: int) -> pd.DataFrame:
    """One row per product and warehouse type: units shipped in the last `days` to f.end."""
    wtype = warehouses.c.warehouse_type
    src = orders.join(order_items, order_items.c.order_id == orders.c.order_id).join(
        warehouses, warehouses.c.warehouse_id == orders.c.warehouse_id)
    query = (sa.select(order_items.c.product_id, wtype,
                       sa.cast(sa.func.sum(order_items.c.quantity), sa.Double).label("units"))
             .select_from(src).where(*_shipped_lines(f, days))
             .group_by(order_items.c.product_id, wtype))
    return pd.DataFrame(conn.execute(query).mappings().all(),
                        columns=["product_id", "warehouse_type", "units"])


def delivery_days_by_type(conn: sa.Connection, f: Filters, days: int) -> dict[str, float]:
    """Mean days from order to delivery, per warehouse type, over the last `days` to f.end."""
    src = shipments.join(orders, orders.c.order_id == shipments.c.order_id).join(
        warehouses, warehouses.c.warehouse_id == shipments.c.warehouse_id)
    start, end = _window(f, days)
    hours = sa.func.avg(hours_between(orders.c.ordered_at, shipments.c.delivered_at))
    query = (sa.select(warehouses.c.warehouse_type, sa.cast(hours, sa.Double) / 24.0)
             .select_from(src)
             .where(orders.c.order_date >= start, orders.c.order_date <= end)
             .group_by(warehouses.c.warehouse_type))
    return {wtype: float(value) for wtype, value in conn.execute(query).all()}
