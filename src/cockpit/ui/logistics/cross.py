"""Green logistics, cross-border tab: lead time and customs clearance by route, before and
after the direct-mail line opened, as distributions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import crossborder
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.logistics.common import PHASE_COLOURS, metric
from cockpit.ui.theme import TEMPLATE

TABLE_COLUMNS = (("lead_mean", "lead_days_mean"), ("lead_p50", "lead_days_p50"),
                 ("lead_p90", "lead_days_p90"), ("customs_p50", "customs_hours_p50"),
                 ("customs_p90", "customs_hours_p90"))


def render(f: Filters, lang: str) -> None:
    """EU corridor median before/after, box plots of lead and customs time, table."""
    opened = query(crossborder.opening, f)
    if opened is None:
        st.info(t("logistics.cross.no_line", lang))
    frame = query(crossborder.lead_times, f, opened)
    if frame.empty:
        st.info(t("guard.nothing_matched", lang))
        return
    st.caption(t("logistics.cross.caption", lang,
                 day=opened.date() if opened is not None else fmt.EMPTY))
    eu = frame[frame["route"] == crossborder.EU_CORRIDOR].set_index("phase")["lead_days_p50"]
    for col, phase in zip(st.columns(2), ("before", "after"), strict=True):
        with col:
            days = eu.get(phase)
            metric(t(f"logistics.cross.eu_{phase}", lang),
                   fmt.EMPTY if days is None else f"{days:.1f} d",
                   f"logistics.cross.eu_{phase}.help", lang)
    st.subheader(t("logistics.cross.lead", lang))
    box_chart(frame, "lead_days", lang)
    st.subheader(t("logistics.cross.customs", lang))
    box_chart(frame, "customs_hours", lang)
    st.caption(t("logistics.cross.reference", lang))
    out = pd.DataFrame({
        t("logistics.col.route", lang): [t(f"logistics.route.{r}", lang) for r in frame["route"]],
        t("logistics.col.phase", lang): [t(f"logistics.phase.{p}", lang) for p in frame["phase"]],
        t("logistics.col.shipments", lang): frame["shipments"],
        **{t(f"logistics.col.{c}", lang): frame[src].round(1) for c, src in TABLE_COLUMNS},
    })
    table(out, "logistics_crossborder_lead_times", lang, raw=frame)


def box_chart(frame: pd.DataFrame, measure: str, lang: str) -> None:
    """Box per route and phase from precomputed percentiles (whiskers p10–p90)."""
    fig = go.Figure()
    for phase in ("before", "after"):
        rows = frame[frame["phase"] == phase]
        fig.add_trace(go.Box(
            x=[t(f"logistics.route.{r}", lang) for r in rows["route"]],
            q1=rows[f"{measure}_p25"], median=rows[f"{measure}_p50"],
            q3=rows[f"{measure}_p75"], lowerfence=rows[f"{measure}_p10"],
            upperfence=rows[f"{measure}_p90"], mean=rows[f"{measure}_mean"],
            name=t(f"logistics.phase.{phase}", lang), marker_color=PHASE_COLOURS[phase]))
    title = "logistics.cross.lead" if measure == "lead_days" else "logistics.cross.customs"
    present = [t(f"logistics.route.{r}", lang) for r in crossborder.ROUTE_ORDER
               if r in set(frame["route"])]
    fig.update_layout(template=TEMPLATE, boxmode="group", height=360,
                      yaxis_title=t(title, lang))
    fig.update_xaxes(categoryorder="array", categoryarray=present)
    st.plotly_chart(fig, theme=None, key=f"cross_{measure}_chart")
