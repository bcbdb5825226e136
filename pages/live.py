"""Live-commerce replay (直播复盘): period overview, one session's replay, segment effectiveness,
script what-if, private-domain follow-through and session comparison."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from cockpit.live import dropoff, effectiveness, followthrough, replay, sessions, whatif, windows
from cockpit.live.metrics import METRICS
from cockpit.ui import ensure_warehouse, query, table
from cockpit.ui import format as fmt
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner, require_data
from cockpit.ui.i18n import current_language, t
from cockpit.ui.theme import TEMPLATE, money_axis
from cockpit.warehouse.schema import LIVE_SEGMENTS

SEGMENT_COLOURS = {"product_explanation": "#2F6FDE", "interaction": "#07C160",
                   "benefits": "#F5A623"}
HOST_COLOURS = {"brand_self": "#E4393C", "influencer": "#7E57C2"}
CARDS_PER_ROW = 4
REPLAY_KPIS = ("gmv_cny", "orders", "views", "unique_viewers", "avg_watch_minutes", "gpm",
               "uv_value", "conversion", "interaction_rate", "wecom_adds")
UNITS = {**{k: u for k, (u, _) in sessions.KPIS.items()},
         **{k: m.unit for k, m in METRICS.items()}, "new_followers": "count"}


def show(value, unit: str, lang: str) -> str:
    """A number with its unit: cny, count, ratio, minutes or hours."""
    if value is None or pd.isna(value):
        return fmt.EMPTY
    if unit in ("minutes", "hours"):
        return f"{value:,.1f} {t(f'live.unit.{unit}', lang)}"
    if unit == "ratio":
        return fmt.pct(value, 2 if abs(value) < 0.01 else 1)
    return fmt.value(value, unit, lang)


def label(key: str, lang: str) -> str:
    return t(f"live.kpi.{key}", lang)


def helptext(key: str, lang: str) -> str:
    return t(f"live.kpi.{key}.help", lang)


def segment_name(code: str, lang: str) -> str:
    return t(f"live.segment.{code}", lang)


def host_type_name(code: str, lang: str) -> str:
    return t(f"live.host.{code}", lang)


def product_name(row, lang: str) -> str:
    value = row["product_zh"] if lang == "zh" else row["product_en"]
    return value if isinstance(value, str) else t("live.segment.none", lang)


# ---- overview ---------------------------------------------------------------------------

def kpi_cards(kpis: pd.DataFrame, lang: str) -> None:
    cols = st.columns(CARDS_PER_ROW)
    for i, r in enumerate(kpis.itertuples()):
        with cols[i % CARDS_PER_ROW], st.container(border=True):
            st.metric(label(r.kpi, lang), show(r.value, r.unit, lang),
                      delta=fmt.delta(r.value, r.previous, "count", lang),
                      delta_description=t("live.vs_previous", lang), help=helptext(r.kpi, lang))
            if r.kpi == "sessions":
                continue
            if sessions.KPIS[r.kpi][1]:
                st.caption(t("live.per_session", lang, value=show(r.per_session, r.unit, lang)))
            else:
                st.caption(t("live.median_session", lang, value=show(r.median, r.unit, lang)))


def standing(r) -> str:
    if pd.isna(r.per_session) or pd.isna(r.median):
        return fmt.EMPTY
    if r.per_session >= r.top_quartile:
        return "top"
    return "above" if r.per_session >= r.median else "below"


def benchmark_table(kpis: pd.DataFrame, n_bench: int, f, lang: str) -> None:
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
    table(pd.DataFrame(rows), f"live_benchmark_{f.start}_{f.end}", lang, raw=pd.DataFrame(raw))
    st.caption(t("live.benchmark_caption", lang, sessions=n_bench, days=sessions.BENCHMARK_DAYS,
                 end=f.end))


def shares(frame: pd.DataFrame, channel: dict, lang: str) -> None:
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


def calendar(frame: pd.DataFrame, f, lang: str) -> None:
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


def overview_tab(frame: pd.DataFrame, f, lang: str) -> pd.DataFrame:
    kpis = query(sessions.overview, f)
    kpi_cards(kpis, lang)
    shares(frame, query(sessions.channel_shares, f), lang)
    bench = query(sessions.sessions, sessions.benchmark_window(f))
    benchmark_table(kpis, len(bench), f, lang)
    calendar(frame, f, lang)
    return kpis


# ---- one session ------------------------------------------------------------------------

def session_label(frame: pd.DataFrame, lang: str):
    rows = frame.set_index("live_session_id")

    def fmt_one(sid: int) -> str:
        r = rows.loc[sid]
        return t("live.session_label", lang, rank=r["gmv_rank"],
                 day=r["started_at"].strftime("%m-%d"), title=r["title"],
                 host=r["host_name"], gmv=fmt.money(r["gmv_cny"], lang))
    return fmt_one


def replay_cards(info: pd.Series, kpis: pd.DataFrame, lang: str) -> None:
    median = kpis.set_index("kpi")["median"]
    st.caption(t("live.replay_vs_median", lang, days=sessions.BENCHMARK_DAYS))
    cols = st.columns(5)
    for i, key in enumerate(REPLAY_KPIS):
        value = info[key]
        with cols[i % 5], st.container(border=True):
            st.metric(label(key, lang), show(value, UNITS[key], lang),
                      delta=fmt.delta(value, median.get(key), "count", lang),
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
    st.subheader(t("live.timeline", lang))
    x = minutes["minute_at"]
    names = minutes["product_zh" if lang == "zh" else "product_en"].fillna(
        t("live.segment.none", lang))
    on_air = [f"{segment_name(s, lang)} · {n}"
              for s, n in zip(minutes["segment"], names, strict=True)]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.05,
                        row_heights=[0.5, 0.25, 0.25])
    people = (("online_viewers", "online", "#1F2933"), ("entries", "entries", "#13A8A8"),
              ("exits", "exits", "#E4393C"))
    for col, key, colour in people:
        fig.add_scatter(x=x, y=minutes[col], name=t(f"live.series.{key}", lang), row=1, col=1,
                        line=dict(color=colour, width=2.5 if col == "online_viewers" else 1.2),
                        customdata=on_air, hovertemplate="%{x|%H:%M} %{y:,}<br>%{customdata}"
                                                         "<extra>%{fullData.name}</extra>")
    events = (("comments", "comments", "#2F6FDE"), ("shares", "shares", "#7E57C2"),
              ("product_clicks", "clicks", "#F5A623"))
    for col, key, colour in events:
        fig.add_scatter(x=x, y=minutes[col], name=t(f"live.series.{key}", lang), row=2, col=1,
                        line=dict(color=colour, width=1.2))
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
    st.subheader(t("live.dropoffs", lang))
    points = round(dropoff.THRESHOLD * 100)
    if drops.empty:
        st.info(t("live.dropoff_none", lang, points=points), icon=":material/check_circle:")
    for d in drops.itertuples():
        row = minutes.set_index("minute_index").loc[d.minute_index]
        st.warning(t("live.dropoff_found", lang, minute=d.minute_index,
                     at=row["minute_at"].strftime("%H:%M"), share=fmt.pct(d.exit_share_2min),
                     usual=fmt.pct(d.usual_exit_share), lost=fmt.count(d.viewers_lost, lang),
                     on_air=f"{segment_name(row['segment'], lang)} · "
                            f"{product_name(row, lang)}"),
                   icon=":material/trending_down:")
    st.caption(t("live.dropoff_rule", lang, points=points, room=dropoff.MIN_ROOM))


def funnel_block(info: pd.Series, sid: int, lang: str) -> None:
    st.subheader(t("live.funnel", lang))
    fun = replay.funnel(info)
    names = [t(f"live.funnel.{s}", lang) for s in fun["step"]]
    fig = go.Figure(go.Funnel(y=names, x=fun["count"], textinfo="value+percent previous",
                              marker_color="#2F6FDE"))
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
    st.subheader(t("live.windows", lang))
    win = windows.explanation_windows(minutes)
    n = windows.TAIL_MINUTES
    if win.empty:
        st.caption(t("live.segment.none", lang))
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


def replay_tab(frame: pd.DataFrame, kpis: pd.DataFrame, lang: str) -> None:
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
        table(minutes, f"live_session_{sid}_minutes", lang)


# ---- across sessions --------------------------------------------------------------------

def segments_tab(f, lang: str) -> None:
    eff = query(effectiveness.effectiveness, f)
    n = len(query(sessions.sessions, f))
    st.caption(t("live.segments_caption", lang, sessions=n, reps=effectiveness.REPS))
    measures = list(effectiveness.MEASURES)
    cols = st.columns(2)
    for i, measure in enumerate(measures):
        part = eff[eff["measure"] == measure]
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
        with cols[i % 2]:
            st.plotly_chart(fig, theme=None, key=f"live_segment_{measure}")
    st.caption(t("live.measure.retention.help", lang))
    lead = {m: segment_name(eff[eff["measure"] == m].set_index("segment")["value"].idxmax(), lang)
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


def ratio_or_number(value: float, measure: str) -> str:
    if pd.isna(value):
        return fmt.EMPTY
    return fmt.pct(value) if measure == "retention" else f"{value:,.3g}"


def whatif_tab(f, lang: str) -> None:
    rates = query(effectiveness.rates, f)
    st.caption(t("live.whatif_intro", lang))
    cols = st.columns(len(LIVE_SEGMENTS))
    minutes = []
    for col, seg, base in zip(cols, LIVE_SEGMENTS, rates.base_minutes, strict=True):
        with col:
            minutes.append(st.slider(t("live.whatif_slider", lang,
                                       segment=segment_name(seg, lang)),
                                     0, 240, int(round(base)), step=1, key=f"whatif_{seg}"))
    st.caption(t("live.whatif_minutes", lang, minutes=sum(minutes),
                 base=round(float(rates.base_minutes.sum()))))
    proj = whatif.project(rates, minutes)
    out = st.columns(2)
    for col, (key, unit) in zip(out, (("gmv_cny", "cny"), ("wecom_adds", "count")),
                                strict=True):
        p = proj[key]
        name = "gmv" if key == "gmv_cny" else "wecom"
        with col, st.container(border=True):
            st.metric(t(f"live.whatif_{name}", lang), fmt.value(p.value, unit, lang),
                      delta=fmt.delta(p.value, p.baseline, "count", lang),
                      delta_description=t("live.whatif_vs_base", lang),
                      help=t(f"live.whatif_{name}.help", lang))
            st.caption(t("live.whatif_range", lang, low=fmt.value(p.low, unit, lang),
                         high=fmt.value(p.high, unit, lang)))
    st.info(t("live.whatif_assumption", lang), icon=":material/info:")


FOLLOW_COLUMNS = {
    "sessions": ("live.col.sessions", "count"), "buyers": ("live.col.buyers", "count"),
    "buyer_repurchase_7d": ("live.col.buyer_repurchase_7d", "ratio"),
    "buyer_repurchase_30d": ("live.col.buyer_repurchase_30d", "ratio"),
    "wecom_members": ("live.col.wecom_members", "count"),
    "wecom_repurchase_7d": ("live.col.wecom_repurchase_7d", "ratio"),
    "wecom_repurchase_30d": ("live.col.wecom_repurchase_30d", "ratio"),
    "refund_rate": ("live.col.refund_rate", "ratio"),
}


def follow_frame(rates: pd.DataFrame, first: dict[str, str], lang: str) -> pd.DataFrame:
    shown = pd.DataFrame({t(v, lang): rates[k] for k, v in first.items()})
    for key, (text_key, unit) in FOLLOW_COLUMNS.items():
        shown[t(text_key, lang)] = [show(v, unit, lang) for v in rates[key]]
    return shown


def follow_tab(f, lang: str) -> None:
    st.caption(t("live.follow_caption", lang))
    hosts = query(followthrough.by_host, f).sort_values("buyers", ascending=False)
    if hosts["buyer_repurchase_30d"].isna().all():
        st.info(t("live.follow_too_recent", lang), icon=":material/schedule:")
    st.subheader(t("live.follow_hosts", lang))
    table(follow_frame(hosts, {"host_name": "live.col.host"}, lang),
          f"live_followthrough_hosts_{f.start}_{f.end}", lang, raw=hosts)
    st.subheader(t("live.follow_sessions", lang))
    per = query(followthrough.by_session, f).sort_values("buyers", ascending=False)
    per = per.assign(started=per["started_at"].dt.strftime("%Y-%m-%d %H:%M"))
    table(follow_frame(per, {"started": "live.col.started_at", "title": "live.col.title",
                             "host_name": "live.col.host"}, lang),
          f"live_followthrough_sessions_{f.start}_{f.end}", lang, raw=per)


def compare_tab(frame: pd.DataFrame, lang: str) -> None:
    ids = frame["live_session_id"].astype(int).tolist()
    picked = st.multiselect(t("live.compare_pick", lang), ids, default=ids[:2],
                            key="live_compare", format_func=session_label(frame, lang))
    if len(picked) < 2:
        st.info(t("live.compare_need_two", lang))
        return
    rows = frame.set_index("live_session_id").loc[picked]
    keys = ("minutes", *REPLAY_KPIS, "new_followers", "aov", "click_through")
    shown = pd.DataFrame({t("col.kpi", lang): [label(k, lang) if k != "minutes"
                                              else t("live.col.minutes", lang) for k in keys]})
    for _, r in rows.iterrows():
        shown[f"#{r['gmv_rank']} {r['title']}"] = [
            show(r[k], UNITS.get(k, "count"), lang) if k != "minutes" else f"{r[k]:.0f}"
            for k in keys]
    table(shown, "live_compare_" + "_".join(map(str, picked)), lang,
          raw=rows.reset_index())
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


lang = current_language()
st.title(t("page.live", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    frame = query(sessions.sessions, f)
    st.caption(t("live.caption", lang, start=f.start, end=f.end, sessions=len(frame)))
    require_data(not frame.empty)
    tabs = st.tabs([t(f"live.tab.{k}", lang) for k in
                    ("overview", "replay", "segments", "whatif", "follow", "compare")])
    with tabs[0]:
        kpis = overview_tab(frame, f, lang)
    with tabs[1]:
        replay_tab(frame, kpis, lang)
    with tabs[2]:
        segments_tab(f, lang)
    with tabs[3]:
        whatif_tab(f, lang)
    with tabs[4]:
        follow_tab(f, lang)
    with tabs[5]:
        compare_tab(frame, lang)
