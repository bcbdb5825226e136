"""Sustainable products: their share of GMV, growth, price premium and who buys them.

GMV here is the amount paid on order lines of non-cancelled orders (with a category filter,
matching lines only); a line is sustainable when its product carries a sustainability claim.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, item_conditions, order_conditions
from cockpit.warehouse.schema import (
    AGE_BANDS,
    CHANNELS,
    MEMBER_TIERS,
    REGIONS,
    cities,
    customers,
    order_items,
    orders,
    products,
)
from cockpit.warehouse.sql import date_trunc, fsum

SEGMENTS = ("channel", "region", "city_tier", "age_band", "member_tier", "frequency")
SEGMENT_ORDER = {"channel": CHANNELS, "region": REGIONS, "city_tier": ("1", "2", "3", "4"),
                 "age_band": AGE_BANDS, "member_tier": MEMBER_TIERS,
                 "frequency": ("1", "2", "3+")}
# Green-buyer bands by the sustainable share of a customer's GMV in the period.
COMMITTED_SHARE = 0.3
BUYER_BANDS = ("committed", "occasional", "none")


def lines(f: Filters) -> sa.Subquery:
    """One row per matching order line: order_id, customer_id, channel, region, city,
    order_date, orders_in_period (the customer's non-cancelled orders matching `f`'s date,
    channel, region and city), amount_cny, sustainable_cny (the amount when the product is
    sustainable, else 0), quantity, unit_price_cny, category."""
    per_customer = sa.func.count().over(partition_by=orders.c.customer_id)
    ords = (sa.select(orders.c.order_id, orders.c.customer_id, orders.c.channel,
                      orders.c.region, orders.c.city, orders.c.order_date,
                      per_customer.label("orders_in_period"))
            .where(*order_conditions(f), is_sale())
            .subquery("ords"))
    oi = order_items
    amount = sa.cast(oi.c.amount_cny, sa.Double)
    return (
        sa.select(*ords.c, amount.label("amount_cny"),
                  sa.case((products.c.is_sustainable, amount), else_=0.0)
                  .label("sustainable_cny"),
                  oi.c.quantity, sa.cast(oi.c.unit_price_cny, sa.Double).label("unit_price_cny"),
                  oi.c.category, products.c.is_sustainable)
        .select_from(ords.join(oi, oi.c.order_id == ords.c.order_id)
                     .join(products, products.c.product_id == oi.c.product_id))
        .where(*item_conditions(f))
        .subquery("lines")
    )


def gmv(conn: sa.Connection, f: Filters) -> tuple[float, float]:
    """(GMV, sustainable GMV) in ¥ for `f`."""
    li = lines(f)
    total, green = conn.execute(sa.select(fsum(li.c.amount_cny),
                                          fsum(li.c.sustainable_cny))).one()
    return float(total or 0.0), float(green or 0.0)


def share(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per period (value = `f`, previous, last_year): gmv, sustainable_gmv (¥) and
    share (sustainable / all, None without GMV)."""
    periods = {"value": f, "previous": f.previous_period(),
               "last_year": f.same_period_last_year()}
    rows = [(name, *gmv(conn, p)) for name, p in periods.items()]
    frame = pd.DataFrame(rows, columns=["period", "gmv", "sustainable_gmv"])
    frame["share"] = frame["sustainable_gmv"] / frame["gmv"].where(frame["gmv"] > 0)
    return frame


def trend(conn: sa.Connection, f: Filters, grain: str = "week") -> pd.DataFrame:
    """One row per period start: period, gmv, sustainable_gmv (¥), share."""
    li = lines(f)
    period = date_trunc(grain, li.c.order_date)
    stmt = (sa.select(period, fsum(li.c.amount_cny), fsum(li.c.sustainable_cny))
            .group_by(period).order_by(period))
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["period", "gmv", "sustainable_gmv"])
    frame["period"] = pd.to_datetime(frame["period"])
    frame["share"] = frame["sustainable_gmv"] / frame["gmv"].where(frame["gmv"] > 0)
    return frame


