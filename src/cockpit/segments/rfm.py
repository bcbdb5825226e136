"""RFM: recency, frequency and monetary scores 1–5 (quintiles in SQL) and named groups.

Scores cover the customers with a non-cancelled order (matching the filters) in the RFM
window: the 365 days to f.end, or the selected period when longer. Recency = days from the
last order to f.end, frequency = orders, monetary = amount paid, all in the window.
A score is the quintile of the customer's value among all scored customers: 5 = most recent,
most frequent, highest spend. Equal values get equal scores: the score is the quintile of
the share of customers strictly below (`percent_rank`), so one-order customers all get F = 1
even when they are more than a fifth of the base.
Groups follow the R × F grid of Shopify/Klaviyo-style RFM groups (see GROUP_GRID).
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.segments.base import history, lookback_start
from cockpit.warehouse.sql import days_between, fsum

GROUPS = ("champions", "loyal", "potential_loyalist", "new", "promising", "needs_attention",
          "about_to_sleep", "at_risk", "cant_lose", "hibernating")
# (R scores, F scores) -> group; together they cover the 5 × 5 grid exactly once
GROUP_GRID: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "champions": ((5,), (4, 5)),
    "loyal": ((3, 4), (4, 5)),
    "potential_loyalist": ((4, 5), (2, 3)),
    "new": ((5,), (1,)),
    "promising": ((4,), (1,)),
    "needs_attention": ((3,), (3,)),
    "about_to_sleep": ((3,), (1, 2)),
    "at_risk": ((1, 2), (3, 4)),
    "cant_lose": ((1, 2), (5,)),
    "hibernating": ((1, 2), (1, 2)),
}


def group_of(r: int, f: int) -> str:
    """The named group of an R and F score."""
    return next(g for g, (rs, fs) in GROUP_GRID.items() if r in rs and f in fs)


def _score(value: sa.ColumnElement, ascending: bool = True) -> sa.ColumnElement:
    """1–5: the quintile where the customer's value first appears in the ranking
    (percent_rank = share of customers strictly below; ties share a score)."""
    order = value if ascending else value.desc()
    below = sa.func.percent_rank().over(order_by=order)
    return sa.case(*((below < q / 5 - 1e-9, q) for q in range(1, 5)), else_=5)


def _metrics(f: Filters) -> sa.Subquery:
    """Per customer in the RFM window: recency_days, orders, monetary_cny."""
    h = history(f, since=lookback_start(f))
    last = sa.func.max(h.c.order_date)
    return (sa.select(
        h.c.customer_id,
        sa.cast(days_between(last, sa.literal(f.end, sa.Date)), sa.Integer).label("recency_days"),
        sa.func.count().label("orders"),
        fsum(h.c.amount_cny).label("monetary_cny"))
        .group_by(h.c.customer_id).subquery("rfm_metrics"))


def _group_case(r: sa.ColumnElement, fs: sa.ColumnElement) -> sa.ColumnElement:
    whens = [(sa.and_(r.in_(rs), fs.in_(fscores)), g) for g, (rs, fscores) in GROUP_GRID.items()]
    return sa.case(*whens, else_="hibernating")


def rfm_scores(f: Filters) -> sa.Subquery:
    """Per scored customer: customer_id, recency_days, orders, monetary_cny, r, f, m."""
    m = _metrics(f)
    return sa.select(
        *m.c,
        _score(m.c.recency_days, ascending=False).label("r"),
        _score(m.c.orders).label("f"),
        _score(m.c.monetary_cny).label("m"),
    ).subquery("rfm_scores")


def rfm_query(f: Filters) -> sa.Select:
    """(customer_id, r, f, m, rfm_group) for every customer scored at f.end."""
    s = rfm_scores(f)
    return sa.select(s.c.customer_id, s.c.r, s.c.f, s.c.m,
                     _group_case(s.c.r, s.c.f).label("rfm_group"))


def rfm_groups(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per named group (GROUPS order, empty groups kept): rfm_group, customers,
    customer_share, monetary_cny (window spend), value_share, avg_recency_days,
    avg_orders, avg_monetary_cny."""
    s = rfm_scores(f)
    group = _group_case(s.c.r, s.c.f)
    stmt = sa.select(group.label("rfm_group"), sa.func.count().label("customers"),
                     fsum(s.c.monetary_cny).label("monetary_cny"),
                     sa.func.avg(sa.cast(s.c.recency_days, sa.Double)).label("avg_recency_days"),
                     sa.func.avg(sa.cast(s.c.orders, sa.Double)).label("avg_orders"),
                     ).group_by(group)
    rows = pd.DataFrame(conn.execute(stmt).all(),
                        columns=["rfm_group", "customers", "monetary_cny", "avg_recency_days",
                                 "avg_orders"]).set_index("rfm_group")
    frame = rows.reindex(list(GROUPS))
    frame["customers"] = frame["customers"].fillna(0).astype("int64")
    frame["monetary_cny"] = frame["monetary_cny"].fillna(0.0).astype("float64")
    total_c, total_m = frame["customers"].sum(), frame["monetary_cny"].sum()
    frame["customer_share"] = frame["customers"] / total_c if total_c else 0.0
    frame["value_share"] = frame["monetary_cny"] / total_m if total_m else 0.0
    frame["avg_monetary_cny"] = frame["monetary_cny"] / frame["customers"].where(
        frame["customers"] > 0)
    cols = ["customers", "customer_share", "monetary_cny", "value_share", "avg_recency_days",
            "avg_orders", "avg_monetary_cny"]
    return frame[cols].astype("float64").astype({"customers": "int64"}).rename_axis(
        "rfm_group").reset_index()


def rf_grid(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """R × F heatmap data, all 25 cells: r, f, customers, monetary_cny, avg_monetary_cny,
    rfm_group."""
    s = rfm_scores(f)
    stmt = sa.select(s.c.r, s.c.f, sa.func.count().label("customers"),
                     fsum(s.c.monetary_cny).label("monetary_cny")).group_by(s.c.r, s.c.f)
    rows = pd.DataFrame(conn.execute(stmt).all(), columns=["r", "f", "customers", "monetary_cny"])
    rows = rows.astype({"r": "int64", "f": "int64"})
    cells = pd.MultiIndex.from_product([range(1, 6), range(1, 6)], names=["r", "f"])
    frame = rows.set_index(["r", "f"]).reindex(cells).fillna(0.0).reset_index()
    frame["customers"] = frame["customers"].astype("int64")
    frame["monetary_cny"] = frame["monetary_cny"].astype("float64")
    frame["avg_monetary_cny"] = frame["monetary_cny"] / frame["customers"].where(
        frame["customers"] > 0)
    frame["rfm_group"] = [group_of(r, fs) for r, fs in zip(frame["r"], frame["f"], strict=True)]
    return frame
