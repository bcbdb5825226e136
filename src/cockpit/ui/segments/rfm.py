"""Segments page, RFM: named groups with counts and value, and the R × F heatmap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.segments import rfm
from cockpit.segments.base import lookback_start
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.theme import TEMPLATE


def group_name(code: str, lang: str) -> str:
    return t(f"segments.rfm.{code}", lang)


def _rule(code: str) -> str:
    rs, fs = rfm.GROUP_GRID[code]
    return f"R {'/'.join(map(str, rs))}; F {'/'.join(map(str, fs))}"


def _groups_table(groups: pd.DataFrame, f: Filters, lang: str) -> None:
    c = "segments.col."
    shown = pd.DataFrame({
        t(c + "rfm_group", lang): [group_name(g, lang) for g in groups["rfm_group"]],
        t(c + "rfm_rule", lang): [_rule(g) for g in groups["rfm_group"]],
        t(c + "customers", lang): [fmt.count(v, lang) for v in groups["customers"]],
        t(c + "customer_share", lang): [fmt.pct(v) for v in groups["customer_share"]],
        t(c + "monetary", lang): [fmt.money(v, lang) for v in groups["monetary_cny"]],
        t(c + "value_share", lang): [fmt.pct(v) for v in groups["value_share"]],
        t(c + "avg_monetary", lang): [fmt.money(v, lang) for v in groups["avg_monetary_cny"]],
        t(c + "avg_recency", lang): [fmt.EMPTY if pd.isna(v) else f"{v:.0f}"
                                     for v in groups["avg_recency_days"]],
        t(c + "avg_orders", lang): [fmt.EMPTY if pd.isna(v) else f"{v:.1f}"
                                    for v in groups["avg_orders"]],
    })
    table(shown, f"segments_rfm_groups_{f.start}_{f.end}", lang, raw=groups)
    st.caption(t("segments.rfm.table_caption", lang))


def _heatmap(grid: pd.DataFrame, lang: str) -> None:
    cust = grid.pivot(index="r", columns="f", values="customers").sort_index()
    avg = grid.pivot(index="r", columns="f", values="avg_monetary_cny").reindex(cust.index)
    names = grid.assign(n=[group_name(g, lang) for g in grid["rfm_group"]]).pivot(
        index="r", columns="f", values="n").reindex(cust.index)
    money = np.vectorize(lambda v: fmt.money(v, lang))(avg.to_numpy())
    text = np.vectorize(lambda n, g: f"{fmt.count(n, lang)}<br>{g}")(cust.to_numpy(),
                                                                     names.to_numpy())
    fig = go.Figure(go.Heatmap(
        z=cust.to_numpy(), x=[f"F{v}" for v in cust.columns], y=[f"R{v}" for v in cust.index],
        text=text, texttemplate="%{text}", colorscale="Blues", showscale=False,
        customdata=np.dstack([money, names.to_numpy()]),
        hovertemplate="%{y} %{x}: %{z} · %{customdata[1]}<br>"
        + t("segments.col.avg_monetary", lang) + " %{customdata[0]}<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=480, margin=dict(l=60, r=20, t=20, b=50))
    fig.update_xaxes(title_text=t("segments.rfm.f", lang), side="bottom")
    fig.update_yaxes(title_text=t("segments.rfm.r", lang))
    st.plotly_chart(fig, theme=None, key="rfm_heatmap_chart")


def render(f: Filters, lang: str) -> None:
    """RFM groups table and the R × F heatmap."""
    st.caption(t("segments.rfm.intro", lang, start=lookback_start(f), end=f.end))
    groups = query(rfm.rfm_groups, f)
    st.subheader(t("segments.rfm.groups", lang))
    _groups_table(groups, f, lang)
    st.subheader(t("segments.rfm.heatmap", lang))
    _heatmap(query(rfm.rf_grid, f), lang)
    st.caption(t("segments.rfm.heatmap_caption", lang))
