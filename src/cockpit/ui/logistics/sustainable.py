"""Green logistics, sustainable-products tab: share of GMV and its growth, the price
premium, and which segments buy them."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import sustainable
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import name, t
from cockpit.ui.logistics.common import GREEN, metric, share_trend
from cockpit.ui.theme import TEMPLATE


def render(f: Filters, grain: str, lang: str) -> None:
    """KPI cards, share trend, share by segment, green buyers and price premium tables."""
    cards(f, lang)
    st.subheader(t("logistics.sus.trend", lang))
    trend = query(sustainable.trend, f, grain)
    share_trend(trend, t("logistics.col.sustainable_share", lang), grain,
                "sustainable_trend_chart", 300)
    st.subheader(t("logistics.sus.segments", lang))
    dim = st.segmented_control(t("logistics.sus.segment_by", lang), sustainable.SEGMENTS,
                               default="channel", key="logistics_segment", required=True,
                               format_func=lambda d: t(f"logistics.seg.{d}", lang)) or "channel"
    st.caption(t("logistics.sus.segments_caption", lang))
    segment_chart(query(sustainable.by_segment, f, dim), dim, lang)
    buyers_table(f, lang)
    premium_table(f, lang)


def cards(f: Filters, lang: str) -> None:
    """Sustainable GMV (vs previous period, and year on year), share, price premium."""
    shares = query(sustainable.share, f).set_index("period")
    premium = sustainable.average_premium(query(sustainable.price_premium, f))
    green_gmv = shares["sustainable_gmv"]
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.sus.gmv", lang), fmt.money(green_gmv["value"], lang),
               "logistics.sus.gmv.help", lang, delta_description=t("logistics.vs_previous", lang),
               delta=fmt.delta(green_gmv["value"], green_gmv["previous"], "cny", lang))
        yoy = fmt.delta(green_gmv["value"], green_gmv["last_year"], "cny", lang)
        st.caption(t("logistics.sus.yoy", lang, delta=yoy or fmt.EMPTY))
    with cols[1]:
        metric(t("logistics.kpi.sustainable_share", lang), fmt.pct(shares.at["value", "share"]),
               "logistics.kpi.sustainable_share.help", lang)
    with cols[2]:
        metric(t("logistics.sus.premium", lang), fmt.pct(premium), "logistics.sus.premium.help",
               lang)


def segment_name(dim: str, value: str, lang: str) -> str:
    """Display name of a segment value."""
    if dim in ("channel", "region"):
        return name(dim, value, lang)
    if dim == "city_tier":
        return t("logistics.tier", lang, tier=value)
    if dim == "member_tier":
        return t(f"logistics.member.{value}", lang)
    if dim == "frequency":
        return t("logistics.freq", lang, n=value)
    return value


def segment_chart(seg: pd.DataFrame, dim: str, lang: str) -> None:
    """Sustainable share of GMV per segment, dashed line at the overall share."""
    frame = seg.assign(label=[segment_name(dim, v, lang) for v in seg["segment"]])
    overall = seg["sustainable_gmv"].sum() / seg["gmv"].sum()
    fig = px.bar(frame, x="label", y="share", template=TEMPLATE, custom_data=["buyers"],
                 labels={"label": "", "share": t("logistics.col.sustainable_share", lang)})
    fig.update_traces(marker_color=GREEN, hovertemplate="%{x}: %{y:.1%}<extra></extra>")
    fig.add_hline(y=overall, line_dash="dash", line_color="#1F2933")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_layout(height=320)
    st.plotly_chart(fig, theme=None, key=f"sustainable_segments_{dim}")


def buyers_table(f: Filters, lang: str) -> None:
    """Customers by how much of their spend is sustainable."""
    st.subheader(t("logistics.sus.buyers", lang))
    st.caption(t("logistics.sus.buyers_caption", lang))
    b = query(sustainable.green_buyers, f)
    out = pd.DataFrame({
        t("logistics.col.band", lang): [t(f"logistics.band.{v}", lang) for v in b["band"]],
        t("logistics.col.customers", lang): b["customers"],
        t("logistics.col.customer_share", lang): [fmt.pct(v) for v in b["customer_share"]],
        t("logistics.col.sustainable_gmv_share", lang): [fmt.pct(v) for v in
                                                         b["sustainable_gmv_share"]],
        t("logistics.col.orders_per_customer", lang): [
            fmt.number(v) for v in b["orders"] / b["customers"].where(b["customers"] > 0)],
        t("logistics.col.gmv", lang): b["gmv"].round(2),
    })
    table(out, f"logistics_green_buyers_{f.start}_{f.end}", lang, raw=b)


def premium_table(f: Filters, lang: str) -> None:
    """Mean unit price of sustainable vs regular products per category, in an expander."""
    with st.expander(t("logistics.sus.premium_table", lang)):
        st.caption(t("logistics.sus.premium_caption", lang))
        p = query(sustainable.price_premium, f)
        out = pd.DataFrame({
            t("logistics.col.category", lang): [name("category", c, lang) for c in p["category"]],
            t("logistics.col.sustainable_price", lang): p["sustainable_price"].round(2),
            t("logistics.col.regular_price", lang): p["regular_price"].round(2),
            t("logistics.col.premium", lang): [fmt.pct(v) for v in p["premium"]],
            t("logistics.col.sustainable_gmv", lang): p["sustainable_gmv"].round(2),
        })
        table(out, f"logistics_price_premium_{f.start}_{f.end}", lang, raw=p)
