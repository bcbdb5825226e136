"""Cross-border lines: door-to-door lead time and customs clearance by route, before and
after the EU→China direct-mail line opened (whole history, as distributions)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, item_conditions, order_conditions
from cockpit.logistics.scope import whole_history
from cockpit.warehouse.schema import order_items, orders, shipments
from cockpit.warehouse.sql import hours_between, percentile

DIRECT_MAIL = "eu_cn_direct_mail"
EU_ROUTES = ("eu_cn_postal", DIRECT_MAIL)
EU_CORRIDOR = "eu_cn_all"
ROUTE_ORDER = (EU_CORRIDOR, *EU_ROUTES, "us_cn_air", "jp_cn_sea")
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
MEASURES = ("lead_days", "customs_hours")
COLUMNS = ["route", "phase", "shipments",
           *(f"{m}_{s}" for m in MEASURES for s in ("mean", *(f"p{round(q * 100)}"
                                                            for q in QUANTILES)))]


def _conditions(f: Filters) -> list[sa.ColumnElement[bool]]:
    conds = [shipments.c.route != "domestic", *order_conditions(whole_history(f))]
    if f.categories:
        conds.append(sa.exists().where(order_items.c.order_id == orders.c.order_id,
                                       *item_conditions(f)))
    return conds


def _source() -> sa.Join:
    return shipments.join(orders, orders.c.order_id == shipments.c.order_id)


def opening(conn: sa.Connection, f: Filters) -> datetime | None:
    """When the first direct-mail order was placed (`f`'s selections, any date)."""
    stmt = (sa.select(sa.func.min(orders.c.ordered_at)).select_from(_source())
            .where(shipments.c.route == DIRECT_MAIL, *_conditions(f)))
    return conn.execute(stmt).scalar_one()


def _stats(route: sa.ColumnElement, phase: sa.ColumnElement, f: Filters,
           routes: tuple[str, ...] = ()) -> sa.Select:
    """Count, mean and quantiles per route and phase, grouped on an inner query's columns
    (PostgreSQL cannot match parametrised CASE expressions in GROUP BY)."""
    rows = (sa.select(route.label("route"), phase.label("phase"),
                      (hours_between(orders.c.ordered_at, shipments.c.delivered_at) / 24.0)
                      .label("lead_days"),
                      shipments.c.customs_clearance_hours.label("customs_hours"))
            .select_from(_source()).where(*_conditions(f))
            .where(*([shipments.c.route.in_(routes)] if routes else []))
            .subquery("legs"))
    cols = [rows.c.route, rows.c.phase, sa.func.count().label("shipments")]
    for name in MEASURES:
        expr = rows.c[name]
        cols.append(sa.cast(sa.func.avg(expr), sa.Double).label(f"{name}_mean"))
        cols += [sa.cast(percentile(q, expr), sa.Double)
                 .label(f"{name}_p{round(q * 100)}") for q in QUANTILES]
    return sa.select(*cols).group_by(rows.c.route, rows.c.phase)


def lead_times(conn: sa.Connection, f: Filters, opened: datetime | None) -> pd.DataFrame:
    """One row per route (plus `eu_cn_all`, both EU lines together) and phase (before /
    after `opened`): shipments, door-to-door lead time in days (order to delivery) and
    customs clearance in hours, each as mean and p10/p25/p50/p75/p90."""
    after = orders.c.ordered_at >= opened if opened is not None else sa.false()
    phase = sa.case((after, "after"), else_="before")
    corridor = sa.case((shipments.c.route.in_(EU_ROUTES), EU_CORRIDOR),
                       else_=shipments.c.route)
    stmt = sa.union_all(_stats(shipments.c.route, phase, f),
                        _stats(corridor, phase, f, EU_ROUTES))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=COLUMNS)
    frame["shipments"] = frame["shipments"].astype("int64")
    order = {r: i for i, r in enumerate(ROUTE_ORDER)}
    frame["_rank"] = frame["route"].map(order).fillna(len(order))
    frame = frame.sort_values(["_rank", "route", "phase"], ascending=[True, True, False])
    return frame.drop(columns="_rank").reset_index(drop=True)
