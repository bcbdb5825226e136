"""Live page, overview: the period's KPIs against the previous period and the team's own
median and top-quartile session, brand self-broadcast vs influencers, live and short-video
shares of all GMV, and the calendar of sessions ranked by GMV."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.express as px
import streamlit as st

from cockpit.filters import Filters
from cockpit.live import sessions
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.live.common import (
    HOST_COLOURS,
    UNITS,
    delta,
    helptext,
    host_type_name,
    label,
    show,
)
from cockpit.ui.theme import TEMPLATE, money_axis

CARDS_PER_ROW = 4
ROW_PX = 35  # st.dataframe row height: show every benchmark row


def kpi_cards(kpis: pd.DataFrame, lang: str) -> None:
    """One card per KPI: value, change against the previous period, per-session or median."""
    cols = st.columns(CARDS_PER_ROW)
    for i, r in enumerate(kpis.itertuples()):
        with cols[i % CARDS_PER_ROW], st.container(border=True):
            st.metric(label(r.kpi, lang), show(r.value, r.unit, lang),
                      delta=delta(r.value, r.previous, r.unit, lang),
                      delta_description=t("live.vs_previous", lang), help=helptext(r.kpi, lang))
            if r.kpi == "sessions":
                st.caption(t("live.previous_sessions", lang, value=show(r.previous, r.unit, lang)))
            elif sessions.KPIS[r.kpi][1]:
                st.caption(t("live.per_session", lang, value=show(r.per_session, r.unit, lang)))
            else:
                st.caption(t("live.median_session", lang, value=show(r.median, r.unit, lang)))


def standing(r: Any) -> str:
    """top, above or below (the median), or empty when it cannot be judged."""
    if pd.isna(r.per_session) or pd.isna(r.median):
        return fmt.EMPTY
    if r.per_session >= r.top_quartile:
        return "top"
    return "above" if r.per_session >= r.median else "below"


def benchmark_table(kpis: pd.DataFrame, n_bench: int, f: Filters, lang: str) -> None:
    """This period per session against the median and top-quartile session."""
    st.subheader(t("live.benchmark", lang))
    rows, raw = [], []
    for r in kpis[kpis["kpi"] != "sessions"].itertuples():
        level = standing(r)
        rows.append({t("col.kpi", lang): label(r.kpi, lang),
                     t("live.col.this_period", lang): show(r.per_session, r.unit, lang),
                     t("live.col.median", lang): show(r.median, r.unit, lang),
                     t("live.col.top_quartile", lang): show(r.top_quartile, r.unit, lang),
                     t("live.col.standing", lang): (t(f"live.standing.{level}", lang)
                                                    if level != fmt.EMPTY else level)})
        raw.append({"kpi": r.kpi, "unit": r.unit, "per_session": r.per_session,
                    "median": r.median, "top_quartile": r.top_quartile, "standing": level})
    table(pd.DataFrame(rows), f"live_benchmark_{f.start}_{f.end}", lang, raw=pd.DataFrame(raw),
          height=ROW_PX * (len(rows) + 1) + 3)
    st.caption(t("live.benchmark_caption", lang, sessions=n_bench, days=sessions.BENCHMARK_DAYS,
                 end=f.end))


def shares(frame: pd.DataFrame, channel: dict, lang: str) -> None:
    """Brand self-broadcast share of live GMV, live and short-video shares, host-type table."""
    st.subheader(t("live.host_split", lang))
    split = sessions.host_split(frame).set_index("host_type")
    brand = split["gmv_share"].get("brand_self", 0.0)
    cols = st.columns(3)
    for col, key, value in ((cols[0], "brand_share", brand),
                            (cols[1], "live_share", channel["live_stream"]),
                            (cols[2], "video_share", channel["short_video"])):
        with col, st.container(border=True):
            st.metric(t(f"live.{key}", lang), fmt.pct(value), help=t(f"live.{key}.help", lang))
    shown = pd.DataFrame({
        t("live.col.host_type", lang): [host_type_name(h, lang) for h in split.index],
        t("live.col.sessions", lang): split["sessions"].to_numpy(),
        label("gmv_cny", lang): [fmt.money(v, lang) for v in split["gmv_cny"]],
        t("live.col.share", lang): [fmt.pct(v) for v in split["gmv_share"]],
        label("gpm", lang): [fmt.money(v, lang) for v in split["gpm"]],
        label("uv_value", lang): [fmt.money(v, lang) for v in split["uv_value"]],
    })
    table(shown, "live_host_split", lang, raw=split.reset_index())


def calendar(frame: pd.DataFrame, f: Filters, lang: str) -> None:
    """Sessions as dots (start date, GMV) and the ranked session table."""
    st.subheader(t("live.calendar", lang))
    data = frame.assign(host=[host_type_name(h, lang) for h in frame["host_type"]],
                        gmv_label=[fmt.money(v, lang) for v in frame["gmv_cny"]])
    fig = px.scatter(data, x="started_at", y="gmv_cny", color="host", template=TEMPLATE,
                     color_discrete_map={host_type_name(k, lang): c
                                         for k, c in HOST_COLOURS.items()},
                     custom_data=["gmv_rank", "title", "host_name", "gmv_label"],
                     labels={"gmv_cny": t("col.gmv_cny", lang), "host": ""})
    fig.update_traces(marker=dict(size=9, opacity=0.8),
                      hovertemplate="#%{customdata[0]} %{x|%Y-%m-%d %H:%M}<br>%{customdata[1]}"
                                    " · %{customdata[2]}<br>%{customdata[3]}<extra></extra>")
    fig.update_xaxes(title_text=None, tickformat="%m-%d")
    money_axis(fig, data["gmv_cny"].max(), lang)
    st.plotly_chart(fig, theme=None, key="live_calendar_chart")
    st.caption(t("live.calendar_caption", lang))
    cols = {"gmv_rank": "live.col.rank", "started_at": "live.col.started_at",
            "title": "live.col.title", "host_name": "live.col.host",
            "host_type": "live.col.host_type", "minutes": "live.col.minutes"}
    shown = pd.DataFrame({t(v, lang): frame[k] for k, v in cols.items()})
    shown[t("live.col.started_at", lang)] = frame["started_at"].dt.strftime("%Y-%m-%d %H:%M")
    shown[t("live.col.host_type", lang)] = [host_type_name(h, lang) for h in frame["host_type"]]
    shown[t("live.col.minutes", lang)] = frame["minutes"].astype(int)
    for key in ("gmv_cny", "orders", "views", "gpm", "uv_value", "avg_watch_minutes",
                "conversion", "wecom_adds"):
        shown[label(key, lang)] = [show(v, UNITS[key], lang) for v in frame[key]]
    table(shown, f"live_sessions_{f.start}_{f.end}", lang, raw=frame)


def render(frame: pd.DataFrame, f: Filters, lang: str) -> pd.DataFrame:
    """The overview tab for the period's sessions (`frame`); returns the KPI table."""
    kpis = query(sessions.overview, f)
    kpi_cards(kpis, lang)
    shares(frame, query(sessions.channel_shares, f), lang)
    bench = query(sessions.sessions, sessions.benchmark_window(f))
    benchmark_table(kpis, len(bench), f, lang)
    calendar(frame, f, lang)
    return kpis
