"""Live page, script what-if: sliders for the minutes of each segment type and the projected
GMV and WeCom adds per session from the period's per-minute rates, with their 90% range."""

from __future__ import annotations

import streamlit as st

from cockpit.filters import Filters
from cockpit.live import effectiveness, whatif
from cockpit.ui import format as fmt
from cockpit.ui import query
from cockpit.ui.i18n import t
from cockpit.ui.live.common import segment_name
from cockpit.warehouse.schema import LIVE_SEGMENTS

MAX_MINUTES = 240


def render(f: Filters, lang: str) -> None:
    """The what-if tab: sliders (keys whatif_<segment>) and the two projections."""
    rates = query(effectiveness.rates, f)
    st.caption(t("live.whatif_intro", lang))
    cols = st.columns(len(LIVE_SEGMENTS))
    minutes = []
    for col, seg, base in zip(cols, LIVE_SEGMENTS, rates.base_minutes, strict=True):
        with col:
            minutes.append(st.slider(t("live.whatif_slider", lang,
                                       segment=segment_name(seg, lang)),
                                     0, MAX_MINUTES, int(round(base)), step=1,
                                     key=f"whatif_{seg}"))
    st.caption(t("live.whatif_minutes", lang, minutes=sum(minutes),
                 base=round(float(rates.base_minutes.sum()))))
    proj = whatif.project(rates, minutes)
    # the sliders start at the average script rounded to whole minutes: compare with that
    start = whatif.project(rates, [int(round(b)) for b in rates.base_minutes])
    out = st.columns(2)
    for col, (key, unit) in zip(out, (("gmv_cny", "cny"), ("wecom_adds", "count")),
                                strict=True):
        p = proj[key]
        name = "gmv" if key == "gmv_cny" else "wecom"
        with col, st.container(border=True):
            st.metric(t(f"live.whatif_{name}", lang), fmt.value(p.value, unit, lang),
                      delta=fmt.delta(p.value, start[key].value, "count", lang),
                      delta_color="off" if p.value == start[key].value else "normal",
                      delta_description=t("live.whatif_vs_base", lang),
                      help=t(f"live.whatif_{name}.help", lang))
            st.caption(t("live.whatif_range", lang, low=fmt.value(p.low, unit, lang),
                         high=fmt.value(p.high, unit, lang)))
    st.info(t("live.whatif_assumption", lang), icon=":material/info:")
