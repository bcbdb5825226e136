"""Acquisition: cost per new customer (CAC) by channel over time and the value of whom it bought.

CAC = marketing spend of an acquisition channel ÷ new customers it brought (customers whose
first-ever non-cancelled order falls in the period, by customers.acquisition_channel). Spend
is platform-wide per acquisition channel, so the sales-channel, region, city and category
filters do not apply here; only the dates do.
Value per new customer = GMV to f.end (non-cancelled orders) + expected CLV over the next
365 days (BG/NBD + Gamma-Gamma, `cockpit.clv`), both in CNY; value ÷ CAC is the payback multiple.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.clv.warehouse import CLV_HORIZON_DAYS, clv_by_customer
from cockpit.filters import Filters, is_sale, platform_wide, sale_amount, serves_platform_wide
from cockpit.segments.base import lookback_start
from cockpit.warehouse.fetch import read_frame
from cockpit.warehouse.schema import ACQUISITION_CHANNELS, customers, marketing_spend, orders
from cockpit.warehouse.sql import date_trunc, fsum


def _firsts(end: date) -> sa.Subquery:
    """customer_id, first_day (first non-cancelled order) for customers who ordered by end."""
    return (sa.select(orders.c.customer_id, sa.func.min(orders.c.order_date).label("first_day"))
            .where(is_sale(), orders.c.order_date <= end)
            .group_by(orders.c.customer_id).subquery("acq_firsts"))


def domains(conn: sa.Connection) -> dict[str, str]:
    """Acquisition channel -> traffic domain (public, private, offline)."""
    rows = conn.execute(sa.select(customers.c.acquisition_channel,
                                  customers.c.acquisition_domain).distinct()).all()
    return dict(rows)


def cac_trend(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """Per month (first day) up to f.end and acquisition channel: month, channel, domain,
    spend_cny, new_customers, cac_cny (NaN without new customers). Marketing spend is
    platform-wide (no region): a scoped user gets no rows (`serves_platform_wide`)."""
    m = marketing_spend
    month = date_trunc("month", m.c.spend_date)
    spend = pd.DataFrame(conn.execute(
        sa.select(month.label("month"), m.c.channel, fsum(m.c.spend_cny))
        .where(m.c.spend_date <= f.end, platform_wide(f)).group_by(month, m.c.channel)).all(),
        columns=["month", "channel", "spend_cny"])
    if not serves_platform_wide(f):
        return pd.DataFrame(columns=["month", "channel", "domain", "spend_cny",
                                     "new_customers", "cac_cny"])
    fr = _firsts(f.end)
    fmonth = date_trunc("month", fr.c.first_day)
    new = pd.DataFrame(conn.execute(
        sa.select(fmonth.label("month"), customers.c.acquisition_channel, sa.func.count())
        .select_from(fr.join(customers, customers.c.customer_id == fr.c.customer_id))
        .group_by(fmonth, customers.c.acquisition_channel)).all(),
        columns=["month", "channel", "new_customers"])
    frame = spend.merge(new, on=["month", "channel"], how="outer")
    frame["month"] = pd.to_datetime(frame["month"])
    frame["spend_cny"] = frame["spend_cny"].astype("float64").fillna(0.0)
    frame["new_customers"] = frame["new_customers"].fillna(0).astype("int64")
    frame["cac_cny"] = frame["spend_cny"] / frame["new_customers"].where(
        frame["new_customers"] > 0)
    frame.insert(2, "domain", frame["channel"].map(domains(conn)).fillna("public"))
    order = {c: i for i, c in enumerate(ACQUISITION_CHANNELS)}
    return frame.sort_values(["month", "channel"], key=lambda s: s.map(order)
                             if s.name == "channel" else s).reset_index(drop=True)


def cac_growth(trend: pd.DataFrame, months: int = 6) -> float | None:
    """All-channel CAC of the last `months` months over that of the first `months`."""
    total = trend.groupby("month")[["spend_cny", "new_customers"]].sum().sort_index()
    if len(total) < 2 * months:
        return None
    first, last = total.iloc[:months].sum(), total.iloc[-months:].sum()
    if first["new_customers"] == 0 or last["new_customers"] == 0:
        return None
    return float((last["spend_cny"] / last["new_customers"])
                 / (first["spend_cny"] / first["new_customers"]))


def _cohort(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """Customers acquired in the window: customer_id, channel, gmv_to_date (CNY)."""
    lo = lookback_start(f)
    fr = _firsts(f.end)
    gmv = (sa.select(orders.c.customer_id, fsum(sale_amount()).label("gmv"))
           .where(is_sale(), orders.c.order_date <= f.end)
           .group_by(orders.c.customer_id).subquery("acq_gmv"))
    stmt = (sa.select(fr.c.customer_id, customers.c.acquisition_channel, gmv.c.gmv)
            .select_from(fr.join(customers, customers.c.customer_id == fr.c.customer_id)
                         .join(gmv, gmv.c.customer_id == fr.c.customer_id))
            .where(fr.c.first_day >= lo))
    frame = read_frame(conn, stmt)
    frame.columns = ["customer_id", "channel", "gmv"]
    return frame.astype({"gmv": "float64"})


@dataclass(frozen=True)
class ChannelInputs:
    """What `value_by_channel` needs from the warehouse: the cohort (customer_id, channel,
    gmv), spend per acquisition channel in the window (CNY) and channel -> domain."""

    cohort: pd.DataFrame
    spend: dict[str, float]
    domains: dict[str, str]


def channel_inputs(conn: sa.Connection, f: Filters) -> ChannelInputs:
    """Customers acquired in the window (the 365 days to f.end, or the period when longer)
    with their GMV so far, and the acquisition spend in the same window. Nothing for a
    scoped user: CAC divides platform-wide spend (`serves_platform_wide`)."""
    m = marketing_spend
    if not serves_platform_wide(f):
        return ChannelInputs(pd.DataFrame({"customer_id": pd.Series(dtype="int64"),
                                           "channel": pd.Series(dtype=object),
                                           "gmv": pd.Series(dtype="float64")}), {}, {})
    spend = dict(conn.execute(
        sa.select(m.c.channel, fsum(m.c.spend_cny))
        .where(m.c.spend_date >= lookback_start(f), m.c.spend_date <= f.end)
        .group_by(m.c.channel)).all())
    return ChannelInputs(_cohort(conn, f), {k: float(v or 0.0) for k, v in spend.items()},
                         domains(conn))


def channel_value(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """`value_by_channel` with the customers' 365-day CLV at f.end."""
    return value_by_channel(channel_inputs(conn, f),
                            clv_by_customer(conn, f.end, CLV_HORIZON_DAYS, f.scope))


