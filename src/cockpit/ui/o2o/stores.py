"""O2O page, stores: headline cards, store map, ranking, formats compared, experiences."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.o2o import omni, stores, whatif
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.coverage import card_missing, needs_help
from cockpit.ui.i18n import name, t
from cockpit.ui.o2o.common import figure_cache, store_names
from cockpit.ui.theme import TEMPLATE
from cockpit.warehouse.schema import CATEGORIES, STORE_FORMATS

FORMAT_COLOURS = dict(zip(STORE_FORMATS, ("#E4393C", "#2F6FDE", "#8C6D46"), strict=True))
MAP_METRICS = ("visits", "offline_gmv_cny", "attributed_gmv_cny")
CARDS_PER_ROW = 3
CATEGORY_COLOURS = dict(zip(CATEGORIES, ("#2F6FDE", "#E4393C", "#F5A623", "#13A8A8", "#07C160",
                                         "#8C6D46", "#7E57C2", "#5C6B7A", "#D81B9C", "#9CCC65"),
                            strict=True))


def kpis(summary: pd.DataFrame, f: Filters, window: int, lang: str) -> None:
    """Six headline cards: stores, visits, experience rate, in-store and store-driven online
    GMV, omni-channel share."""
    segs = query(omni.segments, f)
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
        absent = card_missing(f"o2o.kpi.{key}")  # never a made-up 0 without the data
        with col, st.container(border=True):
            st.metric(t(f"o2o.kpi.{key}", lang), fmt.EMPTY if absent else value,
                      help=needs_help(absent, lang) if absent
                      else t(f"o2o.kpi.{key}.help", lang, **kw))


def render(views: dict[str, pd.DataFrame], f: Filters, window: int, lang: str) -> None:
    """The stores tab, from `stores.store_views(f, window)`."""
    store_map(views["summary"], lang)
    ranking_table(views["ranking"], f, window, lang)
    formats_table(views["formats"], f, lang)
    experiences_chart(query(stores.experiences, f), views["summary"], lang)


def _map_info(summary: pd.DataFrame, lang: str) -> list[str]:
    """Hover text per store: visits, in-store GMV, store-driven online GMV."""
    return [f"{t('o2o.col.visits', lang)} {fmt.count(v, lang)}<br>"
            f"{t('o2o.col.offline_gmv', lang)} {fmt.money(o, lang)}<br>"
            f"{t('o2o.col.attributed_gmv', lang)} {fmt.money(a, lang)}"
            for v, o, a in zip(summary["visits"], summary["offline_gmv_cny"],
                               summary["attributed_gmv_cny"], strict=True)]


def store_map(summary: pd.DataFrame, lang: str) -> None:
    """Stores at their coordinates, coloured by format, sized by the chosen measure; city
    centres without a store in grey. No tiles unless asked for, so it renders offline."""
    st.subheader(t("o2o.map", lang))
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    metric = left.segmented_control(
        t("o2o.map.size", lang), MAP_METRICS, default="visits", key="o2o_map_metric",
        format_func=lambda m: t(f"o2o.map.metric.{m}", lang), required=True) or "visits"
    tiles = right.toggle(t("o2o.map.tiles", lang), value=False, key="o2o_map_tiles")
    fig = map_figure(summary, query(whatif.city_options), metric, tiles, lang)
    st.plotly_chart(fig, theme=None, key="o2o_map")
    st.caption(t("o2o.map.note", lang))


@figure_cache
def map_figure(summary: pd.DataFrame, cities: pd.DataFrame, metric: str, tiles: bool,
               lang: str) -> go.Figure:
    """The store map's figure (see `store_map`)."""
    value = summary[metric].astype(float).clip(lower=0)
    top = value.max() if value.max() > 0 else 1.0
    frame = summary.assign(store=store_names(summary, lang), size=6 + 22 * (value / top) ** 0.5,
                           info=_map_info(summary, lang))
    traces = [go.Scattermap(lat=g["latitude"], lon=g["longitude"], mode="markers",
                            name=t(f"o2o.format.{code}", lang), text=g["store"],
                            customdata=g["info"],
                            marker=dict(size=g["size"], color=FORMAT_COLOURS[code], opacity=0.8),
                            hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>")
              for code, g in frame.groupby("store_format", sort=False)]
    empty = cities[cities["stores"] == 0]
    traces.append(go.Scattermap(
        lat=empty["latitude"], lon=empty["longitude"], mode="markers+text",
        textposition="bottom center", textfont=dict(size=10, color="#6B7785"),
        marker=dict(size=7, color="#9AA5B1"), name=t("o2o.map.no_store", lang),
        text=empty["city"] if lang == "zh" else empty["city_en"],
        hovertemplate="%{text}<extra></extra>"))
    fig = go.Figure(traces, layout=dict(
        template=TEMPLATE, height=520, map=dict(style="carto-positron" if tiles else "white-bg",
                                                center=dict(lat=32.0, lon=113.5), zoom=3.4)))
    fig.update_layout(margin=dict(l=0, r=0, t=30, b=0), legend_title_text="")
    return fig


def ranking_table(ranked: pd.DataFrame, f: Filters, window: int, lang: str) -> None:
    """Stores by GMV driven (in-store + store-driven online)."""
    st.subheader(t("o2o.ranking", lang))
    money = {c: [fmt.money(v, lang) for v in ranked[k]] for c, k in (
        ("offline_gmv", "offline_gmv_cny"), ("attributed_gmv", "attributed_gmv_cny"),
        ("total_gmv", "total_gmv_cny"))}
    shown = pd.DataFrame({
        t("o2o.col.rank", lang): ranked["rank"],
        t("o2o.col.store", lang): store_names(ranked, lang),
        t("o2o.col.format", lang): [t(f"o2o.format.{x}", lang) for x in ranked["store_format"]],
        t("o2o.col.opened_on", lang): ranked["opened_on"].astype(str),
        t("o2o.col.visits", lang): [fmt.count(v, lang) for v in ranked["visits"]],
        t("o2o.col.experiences", lang): [fmt.count(v, lang) for v in ranked["experiences"]],
        **{t(f"o2o.col.{c}", lang): v for c, v in money.items()},
        t("o2o.col.online_share", lang): [fmt.pct(v) for v in ranked["online_share"]],
    })
    table(shown, f"o2o_store_ranking_{f.start}_{f.end}_{window}d", lang, raw=ranked)
    st.caption(t("o2o.ranking.note", lang, w=window))


def formats_table(comp: pd.DataFrame, f: Filters, lang: str) -> None:
    """Store formats per store per open day."""
    st.subheader(t("o2o.formats", lang))
    shown = pd.DataFrame({
        t("o2o.col.format", lang): [t(f"o2o.format.{x}", lang) for x in comp["store_format"]],
        t("o2o.col.stores", lang): comp["stores"],
        t("o2o.col.visits_per_day", lang): [fmt.number(v, 1) for v in comp["visits_per_day"]],
        t("o2o.col.experience_share", lang): [fmt.pct(v) for v in comp["experience_share"]],
        t("o2o.col.offline_gmv_per_day", lang): [fmt.money(v, lang)
                                                 for v in comp["offline_gmv_per_day"]],
        t("o2o.col.attributed_gmv_per_day", lang): [fmt.money(v, lang)
                                                    for v in comp["attributed_gmv_per_day"]],
    })
    table(shown, f"o2o_store_formats_{f.start}_{f.end}", lang, raw=comp)
    st.caption(t("o2o.formats.note", lang))


def experiences_chart(exp: pd.DataFrame, summary: pd.DataFrame, lang: str) -> None:
    """Stacked bars: visits with each category tried, per store."""
    st.subheader(t("o2o.experiences", lang))
    st.plotly_chart(experiences_figure(exp, summary[["store_id", "name_zh", "name_en"]], lang),
                    theme=None, key="o2o_experiences")
    st.caption(t("o2o.experiences.note", lang))


@figure_cache
def experiences_figure(exp: pd.DataFrame, summary: pd.DataFrame, lang: str) -> go.Figure:
    """The experiences chart's figure (see `experiences_chart`)."""
    labels = dict(zip(summary["store_id"], store_names(summary, lang), strict=True))
    frame = exp.assign(store=exp["store_id"].map(labels))
    order = frame.groupby("store")["experiences"].sum().sort_values().index.tolist()
    traces = [go.Bar(y=g["store"], x=g["experiences"], orientation="h",
                     marker_color=CATEGORY_COLOURS[c], name=name("category", c, lang),
                     hovertemplate="%{y} · " + name("category", c, lang) + ": %{x}<extra></extra>")
              for c in CATEGORIES if not (g := frame[frame["category"] == c]).empty]
    fig = go.Figure(traces, layout=dict(
        template=TEMPLATE, barmode="stack", height=max(320, 22 * len(order) + 120),
        legend_traceorder="normal",
        yaxis=dict(categoryorder="array", categoryarray=order),
        xaxis_title=t("o2o.col.experiences", lang)))
    return fig
