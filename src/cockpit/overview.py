"""Overview analysis: headline KPIs for a period, compared over time, and GMV by channel."""

from __future__ import annotations

import logging
import math
from datetime import datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING
from cockpit.facts import first_orders, order_amounts
from cockpit.filters import (
    Filters,
    item_conditions,
    order_conditions,
    platform_wide,
    scope_conditions,
)
from cockpit.logistics.co2e import co2e_per_order
from cockpit.warehouse.schema import (
    marketing_spend,
    order_items,
    orders,
    service_tickets,
)
from cockpit.warehouse.sql import date_trunc, fsum

log = logging.getLogger(__name__)

LIVE_CHANNELS = ("live_stream", "short_video")
KPI_UNITS = {
    "gmv": "cny",
    "orders": "count",
    "aov": "cny",
    "active_customers": "count",
    "repurchase_rate": "ratio",
    "cac": "cny",
    "live_share": "ratio",
    "ai_resolution_rate": "ratio",
    "co2e_per_order": "kg",
}
KPI_KEYS = tuple(KPI_UNITS)
LOWER_IS_BETTER = frozenset({"cac", "co2e_per_order"})
PERIODS = ("value", "previous", "last_year")
GRAINS = ("day", "week", "month")


def _orders_block(f: Filters) -> sa.Subquery:
    """One row: gmv, live_gmv, known_channel_gmv (orders whose channel the data names),
    orders, active customers, repeat customers."""
    ords = order_amounts(f)
    live_amount = sa.case((ords.c.channel.in_(LIVE_CHANNELS), ords.c.amount_cny), else_=0)
    known_amount = sa.case((ords.c.channel.is_not(None), ords.c.amount_cny), else_=0)
    per_customer = (
        sa.select(
            sa.func.count().label("n_orders"),
            sa.func.sum(ords.c.amount_cny).label("gmv"),
            sa.func.sum(live_amount).label("live_gmv"),
            sa.func.sum(known_amount).label("known_channel_gmv"),
        )
        .group_by(ords.c.customer_id)
        .subquery("per_customer")
    )
    return sa.select(
        fsum(per_customer.c.gmv).label("gmv"),
        fsum(per_customer.c.live_gmv).label("live_gmv"),
        fsum(per_customer.c.known_channel_gmv).label("known_channel_gmv"),
        sa.func.sum(per_customer.c.n_orders).label("orders"),
        sa.func.count().label("active_customers"),
        sa.func.sum(sa.case((per_customer.c.n_orders >= 2, 1), else_=0)).label("repeaters"),
    ).subquery("orders_block")


