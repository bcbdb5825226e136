"""Green logistics, CO2e tab: trend by component, split by mode / warehouse / region, and
the emission factors applied with their source and year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from cockpit.filters import Filters
from cockpit.logistics import breakdown, usage
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.logistics.common import PART_COLOURS, PARTS, key_label, part_label
from cockpit.ui.theme import TEMPLATE

# shown columns (factor_table names) and their string keys; source last, as it is long
FACTOR_COLUMNS = {"factor_id": "factor_id", "region": "region",
                  "kg_co2e_per_unit": "factor", "basis": "basis", "source_year": "year",
                  "shipments": "applied", "source": "source"}


def render(f: Filters, grain: str, lang: str) -> None:
    """Trend chart, split chart and table, factor list."""
    st.subheader(t("logistics.co2e.trend", lang))
    st.caption(t("logistics.co2e.trend_caption", lang))
    trend_chart(query(breakdown.trend, f, grain), grain, lang)
    st.subheader(t("logistics.co2e.split", lang))
    dim = st.segmented_control(t("logistics.split", lang), breakdown.DIMENSIONS, default="mode",
                               format_func=lambda d: t(f"logistics.dim.{d}", lang),
                               key="logistics_dim", required=True) or "mode"
    frame = query(breakdown.by_dimension, f, dim)
    st.caption(t("logistics.co2e.split_caption", lang))
    split_chart(frame, dim, lang)
    with st.expander(t("logistics.co2e.table", lang)):
        split_table(frame, dim, f, lang)
    with st.expander(t("logistics.co2e.factors", lang)):
        factor_list(f, lang)


def trend_chart(trend: pd.DataFrame, grain: str, lang: str) -> None:
    """Stacked bars of kg CO2e by component, with kg per order on the right axis."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for part in PARTS:
        fig.add_bar(x=trend["period"], y=trend[part], name=part_label(part, lang),
                    marker_color=PART_COLOURS[part],
                    hovertemplate="%{x|%Y-%m-%d} %{y:,.1f} kg<extra>%{fullData.name}</extra>")
    fig.add_scatter(x=trend["period"], y=trend["kg_per_order"], mode="lines+markers",
                    name=t("logistics.kpi.per_order", lang), line_color="#E4393C",
                    secondary_y=True, hovertemplate="%{y:.2f} kg<extra></extra>")
    fig.update_layout(template=TEMPLATE, barmode="stack", height=380,
                      legend_traceorder="normal")
    fig.update_xaxes(tickformat="%Y-%m" if grain == "month" else "%m-%d")
    fig.update_yaxes(title_text="kg CO2e", secondary_y=False)
    fig.update_yaxes(title_text="kg CO2e / " + t("col.orders", lang), secondary_y=True,
                     showgrid=False, rangemode="tozero", tickmode="auto", nticks=6)
    st.plotly_chart(fig, theme=None, key="co2e_trend_chart")


def split_chart(frame: pd.DataFrame, dim: str, lang: str) -> None:
    """Horizontal stacked bars of kg CO2e by component per group."""
    labels = key_label(dim, frame, lang)
    fig = go.Figure()
    for part in PARTS:
        fig.add_bar(y=labels, x=frame[part], name=part_label(part, lang), orientation="h",
                    marker_color=PART_COLOURS[part],
                    hovertemplate="%{y}: %{x:,.1f} kg<extra>%{fullData.name}</extra>")
    fig.update_layout(template=TEMPLATE, barmode="stack", height=120 + 32 * len(frame),
                      legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="kg CO2e")
    st.plotly_chart(fig, theme=None, key=f"co2e_split_{dim}")


def split_table(frame: pd.DataFrame, dim: str, f: Filters, lang: str) -> None:
    """The split as a downloadable table with kg per order."""
    out = pd.DataFrame({t("logistics.col.key", lang): key_label(dim, frame, lang),
                        t("logistics.col.shipments", lang): frame["shipments"]})
    for part in PARTS:
        out[t("logistics.col.kg_unit", lang, part=part_label(part, lang))] = frame[part].round(2)
    out[t("logistics.col.total_kg", lang)] = frame["total_kg"].round(2)
    out[t("logistics.col.kg_per_order", lang)] = frame["kg_per_order"].round(3)
    table(out, f"logistics_co2e_{dim}_{f.start}_{f.end}", lang)


def factor_list(f: Filters, lang: str) -> None:
    """The emission factors applied to the period's shipments, with source and year."""
    used = query(usage.factors_used, f)
    st.caption(t("logistics.co2e.factors_caption", lang, n=len(used)))
    shown = used[list(FACTOR_COLUMNS)].set_axis(
        [t(f"logistics.col.{c}", lang) for c in FACTOR_COLUMNS.values()], axis=1)
    source = t("logistics.col.source", lang)
    table(shown, f"logistics_emission_factors_{f.start}_{f.end}", lang, raw=used,
          height=35 * (len(shown) + 1) + 3,
          column_config={source: st.column_config.TextColumn(width="large")})
