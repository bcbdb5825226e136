"""C2M: how often customers re-buy custom-made (consumer-to-manufacturer) products vs regular ones.

90-day re-buy rate: of the customers who bought a product for the first time in the cohort
window, the share who bought the same product again within 90 days. The cohort window ends
90 days before f.end (so every first purchase is followed for the full 90 days) and covers
365 days, or the selected period when that starts earlier.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, item_conditions, order_conditions
from cockpit.segments.base import EPOCH
from cockpit.warehouse.schema import order_items, orders, products
from cockpit.warehouse.sql import days_between

REBUY_DAYS = 90
COHORT_DAYS = 365


def cohort_window(f: Filters) -> tuple[date, date]:
    """First and last day of the first purchases that are followed up."""
    last = f.end - timedelta(days=REBUY_DAYS)
    return min(f.start, last - timedelta(days=COHORT_DAYS - 1)), last


def _buys(f: Filters, since: date = EPOCH, until: date | None = None) -> sa.Subquery:
    """(customer, product, day) purchases on non-cancelled orders from `since` to `until`
    (default f.end)."""
    window = replace(f, start=since, end=until or f.end)
    conds = [*order_conditions(window), is_sale(), *item_conditions(f)]
    return (sa.select(orders.c.customer_id, order_items.c.product_id, orders.c.order_date)
            .select_from(orders.join(order_items, order_items.c.order_id == orders.c.order_id))
            .where(*conds).subquery("c2m_buys"))


def _firsts(f: Filters) -> sa.Subquery:
    """First purchases in the cohort window with a flag for a re-buy within REBUY_DAYS
    (a purchase of the same product on a later day at most REBUY_DAYS after the first).
    A first purchase is the earliest one in the window of a (customer, product) pair with
    no purchase before it (an anti-join: cheaper than each pair's minimum over all time)."""
    lo, hi = cohort_window(f)
    cohort, before = _buys(f, lo, hi), _buys(f, until=lo - timedelta(days=1)).alias("c2m_before")
    bought_before = sa.exists().where(before.c.customer_id == cohort.c.customer_id,
                                      before.c.product_id == cohort.c.product_id)
    first = (sa.select(cohort.c.customer_id, cohort.c.product_id,
                       sa.func.min(cohort.c.order_date).label("first_day"))
             .where(~bought_before)
             .group_by(cohort.c.customer_id, cohort.c.product_id).subquery("c2m_first"))
    later = _buys(f, since=lo + timedelta(days=1)).alias("c2m_later")
    again = sa.and_(later.c.order_date > first.c.first_day,
                    days_between(first.c.first_day, later.c.order_date) <= REBUY_DAYS)
    joined = first.outerjoin(later, sa.and_(later.c.customer_id == first.c.customer_id,
                                            later.c.product_id == first.c.product_id, again))
    return (sa.select(first.c.product_id,
                      sa.func.max(sa.case((later.c.order_date.is_not(None), 1), else_=0))
                      .label("rebought"))
            .select_from(joined)
            .group_by(first.c.customer_id, first.c.product_id)
            .subquery("c2m_firsts"))


def c2m_rebuy(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """Two rows, kind "c2m" and "regular": first_buyers (customer-product first purchases),
    rebuyers, rebuy_rate (share re-bought within 90 days)."""
    fr = _firsts(f)
    kind = sa.case((products.c.is_c2m, "c2m"), else_="regular")
    stmt = (sa.select(kind.label("kind"), sa.func.count().label("first_buyers"),
                      sa.func.sum(fr.c.rebought).label("rebuyers"))
            .select_from(fr.join(products, products.c.product_id == fr.c.product_id))
            .group_by(kind))
    rows = pd.DataFrame(conn.execute(stmt).all(), columns=["kind", "first_buyers", "rebuyers"])
    frame = rows.set_index("kind").reindex(["c2m", "regular"]).fillna(0).astype("int64")
    frame["rebuy_rate"] = frame["rebuyers"] / frame["first_buyers"].where(
        frame["first_buyers"] > 0)
    return frame.rename_axis("kind").reset_index()


def c2m_products(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """Each C2M product beside the regular product it was designed against: product_id, sku,
    name_zh, name_en, is_c2m, pair_id (the C2M product's id), first_buyers, rebuyers,
    rebuy_rate."""
    fr = _firsts(f)
    per = (sa.select(fr.c.product_id, sa.func.count().label("first_buyers"),
                     sa.func.sum(fr.c.rebought).label("rebuyers"))
           .group_by(fr.c.product_id).subquery("c2m_per_product"))
    c2m = products.alias("c2m_product")
    pair = sa.case((products.c.is_c2m, products.c.product_id), else_=c2m.c.product_id)
    stmt = (sa.select(products.c.product_id, products.c.sku, products.c.name_zh,
                      products.c.name_en, products.c.is_c2m, pair.label("pair_id"),
                      sa.func.coalesce(per.c.first_buyers, 0), sa.func.coalesce(per.c.rebuyers, 0))
            .select_from(products.outerjoin(c2m, c2m.c.c2m_counterpart_id ==
                                            products.c.product_id)
                         .outerjoin(per, per.c.product_id == products.c.product_id))
            .where(sa.or_(products.c.is_c2m, c2m.c.product_id.is_not(None)))
            .order_by(pair, products.c.is_c2m.desc()))
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["product_id", "sku", "name_zh", "name_en", "is_c2m", "pair_id",
                                  "first_buyers", "rebuyers"])
    frame = frame.astype({"first_buyers": "int64", "rebuyers": "int64", "is_c2m": "bool"})
    frame["rebuy_rate"] = frame["rebuyers"] / frame["first_buyers"].where(
        frame["first_buyers"] > 0)
    return frame
