"""Per-store results: visits, experiences by category, offline sales, attributed online sales,
a ranking, and a comparison of store formats."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, item_conditions, scope_conditions
from cockpit.o2o.scope import (
    OFFLINE,
    data_end,
    online_channels,
    period_bounds,
    store_conditions,
)
from cockpit.warehouse.schema import STORE_FORMATS, order_items, orders, store_visits, stores
from cockpit.warehouse.sql import fsum, hours_between

WINDOW_DAYS = 14
STORE_COLUMNS = ["store_id", "name_zh", "name_en", "city", "store_format", "latitude",
                 "longitude", "opened_on", "floor_area_sqm"]


def _frame(conn: sa.Connection, stmt: sa.Select, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(conn.execute(stmt).all(), columns=columns)


def _visit_counts(f: Filters) -> sa.Select:
    """Per store: visits, identified visits, visits with a category tried (in the period)."""
    start, stop = period_bounds(f)
    v = store_visits.c
    tried = v.category_experienced.is_not(None)
    if f.categories:
        tried = sa.and_(tried, v.category_experienced.in_(f.categories))
    return (sa.select(v.store_id, sa.func.count().label("visits"),
                      sa.func.count(v.customer_id).label("identified_visits"),
                      sa.func.sum(sa.case((tried, 1), else_=0)).label("experiences"))
            .where(v.visited_at >= start, v.visited_at < stop, *_scoped_stores(f, v.store_id))
            .group_by(v.store_id))


def _scoped_stores(f: Filters, store_id: sa.ColumnElement) -> list[sa.ColumnElement[bool]]:
    """For a scoped user, rows of the stores in their scope; nothing added otherwise."""
    if f.scope.unscoped:
        return []
    return [store_id.in_(sa.select(stores.c.store_id).where(*store_conditions(f)))]


def _offline_sales(f: Filters) -> sa.Select:
    """Per store: non-cancelled in-store orders and their GMV in the period."""
    conds = [orders.c.channel == OFFLINE, is_sale(), *scope_conditions(f.scope),
             orders.c.order_date >= f.start, orders.c.order_date <= f.end]
    if f.channels and OFFLINE not in f.channels:
        conds.append(sa.false())
    if f.categories:
        amount = order_items.c.amount_cny
        source = orders.join(order_items, order_items.c.order_id == orders.c.order_id)
        conds += item_conditions(f)
    else:
        amount, source = orders.c.total_cny, orders
    return (sa.select(orders.c.store_id,
                      sa.func.count(sa.distinct(orders.c.order_id)).label("offline_orders"),
                      fsum(amount).label("offline_gmv_cny"))
            .select_from(source).where(*conds).group_by(orders.c.store_id))


def _online_lines(f: Filters) -> sa.Subquery:
    """One row per non-cancelled online order line ordered in the period, in the filters'
    online channels and categories: the lines store-driven online GMV is drawn from (any
    platform and delivery place: the store selection carries the place)."""
    start, stop = period_bounds(f)
    return (
        sa.select(orders.c.order_id, order_items.c.line_number, orders.c.customer_id,
                  orders.c.ordered_at, order_items.c.category, order_items.c.amount_cny)
        .join(order_items, order_items.c.order_id == orders.c.order_id)
        .where(orders.c.channel.in_(online_channels(f)), is_sale(),
               orders.c.ordered_at >= start, orders.c.ordered_at < stop, *item_conditions(f),
               *scope_conditions(f.scope))
        .subquery("lines")
    )


def _attributed_online(f: Filters, window_days: int) -> sa.Select:
    """Per store: online order lines in the period of a category the same customer tried in
    the store within `window_days` before (last touch wins when several visits qualify)."""
    start, _ = period_bounds(f)
    lines = _online_lines(f)
    v = store_visits.c
    on = sa.and_(v.customer_id == lines.c.customer_id, v.category_experienced == lines.c.category,
                 v.visited_at < lines.c.ordered_at,
                 hours_between(v.visited_at, lines.c.ordered_at) <= 24.0 * window_days)
    touch = (
        sa.select(v.store_id, lines.c.order_id, lines.c.amount_cny,
                  sa.func.row_number().over(
                      partition_by=(lines.c.order_id, lines.c.line_number),
                      order_by=(v.visited_at.desc(), v.visit_id.desc())).label("rk"))
        .select_from(lines.join(store_visits, on))
        .where(v.visited_at >= start - timedelta(days=window_days))
        .subquery("touch")
    )
    return (sa.select(touch.c.store_id,
                      sa.func.count(sa.distinct(touch.c.order_id)).label("attributed_orders"),
                      fsum(touch.c.amount_cny).label("attributed_gmv_cny"))
            .where(touch.c.rk == 1).group_by(touch.c.store_id))


def online_gmv(conn: sa.Connection, f: Filters) -> float:
    """The amount of the period's online order lines that store-driven online GMV is drawn
    from (`_online_lines`), CNY: what its share is a share of. One row: the total."""
    lines = _online_lines(f)
    return float(conn.execute(sa.select(fsum(lines.c.amount_cny))).scalar_one() or 0.0)


def store_summary(conn: sa.Connection, f: Filters,
                  window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """One row per store in the filters' cities/regions: its facts, days open in the period,
    visits, experiences, offline and attributed online orders and GMV."""
    base = _frame(conn, sa.select(*[stores.c[c] for c in STORE_COLUMNS])
                  .where(*store_conditions(f)).order_by(stores.c.store_id), STORE_COLUMNS)
    visits = _frame(conn, _visit_counts(f),
                    ["store_id", "visits", "identified_visits", "experiences"])
    offline = _frame(conn, _offline_sales(f), ["store_id", "offline_orders", "offline_gmv_cny"])
    online = _frame(conn, _attributed_online(f, window_days),
                    ["store_id", "attributed_orders", "attributed_gmv_cny"])
    out = base
    for part in (visits, offline, online):
        out = out.merge(part, on="store_id", how="left")
    counts = ["visits", "identified_visits", "experiences", "offline_orders", "attributed_orders"]
    out[counts] = out[counts].fillna(0).astype("int64")
    money = ["offline_gmv_cny", "attributed_gmv_cny"]
    out[money] = out[money].astype(float).fillna(0.0)
    out["days_open"] = _days_open(out["opened_on"], f, data_end(conn).date())
    return out


def _days_open(opened_on: pd.Series, f: Filters, end) -> pd.Series:
    """Days each store was open within the period (capped at the data end)."""
    last = min(pd.Timestamp(f.end), pd.Timestamp(end) - pd.Timedelta(days=1))
    first = pd.to_datetime(opened_on).clip(lower=pd.Timestamp(f.start))
    return ((last - first).dt.days + 1).clip(lower=0).astype("int64")


def experiences(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per store and category tried in the period: visits with that experience."""
    start, stop = period_bounds(f)
    v = store_visits.c
    conds = [v.visited_at >= start, v.visited_at < stop, v.category_experienced.is_not(None),
             v.store_id.in_(sa.select(stores.c.store_id).where(*store_conditions(f)))]
    if f.categories:
        conds.append(v.category_experienced.in_(f.categories))
    stmt = (sa.select(v.store_id, v.category_experienced, sa.func.count())
            .where(*conds).group_by(v.store_id, v.category_experienced))
    frame = _frame(conn, stmt, ["store_id", "category", "experiences"])
    return frame.astype({"experiences": "int64"})


