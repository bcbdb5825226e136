"""Segments page, acquisition: CAC by channel over time, value of the customers each channel
brought, value/CAC, and public vs private domain."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters, serves_platform_wide
from cockpit.segments import acquisition
from cockpit.segments.base import lookback_start
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.segments.common import clv_series
from cockpit.ui.theme import SEQUENCE, TEMPLATE, money_axis


def channel_name(code: str, lang: str) -> str:
    return t(f"segments.acqch.{code}", lang)


def domain_name(code: str, lang: str) -> str:
    return t(f"segments.domain.{code}", lang)


def _times(x: float | None, lang: str) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return fmt.EMPTY
    return t("segments.unit.times", lang, x=f"{x:.1f}")


def _trend_chart(trend: pd.DataFrame, lang: str) -> None:
    """One line per channel plus the all-channel CAC (dicts and lists: plotly validates
    pandas inputs slowly)."""
    traces = []
    for i, (code, part) in enumerate(trend.groupby("channel", sort=False)):
        traces.append(dict(type="scatter", x=part["month"].dt.strftime("%Y-%m-%d").tolist(),
                           y=part["cac_cny"].tolist(), mode="lines", opacity=0.75,
                           name=channel_name(code, lang),
                           line=dict(color=SEQUENCE[i % len(SEQUENCE)], width=1.4)))
    total = trend.groupby("month")[["spend_cny", "new_customers"]].sum()
    cac = total["spend_cny"] / total["new_customers"].where(total["new_customers"] > 0)
    traces.append(dict(type="scatter", x=cac.index.strftime("%Y-%m-%d").tolist(),
                       y=cac.tolist(), mode="lines", name=t("segments.acq.all", lang),
                       line=dict(color="#1F2933", width=3, dash="dash")))
    top = float(trend["cac_cny"].quantile(0.98))
    fig = go.Figure(data=traces, layout=dict(template=TEMPLATE, height=380))
    fig.update_traces(hovertemplate="%{x|%Y-%m} %{fullData.name}: ¥%{y:,.0f}<extra></extra>")
    fig.update_xaxes(tickformat="%Y-%m")
    money_axis(fig, top, lang)
    fig.update_yaxes(range=[0, top * 1.1])
    st.plotly_chart(fig, theme=None, key="acq_cac_trend_chart")


def _kpis(trend: pd.DataFrame, by_channel: pd.DataFrame, f: Filters, lang: str) -> None:
    start = lookback_start(f)
    dom = acquisition.domain_value(by_channel.assign(domain="all"))
    row = dom.iloc[0]
    cols = st.columns(3)
    values = (("growth", _times(acquisition.cac_growth(trend), lang), {}),
              ("cac_now", fmt.money(row["cac_cny"], lang), {"start": start, "end": f.end}),
              ("ratio", _times(row["value_to_cac"], lang), {}))
    for col, (key, value, kw) in zip(cols, values, strict=True):
        with col, st.container(border=True):
            st.metric(t(f"segments.acq.{key}", lang), value,
                      help=t(f"segments.acq.{key}.help", lang, **kw))


def _value_table(frame: pd.DataFrame, label: list[str], stem: str, lang: str) -> None:
    c = "segments.col."
    shown = pd.DataFrame({
        label[0]: label[1:],
        t(c + "spend", lang): [fmt.money(v, lang) for v in frame["spend_cny"]],
        t(c + "new_customers", lang): [fmt.count(v, lang) for v in frame["new_customers"]],
        t(c + "cac", lang): [fmt.money(v, lang) for v in frame["cac_cny"]],
        t(c + "gmv_per_customer", lang): [fmt.money(v, lang) for v in frame["gmv_per_customer"]],
        t(c + "clv_next", lang): [fmt.money(v, lang) for v in frame["clv_per_customer"]],
        t(c + "value_per_customer", lang): [fmt.money(v, lang)
                                            for v in frame["value_per_customer"]],
        t(c + "value_to_cac", lang): [_times(v, lang) for v in frame["value_to_cac"]],
    })
    table(shown, stem, lang, raw=frame)


def _value_chart(frame: pd.DataFrame, names: list[str], key: str, lang: str) -> None:
    fig = go.Figure(data=[
        dict(type="bar", x=names, y=frame["value_per_customer"].tolist(),
             marker_color="#2F6FDE", name=t("segments.acq.value", lang),
             text=[_times(v, lang) for v in frame["value_to_cac"]], textposition="outside"),
        dict(type="scatter", x=names, y=frame["cac_cny"].tolist(), mode="markers",
             marker=dict(color="#E4393C", size=12, symbol="diamond"), name="CAC")])
    fig.update_traces(hovertemplate="%{x}: ¥%{y:,.0f}<extra>%{fullData.name}</extra>")
    fig.update_layout(template=TEMPLATE, height=340)
    money_axis(fig, float(frame["value_per_customer"].max(skipna=True) or 0) * 1.15, lang)
    st.plotly_chart(fig, theme=None, key=key)


def render(f: Filters, lang: str) -> None:
    """CAC trend, headline figures, value by acquisition channel and by domain."""
    st.caption(t("segments.acq.intro", lang, end=f.end))
    if not serves_platform_wide(f):
        st.info(t("scope.platform_wide", lang), icon=":material/lock:")
        return
    trend = query(acquisition.cac_trend, f)
    by_channel = acquisition.value_by_channel(query(acquisition.channel_inputs, f),
                                              clv_series(f))
    if by_channel["clv_per_customer"].isna().all():
        st.info(t("segments.no_clv", lang))
    _kpis(trend, by_channel, f, lang)
    st.subheader(t("segments.acq.trend", lang))
    _trend_chart(trend, lang)
    st.caption(t("segments.acq.trend_caption", lang))
    start = lookback_start(f)
    st.subheader(t("segments.acq.by_channel", lang, start=start, end=f.end))
    names = [channel_name(c, lang) for c in by_channel["channel"]]
    _value_chart(by_channel, names, "acq_channel_value_chart", lang)
    st.caption(t("segments.acq.bar_caption", lang))
    _value_table(by_channel, [t("segments.col.acq_channel", lang), *names],
                 f"segments_acquisition_channels_{f.end}", lang)
    st.subheader(t("segments.acq.by_domain", lang))
    domains = acquisition.domain_value(by_channel)
    dnames = [domain_name(d, lang) for d in domains["domain"]]
    _value_table(domains, [t("segments.col.domain", lang), *dnames],
                 f"segments_acquisition_domains_{f.end}", lang)
    with st.expander(t("segments.acq.trend", lang)):
        raw = trend.assign(month=trend["month"].dt.strftime("%Y-%m"))
        shown = raw.assign(channel=[channel_name(c, lang) for c in raw["channel"]],
                           domain=[domain_name(d, lang) for d in raw["domain"]],
                           spend_cny=[fmt.money(v, lang) for v in raw["spend_cny"]],
                           new_customers=[fmt.count(v, lang) for v in raw["new_customers"]],
                           cac_cny=[fmt.money(v, lang) for v in raw["cac_cny"]])
        table(shown.rename(columns={
            "month": t("segments.col.month", lang), "channel": t("segments.col.acq_channel", lang),
            "domain": t("segments.col.domain", lang), "spend_cny": t("segments.col.spend", lang),
            "new_customers": t("segments.col.new_customers", lang),
            "cac_cny": t("segments.col.cac", lang)}),
            f"segments_cac_trend_{f.end}", lang, raw=raw)
