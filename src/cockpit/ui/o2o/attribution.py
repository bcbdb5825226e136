"""O2O page, attribution: visitors' online purchase rate of the category they tried against
comparable non-visitors, by category and by store, with 95% intervals."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.o2o import attribution
from cockpit.o2o.scope import data_end
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import name, t
from cockpit.ui.o2o.common import figure_cache, interval, pp, store_names
from cockpit.ui.theme import SEQUENCE, TEMPLATE


def lift_frame(frame: pd.DataFrame, label: pd.Series, lang: str) -> pd.DataFrame:
    """Display table of `attribution.lift` rows labelled by `label`."""
    return pd.DataFrame({
        "": label,
        t("o2o.col.visits", lang): frame["visits"],
        t("o2o.col.matched", lang): frame["matched"],
        t("o2o.col.visitor_rate", lang): [fmt.pct(v) for v in frame["visitor_rate"]],
        t("o2o.col.control_rate", lang): [fmt.pct(v) for v in frame["control_rate"]],
        t("o2o.col.lift", lang): [pp(v, lang) for v in frame["lift"]],
        t("o2o.col.interval", lang): interval(frame["lift_low"], frame["lift_high"],
                                              lambda v: pp(v, lang)),
    })


@figure_cache
def lift_chart(cats: pd.DataFrame, lang: str) -> go.Figure:
    """Lift per category (rate points) with its 95% interval as error bars."""
    fig = go.Figure(go.Scatter(
        x=cats["lift"] * 100, y=cats["cat"], mode="markers",
        marker=dict(size=11, color=SEQUENCE[0]),
        error_x=dict(type="data", array=(cats["lift_high"] - cats["lift"]) * 100,
                     arrayminus=(cats["lift"] - cats["lift_low"]) * 100),
        hovertemplate="%{y}: %{x:+.1f}<extra></extra>"))
    fig.add_vline(x=0, line_color="#8A949E", line_dash="dot")
    fig.update_layout(template=TEMPLATE, height=360, xaxis_title=t("o2o.attr.axis", lang))
    return fig


def render(f: Filters, window: int, lang: str) -> None:
    """The attribution tab for the window slider's `window` days."""
    st.subheader(t("o2o.attr", lang))
    res = query(attribution.summary, f, window)
    first, last = attribution.visit_span(f, window, query(data_end))
    st.caption(t("o2o.attr.note", lang, first=first.date(), last=last.date(), w=window))
    cats = res["category"].dropna(subset=["lift"]).sort_values("lift")
    if cats.empty:
        st.info(t("o2o.attr.empty", lang))
        return
    cats = cats.assign(cat=[name("category", c, lang) for c in cats["category"]])
    st.plotly_chart(lift_chart(cats, lang), theme=None, key="o2o_attr_chart")
    table(lift_frame(cats[::-1], cats["cat"][::-1], lang),
          f"o2o_attribution_category_{f.start}_{f.end}_{window}d", lang, raw=cats[::-1])
    st.caption(t("o2o.attr.method", lang, k=attribution.CONTROLS_PER_VISIT))
    with st.expander(t("o2o.attr.by_store", lang)):
        by_store = res["store"]
        table(lift_frame(by_store, store_names(by_store, lang), lang),
              f"o2o_attribution_store_{f.start}_{f.end}_{window}d", lang, raw=by_store)
