"""Forecast page, C2M section: the fastest-growing products and attributes, flagged as
candidates for custom (consumer-to-manufacturer) production."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit import facts
from cockpit.filters import Filters
from cockpit.forecast import c2m
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import name, t
from cockpit.ui.theme import SEQUENCE, TEMPLATE

WINDOWS = ("all", "365", "filters")
CHART_ROWS = 15


def _period(f: Filters, window: str) -> Filters:
    if window == "filters":
        return f
    first, _ = query(facts.data_range)
    start = first if window == "all" else f.end - timedelta(days=int(window) - 1)
    return replace(f, start=min(max(start, first), f.end - timedelta(days=1)))


def _times(growth: float | None) -> str:
    """Growth as a multiple ("×1.53"); "—" without an earlier half to grow from."""
    return fmt.EMPTY if pd.isna(growth) else f"×{growth:.2f}"


def _chart(frame: pd.DataFrame, lang: str) -> None:
    top = frame.head(CHART_ROWS).iloc[::-1]
    labels = top["name_zh" if lang == "zh" else "name_en"]
    colours = [SEQUENCE[1] if flag else "#B0B7C3" for flag in top["flagged"]]
    cap = top["growth_low"].max() * 3  # products new in the recent half are drawn at the cap
    growth = top["growth_vs_platform"].clip(upper=cap).where(top["units_earlier"] > 0, cap)
    fig = go.Figure(go.Bar(
        x=growth, y=labels, orientation="h", marker_color=colours,
        error_x={"type": "data", "symmetric": False, "array": [0] * len(top),
                 "arrayminus": (growth - top["growth_low"]).clip(lower=0)},
        customdata=top[["units_earlier", "units_recent", "growth_low"]].to_numpy(),
        hovertemplate=t("c2m.hover", lang) + "<extra></extra>"))
    fig.add_vline(x=1.0, line_dash="dot", line_color="#666")
    fig.update_layout(template=TEMPLATE, height=460, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis_title=t("c2m.axis", lang), yaxis_title=None)
    st.plotly_chart(fig, theme=None, key="c2m_growth_chart")
    st.caption(t("c2m.chart_caption", lang, rows=min(CHART_ROWS, len(frame)),
                 threshold=f"{c2m.FLAG_MIN_GROWTH:.2f}"))


def _product_table(frame: pd.DataFrame, p: Filters, lang: str) -> None:
    shown = pd.DataFrame({
        t("inventory.col_sku", lang): frame["sku"],
        t("inventory.col_product", lang): frame["name_zh" if lang == "zh" else "name_en"],
        t("c2m.col_category", lang): [name("category", c, lang) for c in frame["category"]],
        t("c2m.col_earlier", lang): frame["units_earlier"].astype(int),
        t("c2m.col_recent", lang): frame["units_recent"].astype(int),
        t("c2m.col_growth", lang): [fmt.number(v) for v in frame["growth_vs_platform"]],
        t("c2m.col_low", lang): [fmt.number(v) for v in frame["growth_low"]],
        t("c2m.col_flag", lang): [t("c2m.flag_yes" if v else "c2m.flag_no", lang)
                                  for v in frame["flagged"]],
    })
    table(shown, f"c2m_products_{p.start}_{p.end}", lang, raw=frame)


def _attribute_label(attribute: str, value: str, lang: str) -> str:
    if attribute == "category":
        return name("category", value, lang)
    return t(f"c2m.attr_{attribute}_{value}", lang)


def _attribute_table(p: Filters, lang: str) -> None:
    frame = query(c2m.attribute_growth, p)
    shown = pd.DataFrame({
        t("c2m.col_attribute", lang): [t(f"c2m.attr_{a}", lang) for a in frame["attribute"]],
        t("c2m.col_value", lang): [_attribute_label(a, v, lang) for a, v in
                                   zip(frame["attribute"], frame["value"], strict=True)],
        t("c2m.col_earlier", lang): frame["units_earlier"].astype(int),
        t("c2m.col_recent", lang): frame["units_recent"].astype(int),
        t("c2m.col_growth", lang): [fmt.number(v) for v in frame["growth_vs_platform"]],
        t("c2m.col_low", lang): [fmt.number(v) for v in frame["growth_low"]],
    })
    table(shown, f"c2m_attributes_{p.start}_{p.end}", lang, raw=frame)


def render(f: Filters, lang: str) -> None:
    """Draw the C2M section for filters `f` in `lang`."""
    window = st.segmented_control(t("c2m.window", lang), WINDOWS, default="all", required=True,
                                  format_func=lambda w: t(f"c2m.window_{w}", lang),
                                  key="c2m_window") or "all"
    p = _period(f, window)
    if p.days < 2:
        st.info(t("c2m.need_two_days", lang), icon=":material/date_range:")
        return
    frame = query(c2m.growth_signal, p)
    require_data(not frame.empty and frame["units_earlier"].sum() > 0)
    early, recent = c2m.halves(p)
    st.caption(t("c2m.caption", lang, e0=early.start, e1=early.end, r0=recent.start,
                 r1=recent.end, platform=fmt.pct(frame["platform_growth"].iloc[0] - 1)))
    flagged = frame[frame["flagged"]]
    cols = st.columns(3)
    cols[0].metric(t("c2m.kpi_flagged", lang), fmt.count(len(flagged), lang),
                   help=t("c2m.kpi_flagged_help", lang, threshold=f"{c2m.FLAG_MIN_GROWTH:.2f}",
                          units=c2m.MIN_UNITS))
    lead = frame.iloc[0]
    cols[1].metric(t("c2m.kpi_top", lang), lead["name_zh" if lang == "zh" else "name_en"],
                   help=t("c2m.kpi_top_help", lang))
    cols[2].metric(t("c2m.kpi_top_growth", lang), _times(lead["growth_vs_platform"]),
                   help=t("c2m.kpi_top_growth_help", lang))
    _chart(frame, lang)
    st.subheader(t("c2m.products_title", lang))
    _product_table(frame, p, lang)
    st.subheader(t("c2m.attributes_title", lang))
    _attribute_table(p, lang)
