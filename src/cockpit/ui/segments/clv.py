"""Segments page, CLV: headline value, CLV per lifecycle tier and persona, the holdout check
(predicted vs actual repeat purchases) and the fitted parameters."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit import facts
from cockpit.clv.groups import clv_by_group
from cockpit.clv.model import ANNUAL_DISCOUNT_RATE
from cockpit.clv.warehouse import clv_fit, customer_clv, holdout_check
from cockpit.filters import Filters
from cockpit.segments.lifecycle import tier_assignments
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.segments.personas import persona_result
from cockpit.ui.segments.tiers import TIER_COLOURS
from cockpit.ui.theme import SEQUENCE, TEMPLATE

HORIZONS = (90, 180, 365)
DEFAULT_HORIZON = 365  # as the migration and acquisition tabs value customers
HOLDOUTS = (90, 180, 365)
DEFAULT_HOLDOUT = 180
MIN_CALIBRATION_DAYS = 180
DERIVED = {"rate": "r/alpha × 52", "dropout": "a/(a+b)", "spend": "p·gamma/(q−1)"}
TIERS = ("new", "returning", "vip", "at_risk", "dormant")


def _days_picker(label: str, options: tuple[int, ...], default: int, key: str,
                 lang: str) -> int:
    chosen = st.segmented_control(t(label, lang), options, default=default, key=key,
                                  format_func=lambda d: t("clv.days", lang, days=d),
                                  required=True)
    return int(chosen or default)


def _kpis(clv: pd.DataFrame, f: Filters, days: int, lang: str) -> None:
    rate = fmt.pct(ANNUAL_DISCOUNT_RATE, 0)
    cards = [
        (t("clv.kpi.customers", lang), fmt.count(len(clv), lang),
         t("clv.kpi.customers.help", lang, end=f.end), None),
        (t("clv.kpi.alive", lang), fmt.pct(clv["p_alive"].mean()),
         t("clv.kpi.alive.help", lang), None),
        (t("clv.kpi.purchases", lang, days=days), fmt.count(clv["expected_purchases"].sum(),
                                                             lang),
         t("clv.kpi.purchases.help", lang, days=days), None),
        (t("clv.kpi.clv", lang, days=days), fmt.money(clv["clv"].sum(), lang),
         t("clv.kpi.clv.help", lang, rate=rate),
         t("clv.kpi.clv_mean", lang, value=fmt.money(clv["clv"].mean(), lang))),
    ]
    columns = st.columns(2) + st.columns(2)  # 2 × 2: the labels are long for four across
    for col, (label, value, help_text, note) in zip(columns, cards, strict=True):
        with col, st.container(border=True):
            st.metric(label, value, help=help_text)
            if note:
                st.caption(note)


def _group_chart(groups: pd.DataFrame, names: list[str], colours: list[str], key: str,
                 lang: str) -> None:
    """CLV per customer per group as horizontal bars (persona names are long), labelled
    with the group's total CLV."""
    labels = [t("clv.bar_label", lang, each=fmt.money(c, lang), total=fmt.money(v, lang))
              for c, v in zip(groups["clv"], groups["clv_total"], strict=True)]
    hover = [[fmt.money(c, lang), fmt.count(n, lang), fmt.pct(s)] for c, n, s in
             zip(groups["clv"], groups["customers"], groups["clv_share"], strict=True)]
    fig = go.Figure(go.Bar(
        x=groups["clv"], y=names, orientation="h", marker_color=colours, text=labels,
        textposition="outside", cliponaxis=False, customdata=hover,
        hovertemplate=("%{y}<br>" + t("clv.col.clv", lang) + " %{customdata[0]}<br>"
                       + t("clv.col.customers", lang) + " %{customdata[1]}<br>"
                       + t("clv.col.clv_share", lang) + " %{customdata[2]}<extra></extra>")))
    fig.update_layout(template=TEMPLATE, showlegend=False, margin=dict(t=30, r=60),
                      height=max(300, 48 * len(names) + 80))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("clv.col.clv", lang),
                     range=[0, float(groups["clv"].max()) * 1.8], tickprefix="¥",
                     separatethousands=True)
    st.plotly_chart(fig, theme=None, key=key)


def _group_table(groups: pd.DataFrame, names: list[str], stem: str, lang: str) -> None:
    c = "clv.col."
    shown = pd.DataFrame({
        t(c + "group", lang): names,
        t(c + "customers", lang): [fmt.count(v, lang) for v in groups["customers"]],
        t(c + "p_alive", lang): [fmt.pct(v) for v in groups["p_alive"]],
        t(c + "expected_purchases", lang): [f"{v:.2f}" for v in groups["expected_purchases"]],
        t(c + "expected_aov", lang): [fmt.money(v, lang) for v in groups["expected_aov"]],
        t(c + "clv", lang): [fmt.money(v, lang) for v in groups["clv"]],
        t(c + "clv_total", lang): [fmt.money(v, lang) for v in groups["clv_total"]],
        t(c + "clv_share", lang): [fmt.pct(v) for v in groups["clv_share"]],
    })
    table(shown, stem, lang, raw=groups.assign(name=names))


def _tier_colour(tier: str) -> str:
    """The tier's colour on the Lifecycle tiers tab, so a tier looks the same everywhere."""
    return TIER_COLOURS.get(tier, SEQUENCE[0])


