"""Private-domain follow-through: the buyers and WeCom members a session brought, whether they
bought again within 7 and 30 days (any channel, outside that session), and the session's refund
(return) rate; by session and by host.

Buyers are customers with a non-cancelled order of the session; their clock starts at their
first order in it. WeCom members are customers whose `wecom_live_session_id` is the session
(one per customer: the session of their first join); their clock starts at `wecom_joined_at`.
A repurchase rate is left empty when its window runs past the last order in the warehouse.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale
from cockpit.live.sessions import period_conditions
from cockpit.warehouse.schema import customers, live_sessions, orders
from cockpit.warehouse.sql import hours_between

WINDOWS_DAYS = (7, 30)
COUNTS = ("orders", "returned", "buyers", "buyers_7d", "buyers_30d", "wecom_members",
          "wecom_7d", "wecom_30d")


def _repeat_flags(people: sa.Subquery, session: sa.ColumnElement) -> sa.Subquery:
    """Per (session, customer) of `people` (columns live_session_id, customer_id, since):
    flags r7 / r30 for a non-cancelled order after `since`, within 7 / 30 days, not in the
    same session."""
    o = orders.alias("later")
    hours = hours_between(people.c.since, o.c.ordered_at)
    flags = [sa.func.max(sa.case((sa.and_(hours > 0, hours <= d * 24), 1), else_=0))
             .label(f"r{d}") for d in WINDOWS_DAYS]
    other = sa.or_(o.c.live_session_id.is_(None), o.c.live_session_id != session)
    return (sa.select(people.c.live_session_id, people.c.customer_id, *flags)
            .select_from(people.outerjoin(o, sa.and_(o.c.customer_id == people.c.customer_id,
                                                     is_sale(o), other)))
            .group_by(people.c.live_session_id, people.c.customer_id).subquery())


def _buyers(f: Filters) -> sa.Subquery:
    ls = live_sessions
    return (sa.select(orders.c.live_session_id, orders.c.customer_id,
                      sa.func.min(orders.c.ordered_at).label("since"))
            .select_from(orders.join(ls, ls.c.live_session_id == orders.c.live_session_id))
            .where(*period_conditions(f), is_sale())
            .group_by(orders.c.live_session_id, orders.c.customer_id).subquery("buyers"))


def _members(f: Filters) -> sa.Subquery:
    ls, c = live_sessions, customers
    return (sa.select(c.c.wecom_live_session_id.label("live_session_id"), c.c.customer_id,
                      c.c.wecom_joined_at.label("since"))
            .select_from(c.join(ls, ls.c.live_session_id == c.c.wecom_live_session_id))
            .where(*period_conditions(f)).subquery("members"))


def _count(sub: sa.Subquery, prefix: str) -> sa.Subquery:
    flags = _repeat_flags(sub, sub.c.live_session_id)
    return (sa.select(flags.c.live_session_id, sa.func.count().label(prefix),
                      *(sa.func.sum(flags.c[f"r{d}"]).label(f"{prefix}_{d}d")
                        for d in WINDOWS_DAYS))
            .group_by(flags.c.live_session_id).subquery(f"{prefix}_counts"))


def _order_counts(f: Filters) -> sa.Subquery:
    ls = live_sessions
    returned = sa.func.sum(sa.case((orders.c.status == "returned", 1), else_=0))
    return (sa.select(orders.c.live_session_id, sa.func.count().label("orders"),
                      returned.label("returned"))
            .select_from(orders.join(ls, ls.c.live_session_id == orders.c.live_session_id))
            .where(*period_conditions(f), is_sale())
            .group_by(orders.c.live_session_id).subquery("order_counts"))


def session_counts(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per session of the period: live_session_id, title, host_name, host_type,
    started_at, COUNTS (orders non-cancelled, returned, buyers and those who bought again
    within 7/30 days, WeCom members and those who bought within 7/30 days), data_end."""
    ls = live_sessions
    parts = (_order_counts(f), _count(_buyers(f), "buyers"), _count(_members(f), "wecom"))
    joined = ls
    for p in parts:
        joined = joined.outerjoin(p, p.c.live_session_id == ls.c.live_session_id)
    cols = [sa.cast(sa.func.coalesce(p.c[name], 0), sa.Double).label(
        {"wecom": "wecom_members"}.get(name, name))
        for p in parts for name in (c.name for c in p.c) if name != "live_session_id"]
    stmt = (sa.select(ls.c.live_session_id, ls.c.title, ls.c.host_name, ls.c.host_type,
                      ls.c.started_at, *cols)
            .select_from(joined).where(*period_conditions(f)).order_by(ls.c.started_at))
    result = conn.execute(stmt)
    frame = pd.DataFrame(result.all(), columns=list(result.keys()))
    frame["started_at"] = pd.to_datetime(frame["started_at"])
    frame["data_end"] = pd.Timestamp(conn.execute(sa.select(sa.func.max(orders.c.ordered_at)))
                                     .scalar_one())
    return frame


def rates(counts: pd.DataFrame, by: str = "live_session_id") -> pd.DataFrame:
    """From `session_counts`: one row per `by` value (live_session_id or host_name) with
    sessions, COUNTS summed, refund_rate (returned ÷ orders) and the repurchase rates
    buyer_repurchase_7d/30d and wecom_repurchase_7d/30d. Only sessions whose window has
    fully passed count towards a 7- or 30-day rate (empty when none has)."""
    c = counts.copy()
    for d in WINDOWS_DAYS:
        done = c["started_at"] + pd.Timedelta(days=d + 1) <= c["data_end"]
        for who in ("buyers", "wecom"):
            base = "buyers" if who == "buyers" else "wecom_members"
            c[f"{who}_base_{d}d"] = np.where(done, c[base], 0.0)
            c[f"{who}_hits_{d}d"] = np.where(done, c[f"{who}_{d}d"], 0.0)
    keys = [by] if by == "host_name" else [by, "title", "host_name", "started_at"]
    g = c.groupby(keys, sort=False)
    out = g[[col for col in c.columns if col.startswith(("buyers", "wecom", "orders",
                                                          "returned"))]].sum()
    out.insert(0, "sessions", g.size())
    with np.errstate(divide="ignore", invalid="ignore"):
        out["refund_rate"] = out["returned"] / out["orders"].where(out["orders"] > 0)
        for d in WINDOWS_DAYS:
            for who in ("buyers", "wecom"):
                den = out[f"{who}_base_{d}d"]
                name = "buyer" if who == "buyers" else who
                out[f"{name}_repurchase_{d}d"] = out[f"{who}_hits_{d}d"] / den.where(den > 0)
    drop = [col for col in out.columns if "_base_" in col or "_hits_" in col]
    return out.drop(columns=drop).reset_index()


def by_session(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """`rates` per session of the period."""
    return rates(session_counts(conn, f))


def by_host(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """`rates` per host over the period's sessions (buyers counted once per session)."""
    return rates(session_counts(conn, f), by="host_name")
