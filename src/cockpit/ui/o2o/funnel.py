"""O2O page, funnel 引流 → 转化 → 复购: public-domain channels to private domain, first order
and repurchase, by acquisition channel and by signup quarter."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.o2o import funnel
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.o2o.common import figure_cache
from cockpit.ui.theme import SEQUENCE, TEMPLATE

MIN_COHORT = 10
RATES = ("repurchase_rate", "private_rate", "first_order_rate")
DENOMINATOR = {"private_rate": "acquired", "first_order_rate": "private",
               "repurchase_rate": "mature"}
DOMAINS = {c: d for d, cs in (("public", funnel.PUBLIC_CHANNELS),
                              ("private", ("wecom_group", "referral", "official_account")),
                              ("offline", ("offline_store",))) for c in cs}


def acq_name(channel: str, lang: str) -> str:
    """Display name of an acquisition channel."""
    return t(f"o2o.acq.{channel}", lang)


def render(f: Filters, lang: str) -> None:
    """The funnel tab."""
    st.subheader(t("o2o.funnel", lang))
    first, last = funnel.cohort_span(f)
    st.caption(t("o2o.funnel.note", lang, d=funnel.REPURCHASE_DAYS, first=first, last=last))
    by_channel = query(funnel.by_channel, f)
    if by_channel["acquired"].sum() == 0:
        st.info(f"{t('guard.nothing_matched', lang)} {t('guard.nothing_matched_fix', lang)}")
        return
    st.markdown(f"**{t('o2o.funnel.public', lang)}**")
    st.plotly_chart(public_funnel(by_channel, lang), theme=None, key="o2o_funnel_chart")
    funnel_table(by_channel, f, lang)
    funnel_trend(query(funnel.over_time, f), lang)


@figure_cache
def public_funnel(by_channel: pd.DataFrame, lang: str) -> go.Figure:
    """The steps summed over the public-domain channels."""
    steps = [t(f"o2o.step.{s}", lang, d=funnel.REPURCHASE_DAYS) for s in funnel.STEPS]
    public = by_channel[by_channel["channel"].isin(funnel.PUBLIC_CHANNELS)][
        list(funnel.STEPS)].sum()
    fig = go.Figure(go.Funnel(y=steps, x=public.to_numpy(), textinfo="value+percent previous",
                              marker_color=SEQUENCE[:4]))
    fig.update_layout(template=TEMPLATE, height=300, margin=dict(l=10, r=10, t=10, b=20))
    return fig


def funnel_table(by_channel: pd.DataFrame, f: Filters, lang: str) -> None:
    """Step counts and rates per acquisition channel."""
    shown = pd.DataFrame({
        t("o2o.col.channel", lang): [acq_name(c, lang) for c in by_channel["channel"]],
        t("o2o.col.domain", lang): [t(f"o2o.domain.{DOMAINS.get(c, 'public')}", lang)
                                    for c in by_channel["channel"]],
        **{t(f"o2o.step.{s}", lang, d=funnel.REPURCHASE_DAYS): by_channel[s]
           for s in funnel.STEPS},
        **{t(f"o2o.rate.{r}", lang): [fmt.pct(v) for v in by_channel[r]]
           for r in ("private_rate", "first_order_rate", "repurchase_rate")},
    })
    table(shown, f"o2o_funnel_{f.start}_{f.end}", lang, raw=by_channel)


def funnel_trend(trend: pd.DataFrame, lang: str) -> None:
    """One step rate per channel by signup quarter (cohorts of at least MIN_COHORT)."""
    st.markdown(f"**{t('o2o.funnel.trend', lang)}**")
    rate = st.segmented_control(t("o2o.funnel.trend_metric", lang), RATES, default=RATES[0],
                                key="o2o_funnel_rate", required=True,
                                format_func=lambda r: t(f"o2o.rate.{r}", lang)) or RATES[0]
    st.plotly_chart(trend_chart(trend, rate, lang), theme=None, key="o2o_funnel_trend")
    st.caption(t("o2o.funnel.trend_note", lang, d=funnel.REPURCHASE_DAYS, n=MIN_COHORT))


@figure_cache
def trend_chart(trend: pd.DataFrame, rate: str, lang: str) -> go.Figure:
    """`rate` per channel by signup quarter, cohorts of at least MIN_COHORT only."""
    frame = trend[trend[DENOMINATOR[rate]] >= MIN_COHORT].assign(pct=lambda d: d[rate] * 100)
    traces = [go.Scatter(x=g["period"], y=g["pct"], mode="lines+markers",
                         name=acq_name(c, lang),
                         hovertemplate="%{x|%Y-%m} " + acq_name(c, lang) + ": %{y:.1f}%"
                         "<extra></extra>")
              for c, g in frame.groupby("channel", sort=False)]
    fig = go.Figure(traces, layout=dict(template=TEMPLATE, height=360,
                                        yaxis_title=t(f"o2o.rate.{rate}", lang) + " (%)"))
    return fig
