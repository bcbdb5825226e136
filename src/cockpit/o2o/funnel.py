"""Funnel 引流 → 转化 → 复购: customers acquired per channel (public domain: Douyin,
Xiaohongshu, search ads; private: WeCom groups, official account, referral; offline stores),
who joined the private domain (WeCom or official account), placed a first order, and bought
again within REPURCHASE_DAYS of it. Steps are nested and counted by the data end."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.filters import Filters, is_sale, scope_condition
from cockpit.o2o.scope import customer_scope, data_end, data_start
from cockpit.warehouse.schema import ACQUISITION_CHANNELS, customer_facts, customers, orders
from cockpit.warehouse.sql import date_trunc, hours_between

REPURCHASE_DAYS = 90
STEPS = ("acquired", "private", "first_order", "repurchased")
PUBLIC_CHANNELS = ("douyin", "xiaohongshu", "search_ads")


def _first_two(cohort: sa.Subquery, scope: Scope = EVERYTHING) -> sa.Subquery:
    """Per cohort customer with a sale order: first and second sale order times (the
    customer_facts mart; for a scoped user, ranked over the sale orders in scope only)."""
    if not scope.unscoped:
        return _first_two_in(cohort, scope)
    cf = customer_facts.c
    return (sa.select(cf.customer_id, cf.first_ordered_at.label("first_at"),
                      cf.second_ordered_at.label("second_at"))
            .where(cf.customer_id.in_(sa.select(cohort.c.customer_id)))
            .subquery("first_two"))


def _first_two_in(cohort: sa.Subquery, scope: Scope) -> sa.Subquery:
    """`_first_two` from the orders table, counting only the sale orders in `scope`."""
    o = orders.c
    rank = sa.func.row_number().over(partition_by=o.customer_id,
                                     order_by=(o.ordered_at, o.order_id)).label("rank")
    ranked = sa.select(o.customer_id, o.ordered_at, rank).where(
        is_sale(), scope_condition(scope, o.region, o.store_id),
        o.customer_id.in_(sa.select(cohort.c.customer_id))).subquery("ranked")
    r = ranked.c
    return (sa.select(r.customer_id,
                      sa.func.max(sa.case((r.rank == 1, r.ordered_at))).label("first_at"),
                      sa.func.max(sa.case((r.rank == 2, r.ordered_at))).label("second_at"))
            .where(r.rank <= 2).group_by(r.customer_id).subquery("first_two"))


def _steps(f: Filters, since: date, until: date, end: datetime,
           grain: str = "month") -> sa.Subquery:
    """One row per customer signed up in [since, until] (home city/region filters): channel,
    signup month and 0/1 flags for each nested step; `mature` when the first order is at least
    REPURCHASE_DAYS before the data end."""
    conds = [customers.c.signup_date >= since, customers.c.signup_date <= until]
    if f.cities:
        conds.append(customers.c.city.in_(f.cities))
    if f.regions:
        conds.append(customers.c.region.in_(f.regions))
    conds += customer_scope(f.scope)
    cohort = sa.select(customers.c.customer_id).where(*conds).subquery("cohort")
    ft = _first_two(cohort, f.scope)
    joined = customers.c.wecom_joined_at.is_not(None)
    first = sa.and_(joined, ft.c.first_at.is_not(None))
    mature = sa.and_(first, ft.c.first_at < end - timedelta(days=REPURCHASE_DAYS))
    again = sa.and_(mature, ft.c.second_at.is_not(None),
                    hours_between(ft.c.first_at, ft.c.second_at) <= 24.0 * REPURCHASE_DAYS)
    flag = lambda cond: sa.case((cond, 1), else_=0)  # noqa: E731
    return (sa.select(customers.c.acquisition_channel.label("channel"),
                      date_trunc(grain, customers.c.signup_date).label("period"),
                      flag(joined).label("private"), flag(first).label("first_order"),
                      flag(mature).label("mature"), flag(again).label("repurchased"))
            .select_from(customers.outerjoin(ft, ft.c.customer_id == customers.c.customer_id))
            .where(*conds).subquery("steps"))


def _counts(conn: sa.Connection, s: sa.Subquery, keys: list[sa.ColumnElement],
            names: list[str]) -> pd.DataFrame:
    sums = [sa.func.sum(s.c[k]).label(k) for k in ("private", "first_order", "mature",
                                                   "repurchased")]
    stmt = sa.select(*keys, sa.func.count().label("acquired"), *sums).group_by(*keys)
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=[*names, "acquired", "private", "first_order", "mature",
                                  "repurchased"])
    counts = ["acquired", "private", "first_order", "mature", "repurchased"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    return _rates(frame)


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Step rates: private ÷ acquired, first order ÷ private, repurchased ÷ mature first orders."""
    def ratio(num: str, den: str) -> pd.Series:
        return frame[num] / frame[den].where(frame[den] > 0)
    return frame.assign(private_rate=ratio("private", "acquired"),
                        first_order_rate=ratio("first_order", "private"),
                        repurchase_rate=ratio("repurchased", "mature"))


def cohort_span(f: Filters) -> tuple[date, date]:
    """Signup days of the by-channel cohort: the year (or the period, when longer) ending
    REPURCHASE_DAYS before the period end, so each customer has had time to buy again."""
    until = f.end - timedelta(days=REPURCHASE_DAYS)
    return min(f.start, until - timedelta(days=364)), until


def by_channel(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per acquisition channel for customers who signed up in `cohort_span(f)`: step
    counts and rates."""
    s = _steps(f, *cohort_span(f), data_end(conn))
    frame = _counts(conn, s, [s.c.channel], ["channel"])
    order = {c: i for i, c in enumerate(ACQUISITION_CHANNELS)}
    frame = frame.sort_values("channel", key=lambda c: c.map(order).fillna(len(order)))
    return frame.reset_index(drop=True)


def over_time(conn: sa.Connection, f: Filters, grain: str = "quarter") -> pd.DataFrame:
    """One row per signup period (month or quarter, the whole history up to the period end)
    and channel: step counts and rates, to see which channels bring customers who stay."""
    s = _steps(f, data_start(conn), f.end, data_end(conn), grain)
    frame = _counts(conn, s, [s.c.period, s.c.channel], ["period", "channel"])
    frame["period"] = pd.to_datetime(frame["period"])
    return frame.sort_values(["period", "channel"]).reset_index(drop=True)
