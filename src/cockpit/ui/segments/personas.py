"""Segments page, scene-based personas: number of personas (ICL or override), the criterion
chart, persona cards, features against the average, and the persona table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from cockpit.clv.warehouse import CLV_HORIZON_DAYS
from cockpit.filters import Filters
from cockpit.segments import personas as model
from cockpit.segments.persona_features import FEATURES, feature_window
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import name, t
from cockpit.ui.segments.common import clv_scores
from cockpit.ui.theme import TEMPLATE

K_WIDGET = "personas_k"        # read by the playbooks section too
CARDS_PER_ROW = 3
AUTO = 0
MAX_LIFT = 4.0                 # the heatmap's colour scale ends at 4× and ¼× the average


def persona_result(f: Filters) -> model.PersonaResult:
    """The personas for the filters and the k chosen in the widget (cached)."""
    k = st.session_state.get(K_WIDGET, AUTO)
    return query(model.personas, f, None if not k else int(k))


def persona_name(profile, lang: str) -> str:
    return profile.name_zh if lang == "zh" else profile.name_en


def feature_label(feature: str, lang: str) -> str:
    if feature.startswith("cat_"):
        return name("category", feature.removeprefix("cat_"), lang)
    return t(f"personas.feature.{feature}", lang)


def _k_picker(scores: pd.DataFrame, chosen: int, lang: str) -> None:
    options = [AUTO, *scores["k"].astype(int).tolist()]
    if st.session_state.get(K_WIDGET, AUTO) not in options:  # fewer customers than before
        st.session_state[K_WIDGET] = AUTO
    st.selectbox(t("personas.k", lang), options, key=K_WIDGET, help=t("personas.k_help", lang),
                 format_func=lambda k: t("personas.k_auto", lang, k=chosen) if k == AUTO
                 else str(k))


def _kpis(result: model.PersonaResult, lang: str) -> None:
    cols = st.columns(4)
    total = int(result.profiles["customers"].sum())
    cols[0].metric(t("personas.kpi.personas", lang), str(result.k),
                   help=t("personas.kpi.personas_help", lang))
    cols[1].metric(t("personas.kpi.customers", lang), fmt.count(total, lang),
                   help=t("personas.kpi.customers_help", lang))
    cols[2].metric(t("personas.kpi.largest", lang), fmt.pct(result.profiles["share"].max()),
                   help=t("personas.kpi.largest_help", lang))
    cols[3].metric(t("personas.kpi.small", lang), str(int(result.profiles["small"].sum())),
                   help=t("personas.kpi.small_help", lang, min_customers=model.MIN_CUSTOMERS,
                          min_share=fmt.pct(model.MIN_SHARE, 0)))


def _criterion(result: model.PersonaResult, lang: str) -> None:
    scores = result.k_scores
    fig = px.line(scores, x="k", y="score", markers=True, template=TEMPLATE,
                  labels={"k": t("personas.col.k", lang), "score": t("personas.icl", lang)})
    best = scores[scores["k"] == result.k_chosen]
    fig.add_trace(go.Scatter(x=best["k"], y=best["score"], mode="markers", showlegend=False,
                             marker=dict(size=14, color="#E4393C"), hoverinfo="skip"))
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=300, margin=dict(t=20))
    st.plotly_chart(fig, theme=None, key="personas_icl_chart")
    st.caption(t("personas.criterion_caption", lang, sample=fmt.count(model.SCAN_SAMPLE, lang)))


def _card(profile, value: pd.DataFrame, peak: str, lang: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{persona_name(profile, lang)}**")
        st.metric(t("personas.card.customers", lang), fmt.count(profile.customers, lang),
                  help=t("personas.card.customers_help", lang))
        st.caption(t("personas.card.share", lang, share=fmt.pct(profile.share)))
        st.caption(t("personas.card.peak", lang, band=t(f"personas.band.{peak}", lang)))
        cats = "、" if lang == "zh" else ", "
        st.caption(t("personas.card.categories", lang, categories=cats.join(
            name("category", c, lang) for c in profile.top_categories)))
        if profile.persona_id in value.index:
            row = value.loc[profile.persona_id]
            st.caption(t("personas.card.value", lang, p_alive=fmt.pct(row["p_alive"]),
                         clv=fmt.money(row["clv"], lang)))
        if lang == "zh" and profile.review_words:
            st.caption(t("personas.card.words", lang, words=profile.review_words))
        if profile.small:
            st.warning(t("personas.card.small", lang), icon=":material/warning:")


def peak_bands(result: model.PersonaResult) -> dict[int, str]:
    """Per persona, the hour band with the highest lift over the average."""
    hours = result.features[result.features["feature"].str.startswith("hour_")]
    best = hours.sort_values("lift", ascending=False).drop_duplicates("persona_id")
    return dict(zip(best["persona_id"], best["feature"].str.removeprefix("hour_"), strict=True))


def _cards(result: model.PersonaResult, value: pd.DataFrame, lang: str) -> None:
    peaks = peak_bands(result)
    profiles = list(result.profiles.itertuples())
    for start in range(0, len(profiles), CARDS_PER_ROW):
        cols = st.columns(CARDS_PER_ROW)
        for col, profile in zip(cols, profiles[start:start + CARDS_PER_ROW], strict=False):
            with col:
                _card(profile, value, peaks.get(profile.persona_id, "evening"), lang)


def _heatmap(result: model.PersonaResult, lang: str) -> None:
    names = {p.persona_id: persona_name(p, lang) for p in result.profiles.itertuples()}
    lift = result.features.pivot(index="persona_id", columns="feature", values="lift")
    values = result.features.pivot(index="persona_id", columns="feature", values="value")
    order = [c for c in FEATURES if c in lift.columns]
    labels = [feature_label(c, lang) for c in order]
    ratio = lift[order].to_numpy(dtype=float)
    # log2 colour scale, so 2× above and 2× below the average look equally strong
    z = np.log2(np.clip(np.nan_to_num(ratio, nan=1.0), 1 / MAX_LIFT, MAX_LIFT))
    ticks = [1 / 4, 1 / 2, 1, 2, 4]
    fig = go.Figure(go.Heatmap(
        z=z, x=labels, y=[names[p] for p in lift.index], zmid=0.0, colorscale="RdBu_r",
        zmin=-np.log2(MAX_LIFT), zmax=np.log2(MAX_LIFT),
        customdata=np.dstack([values[order].to_numpy(dtype=float), ratio]),
        colorbar=dict(title=t("personas.lift", lang), tickvals=np.log2(ticks),
                      ticktext=["¼×", "½×", "1×", "2×", "4×"]),
        hovertemplate="%{y}<br>%{x}: %{customdata[0]:.2f}<br>"
        + t("personas.lift", lang) + " %{customdata[1]:.2f}×<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=220 + 45 * len(names), margin=dict(l=10, t=20))
    fig.update_yaxes(autorange="reversed")
    st.plotly_chart(fig, theme=None, key="personas_feature_heatmap")
    st.caption(t("personas.features_caption", lang))


def _table(result: model.PersonaResult, value: pd.DataFrame, f: Filters, lang: str) -> None:
    p = result.profiles
    c = "personas.col."
    sep = "、" if lang == "zh" else ", "
    shown = pd.DataFrame({
        t(c + "persona", lang): [persona_name(r, lang) for r in p.itertuples()],
        t(c + "customers", lang): p["customers"].astype(int),
        t(c + "share", lang): [fmt.pct(v) for v in p["share"]],
        t(c + "p_alive", lang): [fmt.pct(value["p_alive"].get(i)) for i in p["persona_id"]],
        t(c + "clv", lang): [fmt.money(value["clv"].get(i), lang) for i in p["persona_id"]],
        t(c + "top_categories", lang): [sep.join(name("category", x, lang) for x in cats)
                                        for cats in p["top_categories"]],
        t(c + "defining", lang): [sep.join(feature_label(x, lang) for x in d)
                                  for d in p["defining"]],
        t(c + "review_words", lang): p["review_words"],
        t(c + "small", lang): [t("personas.yes" if s else "personas.no", lang)
                               for s in p["small"]],
    })
    raw = p.assign(top_categories=[",".join(x) for x in p["top_categories"]],
                   defining=[",".join(x) for x in p["defining"]]).join(value, on="persona_id")
    table(shown, f"segments_personas_{f.start}_{f.end}", lang, raw=raw)
    st.caption(t("personas.table_caption", lang, horizon=CLV_HORIZON_DAYS))


def render(f: Filters, lang: str) -> None:
    """Persona count picker, ICL chart, cards, feature heatmap and table."""
    window = feature_window(f)
    st.caption(t("personas.caption", lang, start=window.start, end=window.end))
    result = persona_result(f)
    if result.k == 0:
        st.info(t("personas.none", lang))
        return
    with st.columns([1, 2])[0]:
        _k_picker(result.k_scores, result.k_chosen, lang)
    _kpis(result, lang)
    clv = clv_scores(f)
    value = model.persona_value(result, clv)
    st.subheader(t("personas.cards", lang))
    _cards(result, value, lang)
    if clv.empty:
        st.caption(t("personas.no_clv", lang))
    st.subheader(t("personas.features", lang))
    _heatmap(result, lang)
    st.subheader(t("personas.criterion", lang))
    _criterion(result, lang)
    st.subheader(t("personas.table", lang))
    _table(result, value, f, lang)
