"""Live page, compare sessions: two or more sessions' KPIs side by side and their online-viewer
curves (each session's minutes fetched on its own)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.live import replay
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.live.common import REPLAY_KPIS, UNITS, label, session_label, show
from cockpit.ui.theme import TEMPLATE

ROW_PX = 35  # st.dataframe row height: show every KPI
KEYS = ("minutes", *REPLAY_KPIS, "new_followers", "aov", "click_through")


def render(frame: pd.DataFrame, lang: str) -> None:
    """The compare tab for the period's sessions (`frame`); multiselect key live_compare."""
    ids = frame["live_session_id"].astype(int).tolist()
    picked = st.multiselect(t("live.compare_pick", lang), ids, default=ids[:2],
                            key="live_compare", format_func=session_label(frame, lang))
    if len(picked) < 2:
        st.info(t("live.compare_need_two", lang))
        return
    rows = frame.set_index("live_session_id").loc[picked]
    shown = pd.DataFrame({t("col.kpi", lang): [label(k, lang) if k != "minutes"
                                              else t("live.col.minutes", lang) for k in KEYS]})
    for _, r in rows.iterrows():
        shown[f"#{r['gmv_rank']} {r['title']}"] = [
            show(r[k], UNITS.get(k, "count"), lang) if k != "minutes" else f"{r[k]:.0f}"
            for k in KEYS]
    table(shown, "live_compare_" + "_".join(map(str, picked)), lang,
          raw=rows.reset_index(), height=ROW_PX * (len(KEYS) + 1) + 3)
    st.subheader(t("live.compare_curve", lang))
    fig = go.Figure()
    for sid in picked:
        m = query(replay.session_minutes, int(sid))
        fig.add_scatter(x=m["minute_index"], y=m["online_viewers"], mode="lines",
                        name=f"#{rows.at[sid, 'gmv_rank']} {rows.at[sid, 'title']}")
    fig.update_layout(template=TEMPLATE, height=380)
    fig.update_xaxes(title_text=t("live.col.minute", lang))
    fig.update_yaxes(title_text=t("live.series.online", lang))
    st.plotly_chart(fig, theme=None, key="live_compare_chart")
    st.caption(t("live.compare_caption", lang))
