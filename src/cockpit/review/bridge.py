"""The GMV bridge: the change in GMV from a reference week to the week, decomposed exactly
(the parts sum to the change) into orders × average order value and by channel, region,
category and new vs returning customers.

Orders × AOV uses the midpoint (Shapley) split: orders effect = ΔN · (A₀ + A₁)/2, AOV effect
= ΔA · (N₀ + N₁)/2; the two add up to G₁ − G₀ exactly (the AOV effect is computed as the
change less the orders effect, so rounding cannot leave a gap). A segment's part is its own
change in GMV; the segments of one dimension partition the orders, except categories, which
split the order lines: refunds and orders without lines form the "other" part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from cockpit.facts import order_amounts
from cockpit.filters import Filters, is_sale, item_conditions, order_conditions
from cockpit.warehouse.schema import UNKNOWN, order_items, orders
from cockpit.warehouse.sql import fsum

DIMENSIONS = ("channel", "region", "category", "customer_type")
OTHER = "other"  # the category part that no order line carries (refunds, unitemised orders)
POINT_DIGITS = 1


@dataclass(frozen=True)
class Bridge:
    """The week against a reference week. `segments`: one row per dimension and segment:
    dimension, segment, gmv_ref, gmv, change (CNY), points (change ÷ reference GMV × 100,
    rounded so that each dimension's points add up to `change_points`)."""

    gmv_ref: float
    gmv: float
    orders_ref: int
    orders: int
    orders_effect: float
    aov_effect: float
    segments: pd.DataFrame

    @property
    def change(self) -> float:
        return self.gmv - self.gmv_ref

    @property
    def aov_ref(self) -> float | None:
        return self.gmv_ref / self.orders_ref if self.orders_ref else None

    @property
    def aov(self) -> float | None:
        return self.gmv / self.orders if self.orders else None

    @property
    def change_pct(self) -> float | None:
        """The change in % of the reference GMV, unrounded."""
        return self.change / self.gmv_ref * 100 if self.gmv_ref else None

    @property
    def change_points(self) -> float | None:
        """The change in %, rounded to POINT_DIGITS."""
        pct = self.change_pct
        return None if pct is None else round(pct, POINT_DIGITS)

    @property
    def effect_points(self) -> tuple[float, float] | None:
        """Orders and AOV effects in points of the reference GMV, rounded so that they add
        up to `change_points`."""
        if not self.gmv_ref:
            return None
        pts = round_to_sum([self.orders_effect / self.gmv_ref * 100,
                            self.aov_effect / self.gmv_ref * 100], self.change_points)
        return pts[0], pts[1]

    def steps(self) -> pd.DataFrame:
        """The waterfall: one row per step (start, orders, aov, end): step, value (CNY; the
        start and end are totals, the others changes), points."""
        pts = self.effect_points or (math.nan, math.nan)
        return pd.DataFrame({
            "step": ["start", "orders", "aov", "end"],
            "value": [self.gmv_ref, self.orders_effect, self.aov_effect, self.gmv],
            "points": [math.nan, pts[0], pts[1], math.nan],
        })


def round_to_sum(values: list[float], total: float | None,
                 digits: int = POINT_DIGITS) -> list[float]:
    """`values` rounded to `digits` so that they add up to `total` (itself rounded): the
    largest-remainder method, so no part moves by more than one last digit."""
    if total is None or not values:
        return [round(v, digits) for v in values]
    scale = 10 ** digits
    floors = [math.floor(v * scale) for v in values]
    left = round(total * scale) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: values[i] * scale - floors[i],
                   reverse=left > 0)
    step = 1 if left > 0 else -1
    for i in order[:abs(left)] if left > 0 else []:
        floors[i] += step
    if left < 0:  # take from the smallest remainders
        for i in sorted(range(len(values)), key=lambda i: values[i] * scale - floors[i])[
                :abs(left)]:
            floors[i] -= 1
    return [f / scale for f in floors]


def midpoint_orders_effect(g0: float, n0: int, g1: float, n1: int) -> float:
    """ΔN × the mean of both weeks' AOV (a week without orders takes the other's AOV)."""
    a0 = g0 / n0 if n0 else (g1 / n1 if n1 else 0.0)
    a1 = g1 / n1 if n1 else a0
    return (n1 - n0) * (a0 + a1) / 2


