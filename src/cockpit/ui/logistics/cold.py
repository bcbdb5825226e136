"""Green logistics, cold-chain tab: compliance, excursions and the return rate of
shipments with and without an excursion."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import cold_chain
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.logistics.common import metric
from cockpit.ui.theme import TEMPLATE


def render(f: Filters, lang: str) -> None:
    """KPI cards, returns with/without excursion, excursion-minutes histogram."""
    cold = query(cold_chain.cold_chain, f)
    if not cold.shipments:
        st.info(t("logistics.cold.none", lang))
        return
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.kpi.compliance", lang), fmt.pct(cold.compliance),
               "logistics.kpi.compliance.help", lang)
    with cols[1]:
        metric(t("logistics.cold.excursion_rate", lang), fmt.pct(cold.excursion_rate),
               "logistics.cold.excursion_rate.help", lang)
    with cols[2]:
        minutes = cold.excursion_min_per_shipment
        metric(t("logistics.cold.minutes", lang), f"{minutes:,.1f} min",
               "logistics.cold.minutes.help", lang)
    st.caption(t("logistics.cold.reference", lang))
    st.subheader(t("logistics.cold.returns", lang))
    st.caption(t("logistics.cold.returns_caption", lang))
    returns_chart(cold, lang)
    st.subheader(t("logistics.cold.histogram", lang))
    st.caption(t("logistics.cold.histogram_caption", lang))
    hist = query(cold_chain.excursion_histogram, f)
    histogram_chart(hist, lang)
    hist_out = hist.set_axis([t("logistics.col.minutes_from", lang),
                              t("logistics.col.shipments", lang)], axis=1)
    table(hist_out, f"logistics_cold_excursions_{f.start}_{f.end}", lang)


def returns_chart(cold: cold_chain.ColdChain, lang: str) -> None:
    """Two bars: return rate with and without an excursion, shipments in the labels."""
    n_exc = cold.excursion_shipments
    labels = [f"{t('logistics.cold.with', lang)} ({fmt.count(n_exc, lang)})",
              f"{t('logistics.cold.without', lang)} ({fmt.count(cold.shipments - n_exc, lang)})"]
    rates = [cold.return_rate_excursion, cold.return_rate_clean]
    fig = go.Figure(go.Bar(x=labels, y=rates, marker_color=["#E4393C", "#13A8A8"],
                           text=[fmt.pct(r) for r in rates], textposition="outside",
                           hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=320)
    fig.update_yaxes(tickformat=".0%", title_text=t("logistics.col.return_rate", lang),
                     rangemode="tozero")
    st.plotly_chart(fig, theme=None, key="cold_returns_chart")


def histogram_chart(hist: pd.DataFrame, lang: str) -> None:
    """Shipments by excursion minutes."""
    fig = px.bar(hist, x="minutes_from", y="shipments", template=TEMPLATE,
                 labels={"minutes_from": t("logistics.col.minutes_from", lang),
                         "shipments": t("logistics.col.shipments", lang)})
    fig.update_traces(marker_color="#F5A623")
    fig.update_xaxes(dtick=cold_chain.HISTOGRAM_STEP_MIN)
    fig.update_layout(height=320)
    st.plotly_chart(fig, theme=None, key="cold_histogram_chart")
