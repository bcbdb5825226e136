"""O2O page, halo: online orders and GMV around stores before vs after they opened, against
areas without a store (difference-in-differences), per band and per store."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.o2o import halo
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.o2o.common import (
    FEW_CUSTOMERS,
    band_label,
    figure_cache,
    interval,
    signed_pct,
    store_names,
)
from cockpit.ui.theme import SEQUENCE, TEMPLATE


def halo_table(frame: pd.DataFrame, metric: str, lang: str) -> pd.DataFrame:
    """Display table of `halo.did` rows for orders or GMV."""
    value = (lambda v: fmt.money(v, lang)) if metric == "gmv" else (lambda v: fmt.count(v, lang))
    return pd.DataFrame({
        t("o2o.col.band", lang): [band_label(b, lang) for b in frame["band"]],
        t("o2o.col.customers", lang): frame["customers"],
        t("o2o.col.uplift", lang): [signed_pct(v) for v in frame["uplift"]],
        t("o2o.col.interval", lang): interval(frame["low"], frame["high"], signed_pct),
        t("o2o.col.pre", lang): [value(v) for v in frame["pre"]],
        t("o2o.col.post", lang): [value(v) for v in frame["post"]],
        t("o2o.col.expected", lang): [value(v) for v in frame["expected"]],
        t("o2o.col.control_change", lang): [signed_pct(v) for v in frame["control_change"]],
        t("o2o.col.reliable", lang): [t("o2o.col.few" if n < FEW_CUSTOMERS else "o2o.col.ok", lang)
                                      for n in frame["customers"]],
    })


@figure_cache
def uplift_chart(bands: pd.DataFrame, lang: str) -> go.Figure:
    """Uplift per distance band (%) with its 95% interval as error bars."""
    fig = go.Figure(go.Bar(
        x=[band_label(b, lang) for b in bands["band"]], y=bands["uplift"] * 100,
        marker_color=SEQUENCE[0], hovertemplate="%{x}: %{y:+.1f}%<extra></extra>",
        error_y=dict(type="data", array=(bands["high"] - bands["uplift"]) * 100,
                     arrayminus=(bands["uplift"] - bands["low"]) * 100)))
    fig.update_layout(template=TEMPLATE, height=340, yaxis_title=t("o2o.halo.axis", lang) + " (%)")
    return fig


def render(f: Filters, lang: str) -> None:
    """The halo section: chart and table per band, per store in an expander."""
    st.subheader(t("o2o.halo", lang))
    n_stores = len(query(halo.eligible_stores, f))
    st.caption(t("o2o.halo.note", lang, d=halo.WINDOW_DAYS, n=n_stores))
    if not n_stores:
        st.info(t("o2o.halo.empty", lang, d=halo.WINDOW_DAYS))
        return
    metric = st.segmented_control(t("o2o.halo.metric", lang), halo.METRICS, default="orders",
                                  key="o2o_halo_metric", required=True,
                                  format_func=lambda m: t(f"o2o.halo.metric.{m}", lang)
                                  ) or "orders"
    res = query(halo.summary, f)
    bands = res[metric]
    st.plotly_chart(uplift_chart(bands, lang), theme=None, key="o2o_halo_chart")
    table(halo_table(bands, metric, lang), f"o2o_halo_{metric}", lang, raw=bands)
    with st.expander(t("o2o.halo.by_store", lang)):
        per = res[f"{metric}_by_store"]
        shown = halo_table(per, metric, lang)
        shown.insert(0, t("o2o.col.store", lang), store_names(per, lang).to_numpy())
        table(shown, f"o2o_halo_{metric}_by_store", lang, raw=per)
        st.caption(t("o2o.halo.few", lang, n=FEW_CUSTOMERS))
