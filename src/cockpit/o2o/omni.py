"""Unified customer: one id across channels, so a customer who buys both in a store and online
is counted once; share and value of omni-channel customers against single-channel ones."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import sqlalchemy as sa

from cockpit.facts import order_amounts
from cockpit.filters import Filters
from cockpit.o2o.scope import OFFLINE
from cockpit.warehouse.sql import fsum

SEGMENTS = ("omni", "online_only", "offline_only")


def _per_customer(f: Filters) -> sa.Subquery:
    """One row per customer with a non-cancelled order matching `f` (every channel)."""
    o = order_amounts(replace(f, channels=()))
    offline = sa.case((o.c.channel == OFFLINE, 1), else_=0)
    online = sa.case((o.c.channel != OFFLINE, 1), else_=0)
    return (sa.select(o.c.customer_id, sa.func.max(offline).label("offline"),
                      sa.func.max(online).label("online"), sa.func.count().label("orders"),
                      fsum(o.c.amount_cny).label("gmv"))
            .group_by(o.c.customer_id).subquery("per_customer"))


def segments(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per segment (omni, online_only, offline_only): customers, share of customers,
    orders, GMV, share of GMV, GMV and orders per customer. The channel filter is ignored:
    the segments are defined across channels."""
    pc = _per_customer(f)
    seg = sa.case((sa.and_(pc.c.offline == 1, pc.c.online == 1), "omni"),
                  (pc.c.offline == 1, "offline_only"), else_="online_only").label("segment")
    stmt = sa.select(seg, sa.func.count(), sa.func.sum(pc.c.orders), fsum(pc.c.gmv)).group_by(seg)
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["segment", "customers", "orders", "gmv_cny"])
    frame = frame.set_index("segment").reindex(list(SEGMENTS)).fillna(0)
    frame = frame.astype({"customers": "int64", "orders": "int64", "gmv_cny": float})
    total_c, total_g = frame["customers"].sum(), frame["gmv_cny"].sum()
    frame["customer_share"] = frame["customers"] / total_c if total_c else float("nan")
    frame["gmv_share"] = frame["gmv_cny"] / total_g if total_g else float("nan")
    per = frame["customers"].where(frame["customers"] > 0)
    frame["gmv_per_customer"] = frame["gmv_cny"] / per
    frame["orders_per_customer"] = frame["orders"] / per
    return frame.rename_axis("segment").reset_index()


def channel_headcount(conn: sa.Connection, f: Filters) -> dict[str, int]:
    """{"unique": distinct customers, "summed": customers summed over online and offline}:
    the gap is what counting per channel would double count."""
    pc = _per_customer(f)
    unique, summed = conn.execute(
        sa.select(sa.func.count(), sa.func.sum(pc.c.offline + pc.c.online))).one()
    return {"unique": int(unique or 0), "summed": int(summed or 0)}