def _firsts() -> sa.Subquery:
    """One row per customer: the day of the first-ever sale order (any channel)."""
    return (sa.select(orders.c.customer_id, sa.func.min(orders.c.order_date).label("first_day"))
            .where(is_sale()).group_by(orders.c.customer_id).subquery("firsts"))


def segment_totals(conn: sa.Connection, f: Filters, dimension: str) -> pd.DataFrame:
    """One row per segment of `dimension` with sales in `f`: segment, gmv (CNY), orders.
    Categories sum the matching order lines (an order with several categories counts in each);
    customer_type is new (first-ever sale order within `f`) or returning."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {DIMENSIONS}, got {dimension!r}")
    if dimension == "category":
        seg = sa.func.coalesce(order_items.c.category, UNKNOWN)
        stmt = (sa.select(seg.label("segment"), fsum(order_items.c.amount_cny).label("gmv"),
                          sa.func.count(sa.distinct(orders.c.order_id)).label("orders"))
                .select_from(orders.join(order_items,
                                         order_items.c.order_id == orders.c.order_id))
                .where(*order_conditions(f), is_sale(), *item_conditions(f)).group_by(seg))
    else:
        ords = order_amounts(f)
        if dimension == "customer_type":
            firsts = _firsts()
            seg = sa.case((firsts.c.first_day >= f.start, "new"), else_="returning")
            source = ords.join(firsts, firsts.c.customer_id == ords.c.customer_id)
        else:
            seg = sa.func.coalesce(orders.c[dimension], UNKNOWN)
            source = ords.join(orders, orders.c.order_id == ords.c.order_id)
        stmt = (sa.select(seg.label("segment"), fsum(ords.c.amount_cny).label("gmv"),
                          sa.func.count().label("orders"))
                .select_from(source).group_by(seg))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["segment", "gmv", "orders"])
    return frame.astype({"gmv": "float64", "orders": "int64"})


def _totals(conn: sa.Connection, f: Filters) -> tuple[float, int]:
    """GMV (CNY) and orders of the sale orders matching `f`: one row."""
    ords = order_amounts(f)
    gmv, n = conn.execute(sa.select(fsum(ords.c.amount_cny), sa.func.count())).one()
    return float(gmv or 0.0), int(n or 0)


def _dimension_parts(week: pd.DataFrame, ref: pd.DataFrame, dimension: str, change: float,
                     gmv_ref: float) -> pd.DataFrame:
    both = (week.set_index("segment")[["gmv"]]
            .join(ref.set_index("segment")[["gmv"]].rename(columns={"gmv": "gmv_ref"}),
                  how="outer").fillna(0.0))
    both["change"] = both["gmv"] - both["gmv_ref"]
    rest = change - float(both["change"].sum())
    if dimension == "category" and abs(rest) >= 0.005:
        both.loc[OTHER] = [0.0, 0.0, rest]
    both = both.reset_index().rename(columns={"index": "segment"})
    both = both.sort_values("change", key=abs, ascending=False, kind="stable")
    total_points = round(change / gmv_ref * 100, POINT_DIGITS) if gmv_ref else None
    both["points"] = round_to_sum(list(both["change"] / gmv_ref * 100), total_points) \
        if gmv_ref else math.nan
    both.insert(0, "dimension", dimension)
    return both[["dimension", "segment", "gmv_ref", "gmv", "change", "points"]]


def gmv_bridge(conn: sa.Connection, f: Filters, ref: Filters) -> Bridge:
    """The bridge from period `ref` (the reference) to period `f`."""
    gmv, n = _totals(conn, f)
    gmv_ref, n_ref = _totals(conn, ref)
    change = gmv - gmv_ref
    orders_effect = midpoint_orders_effect(gmv_ref, n_ref, gmv, n)
    parts = [_dimension_parts(segment_totals(conn, f, d), segment_totals(conn, ref, d), d,
                              change, gmv_ref) for d in DIMENSIONS]
    segments = pd.concat(parts, ignore_index=True)
    return Bridge(gmv_ref, gmv, n_ref, n, orders_effect, change - orders_effect, segments)