def price_premium(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per category with sustainable and regular sales: category, sustainable_price,
    regular_price (¥ list price per unit sold), premium (sustainable / regular − 1),
    sustainable_gmv (¥)."""
    li = lines(f)
    is_green = li.c.is_sustainable
    value = li.c.unit_price_cny * li.c.quantity

    def _price(flag: sa.ColumnElement[bool]) -> sa.ColumnElement:
        units = sa.func.sum(sa.case((flag, li.c.quantity), else_=0))
        return fsum(sa.case((flag, value), else_=0.0)) / sa.func.nullif(
            sa.cast(units, sa.Double), 0.0)

    stmt = (sa.select(li.c.category, _price(is_green), _price(sa.not_(is_green)),
                      fsum(li.c.sustainable_cny))
            .group_by(li.c.category))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=[
        "category", "sustainable_price", "regular_price", "sustainable_gmv"])
    frame = frame.dropna(subset=["sustainable_price", "regular_price"])
    frame["premium"] = frame["sustainable_price"] / frame["regular_price"] - 1
    return frame.sort_values("sustainable_gmv", ascending=False).reset_index(drop=True)


def average_premium(premiums: pd.DataFrame) -> float | None:
    """Premium averaged over categories, weighted by sustainable GMV."""
    weight = premiums["sustainable_gmv"]
    if premiums.empty or weight.sum() <= 0:
        return None
    return float((premiums["premium"] * weight).sum() / weight.sum())


def _segment_key(li: sa.Subquery, dim: str) -> sa.ColumnElement:
    if dim in ("channel", "region"):
        return li.c[dim]
    if dim == "city_tier":
        return sa.cast(cities.c.city_tier, sa.String)
    if dim in ("age_band", "member_tier"):
        return customers.c[dim]
    if dim == "frequency":
        n = li.c.orders_in_period
        return sa.case((n >= 3, "3+"), else_=sa.cast(n, sa.String))
    raise ValueError(f"dim must be one of {SEGMENTS}, got {dim!r}")


def by_segment(conn: sa.Connection, f: Filters, dim: str) -> pd.DataFrame:
    """One row per segment of `dim` (channel, region, city_tier, age_band, member_tier or
    frequency = the customer's orders in the period): segment, buyers, gmv, sustainable_gmv
    (¥), share (sustainable / all) and lift (share / the overall share)."""
    li = lines(f)
    source = (li.outerjoin(cities, cities.c.city == li.c.city)
              .join(customers, customers.c.customer_id == li.c.customer_id))
    keyed = (sa.select(_segment_key(li, dim).label("segment"), li.c.customer_id,
                       li.c.amount_cny, li.c.sustainable_cny)
             .select_from(source).subquery("keyed"))
    stmt = (sa.select(keyed.c.segment, sa.func.count(sa.distinct(keyed.c.customer_id)),
                      fsum(keyed.c.amount_cny), fsum(keyed.c.sustainable_cny))
            .group_by(keyed.c.segment))
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["segment", "buyers", "gmv", "sustainable_gmv"])
    frame["buyers"] = frame["buyers"].astype("int64")
    frame["share"] = frame["sustainable_gmv"] / frame["gmv"].where(frame["gmv"] > 0)
    overall = frame["sustainable_gmv"].sum() / frame["gmv"].sum() if len(frame) else None
    frame["lift"] = frame["share"] / overall if overall else None
    rank = {s: i for i, s in enumerate(SEGMENT_ORDER[dim])}
    frame["_rank"] = frame["segment"].map(rank).fillna(len(rank))
    return frame.sort_values(["_rank", "segment"]).drop(columns="_rank").reset_index(drop=True)


def customer_bands(f: Filters) -> sa.Subquery:
    """One row per buying customer: customer_id, band (committed: sustainable ≥ 30% of the
    customer's GMV; occasional: some; none), orders, gmv, sustainable_gmv."""
    li = lines(f)
    total, green = fsum(li.c.amount_cny), fsum(li.c.sustainable_cny)
    band = sa.case((green >= COMMITTED_SHARE * total, "committed"), (green > 0, "occasional"),
                   else_="none")
    return (sa.select(li.c.customer_id, band.label("band"),
                      sa.func.count(sa.distinct(li.c.order_id)).label("orders"),
                      total.label("gmv"), green.label("sustainable_gmv"))
            .group_by(li.c.customer_id).having(total > 0).subquery("customer_bands"))


def green_buyers(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per green-buyer band (committed, occasional, none): customers, orders,
    gmv and sustainable_gmv (¥), customer_share and sustainable_gmv_share."""
    c = customer_bands(f)
    stmt = (sa.select(c.c.band, sa.func.count(), sa.func.sum(c.c.orders), fsum(c.c.gmv),
                      fsum(c.c.sustainable_gmv)).group_by(c.c.band))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=[
        "band", "customers", "orders", "gmv", "sustainable_gmv"])
    frame = frame.set_index("band").reindex(list(BUYER_BANDS)).fillna(0).reset_index()
    frame[["customers", "orders"]] = frame[["customers", "orders"]].astype("int64")
    frame["customer_share"] = frame["customers"] / max(frame["customers"].sum(), 1)
    green_total = frame["sustainable_gmv"].sum()
    frame["sustainable_gmv_share"] = frame["sustainable_gmv"] / green_total if green_total \
        else 0.0
    return frame
