"""Segments page, lifecycle tiers: cards per tier, tier metrics table, monthly trend."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.segments import lifecycle
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.theme import TEMPLATE

TIER_COLOURS = dict(zip(lifecycle.TIERS, ("#13A8A8", "#2F6FDE", "#F5A623", "#E4393C",
                                          "#5C6B7A"), strict=True))


def tier_name(code: str, lang: str) -> str:
    return t(f"segments.tier.{code}", lang)


def tier_help(code: str, lang: str) -> str:
    """Definition of a tier with the thresholds filled in."""
    return t(f"segments.tier.{code}.help", lang, active=lifecycle.ACTIVE_DAYS,
             risk=lifecycle.AT_RISK_DAYS, vip=fmt.pct(lifecycle.VIP_SHARE, 0))


def _cards(summary: pd.DataFrame, lang: str) -> None:
    cols = st.columns(len(summary))
    for col, row in zip(cols, summary.itertuples(), strict=True):
        with col, st.container(border=True):
            st.metric(tier_name(row.tier, lang), fmt.count(row.customers, lang),
                      help=tier_help(row.tier, lang))
            st.caption(t("segments.tiers.gmv_share", lang, share=fmt.pct(row.gmv_share)))


def _table(summary: pd.DataFrame, f: Filters, lang: str) -> None:
    c = "segments.col."
    shown = pd.DataFrame({
        t(c + "tier", lang): [tier_name(x, lang) for x in summary["tier"]],
        t(c + "customers", lang): [fmt.count(v, lang) for v in summary["customers"]],
        t(c + "customer_share", lang): [fmt.pct(v) for v in summary["customer_share"]],
        t(c + "gmv", lang): [fmt.money(v, lang) for v in summary["gmv_cny"]],
        t(c + "gmv_share", lang): [fmt.pct(v) for v in summary["gmv_share"]],
        t(c + "orders", lang): [fmt.count(v, lang) for v in summary["orders"]],
        t(c + "repurchase_rate", lang): [fmt.pct(v) for v in summary["repurchase_rate"]],
        t(c + "aov", lang): [fmt.money(v, lang) for v in summary["aov_cny"]],
        t(c + "orders_per_customer", lang): [fmt.EMPTY if pd.isna(v) else f"{v:.2f}"
                                             for v in summary["orders_per_customer"]],
        t(c + "lifetime_gmv", lang): [fmt.money(v, lang) for v in summary["lifetime_gmv_cny"]],
        t(c + "days_since_last", lang): [fmt.EMPTY if pd.isna(v) else f"{v:.0f}"
                                         for v in summary["days_since_last"]],
    })
    table(shown, f"segments_tiers_{f.start}_{f.end}", lang, raw=summary)
    st.caption(t("segments.tiers.table_caption", lang))


def _trend(trend: pd.DataFrame, lang: str) -> None:
    """Stacked bars of customers per tier by month (dict traces: faster than plotly express)."""
    unit = t("segments.col.customers", lang)
    traces = []
    for tier in lifecycle.TIERS:
        part = trend[trend["tier"] == tier]
        traces.append(dict(type="bar", x=part["month"].dt.strftime("%Y-%m-%d").tolist(),
                           y=part["customers"].tolist(), name=tier_name(tier, lang),
                           marker_color=TIER_COLOURS[tier],
                           hovertemplate="%{x|%Y-%m} %{fullData.name}: %{y} " + unit
                           + "<extra></extra>"))
    fig = go.Figure(data=traces, layout=dict(template=TEMPLATE, height=360, barmode="stack",
                                             legend=dict(traceorder="normal"),
                                             yaxis=dict(title_text=unit)))
    fig.update_xaxes(tickformat="%Y-%m")
    st.plotly_chart(fig, theme=None, key="tiers_trend_chart")


def render(f: Filters, lang: str) -> None:
    """Tier cards with definitions, the metrics table and the monthly trend."""
    summary = query(lifecycle.tier_summary, f)
    _cards(summary, lang)
    st.subheader(t("segments.tiers.table", lang))
    _table(summary, f, lang)
    st.subheader(t("segments.tiers.trend", lang))
    trend = query(lifecycle.tier_trend, f)
    _trend(trend, lang)
    st.caption(t("segments.tiers.trend_caption", lang))
    with st.expander(t("segments.tiers.trend", lang)):
        wide = trend.pivot_table(index="month", columns="tier", values="customers",
                                 fill_value=0).reindex(columns=list(lifecycle.TIERS),
                                                       fill_value=0)
        wide.columns = [tier_name(x, lang) for x in wide.columns]
        wide.insert(0, t("segments.col.month", lang), wide.index.strftime("%Y-%m"))
        table(wide.reset_index(drop=True), f"segments_tier_trend_{f.start}_{f.end}", lang)
