"""C2M signal: products and attributes whose demand grows fastest, as custom-production
candidates.

Growth compares units in the second half of the filter period with the first half, relative
to the whole platform's growth over the same halves. A product is flagged only when the
lower end of a 90% interval for that relative growth (exact binomial split of its units
between the halves) clears FLAG_MIN_GROWTH, so a jump from 2 to 6 units is not a signal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa
from scipy.stats import beta

from cockpit.filters import Filters, is_sale, item_conditions, order_conditions
from cockpit.warehouse.schema import order_items, orders, products

MIN_UNITS = 30  # units over both halves below which a product is never flagged
FLAG_MIN_GROWTH = 1.25  # lower 90% bound of growth relative to the platform
TOP = 10  # at most this many products flagged
CONFIDENCE = 0.90
ATTRIBUTES = ("category", "is_c2m", "sustainable_attribute")


def halves(f: Filters) -> tuple[Filters, Filters]:
    """The earlier and the recent half of f's period, of equal length (a middle day of an odd
    period belongs to neither)."""
    half = f.days // 2
    if half < 1:
        raise ValueError("the period needs at least two days to compare its halves")
    early = replace(f, end=f.start + timedelta(days=half - 1))
    recent = replace(f, start=f.end - timedelta(days=half - 1))
    return early, recent


def _units_by_half(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per product sold in f: units in the earlier and in the recent half."""
    early, recent = halves(f)
    day, qty = orders.c.order_date, order_items.c.quantity

    def units_in(p: Filters) -> sa.ColumnElement:
        inside = sa.and_(day >= p.start, day <= p.end)
        return sa.cast(sa.func.sum(sa.case((inside, qty), else_=0)), sa.Double)

    query = (sa.select(order_items.c.product_id, units_in(early).label("units_earlier"),
                       units_in(recent).label("units_recent"))
             .select_from(orders.join(order_items, order_items.c.order_id == orders.c.order_id))
             .where(*order_conditions(f), *item_conditions(f), is_sale())
             .group_by(order_items.c.product_id))
    return pd.DataFrame(conn.execute(query).mappings().all(),
                        columns=["product_id", "units_earlier", "units_recent"])


def relative_growth(recent, earlier, platform: float) -> tuple[np.ndarray, np.ndarray]:
    """(growth ÷ platform growth, its lower CONFIDENCE bound) from unit counts per half.
    Growth is NaN without units in the earlier half (no base to grow from); the lower bound
    still ranks such newcomers by their evidence."""
    recent, earlier = np.asarray(recent, float), np.asarray(earlier, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(earlier > 0, recent / earlier, np.nan) / platform
        share_lo = beta.ppf(1 - CONFIDENCE, np.maximum(recent, 1e-9), earlier + 1)
        low = np.where(recent > 0, share_lo / (1 - share_lo), 0.0) / platform
    return growth, low


def _scored(frame: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    total_early = frame["units_earlier"].sum()
    platform = frame["units_recent"].sum() / total_early if total_early > 0 else np.nan
    growth, low = relative_growth(frame["units_recent"], frame["units_earlier"], platform)
    return frame.assign(growth_vs_platform=growth, growth_low=low), platform


def growth_signal(conn: sa.Connection, f: Filters, min_units: int = MIN_UNITS,
                  top: int = TOP) -> pd.DataFrame:
    """One row per product sold in f: units per half, growth relative to the platform (and
    its lower 90% bound), and `flagged` for the fastest, clearly growing products; ranked by
    the lower bound."""
    units = _units_by_half(conn, f)
    info = pd.DataFrame(conn.execute(sa.select(
        products.c.product_id, products.c.sku, products.c.name_zh, products.c.name_en,
        products.c.category, products.c.is_c2m, products.c.sustainable_attribute,
        products.c.launched_on)).mappings().all())
    frame, platform = _scored(units.merge(info, on="product_id"))
    frame = frame.sort_values(["growth_low", "units_recent"], ascending=False,
                              ignore_index=True)
    eligible = (frame["units_earlier"] + frame["units_recent"] >= min_units) & (
        frame["growth_low"] >= FLAG_MIN_GROWTH)
    frame["flagged"] = eligible & (eligible.cumsum() <= top)
    frame["platform_growth"] = platform
    return frame


def attribute_growth(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per attribute value (category, C2M or regular, sustainability claim): units per
    half and growth relative to the platform with its lower 90% bound."""
    products_frame = growth_signal(conn, f, min_units=0)
    rows = []
    for attribute in ATTRIBUTES:
        values = products_frame[attribute].astype(object).where(
            products_frame[attribute].notna(), "none").astype(str).str.lower()
        grouped = products_frame.groupby(values)[["units_earlier", "units_recent"]].sum()
        rows.append(grouped.reset_index(names="value").assign(attribute=attribute))
    frame = pd.concat(rows, ignore_index=True)
    platform = float(products_frame["platform_growth"].iloc[0]) if len(products_frame) else 1.0
    growth, low = relative_growth(frame["units_recent"], frame["units_earlier"], platform)
    frame = frame.assign(growth_vs_platform=growth, growth_low=low)
    return frame.sort_values("growth_low", ascending=False, ignore_index=True)[
        ["attribute", "value", "units_earlier", "units_recent", "growth_vs_platform",
         "growth_low"]]