def _period_bounds(f: Filters) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) for timestamp columns."""
    return (datetime.combine(f.start, time.min),
            datetime.combine(f.end + timedelta(days=1), time.min))


def _order_matches(f: Filters, order_id: sa.ColumnElement) -> list[sa.ColumnElement[bool]]:
    """Conditions that the order `order_id` matches the channel/region/city/category
    selections of `f` (any date); empty when none is set."""
    dims = []
    on_order = [col.in_(values) for col, values in (
        (orders.c.channel, f.channels), (orders.c.region, f.regions), (orders.c.city, f.cities),
    ) if values]
    if on_order:
        dims.append(sa.exists().where(orders.c.order_id == order_id, *on_order))
    if f.categories:
        dims.append(sa.exists().where(order_items.c.order_id == order_id,
                                      *item_conditions(f)))
    return dims


def _tickets_block(f: Filters) -> sa.Subquery:
    """One row: tickets opened in the period and those resolved by AI. With dimension
    filters, only tickets about an order matching them; for a scoped user, only tickets
    about an order in scope."""
    lo, hi = _period_bounds(f)
    t = service_tickets
    return sa.select(
        sa.func.count().label("tickets"),
        sa.func.sum(sa.case((t.c.resolved_by == "ai", 1), else_=0)).label("ai_tickets"),
    ).where(t.c.opened_at >= lo, t.c.opened_at < hi,
            *_order_matches(f, t.c.order_id),
            *scope_conditions(f.scope, t)).subquery("tickets_block")


def _spend_block(f: Filters) -> sa.Subquery:
    """One row: platform-wide marketing spend in the period, CNY; NULL for a scoped user
    (spend has no region, so their CAC is not computed)."""
    m = marketing_spend
    return sa.select(fsum(m.c.spend_cny).label("spend_cny")).where(
        m.c.spend_date >= f.start, m.c.spend_date <= f.end, platform_wide(f)
    ).subquery("spend_block")


def period_totals(conn: sa.Connection, f: Filters) -> dict[str, float]:
    """The additive totals behind the KPIs for one period, in one query: gmv, live_gmv,
    known_channel_gmv, orders, active_customers, repeaters, tickets, ai_tickets, spend_cny
    (None when the warehouse records no marketing spend for the period)."""
    blocks = (_orders_block(f), _tickets_block(f), _spend_block(f))
    stmt = sa.select(*(c for b in blocks for c in b.c)).select_from(
        blocks[0].join(blocks[1], sa.true()).join(blocks[2], sa.true()))
    row = conn.execute(stmt).mappings().one()
    totals = {k: float(v or 0) for k, v in row.items()}
    totals["spend_cny"] = None if row["spend_cny"] is None else float(row["spend_cny"])
    return totals


def new_customer_counts(conn: sa.Connection, periods: list[Filters]) -> list[int]:
    """Per period: customers whose first-ever sale order falls in it and matches its
    platform/channel/region/city/category selections. One query over customer_facts (one row
    per buyer) for all periods."""
    first = first_orders(periods[0].scope if periods else EVERYTHING)
    counts = []
    for i, p in enumerate(periods):
        conds = order_conditions(p, first)
        if p.categories:  # uncorrelated: some warehouses refuse one inside an aggregate
            conds.append(first.c.order_id.in_(
                sa.select(order_items.c.order_id).where(*item_conditions(p))))
        counts.append(sa.func.sum(sa.case((sa.and_(*conds), 1), else_=0)).label(f"p{i}"))
    row = conn.execute(sa.select(*counts)).one()
    return [int(v or 0) for v in row]


def _ratio(num: float | None, den: float | None) -> float | None:
    if num is None or den is None or den == 0:
        return None
    return num / den


def derive_kpis(totals: dict[str, float], new_customers: int,
                co2e_per_order: float | None) -> dict[str, float | None]:
    """KPI values from one period's totals (None where a ratio has no denominator)."""
    return {
        "gmv": totals["gmv"],
        "orders": totals["orders"],
        "aov": _ratio(totals["gmv"], totals["orders"]),
        "active_customers": totals["active_customers"],
        "repurchase_rate": _ratio(totals["repeaters"], totals["active_customers"]),
        "cac": _ratio(totals["spend_cny"], new_customers),
        "live_share": _ratio(totals["live_gmv"], totals["known_channel_gmv"]),
        "ai_resolution_rate": _ratio(totals["ai_tickets"], totals["tickets"]),
        "co2e_per_order": co2e_per_order,
    }


def _co2e_per_order(conn: sa.Connection, f: Filters) -> float | None:
    """kg CO2e per shipped order (cockpit.logistics), None when no order shipped."""
    value = co2e_per_order(conn, f)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def kpis(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per KPI: kpi, value (period f), previous (the period before),
    last_year (same period a year earlier), unit (cny, count, ratio or kg)."""
    periods = [f, f.previous_period(), f.same_period_last_year()]
    new_customers = new_customer_counts(conn, periods)
    columns = {}
    for name, p, new in zip(PERIODS, periods, new_customers, strict=True):
        values = derive_kpis(period_totals(conn, p), new, _co2e_per_order(conn, p))
        columns[name] = [values[k] for k in KPI_KEYS]
    frame = pd.DataFrame({"kpi": list(KPI_KEYS), **columns,
                          "unit": [KPI_UNITS[k] for k in KPI_KEYS]})
    for name in PERIODS:
        frame[name] = frame[name].astype("float64")
    return frame


def gmv_trend(conn: sa.Connection, f: Filters, grain: str = "day") -> pd.DataFrame:
    """One row per period (start of day/week/month) and channel: period, channel,
    gmv_cny, orders (non-cancelled orders matching f)."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, got {grain!r}")
    ords = order_amounts(f)
    period = date_trunc(grain, ords.c.order_date)
    stmt = (
        sa.select(period.label("period"), ords.c.channel,
                  fsum(ords.c.amount_cny).label("gmv_cny"),
                  sa.func.count().label("orders"))
        .group_by(period, ords.c.channel)
        .order_by(period, ords.c.channel)
    )
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["period", "channel", "gmv_cny", "orders"])
    frame["period"] = pd.to_datetime(frame["period"])
    frame["gmv_cny"] = frame["gmv_cny"].astype("float64")
    frame["orders"] = frame["orders"].astype("int64")
    return frame
