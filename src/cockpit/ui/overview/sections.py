"""Overview sections: KPI cards with deltas, the GMV trend by channel, and their tables."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from cockpit import overview
from cockpit.filters import Filters, serves_platform_wide
from cockpit.ui import format as fmt
from cockpit.ui import table
from cockpit.ui.coverage import card_caption, card_missing, needs_help
from cockpit.ui.i18n import kpi_help, kpi_label, name, t
from cockpit.ui.theme import TEMPLATE, channel_colours, money_axis
from cockpit.warehouse.schema import CHANNELS, UNKNOWN

CARDS_PER_ROW = 5

PLATFORM_WIDE = ("cac",)  # KPIs from tables with no region (marketing spend)


def absent_data(kpis: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """KPI -> the tables it needs that hold no rows (cockpit.coverage "overview.kpi.<kpi>"),
    for the KPIs whose data is absent."""
    found = {k: card_missing(f"overview.kpi.{k}") for k in kpis["kpi"]}
    return {k: tables for k, tables in found.items() if tables}


def _without_absent(kpis: pd.DataFrame) -> pd.DataFrame:
    """The KPIs with no value where their data is absent (never a made-up 0)."""
    absent = kpis["kpi"].isin(list(absent_data(kpis)))
    return kpis.assign(**{p: kpis[p].where(~absent) for p in overview.PERIODS})


def kpi_cards(kpis: pd.DataFrame, lang: str, f: Filters | None = None) -> None:
    """One card per KPI; a card whose data is absent shows "—" and says what it needs; for
    a scoped user (`f.scope`) the platform-wide CAC shows "—" and says why."""
    absent = absent_data(kpis)
    cols = st.columns(CARDS_PER_ROW)
    for i, row in enumerate(kpis.itertuples()):
        with cols[i % CARDS_PER_ROW], st.container(border=True):
            if row.kpi in PLATFORM_WIDE and f is not None and not serves_platform_wide(f):
                st.metric(kpi_label(row.kpi, lang), fmt.EMPTY, help=kpi_help(row.kpi, lang))
                st.caption(t("scope.platform_wide", lang))
                continue
            if row.kpi in absent:
                st.metric(kpi_label(row.kpi, lang), fmt.EMPTY,
                          help=needs_help(absent[row.kpi], lang))
                st.caption(card_caption(absent[row.kpi], lang))
                continue
            inverse = row.kpi in overview.LOWER_IS_BETTER
            st.metric(kpi_label(row.kpi, lang), fmt.value(row.value, row.unit, lang),
                      delta=fmt.delta(row.value, row.previous, row.unit, lang),
                      delta_color="inverse" if inverse else "normal",
                      delta_description=t("overview.vs_previous", lang),
                      help=kpi_help(row.kpi, lang))
            yoy = fmt.delta(row.value, row.last_year, row.unit, lang)
            st.caption(t("overview.vs_last_year", lang, delta=yoy or fmt.EMPTY))


def kpi_table(kpis: pd.DataFrame, f: Filters, lang: str) -> None:
    kpis = _without_absent(kpis)
    rows = [
        {t("col.kpi", lang): kpi_label(r.kpi, lang),
         t("col.value", lang): fmt.value(r.value, r.unit, lang),
         t("col.previous", lang): fmt.value(r.previous, r.unit, lang),
         t("col.vs_previous", lang): fmt.delta(r.value, r.previous, r.unit, lang) or fmt.EMPTY,
         t("col.last_year", lang): fmt.value(r.last_year, r.unit, lang),
         t("col.vs_last_year", lang): fmt.delta(r.value, r.last_year, r.unit, lang) or fmt.EMPTY}
        for r in kpis.itertuples()
    ]
    raw = kpis.assign(name=[kpi_label(k, lang) for k in kpis["kpi"]])
    table(pd.DataFrame(rows), f"overview_kpis_{f.start}_{f.end}", lang, raw=raw)


def _known_channels(trend: pd.DataFrame) -> pd.DataFrame:
    """Orders an export left without a channel (NULL) under the Unknown channel."""
    return trend.assign(channel=trend["channel"].astype(object).where(
        trend["channel"].notna(), UNKNOWN))


def trend_chart(trend: pd.DataFrame, grain: str, lang: str) -> None:
    trend = _known_channels(trend)
    frame = trend.assign(channel_name=[name("channel", c, lang) for c in trend["channel"]],
                         gmv_label=[fmt.money(v, lang) for v in trend["gmv_cny"]])
    order = [name("channel", c, lang) for c in (*CHANNELS, UNKNOWN)]
    fig = px.bar(frame, x="period", y="gmv_cny", color="channel_name", template=TEMPLATE,
                 color_discrete_map=channel_colours(lang), custom_data=["gmv_label", "orders"],
                 category_orders={"channel_name": order},
                 labels={"gmv_cny": t("col.gmv_cny", lang), "channel_name": ""})
    fig.update_traces(hovertemplate="%{x|%Y-%m-%d} %{fullData.name}<br>%{customdata[0]} · "
                      + t("col.orders", lang) + " %{customdata[1]}<extra></extra>")
    fig.update_xaxes(title_text=None, tickformat="%Y-%m" if grain == "month" else "%m-%d")
    money_axis(fig, frame.groupby("period")["gmv_cny"].sum().max(), lang)
    st.plotly_chart(fig, theme=None, key="gmv_trend_chart")


def trend_table(trend: pd.DataFrame, f: Filters, grain: str, lang: str) -> None:
    wide = _known_channels(trend).pivot_table(index="period", columns="channel",
                                              values="gmv_cny", aggfunc="sum", fill_value=0.0)
    wide = wide[[c for c in (*CHANNELS, UNKNOWN) if c in wide.columns]]
    wide.columns = [name("channel", c, lang) for c in wide.columns]
    wide[t("col.total", lang)] = wide.sum(axis=1)
    wide.insert(0, t("col.period", lang), wide.index.date)
    wide = wide.reset_index(drop=True)
    table(wide, f"overview_gmv_{grain}_{f.start}_{f.end}", lang)
