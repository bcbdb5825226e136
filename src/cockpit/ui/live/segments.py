"""Live page, segment effectiveness across sessions: per script segment type, GMV and WeCom
adds per minute on air, orders and WeCom adds per 1,000 viewer-minutes and viewer retention,
each with its 90% cluster-bootstrap interval."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.live import effectiveness, sessions
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.live.common import SEGMENT_COLOURS, segment_name
from cockpit.ui.theme import TEMPLATE


def ratio_or_number(value: float, measure: str) -> str:
    """Retention as a percentage, the other measures with three significant digits."""
    if pd.isna(value):
        return fmt.EMPTY
    return fmt.pct(value) if measure == "retention" else f"{value:,.3g}"


def measure_chart(part: pd.DataFrame, measure: str, lang: str) -> go.Figure:
    """Bars per segment type for one measure, with interval whiskers."""
    names = [segment_name(s, lang) for s in part["segment"]]
    fig = go.Figure(go.Bar(
        x=names, y=part["value"], marker_color=[SEGMENT_COLOURS[s] for s in part["segment"]],
        error_y=dict(type="data", array=part["ci_high"] - part["value"],
                     arrayminus=part["value"] - part["ci_low"], color="#1F2933")))
    fig.update_layout(template=TEMPLATE, height=300, margin=dict(t=40),
                      title=dict(text=t(f"live.measure.{measure}", lang), font_size=14))
    if measure == "retention":
        low = max(float(part["ci_low"].min()) - 0.05, 0.0)
        fig.update_yaxes(range=[low, 1.0], tickformat=".0%")
    return fig


def render(f: Filters, lang: str) -> None:
    """The segment-effectiveness tab for the period's sessions."""
    eff = query(effectiveness.effectiveness, f)
    n = len(query(sessions.sessions, f))
    st.caption(t("live.segments_caption", lang, sessions=n, reps=effectiveness.REPS))
    cols = st.columns(2)
    for i, measure in enumerate(effectiveness.MEASURES):
        with cols[i % 2]:
            st.plotly_chart(measure_chart(eff[eff["measure"] == measure], measure, lang),
                            theme=None, key=f"live_segment_{measure}")
    st.caption(t("live.measure.retention.help", lang))
    if eff["value"].notna().any():
        lead = {m: segment_name(eff[eff["measure"] == m].set_index("segment")["value"].idxmax(),
                                lang)
                for m in ("wecom_per_1k_viewer_minutes", "orders_per_1k_viewer_minutes")}
        st.info(t("live.segments_lead", lang, wecom=lead["wecom_per_1k_viewer_minutes"],
                  orders=lead["orders_per_1k_viewer_minutes"]), icon=":material/lightbulb:")
    shown = pd.DataFrame({
        t("live.col.segment", lang): [segment_name(s, lang) for s in eff["segment"]],
        t("live.col.measure", lang): [t(f"live.measure.{m}", lang) for m in eff["measure"]],
        t("live.col.value", lang): [ratio_or_number(v, m) for v, m in zip(
            eff["value"], eff["measure"], strict=True)],
        t("live.col.ci", lang): [f"{ratio_or_number(a, m)} – {ratio_or_number(b, m)}"
                                 for a, b, m in zip(eff["ci_low"], eff["ci_high"],
                                                    eff["measure"], strict=True)],
    })
    table(shown, f"live_segments_{f.start}_{f.end}", lang, raw=eff)