def _by_tier(clv: pd.DataFrame, f: Filters, days: int, lang: str) -> None:
    st.subheader(t("clv.by_tier", lang))
    groups = clv_by_group(clv, query(tier_assignments, f), "tier")
    groups = groups.set_index("tier").reindex([x for x in TIERS if x in set(groups["tier"])])
    groups = groups.reset_index()
    names = [t(f"segments.tier.{x}", lang) for x in groups["tier"]]
    _group_chart(groups, names, [_tier_colour(x) for x in groups["tier"]], "clv_tier_chart",
                 lang)
    st.caption(t("clv.by_tier.caption", lang, days=days))
    _group_table(groups, names, f"segments_clv_tiers_{f.end}_{days}d", lang)


def _by_persona(clv: pd.DataFrame, f: Filters, days: int, lang: str) -> None:
    result = persona_result(f)  # the personas tab's result, with its k override (cached)
    if result.assignments.empty:
        return
    st.subheader(t("clv.by_persona", lang))
    groups = clv_by_group(clv, result.assignments, "persona_id")
    names_by_id = result.profiles.set_index("persona_id")[f"name_{lang}"]
    groups = groups.sort_values("clv", ascending=False).reset_index(drop=True)
    names = [str(names_by_id.get(p, p)) for p in groups["persona_id"]]
    colours = [SEQUENCE[i % len(SEQUENCE)] for i in range(len(names))]
    _group_chart(groups, names, colours, "clv_persona_chart", lang)
    st.caption(t("clv.by_persona.caption", lang, days=days))
    _group_table(groups, names, f"segments_clv_personas_{f.end}_{days}d", lang)


def _holdout(f: Filters, first_day, lang: str) -> None:
    st.subheader(t("clv.holdout", lang))
    days = _days_picker("clv.holdout.window", HOLDOUTS, DEFAULT_HOLDOUT, "clv_holdout", lang)
    cal = f.end - timedelta(days=days)
    if (cal - first_day).days < MIN_CALIBRATION_DAYS:
        st.info(t("clv.holdout.too_short", lang))
        return
    check = query(holdout_check, cal, f.end, f.scope)
    predicted, actual = check["predicted"].sum(), check["actual"].sum()
    error = fmt.delta(predicted, actual, "count", lang) or fmt.EMPTY
    per = check[["predicted", "actual"]].div(check["customers"], axis=0)
    fig = go.Figure([
        go.Bar(name=t("clv.predicted", lang), x=check["frequency_bucket"], y=per["predicted"],
               marker_color=SEQUENCE[0]),
        go.Bar(name=t("clv.actual", lang), x=check["frequency_bucket"], y=per["actual"],
               marker_color=SEQUENCE[2])])
    fig.update_traces(hovertemplate="%{x}: %{y:.2f}<extra>%{fullData.name}</extra>")
    fig.update_layout(template=TEMPLATE, barmode="group", height=340,
                      xaxis=dict(type="category", title_text=t("clv.col.bucket", lang)),
                      yaxis_title=t("clv.axis.purchases", lang))
    st.plotly_chart(fig, theme=None, key="clv_holdout_chart")
    st.caption(t("clv.holdout.caption", lang, cal=cal, start=cal + timedelta(days=1),
                 end=f.end, predicted=fmt.count(predicted, lang),
                 actual=fmt.count(actual, lang), error=error))
    c = "clv.col."
    shown = pd.DataFrame({
        t(c + "bucket", lang): check["frequency_bucket"],
        t(c + "customers", lang): [fmt.count(v, lang) for v in check["customers"]],
        t(c + "predicted", lang): [f"{v:,.1f}" for v in check["predicted"]],
        t(c + "actual", lang): [fmt.count(v, lang) for v in check["actual"]],
    })
    table(shown, f"segments_clv_holdout_{cal}_{f.end}", lang, raw=check)


def _params(f: Filters, lang: str) -> None:
    fit = query(clv_fit, f.end, f.scope)
    with st.expander(t("clv.params", lang)):
        values = {**fit.params(), "rate": fit.r / fit.alpha * 52,
                  "dropout": fit.a / (fit.a + fit.b), "spend": fit.p * fit.gamma / (fit.q - 1)}
        shown = pd.DataFrame({
            t("clv.col.param", lang): [DERIVED.get(k, k) for k in values],
            t("clv.col.value", lang): [f"{v:.4g}" for v in values.values()],
            t("clv.col.meaning", lang): [t(f"clv.param.{k}", lang) for k in values],
        })
        table(shown, f"segments_clv_params_{f.end}", lang)
        st.caption(t("clv.params.caption", lang, customers=fmt.count(fit.customers, lang),
                     repeat=fmt.count(fit.repeat_customers, lang),
                     ll_bg=f"{fit.log_likelihood_bgnbd:,.1f}",
                     ll_gg=f"{fit.log_likelihood_gg:,.1f}"))


def render(f: Filters, lang: str) -> None:
    """CLV KPIs, CLV per tier and persona, the holdout check and the fitted parameters."""
    st.caption(t("clv.caption", lang, end=f.end))
    days = _days_picker("clv.horizon", HORIZONS, DEFAULT_HORIZON, "clv_horizon", lang)
    clv = query(customer_clv, f.end, days, f.scope)
    if clv.empty:
        st.info(t("guard.nothing_matched", lang))
        return
    _kpis(clv, f, days, lang)
    _by_tier(clv, f, days, lang)
    _by_persona(clv, f, days, lang)
    _holdout(f, _first_day(f), lang)
    _params(f, lang)


def _first_day(f: Filters):

    return query(facts.data_range)[0]