def value_by_channel(inputs: ChannelInputs, clv: pd.Series | None) -> pd.DataFrame:
    """Per acquisition channel: channel, domain, spend_cny, new_customers, cac_cny,
    gmv_per_customer, clv_per_customer (mean of `clv` over the cohort; NaN when None),
    value_per_customer, value_to_cac."""
    cohort = inputs.cohort.assign(clv=inputs.cohort["customer_id"].map(clv)
                                  if clv is not None else float("nan"))
    per = cohort.groupby("channel").agg(new_customers=("customer_id", "size"),
                                        gmv=("gmv", "sum"), clv=("clv", "sum"),
                                        clv_known=("clv", "count"))
    channels = [c for c in ACQUISITION_CHANNELS if c in inputs.spend or c in per.index]
    frame = per.reindex(channels).fillna(0)
    frame["spend_cny"] = [inputs.spend.get(c, 0.0) for c in channels]
    frame = frame.rename_axis("channel").reset_index()
    frame.insert(1, "domain", frame["channel"].map(inputs.domains).fillna("public"))
    return _ratios(frame)


def _ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """CAC, value per customer and value/CAC from summed spend, customers, gmv and clv."""
    n = frame["new_customers"].astype("float64").where(frame["new_customers"] > 0)
    out = frame[["channel", "domain"]].copy() if "channel" in frame else frame[["domain"]].copy()
    out["spend_cny"] = frame["spend_cny"].astype("float64")
    out["new_customers"] = frame["new_customers"].astype("int64")
    out["cac_cny"] = out["spend_cny"] / n
    out["gmv_per_customer"] = frame["gmv"] / n
    known = frame["clv_known"].astype("float64")
    out["clv_per_customer"] = frame["clv"] / known.where(known > 0)
    out["value_per_customer"] = out["gmv_per_customer"] + out["clv_per_customer"]
    out["value_to_cac"] = out["value_per_customer"] / out["cac_cny"].where(out["cac_cny"] > 0)
    return out.reset_index(drop=True)


def domain_value(by_channel: pd.DataFrame) -> pd.DataFrame:
    """`channel_value` rolled up to public / private / offline domains."""
    f = by_channel.assign(
        gmv=by_channel["gmv_per_customer"].fillna(0) * by_channel["new_customers"],
        clv=by_channel["clv_per_customer"].fillna(0) * by_channel["new_customers"],
        clv_known=by_channel["new_customers"].where(by_channel["clv_per_customer"].notna(), 0))
    sums = f.groupby("domain", sort=False)[["spend_cny", "new_customers", "gmv", "clv",
                                            "clv_known"]].sum().reset_index()
    return _ratios(sums)