def ranking(summary: pd.DataFrame) -> pd.DataFrame:
    """Stores ranked by GMV they drove (offline GMV + attributed online GMV), best first."""
    out = summary.assign(total_gmv_cny=summary["offline_gmv_cny"]
                         + summary["attributed_gmv_cny"])
    out["online_share"] = (out["attributed_gmv_cny"] / out["total_gmv_cny"]).where(
        out["total_gmv_cny"] > 0)
    out = out.sort_values(["total_gmv_cny", "store_id"], ascending=[False, True])
    return out.assign(rank=range(1, len(out) + 1)).reset_index(drop=True)


def format_comparison(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per store format: stores, and per store per open day in the period: visits,
    offline GMV and attributed online GMV; share of visits with an experience."""
    grouped = summary.groupby("store_format").agg(
        stores=("store_id", "count"), store_days=("days_open", "sum"),
        visits=("visits", "sum"), experiences=("experiences", "sum"),
        offline_gmv_cny=("offline_gmv_cny", "sum"),
        attributed_gmv_cny=("attributed_gmv_cny", "sum"))
    days = grouped["store_days"].where(grouped["store_days"] > 0)
    out = pd.DataFrame({
        "stores": grouped["stores"],
        "visits_per_day": grouped["visits"] / days,
        "experience_share": grouped["experiences"] / grouped["visits"].where(grouped["visits"] > 0),
        "offline_gmv_per_day": grouped["offline_gmv_cny"] / days,
        "attributed_gmv_per_day": grouped["attributed_gmv_cny"] / days,
    })
    order = [f for f in STORE_FORMATS if f in out.index]
    return out.loc[order].rename_axis("store_format").reset_index()


def store_views(conn: sa.Connection, f: Filters,
                window_days: int = WINDOW_DAYS) -> dict[str, pd.DataFrame]:
    """The page's store tables from one pass: {"summary", "ranking", "formats"}."""
    summary = store_summary(conn, f, window_days)
    return {"summary": summary, "ranking": ranking(summary),
            "formats": format_comparison(summary)}
