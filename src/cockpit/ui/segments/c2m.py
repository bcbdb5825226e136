"""Segments page, C2M: 90-day re-buy rate of custom-made products vs regular ones."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.segments import c2m
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.theme import TEMPLATE


def _kpis(rates: pd.DataFrame, lang: str) -> None:
    by = rates.set_index("kind")
    c2m_rate, reg_rate = by.at["c2m", "rebuy_rate"], by.at["regular", "rebuy_rate"]
    ratio = c2m_rate / reg_rate if reg_rate and not math.isnan(reg_rate) else float("nan")
    cols = st.columns(3)
    cards = (("rate_c2m", fmt.pct(c2m_rate), "rate", by.at["c2m", "first_buyers"]),
             ("rate_regular", fmt.pct(reg_rate), "rate", by.at["regular", "first_buyers"]),
             ("ratio", fmt.EMPTY if math.isnan(ratio)
              else t("segments.unit.times", lang, x=f"{ratio:.1f}"), "ratio", None))
    for col, (key, value, help_key, buyers) in zip(cols, cards, strict=True):
        with col, st.container(border=True):
            st.metric(t(f"segments.c2m.{key}", lang), value,
                      help=t(f"segments.c2m.{help_key}.help", lang))
            if buyers is not None:
                st.caption(t("segments.c2m.buyers", lang, n=fmt.count(buyers, lang)))


def _pairs(pairs: pd.DataFrame, f: Filters, lang: str) -> None:
    names = pairs["name_zh" if lang == "zh" else "name_en"]
    kinds = [t("segments.kind." + ("c2m" if x else "regular"), lang) for x in pairs["is_c2m"]]
    fig = go.Figure(go.Bar(
        y=list(names), x=pairs["rebuy_rate"], orientation="h",
        marker_color=["#E4393C" if x else "#5C6B7A" for x in pairs["is_c2m"]],
        text=[f"{fmt.pct(r)} (n={n})" for r, n in zip(pairs["rebuy_rate"], pairs["first_buyers"],
                                                    strict=True)],
        textposition="outside", hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=80 + 40 * len(pairs),
                      margin=dict(l=10, r=40, t=20, b=30))
    fig.update_yaxes(autorange="reversed")
    top = float(pairs["rebuy_rate"].max(skipna=True) or 0.0)
    fig.update_xaxes(tickformat=".0%", title_text=t("segments.col.rebuy_rate", lang),
                     range=[0, max(top, 0.01) * 1.35])
    st.plotly_chart(fig, theme=None, key="c2m_pairs_chart")
    c = "segments.col."
    shown = pd.DataFrame({
        t(c + "product", lang): names, t(c + "kind", lang): kinds, "SKU": pairs["sku"],
        t(c + "first_buyers", lang): [fmt.count(v, lang) for v in pairs["first_buyers"]],
        t(c + "rebuyers", lang): [fmt.count(v, lang) for v in pairs["rebuyers"]],
        t(c + "rebuy_rate", lang): [fmt.pct(v) for v in pairs["rebuy_rate"]],
    })
    table(shown, f"segments_c2m_{f.start}_{f.end}", lang, raw=pairs)
    st.caption(t("segments.c2m.pairs_caption", lang))


def render(f: Filters, lang: str) -> None:
    """Headline re-buy rates and the C2M products beside their counterparts."""
    lo, hi = c2m.cohort_window(f)
    st.caption(t("segments.c2m.intro", lang, lo=lo, hi=hi))
    rates = query(c2m.c2m_rebuy, f)
    _kpis(rates, lang)
    st.subheader(t("segments.c2m.pairs", lang))
    _pairs(query(c2m.c2m_products, f), f, lang)
