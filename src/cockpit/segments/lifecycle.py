"""Lifecycle tiers: new, returning, high-value (VIP), at risk and dormant customers at f.end.

Definitions (all on non-cancelled orders matching the channel/region/city/category filters):
- new: first-ever order falls in the selected period;
- vip: not new, ordered in the active window, and spend over the last 365 days (to f.end)
  in the top 20% of all buyers known at f.end;
- returning: not new, not VIP, ordered in the active window;
- at_risk: last order before the active window but within AT_RISK_DAYS of f.end;
- dormant: last order earlier than that.
The active window is the last ACTIVE_DAYS days to f.end, or the selected period when longer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.segments.base import history, lookback_start
from cockpit.warehouse.fetch import read_frame
from cockpit.warehouse.sql import days_between, fsum

TIERS = ("new", "returning", "vip", "at_risk", "dormant")
ACTIVE_DAYS = 90
AT_RISK_DAYS = 180
VIP_SHARE = 0.2
TREND_MONTHS = 12
MAX_MONTHS = 36


def active_start(f: Filters) -> date:
    """First day of the active window: the last ACTIVE_DAYS days, or the period if longer."""
    return min(f.start, f.end - timedelta(days=ACTIVE_DAYS - 1))


def _per_customer(f: Filters, extra: bool = False) -> sa.Subquery:
    """One row per buyer known at f.end: first and last order day, spend over the last 365
    days and the share of buyers spending at least as much; with `extra` also period orders
    (n), period gmv and lifetime GMV (one pass over the orders for the summary)."""
    h = history(f)
    year = lookback_start(replace(f, start=f.end))
    cols = [h.c.customer_id,
            sa.func.min(h.c.order_date).label("first_day"),
            sa.func.max(h.c.order_date).label("last_day"),
            fsum(sa.case((h.c.order_date >= year, h.c.amount_cny), else_=0)).label("spend_365")]
    if extra:
        in_period = h.c.order_date >= f.start
        cols += [sa.func.sum(sa.case((in_period, 1), else_=0)).label("n"),
                 fsum(sa.case((in_period, h.c.amount_cny), else_=0)).label("gmv"),
                 fsum(h.c.amount_cny).label("life")]
    agg = sa.select(*cols).group_by(h.c.customer_id).subquery("tier_base")
    rank = sa.func.cume_dist().over(order_by=agg.c.spend_365.desc())
    return sa.select(*agg.c, rank.label("spend_rank")).subquery("tier_ranked")


def _tier_case(p: sa.Subquery, f: Filters) -> sa.ColumnElement:
    return _tier_of(p.c.first_day, p.c.last_day, p.c.spend_365, p.c.spend_rank, f)


def _tier_of(first_day, last_day, spend, rank, f: Filters) -> sa.ColumnElement:
    """The tier at f.end of a buyer known then, from its per-customer columns."""
    active = active_start(f)
    return sa.case(
        (first_day >= f.start, "new"),
        (sa.and_(last_day >= active, rank <= VIP_SHARE, spend > 0), "vip"),
        (last_day >= active, "returning"),
        (last_day >= f.end - timedelta(days=AT_RISK_DAYS - 1), "at_risk"),
        else_="dormant",
    )


def tiers_at(periods: list[Filters]) -> sa.Subquery:
    """customer_id and tier_0 .. tier_<n-1>: each buyer's tier at the end of each period
    (NULL while not yet a customer), as `tier_query` per period but in one scan of the
    orders. The periods share f's selections and every buyer known at the latest end has
    a row."""
    h = history(max(periods, key=lambda p: p.end))
    cols = [h.c.customer_id, sa.func.min(h.c.order_date).label("first_day")]
    for i, p in enumerate(periods):
        upto = h.c.order_date <= p.end
        year = sa.and_(h.c.order_date >= lookback_start(replace(p, start=p.end)), upto)
        cols += [sa.func.max(sa.case((upto, h.c.order_date))).label(f"last_{i}"),
                 fsum(sa.case((year, h.c.amount_cny), else_=0)).label(f"spend_{i}")]
    agg = sa.select(*cols).group_by(h.c.customer_id).subquery("tier_multi")
    tiers = [agg.c.customer_id]
    for i, p in enumerate(periods):
        known = agg.c.first_day <= p.end
        rank = sa.func.cume_dist().over(partition_by=sa.case((known, 1), else_=0),
                                        order_by=agg.c[f"spend_{i}"].desc())
        tier = _tier_of(agg.c.first_day, agg.c[f"last_{i}"], agg.c[f"spend_{i}"], rank, p)
        tiers.append(sa.case((known, tier)).label(f"tier_{i}"))
    return sa.select(*tiers).subquery("tiers_at")


def tier_query(f: Filters) -> sa.Select:
    """(customer_id, tier) for every customer with a non-cancelled order (matching f's
    selections) on or before f.end; tiers as in the module docstring."""
    p = _per_customer(f)
    return sa.select(p.c.customer_id, _tier_case(p, f).label("tier"))


def tier_summary(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per tier (in TIERS order): customers, customer_share, gmv_cny and gmv_share
    (in the period), orders, buyers (customers who ordered in the period), repurchase_rate
    (buyers with 2+ orders in the period / buyers), aov_cny, orders_per_customer (period
    orders / tier customers), lifetime_gmv_cny (per customer, to f.end), days_since_last."""
    p = _per_customer(f, extra=True)
    tier = _tier_case(p, f)
    stmt = (sa.select(
        tier.label("tier"), sa.func.count().label("customers"),
        fsum(p.c.gmv).label("gmv_cny"),
        sa.cast(sa.func.sum(p.c.n), sa.Double).label("orders"),
        sa.func.sum(sa.case((p.c.n > 0, 1), else_=0)).label("buyers"),
        sa.func.sum(sa.case((p.c.n >= 2, 1), else_=0)).label("repeaters"),
        fsum(p.c.life).label("lifetime"),
        sa.func.avg(sa.cast(days_between(p.c.last_day, sa.literal(f.end, sa.Date)),
                            sa.Double)).label("days_since_last"))
        .group_by(tier))
    rows = pd.DataFrame(conn.execute(stmt).all(),
                        columns=["tier", "customers", "gmv_cny", "orders", "buyers",
                                 "repeaters", "lifetime", "days_since_last"])
    return _derive(rows)


