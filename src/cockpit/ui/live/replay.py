"""Live page, one session's replay: KPI cards against the team's median session, the minute
timeline with segment bands and drop-offs, the drop-off note, funnel, traffic sources,
explanation-window ROI and the minutes as CSV. Only the picked session's minutes are fetched."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from cockpit.live import dropoff, replay, sessions, windows
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.live.common import (
    REPLAY_KPIS,
    SEGMENT_COLOURS,
    UNITS,
    delta,
    helptext,
    label,
    product_name,
    segment_name,
    session_label,
    show,
)
from cockpit.ui.theme import TEMPLATE

LIKES_SCALE = 10  # likes come in bursts: drawn ÷ 10 to share the events axis
PRODUCT_COLUMNS = ("featured_product_id", "product_zh", "product_en")


def replay_cards(info: pd.Series, kpis: pd.DataFrame, lang: str) -> None:
    """The session's KPIs, each against the team's median session."""
    median = kpis.set_index("kpi")["median"]
    st.caption(t("live.replay_vs_median", lang, days=sessions.BENCHMARK_DAYS))
    cols = st.columns(5)
    for i, key in enumerate(REPLAY_KPIS):
        value = info[key]
        with cols[i % 5], st.container(border=True):
            st.metric(label(key, lang), show(value, UNITS[key], lang),
                      delta=delta(value, median.get(key), UNITS[key], lang),
                      help=helptext(key, lang))


def segment_shapes(start: pd.Timestamp, blocks: pd.DataFrame,
                   drops: pd.DataFrame) -> list[dict]:
    """Shading per segment block and a dashed line per drop-off, over every row of the
    timeline (one layout update: add_vrect per block is slow)."""
    def at(minute: int) -> pd.Timestamp:
        return start + pd.Timedelta(minutes=int(minute))

    shapes = [dict(type="rect", xref="x", yref="paper", x0=at(b.start), x1=at(b.end + 1),
                   y0=0, y1=1, line_width=0, layer="below", opacity=0.12,
                   fillcolor=SEGMENT_COLOURS.get(b.segment, "#CCCCCC"))
              for b in blocks.itertuples()]
    shapes += [dict(type="line", xref="x", yref="paper", x0=at(d.minute_index),
                    x1=at(d.minute_index), y0=0, y1=1,
                    line=dict(color="#E4393C", width=2, dash="dash"))
               for d in drops.itertuples()]
    return shapes


def timeline(minutes: pd.DataFrame, blocks: pd.DataFrame, drops: pd.DataFrame,
             lang: str) -> None:
    """Viewers (online, entries, exits), events and GMV per minute, with segment bands."""
    st.subheader(t("live.timeline", lang))
    x = minutes["minute_at"]
    on_air = [f"{segment_name(s, lang)} · {product_name(r, lang)}"
              for s, r in zip(minutes["segment"], minutes.to_dict("records"), strict=True)]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.05,
                        row_heights=[0.5, 0.25, 0.25])
    people = (("online_viewers", "online", "#1F2933"), ("entries", "entries", "#13A8A8"),
              ("exits", "exits", "#E4393C"))
    for col, key, colour in people:
        fig.add_scatter(x=x, y=minutes[col], name=t(f"live.series.{key}", lang), row=1, col=1,
                        line=dict(color=colour, width=2.5 if col == "online_viewers" else 1.2),
                        customdata=on_air, hovertemplate="%{x|%H:%M} %{y:,}<br>%{customdata}"
                                                         "<extra>%{fullData.name}</extra>")
    events = (("comments", "comments", "#2F6FDE", 1), ("likes", "likes", "#9AA5B1", LIKES_SCALE),
              ("shares", "shares", "#7E57C2", 1), ("product_clicks", "clicks", "#F5A623", 1))
    for col, key, colour, scale in events:
        fig.add_scatter(x=x, y=minutes[col] / scale, name=t(f"live.series.{key}", lang),
                        row=2, col=1, line=dict(color=colour, width=1.2))
    fig.add_bar(x=x, y=minutes["gmv_cny"], name=t("live.series.gmv", lang), row=3, col=1,
                marker_color="#E4393C", customdata=minutes["orders"],
                hovertemplate="%{x|%H:%M} ¥%{y:,.0f} · %{customdata}<extra></extra>")
    fig.update_layout(template=TEMPLATE, height=620, hovermode="x unified",
                      legend=dict(orientation="h", y=1.04),
                      shapes=segment_shapes(minutes["minute_at"].iloc[0], blocks, drops))
    fig.update_xaxes(tickformat="%H:%M")
    for row, key in ((1, "people"), (2, "events"), (3, "gmv")):
        fig.update_yaxes(title_text=t(f"live.axis.{key}", lang), row=row, col=1)
    st.plotly_chart(fig, theme=None, key="live_timeline_chart")
    st.caption(t("live.timeline_caption", lang))


def dropoff_note(minutes: pd.DataFrame, drops: pd.DataFrame, lang: str) -> None:
    """The flagged drop-off with what was on air, or that there was none; the rule."""
    st.subheader(t("live.dropoffs", lang))
    points = round(dropoff.THRESHOLD * 100)
    if drops.empty:
        st.info(t("live.dropoff_none", lang, points=points), icon=":material/check_circle:")
    by_minute = minutes.set_index("minute_index")
    for d in drops.itertuples():
        row = by_minute.loc[d.minute_index]
        st.warning(t("live.dropoff_found", lang, minute=d.minute_index,
                     at=row["minute_at"].strftime("%H:%M"), share=fmt.pct(d.exit_share_2min),
                     usual=fmt.pct(d.usual_exit_share), lost=fmt.count(d.viewers_lost, lang),
                     on_air=f"{segment_name(row['segment'], lang)} · "
                            f"{product_name(row, lang)}"),
                   icon=":material/trending_down:")
    st.caption(t("live.dropoff_rule", lang, points=points, room=dropoff.MIN_ROOM))


def funnel_block(info: pd.Series, sid: int, lang: str) -> None:
    """Exposure → entry → click → order created → paid, with step and overall rates."""
    st.subheader(t("live.funnel", lang))
    fun = replay.funnel(info)
    names = [t(f"live.funnel.{s}", lang) for s in fun["step"]]
    rates = [fmt.EMPTY if pd.isna(v) else fmt.pct(v, 2 if v < 0.01 else 1)
             for v in fun["step_rate"]]
    fig = go.Figure(go.Funnel(y=names, x=fun["count"], text=rates,
                              texttemplate="%{value:,.0f}<br>%{text}", marker_color="#2F6FDE"))
    fig.update_layout(template=TEMPLATE, height=340, margin=dict(l=130, t=20))
    st.plotly_chart(fig, theme=None, key="live_funnel_chart")
    shown = pd.DataFrame({t("live.col.step", lang): names,
                          t("live.col.count", lang): [fmt.count(v, lang) for v in fun["count"]],
                          t("live.col.step_rate", lang): [fmt.pct(v, 2) for v in
                                                          fun["step_rate"]],
                          t("live.col.overall_rate", lang): [fmt.pct(v, 3) for v in
                                                             fun["overall_rate"]]})
    table(shown, f"live_session_{sid}_funnel", lang, raw=fun)
    st.caption(t("live.funnel_caption", lang))


def sources_block(info: pd.Series, sid: int, lang: str) -> None:
    """Entries by traffic source; new followers and WeCom adds."""
    st.subheader(t("live.sources", lang))
    src = replay.traffic_sources(info)
    names = [t(f"live.source.{s}", lang) for s in src["source"]]
    fig = go.Figure(go.Bar(x=src["entries"], y=names, orientation="h", marker_color="#13A8A8",
                           text=[fmt.pct(v) for v in src["share"]], textposition="auto"))
    fig.update_layout(template=TEMPLATE, height=260, margin=dict(l=130, t=20))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("live.col.entries", lang))
    st.plotly_chart(fig, theme=None, key="live_sources_chart")
    shown = pd.DataFrame({t("live.col.source", lang): names,
                          t("live.col.entries", lang): [fmt.count(v, lang)
                                                        for v in src["entries"]],
                          t("live.col.share", lang): [fmt.pct(v) for v in src["share"]]})
    table(shown, f"live_session_{sid}_sources", lang, raw=src)
    st.caption(t("live.sources_caption", lang))
    st.markdown(t("live.private", lang, followers=fmt.count(info["new_followers"], lang),
                  wecom=fmt.count(info["wecom_adds"], lang)))


def windows_block(minutes: pd.DataFrame, sid: int, lang: str) -> None:
    """One row per product-explanation window: GMV, GPM, clicks, orders, tail, viewers lost."""
    st.subheader(t("live.windows", lang))
    win = windows.explanation_windows(minutes)
    n = windows.TAIL_MINUTES
    if win.empty:
        st.caption(t("live.windows_none", lang))
        return
    shown = pd.DataFrame({
        t("live.col.window", lang): [f"{a}–{b}" for a, b in zip(win["start"], win["end"],
                                                                 strict=True)],
        t("live.col.product", lang): [product_name(r, lang) for _, r in win.iterrows()],
        label("gmv_cny", lang): [fmt.money(v, lang) for v in win["gmv_cny"]],
        t("live.col.gmv_per_minute", lang): [fmt.money(v, lang) for v in win["gmv_per_minute"]],
        label("gpm", lang): [fmt.money(v, lang) for v in win["gpm"]],
        t("live.series.clicks", lang): win["product_clicks"],
        label("orders", lang): win["orders"],
        t("live.col.tail_orders", lang, n=n): win["tail_orders"],
        t("live.col.tail_gmv", lang, n=n): [fmt.money(v, lang) for v in win["tail_gmv_cny"]],
        t("live.col.viewers_lost", lang): win["viewers_lost"].astype(int),
    })
    table(shown, f"live_session_{sid}_windows", lang, raw=win)
    st.caption(t("live.windows_caption", lang, n=n))


def minutes_shown(minutes: pd.DataFrame) -> pd.DataFrame:
    """The minutes as listed: "—" in the product columns of a minute without a featured
    product (the CSV keeps those cells empty)."""
    return minutes.assign(**{c: [fmt.EMPTY if pd.isna(v) else str(v) for v in minutes[c]]
                             for c in PRODUCT_COLUMNS})


def render(frame: pd.DataFrame, kpis: pd.DataFrame, lang: str) -> None:
    """The replay tab: pick one of the period's sessions (`frame`) and review it."""
    ids = frame["live_session_id"].astype(int).tolist()
    sid = st.selectbox(t("live.pick_session", lang), ids, index=0, key="live_session",
                       format_func=session_label(frame, lang))
    sid = int(sid if sid in ids else ids[0])
    info = query(replay.session_info, sid)
    minutes = query(replay.session_minutes, sid)
    st.subheader(info["title"])
    # host names are data (Chinese in the demo), so not in a caption (captions are UI text)
    st.markdown(":gray[" + t("live.session_head", lang, host=info["host_name"],
                             start=info["started_at"].strftime("%Y-%m-%d %H:%M"),
                             minutes=int(info["minutes"])) + "]")
    replay_cards(info, kpis, lang)
    drops = dropoff.detect(minutes)
    timeline(minutes, replay.segment_blocks(minutes), drops, lang)
    dropoff_note(minutes, drops, lang)
    left, right = st.columns(2)
    with left:
        funnel_block(info, sid, lang)
    with right:
        sources_block(info, sid, lang)
    windows_block(minutes, sid, lang)
    with st.expander(t("live.minutes_download", lang)):
        table(minutes_shown(minutes), f"live_session_{sid}_minutes", lang, raw=minutes)
