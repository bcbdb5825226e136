"""Migration: how customers moved between lifecycle tiers or RFM groups from the previous
period (same length, just before) to the selected one, with the CLV at stake on each flow.

CLV at stake on a flow = the sum over its customers of the expected CLV over the next 365
days estimated at f.end (BG/NBD + Gamma-Gamma, `cockpit.clv`), CNY. Customers without a group
in the previous period enter from "none" (not yet a customer, or no order in the RFM window);
those who leave the RFM window go to "none".
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from cockpit.clv.warehouse import CLV_HORIZON_DAYS, clv_by_customer
from cockpit.filters import Filters
from cockpit.segments import lifecycle, rfm
from cockpit.warehouse.fetch import read_frame

GROUPINGS = ("tier", "rfm")
NONE = "none"
# how healthy a group is, to call a move up or down (equal: sideways, "same")
HEALTH = {
    "tier": {"vip": 3, "returning": 2, "new": 2, "at_risk": 1, "dormant": 0},
    "rfm": {"champions": 5, "loyal": 4, "potential_loyalist": 3, "new": 3, "promising": 2,
            "needs_attention": 2, "about_to_sleep": 1, "at_risk": 1, "cant_lose": 1,
            "hibernating": 0},
}
DIRECTIONS = ("up", "down", "same", "in", "out")


def direction(grouping: str, source: str, target: str) -> str:
    """"in" from none, "out" to none, else up/down/same by HEALTH."""
    if source == NONE:
        return "in"
    if target == NONE:
        return "out"
    health = HEALTH[grouping]
    diff = health[target] - health[source]
    return "up" if diff > 0 else "down" if diff < 0 else "same"


def groups(grouping: str) -> tuple[str, ...]:
    """The group codes of a grouping, in display order."""
    if grouping not in GROUPINGS:
        raise ValueError(f"grouping must be one of {GROUPINGS}, got {grouping!r}")
    return lifecycle.TIERS if grouping == "tier" else rfm.GROUPS


def _grouped(f: Filters, grouping: str) -> sa.Subquery:
    if grouping == "tier":
        q = lifecycle.tier_query(f).subquery()
        return sa.select(q.c.customer_id, q.c.tier.label("grp")).subquery()
    q = rfm.rfm_query(f).subquery()
    return sa.select(q.c.customer_id, q.c.rfm_group.label("grp")).subquery()


def moves(conn: sa.Connection, f: Filters, grouping: str = "tier") -> pd.DataFrame:
    """Per customer in either period: customer_id, source (group in the previous period, or
    "none"), target (group now, or "none")."""
    groups(grouping)
    if grouping == "tier":  # both periods' tiers in one scan; every earlier buyer is known now
        t = lifecycle.tiers_at([f.previous_period(), f])
        stmt = sa.select(t.c.customer_id, sa.func.coalesce(t.c.tier_0, NONE).label("source"),
                         t.c.tier_1.label("target"))
        return _frame(conn, stmt, grouping)
    prev, cur = _grouped(f.previous_period(), grouping), _grouped(f, grouping)
    stmt = sa.select(
        sa.func.coalesce(cur.c.customer_id, prev.c.customer_id).label("customer_id"),
        sa.func.coalesce(prev.c.grp, NONE).label("source"),
        sa.func.coalesce(cur.c.grp, NONE).label("target"),
    ).select_from(cur.join(prev, prev.c.customer_id == cur.c.customer_id, full=True))
    return _frame(conn, stmt, grouping)


def tier_move_counts(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per (source, target) pair of lifecycle tiers with customers: source, target,
    customers; the counts of `moves(conn, f, "tier")`, aggregated in SQL (at 1M buyers this
    skips moving a million rows into pandas)."""
    t = lifecycle.tiers_at([f.previous_period(), f])
    source = sa.func.coalesce(t.c.tier_0, NONE)
    stmt = (sa.select(source.label("source"), t.c.tier_1.label("target"),
                      sa.func.count().label("customers"))
            .group_by(source, t.c.tier_1).order_by(source, t.c.tier_1))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["source", "target", "customers"])
    return frame.astype({"source": str, "target": str, "customers": "int64"})


def _frame(conn: sa.Connection, stmt: sa.Select, grouping: str) -> pd.DataFrame:
    """The per-customer moves as a frame. The groups travel as small integer codes (a
    million customers arrive about a third faster than as strings) and are named here."""
    names = (NONE, *groups(grouping))
    q = stmt.subquery("moves")

    def code(col: sa.ColumnElement) -> sa.ColumnElement:
        return sa.case(*[(col == g, i) for i, g in enumerate(names)], else_=-1)

    frame = read_frame(conn, sa.select(q.c.customer_id, code(q.c.source).label("source"),
                                       code(q.c.target).label("target")))
    if frame.empty:
        return pd.DataFrame([], columns=["customer_id", "source", "target"])
    labels = pd.array(names, dtype="str")
    for col in ("source", "target"):
        codes = frame[col].to_numpy("int64")
        if (codes < 0).any():
            raise ValueError(f"unknown {grouping} group in the moves")
        frame[col] = labels[codes]
    return frame


def flows(conn: sa.Connection, f: Filters, grouping: str = "tier") -> pd.DataFrame:
    """`value_flows` of this period's moves with the customers' 365-day CLV at f.end."""
    clv = clv_by_customer(conn, f.end, CLV_HORIZON_DAYS, f.scope)
    return value_flows(moves(conn, f, grouping), clv, grouping)


def value_flows(per: pd.DataFrame, clv: pd.Series | None, grouping: str) -> pd.DataFrame:
    """One row per (source, target) with customers: source, target, customers,
    clv_at_stake_cny (sum of `clv` by customer_id; NaN when clv is None),
    clv_per_customer_cny, stayed (bool), direction (up, down, same, in, out)."""
    per = per.assign(clv=per["customer_id"].map(clv).fillna(0.0) if clv is not None
                     else float("nan"))
    out = (per.groupby(["source", "target"], sort=False)
           .agg(customers=("customer_id", "size"), clv_at_stake_cny=("clv", "sum"))
           .reset_index())
    if clv is None:
        out["clv_at_stake_cny"] = float("nan")
    out["clv_per_customer_cny"] = out["clv_at_stake_cny"] / out["customers"]
    out["stayed"] = out["source"] == out["target"]
    out["direction"] = [direction(grouping, a, b)
                        for a, b in zip(out["source"], out["target"], strict=True)]
    rank = {g: i for i, g in enumerate((NONE, *groups(grouping)))}
    out = out.sort_values(["source", "target"], key=lambda s: s.map(rank))
    return out.astype({"customers": "int64"}).reset_index(drop=True)
