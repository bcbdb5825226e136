"""O2O stores: stores as experience centres, their pull on online sales, halo, funnel, what-if."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.o2o import attribution, funnel, halo, omni, stores, whatif
from cockpit.o2o.scope import data_end
from cockpit.ui import ensure_warehouse, query, table
from cockpit.ui import format as fmt
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner, require_data
from cockpit.ui.i18n import current_language, name, t
from cockpit.ui.theme import SEQUENCE, TEMPLATE
from cockpit.warehouse.schema import CATEGORIES, STORE_FORMATS

FORMAT_COLOURS = dict(zip(STORE_FORMATS, ("#E4393C", "#2F6FDE", "#8C6D46"), strict=True))
MAP_METRICS = ("visits", "offline_gmv_cny", "attributed_gmv_cny")
FEW_CUSTOMERS = 100
CARDS_PER_ROW = 3
CATEGORY_COLOURS = ["#2F6FDE", "#E4393C", "#F5A623", "#13A8A8", "#07C160", "#8C6D46",
                    "#7E57C2", "#5C6B7A", "#D81B9C", "#9CCC65"]
MIN_COHORT = 10


def pp(value: float, lang: str) -> str:
    """Rate points: 0.123 -> "+12.3 pp"."""
    return fmt.EMPTY if pd.isna(value) else f"{value * 100:+.1f}{t('unit.pp', lang)}"


def signed_pct(value: float) -> str:
    return fmt.EMPTY if pd.isna(value) else f"{value * 100:+.1f}%"


def store_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    return frame["name_zh"] if lang == "zh" else frame["name_en"]


def kpi_row(summary: pd.DataFrame, segs: pd.DataFrame, window: int, lang: str) -> None:
    visits = summary["visits"].sum()
    share = summary["experiences"].sum() / visits if visits else None
    omni_share = segs.set_index("segment").at["omni", "customer_share"]
    cards = [("stores", fmt.count(len(summary), lang), {}),
             ("visits", fmt.count(visits, lang), {}),
             ("experience_share", fmt.pct(share), {}),
             ("offline_gmv", fmt.money(summary["offline_gmv_cny"].sum(), lang), {}),
             ("attributed_gmv", fmt.money(summary["attributed_gmv_cny"].sum(), lang),
              {"w": window}),
             ("omni_share", fmt.pct(omni_share), {})]
    cols = st.columns(CARDS_PER_ROW) + st.columns(CARDS_PER_ROW)
    for col, (key, value, kw) in zip(cols, cards, strict=True):
        with col, st.container(border=True):
            st.metric(t(f"o2o.kpi.{key}", lang), value, help=t(f"o2o.kpi.{key}.help", lang, **kw))


def store_map(summary: pd.DataFrame, city_opts: pd.DataFrame, lang: str) -> None:
    st.subheader(t("o2o.map", lang))
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    metric = left.segmented_control(
        t("o2o.map.size", lang), MAP_METRICS, default="visits", key="o2o_map_metric",
        format_func=lambda m: t(f"o2o.map.metric.{m}", lang), required=True) or "visits"
    tiles = right.toggle(t("o2o.map.tiles", lang), value=False, key="o2o_map_tiles")
    value = summary[metric].astype(float).clip(lower=0)
    top = value.max() if value.max() > 0 else 1.0
    frame = summary.assign(
        store=store_names(summary, lang), size=6 + 22 * (value / top) ** 0.5,
        info=[f"{t('o2o.col.visits', lang)} {fmt.count(v, lang)}<br>"
              f"{t('o2o.col.offline_gmv', lang)} {fmt.money(o, lang)}<br>"
              f"{t('o2o.col.attributed_gmv', lang)} {fmt.money(a, lang)}"
              for v, o, a in zip(summary["visits"], summary["offline_gmv_cny"],
                                 summary["attributed_gmv_cny"], strict=True)])
    traces = [go.Scattermap(lat=g["latitude"], lon=g["longitude"], mode="markers",
                            name=t(f"o2o.format.{code}", lang), text=g["store"],
                            customdata=g["info"],
                            marker=dict(size=g["size"], color=FORMAT_COLOURS[code], opacity=0.8),
                            hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>")
              for code, g in frame.groupby("store_format", sort=False)]
    empty = city_opts[city_opts["stores"] == 0]
    traces.append(go.Scattermap(
        lat=empty["latitude"], lon=empty["longitude"], mode="markers",
        marker=dict(size=7, color="#9AA5B1"), name=t("o2o.map.no_store", lang),
        text=empty["city"] if lang == "zh" else empty["city_en"],
        hovertemplate="%{text}<extra></extra>"))
    fig = go.Figure(traces, layout=dict(
        template=TEMPLATE, height=520, map=dict(style="carto-positron" if tiles else "white-bg",
                                                center=dict(lat=32.0, lon=113.5), zoom=3.4)))
    fig.update_layout(margin=dict(l=0, r=0, t=30, b=0), legend_title_text="")
    st.plotly_chart(fig, theme=None, key="o2o_map")
    st.caption(t("o2o.map.note", lang))


def ranking_table(ranked: pd.DataFrame, f: Filters, window: int, lang: str) -> None:
    st.subheader(t("o2o.ranking", lang))
    shown = pd.DataFrame({
        t("o2o.col.rank", lang): ranked["rank"],
        t("o2o.col.store", lang): store_names(ranked, lang),
        t("o2o.col.format", lang): [t(f"o2o.format.{x}", lang) for x in ranked["store_format"]],
        t("o2o.col.opened_on", lang): ranked["opened_on"].astype(str),
        t("o2o.col.visits", lang): [fmt.count(v, lang) for v in ranked["visits"]],
        t("o2o.col.experiences", lang): [fmt.count(v, lang) for v in ranked["experiences"]],
        t("o2o.col.offline_gmv", lang): [fmt.money(v, lang) for v in ranked["offline_gmv_cny"]],
        t("o2o.col.attributed_gmv", lang): [fmt.money(v, lang)
                                            for v in ranked["attributed_gmv_cny"]],
        t("o2o.col.total_gmv", lang): [fmt.money(v, lang) for v in ranked["total_gmv_cny"]],
        t("o2o.col.online_share", lang): [fmt.pct(v) for v in ranked["online_share"]],
    })
    table(shown, f"o2o_store_ranking_{f.start}_{f.end}_{window}d", lang, raw=ranked)
    st.caption(t("o2o.ranking.note", lang, w=window))


def formats_table(comp: pd.DataFrame, f: Filters, lang: str) -> None:
    st.subheader(t("o2o.formats", lang))
    shown = pd.DataFrame({
        t("o2o.col.format", lang): [t(f"o2o.format.{x}", lang) for x in comp["store_format"]],
        t("o2o.col.stores", lang): comp["stores"],
        t("o2o.col.visits_per_day", lang): comp["visits_per_day"].round(1),
        t("o2o.col.experience_share", lang): [fmt.pct(v) for v in comp["experience_share"]],
        t("o2o.col.offline_gmv_per_day", lang): [fmt.money(v, lang)
                                                 for v in comp["offline_gmv_per_day"]],
        t("o2o.col.attributed_gmv_per_day", lang): [fmt.money(v, lang)
                                                    for v in comp["attributed_gmv_per_day"]],
    })
    table(shown, f"o2o_store_formats_{f.start}_{f.end}", lang, raw=comp)
    st.caption(t("o2o.formats.note", lang))


def experiences_chart(exp: pd.DataFrame, summary: pd.DataFrame, lang: str) -> None:
    st.subheader(t("o2o.experiences", lang))
    labels = dict(zip(summary["store_id"], store_names(summary, lang), strict=True))
    frame = exp.assign(store=exp["store_id"].map(labels))
    order = frame.groupby("store")["experiences"].sum().sort_values().index.tolist()
    colours = dict(zip(CATEGORIES, CATEGORY_COLOURS, strict=True))
    traces = [go.Bar(y=g["store"], x=g["experiences"], orientation="h", marker_color=colours[c],
                     name=name("category", c, lang),
                     hovertemplate="%{y} · " + name("category", c, lang) + ": %{x}<extra></extra>")
              for c in CATEGORIES if not (g := frame[frame["category"] == c]).empty]
    fig = go.Figure(traces, layout=dict(
        template=TEMPLATE, barmode="stack", height=max(320, 22 * len(order) + 120),
        legend_traceorder="normal",
        yaxis=dict(categoryorder="array", categoryarray=order),
        xaxis_title=t("o2o.col.experiences", lang)))
    st.plotly_chart(fig, theme=None, key="o2o_experiences")
    st.caption(t("o2o.experiences.note", lang))


def lift_frame(frame: pd.DataFrame, label: pd.Series, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "": label,
        t("o2o.col.visits", lang): frame["visits"],
        t("o2o.col.matched", lang): frame["matched"],
        t("o2o.col.visitor_rate", lang): [fmt.pct(v) for v in frame["visitor_rate"]],
        t("o2o.col.control_rate", lang): [fmt.pct(v) for v in frame["control_rate"]],
        t("o2o.col.lift", lang): [pp(v, lang) for v in frame["lift"]],
        t("o2o.col.interval", lang): [f"{pp(lo, lang)} ~ {pp(hi, lang)}" for lo, hi
                                      in zip(frame["lift_low"], frame["lift_high"], strict=True)],
    })


def attribution_section(res: dict, f: Filters, window: int, span: tuple, lang: str) -> None:
    st.subheader(t("o2o.attr", lang))
    cats = res["category"].dropna(subset=["lift"]).sort_values("lift")
    st.caption(t("o2o.attr.note", lang, first=span[0].date(), last=span[1].date(), w=window))
    if cats.empty:
        st.info(t("o2o.attr.empty", lang))
        return
    cats = cats.assign(cat=[name("category", c, lang) for c in cats["category"]])
    fig = go.Figure(go.Scatter(
        x=cats["lift"] * 100, y=cats["cat"], mode="markers", marker=dict(size=11,
                                                                         color=SEQUENCE[0]),
        error_x=dict(type="data", array=(cats["lift_high"] - cats["lift"]) * 100,
                     arrayminus=(cats["lift"] - cats["lift_low"]) * 100),
        hovertemplate="%{y}: %{x:+.1f}<extra></extra>"))
    fig.add_vline(x=0, line_color="#8A949E", line_dash="dot")
    fig.update_layout(template=TEMPLATE, height=360, xaxis_title=t("o2o.attr.axis", lang))
    st.plotly_chart(fig, theme=None, key="o2o_attr_chart")
    table(lift_frame(cats[::-1], cats["cat"][::-1], lang),
          f"o2o_attribution_category_{f.start}_{f.end}_{window}d", lang, raw=cats[::-1])
    st.caption(t("o2o.attr.method", lang, k=attribution.CONTROLS_PER_VISIT))
    with st.expander(t("o2o.attr.by_store", lang)):
        by_store = res["store"]
        table(lift_frame(by_store, store_names(by_store, lang), lang),
              f"o2o_attribution_store_{f.start}_{f.end}_{window}d", lang, raw=by_store)


def band_label(band: str, lang: str) -> str:
    return t("o2o.band", lang, band=band.replace("-", "–"))


def halo_table(frame: pd.DataFrame, metric: str, lang: str) -> pd.DataFrame:
    value = (lambda v: fmt.money(v, lang)) if metric == "gmv" else (lambda v: fmt.count(v, lang))
    return pd.DataFrame({
        t("o2o.col.band", lang): [band_label(b, lang) for b in frame["band"]],
        t("o2o.col.customers", lang): frame["customers"],
        t("o2o.col.uplift", lang): [signed_pct(v) for v in frame["uplift"]],
        t("o2o.col.interval", lang): [f"{fmt.pct(lo)} ~ {fmt.pct(hi)}" for lo, hi
                                      in zip(frame["low"], frame["high"], strict=True)],
        t("o2o.col.pre", lang): [value(v) for v in frame["pre"]],
        t("o2o.col.post", lang): [value(v) for v in frame["post"]],
        t("o2o.col.expected", lang): [value(v) for v in frame["expected"]],
        t("o2o.col.control_change", lang): [signed_pct(v) for v in frame["control_change"]],
        t("o2o.col.reliable", lang): [t("o2o.col.few" if n < FEW_CUSTOMERS else "o2o.col.ok", lang)
                                      for n in frame["customers"]],
    })


def halo_section(res: dict, n_stores: int, lang: str) -> None:
    st.subheader(t("o2o.halo", lang))
    st.caption(t("o2o.halo.note", lang, d=halo.WINDOW_DAYS, n=n_stores))
    if not n_stores:
        st.info(t("o2o.halo.empty", lang, d=halo.WINDOW_DAYS))
        return
    metric = st.segmented_control(t("o2o.halo.metric", lang), halo.METRICS, default="orders",
                                  key="o2o_halo_metric", required=True,
                                  format_func=lambda m: t(f"o2o.halo.metric.{m}", lang)
                                  ) or "orders"
    bands = res[metric]
    fig = go.Figure(go.Bar(
        x=[band_label(b, lang) for b in bands["band"]], y=bands["uplift"] * 100,
        marker_color=SEQUENCE[0], hovertemplate="%{x}: %{y:+.1f}%<extra></extra>",
        error_y=dict(type="data", array=(bands["high"] - bands["uplift"]) * 100,
                     arrayminus=(bands["uplift"] - bands["low"]) * 100)))
    fig.update_layout(template=TEMPLATE, height=340, yaxis_title=t("o2o.halo.axis", lang) + " (%)")
    st.plotly_chart(fig, theme=None, key="o2o_halo_chart")
    table(halo_table(bands, metric, lang), f"o2o_halo_{metric}", lang, raw=bands)
    with st.expander(t("o2o.halo.by_store", lang)):
        per = res[f"{metric}_by_store"]
        shown = halo_table(per, metric, lang)
        shown.insert(0, t("o2o.col.store", lang), store_names(per, lang).to_numpy())
        table(shown, f"o2o_halo_{metric}_by_store", lang, raw=per)
        st.caption(t("o2o.halo.few", lang, n=FEW_CUSTOMERS))


def acq_name(channel: str, lang: str) -> str:
    return t(f"o2o.acq.{channel}", lang)


def funnel_section(by_channel: pd.DataFrame, trend: pd.DataFrame, f: Filters,
                   lang: str) -> None:
    st.subheader(t("o2o.funnel", lang))
    first, last = funnel.cohort_span(f)
    st.caption(t("o2o.funnel.note", lang, d=funnel.REPURCHASE_DAYS, first=first, last=last))
    if by_channel["acquired"].sum() == 0:
        st.info(f"{t('guard.nothing_matched', lang)} {t('guard.nothing_matched_fix', lang)}")
        return
    steps = [t(f"o2o.step.{s}", lang, d=funnel.REPURCHASE_DAYS) for s in funnel.STEPS]
    public = by_channel[by_channel["channel"].isin(funnel.PUBLIC_CHANNELS)][
        list(funnel.STEPS)].sum()
    fig = go.Figure(go.Funnel(y=steps, x=public.to_numpy(), textinfo="value+percent previous",
                              marker_color=SEQUENCE[:4]))
    fig.update_layout(template=TEMPLATE, height=300, margin=dict(l=10, r=10, t=10, b=20))
    st.markdown(f"**{t('o2o.funnel.public', lang)}**")
    st.plotly_chart(fig, theme=None, key="o2o_funnel_chart")
    funnel_table(by_channel, f, lang)
    funnel_trend(trend, lang)


def funnel_table(by_channel: pd.DataFrame, f: Filters, lang: str) -> None:
    domains = {c: d for d, cs in (("public", funnel.PUBLIC_CHANNELS),
                                  ("private", ("wecom_group", "referral", "official_account")),
                                  ("offline", ("offline_store",))) for c in cs}
    shown = pd.DataFrame({
        t("o2o.col.channel", lang): [acq_name(c, lang) for c in by_channel["channel"]],
        t("o2o.col.domain", lang): [t(f"o2o.domain.{domains.get(c, 'public')}", lang)
                                    for c in by_channel["channel"]],
        **{t(f"o2o.step.{s}", lang, d=funnel.REPURCHASE_DAYS): by_channel[s]
           for s in funnel.STEPS},
        **{t(f"o2o.rate.{r}", lang): [fmt.pct(v) for v in by_channel[r]]
           for r in ("private_rate", "first_order_rate", "repurchase_rate")},
    })
    table(shown, f"o2o_funnel_{f.start}_{f.end}", lang, raw=by_channel)


def funnel_trend(trend: pd.DataFrame, lang: str) -> None:
    st.markdown(f"**{t('o2o.funnel.trend', lang)}**")
    rates = ("repurchase_rate", "private_rate", "first_order_rate")
    rate = st.segmented_control(t("o2o.funnel.trend_metric", lang), rates, default=rates[0],
                                key="o2o_funnel_rate", required=True,
                                format_func=lambda r: t(f"o2o.rate.{r}", lang)) or rates[0]
    den = {"private_rate": "acquired", "first_order_rate": "private",
           "repurchase_rate": "mature"}[rate]
    frame = trend[trend[den] >= MIN_COHORT].assign(pct=lambda d: d[rate] * 100)
    traces = [go.Scatter(x=g["period"], y=g["pct"], mode="lines+markers",
                         name=acq_name(c, lang),
                         hovertemplate="%{x|%Y-%m} " + acq_name(c, lang) + ": %{y:.1f}%"
                         "<extra></extra>")
              for c, g in frame.groupby("channel", sort=False)]
    fig = go.Figure(traces, layout=dict(template=TEMPLATE, height=360,
                                        yaxis_title=t(f"o2o.rate.{rate}", lang) + " (%)"))
    st.plotly_chart(fig, theme=None, key="o2o_funnel_trend")
    st.caption(t("o2o.funnel.trend_note", lang, d=funnel.REPURCHASE_DAYS, n=MIN_COHORT))


def omni_section(segs: pd.DataFrame, heads: dict, f: Filters, lang: str) -> None:
    st.subheader(t("o2o.omni", lang))
    seg_names = [t(f"o2o.segment.{s}", lang) for s in segs["segment"]]
    cols = st.columns(len(segs))
    for col, label, row in zip(cols, seg_names, segs.itertuples(), strict=True):
        with col, st.container(border=True):
            st.metric(label, fmt.money(row.gmv_per_customer, lang),
                      help=t("o2o.omni.value.help", lang))
            st.caption(t("o2o.omni.card", lang, share=fmt.pct(row.customer_share)))
    shown = pd.DataFrame({
        t("o2o.col.segment", lang): seg_names,
        t("o2o.col.customers", lang): [fmt.count(v, lang) for v in segs["customers"]],
        t("o2o.col.customer_share", lang): [fmt.pct(v) for v in segs["customer_share"]],
        t("o2o.col.gmv", lang): [fmt.money(v, lang) for v in segs["gmv_cny"]],
        t("o2o.col.gmv_share", lang): [fmt.pct(v) for v in segs["gmv_share"]],
        t("o2o.omni.value", lang): [fmt.money(v, lang) for v in segs["gmv_per_customer"]],
        t("o2o.col.orders_per_customer", lang): segs["orders_per_customer"].round(2),
    })
    table(shown, f"o2o_omni_{f.start}_{f.end}", lang, raw=segs)
    st.caption(t("o2o.omni.note", lang, summed=fmt.count(heads["summed"], lang),
                 unique=fmt.count(heads["unique"], lang)))


def whatif_section(halo_res: dict, n_stores: int, options: pd.DataFrame, f: Filters,
                   lang: str) -> None:
    st.subheader(t("o2o.whatif", lang))
    en = dict(zip(options["city"], options["city_en"], strict=True))
    count = dict(zip(options["city"], options["stores"], strict=True))

    def label(city: str) -> str:
        shown = city if lang == "zh" else en[city]
        key = "o2o.whatif.city_label" if count[city] else "o2o.whatif.city_none"
        return t(key, lang, city=shown, n=count[city])

    city = st.selectbox(t("o2o.whatif.city", lang), options["city"].tolist(), key="o2o_city",
                        format_func=label)
    if not n_stores:
        st.info(t("o2o.whatif.no_estimate", lang))
        return
    res = query(whatif.scenario, f, city, whatif.band_effects(halo_res["orders"]),
                whatif.band_effects(halo_res["gmv"]))
    catch, orders_p, gmv_p = res["catchment"], res["orders"], res["gmv"]
    tot_o, tot_g = orders_p.iloc[-1], gmv_p.iloc[-1]
    c1, c2, c3 = st.columns(3)
    with c1, st.container(border=True):
        st.metric(t("o2o.whatif.customers", lang), fmt.count(catch["customers"].sum(), lang),
                  help=t("o2o.whatif.customers.help", lang))
    with c2, st.container(border=True):
        st.metric(t("o2o.whatif.orders", lang), fmt.count(tot_o["extra_uplift"], lang),
                  help=t("o2o.whatif.orders.help", lang))
        st.caption(t("o2o.whatif.range", lang, low=fmt.count(tot_o["extra_low"], lang),
                     high=fmt.count(tot_o["extra_high"], lang)))
    with c3, st.container(border=True):
        st.metric(t("o2o.whatif.gmv", lang), fmt.money(tot_g["extra_uplift"], lang),
                  help=t("o2o.whatif.gmv.help", lang))
        st.caption(t("o2o.whatif.range", lang, low=fmt.money(tot_g["extra_low"], lang),
                     high=fmt.money(tot_g["extra_high"], lang)))
    whatif_table(orders_p, gmv_p, res["both"], city, lang)
    st.caption(t("o2o.whatif.assumption", lang))


def whatif_table(orders_p: pd.DataFrame, gmv_p: pd.DataFrame, raw: pd.DataFrame, city: str,
                 lang: str) -> None:
    bands = [t("o2o.col.total", lang) if b == "total" else band_label(b, lang)
             for b in orders_p["band"]]
    shown = pd.DataFrame({
        t("o2o.col.band", lang): bands,
        t("o2o.col.customers", lang): orders_p["customers"].astype(int),
        t("o2o.col.uplift", lang): [fmt.pct(v) for v in orders_p["uplift"]],
        t("o2o.whatif.orders", lang): [f"{fmt.count(e, lang)} ({fmt.count(lo, lang)} ~ "
                                       f"{fmt.count(hi, lang)})" for e, lo, hi in zip(
                                           orders_p["extra_uplift"], orders_p["extra_low"],
                                           orders_p["extra_high"], strict=True)],
        t("o2o.whatif.gmv", lang): [f"{fmt.money(e, lang)} ({fmt.money(lo, lang)} ~ "
                                    f"{fmt.money(hi, lang)})" for e, lo, hi in zip(
                                        gmv_p["extra_uplift"], gmv_p["extra_low"],
                                        gmv_p["extra_high"], strict=True)],
    })
    table(shown, f"o2o_whatif_{city}", lang, raw=raw)


lang = current_language()
st.title(t("page.o2o", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("o2o.caption", lang, start=f.start, end=f.end, days=f.days))
    window = st.slider(t("o2o.window", lang), 1, 30, attribution.WINDOW_DAYS, key="o2o_window",
                       help=t("o2o.window.help", lang))
    views = query(stores.store_views, f, window)
    summary = views["summary"]
    require_data(not summary.empty)
    segs = query(omni.segments, f)
    kpi_row(summary, segs, window, lang)
    city_opts = query(whatif.city_options)
    store_map(summary, city_opts, lang)
    ranking_table(views["ranking"], f, window, lang)
    formats_table(views["formats"], f, lang)
    experiences_chart(query(stores.experiences, f), summary, lang)
    span = attribution.visit_span(f, window, query(data_end))
    attribution_section(query(attribution.summary, f, window), f, window, span, lang)
    halo_res = query(halo.summary, f)
    n_stores = len(query(halo.eligible_stores, f))
    halo_section(halo_res, n_stores, lang)
    omni_section(segs, query(omni.channel_headcount, f), f, lang)
    whatif_section(halo_res, n_stores, city_opts, f, lang)
    funnel_section(query(funnel.by_channel, f), query(funnel.over_time, f), f, lang)