def _derive(rows: pd.DataFrame) -> pd.DataFrame:
    """Ratios per tier, every tier present, in TIERS order."""
    frame = rows.set_index("tier").reindex(list(TIERS)).fillna(
        {"customers": 0, "gmv_cny": 0.0, "orders": 0.0, "buyers": 0, "repeaters": 0,
         "lifetime": 0.0})
    frame = frame.astype({"customers": "int64", "buyers": "int64", "repeaters": "int64",
                          "gmv_cny": "float64", "orders": "float64", "lifetime": "float64",
                          "days_since_last": "float64"})
    out = pd.DataFrame({
        "tier": frame.index,
        "customers": frame["customers"].to_numpy(),
        "customer_share": _share(frame["customers"]),
        "gmv_cny": frame["gmv_cny"].to_numpy(),
        "gmv_share": _share(frame["gmv_cny"]),
        "orders": frame["orders"].astype("int64").to_numpy(),
        "buyers": frame["buyers"].to_numpy(),
        "repurchase_rate": _div(frame["repeaters"], frame["buyers"]),
        "aov_cny": _div(frame["gmv_cny"], frame["orders"]),
        "orders_per_customer": _div(frame["orders"], frame["customers"]),
        "lifetime_gmv_cny": _div(frame["lifetime"], frame["customers"]),
        "days_since_last": frame["days_since_last"].to_numpy(),
    })
    return out.reset_index(drop=True)


def _share(part: pd.Series):
    """Each row's share of the column total; NaN when the total is 0 (nothing selected)."""
    return _div(part, pd.Series(part.sum(), index=part.index))


def _div(num: pd.Series, den: pd.Series):
    den = den.astype("float64")
    return (num.astype("float64") / den.where(den > 0)).to_numpy()


def trend_months(f: Filters) -> list[Filters]:
    """Calendar months (each cut at f.end) covering the period or the last TREND_MONTHS
    months, whichever is longer (at most MAX_MONTHS)."""
    first = min(f.start, _month_start(f.end, TREND_MONTHS - 1))
    months: list[Filters] = []
    start = max(first.replace(day=1), _month_start(f.end, MAX_MONTHS - 1))
    while start <= f.end:
        nxt = _month_start(start, -1)
        months.append(replace(f, start=start, end=min(nxt - timedelta(days=1), f.end)))
        start = nxt
    return months


def _month_start(day: date, back: int) -> date:
    """First day of the month `back` months before day's month (negative: after)."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def tier_trend(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """Customers per tier at the end of each month (each month taken as the period, tiers
    as in `tier_query`): month (first day), tier, customers (0 rows for empty tiers left
    out). One query: each buyer's first order day once (a CTE), then per month a UNION ALL
    part that scans only the month's 365-day spend window (a customer's last order before
    that window can only make it dormant). Measured faster on DuckDB than one query per
    month over the whole history, or one scan with conditional aggregates per month."""
    h = history(f)
    firsts = (sa.select(h.c.customer_id, sa.func.min(h.c.order_date).label("first_day"))
              .group_by(h.c.customer_id).cte("tier_firsts"))
    parts = []
    for m in trend_months(f):
        p = _month_customers(firsts, m)
        tier = _tier_case(p, m)
        parts.append(sa.select(sa.literal(m.start, sa.Date).label("month"), tier.label("tier"),
                               sa.func.count().label("customers")).group_by(tier))
    frame = pd.DataFrame(conn.execute(sa.union_all(*parts)).all(),
                         columns=["month", "tier", "customers"])
    frame["month"] = pd.to_datetime(frame["month"])
    frame["customers"] = frame["customers"].astype("int64")
    order = {t: i for i, t in enumerate(TIERS)}
    return frame.sort_values(["month", "tier"], key=lambda s: s.map(order) if s.name == "tier"
                             else s).reset_index(drop=True)


def _month_customers(firsts: sa.CTE, m: Filters) -> sa.Subquery:
    """`_per_customer(m)`'s columns from the buyers' first days and the orders of the
    365 days to m.end (last_day NULL when none: the tier case then says dormant)."""
    w = history(m, lookback_start(replace(m, start=m.end)))
    year = (sa.select(w.c.customer_id, sa.func.max(w.c.order_date).label("last_day"),
                      fsum(w.c.amount_cny).label("spend"))
            .group_by(w.c.customer_id).subquery("tier_year"))
    spend = sa.func.coalesce(year.c.spend, 0.0)
    rank = sa.func.cume_dist().over(order_by=spend.desc())
    return (sa.select(firsts.c.first_day, year.c.last_day, spend.label("spend_365"),
                      rank.label("spend_rank"))
            .select_from(firsts.outerjoin(year, year.c.customer_id == firsts.c.customer_id))
            .where(firsts.c.first_day <= m.end).subquery("tier_month"))


def tier_assignments(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """customer_id, tier for every customer known at f.end."""
    frame = read_frame(conn, tier_query(f))
    frame.columns = ["customer_id", "tier"]
    return frame.astype({"customer_id": "int64"})
