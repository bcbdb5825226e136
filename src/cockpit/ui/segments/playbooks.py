"""Segments page, playbooks: pick an audience (a lifecycle tier or a persona), read the play,
its size and expected value, the complementary products, and export it for the CRM/WeCom."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cockpit.clv.warehouse import CLV_HORIZON_DAYS
from cockpit.filters import Filters
from cockpit.segments import playbooks
from cockpit.segments.lifecycle import TIERS
from cockpit.segments.persona_features import feature_window
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import name, t
from cockpit.ui.segments.common import clv_scores
from cockpit.ui.segments.personas import (
    peak_bands,
    persona_name,
    persona_result,
)

PREVIEW_ROWS = 200
WEEKEND_LIFT = 1.2


def _pick(f: Filters, lang: str):
    """(kind, key, label, ids, profile or None) for the audience the manager picked."""
    kinds = ("tier", "persona")
    with st.columns([1, 2])[0]:
        return _pick_in(f, kinds, lang)


def _pick_in(f: Filters, kinds: tuple[str, ...], lang: str):
    kind = st.segmented_control(t("playbooks.audience_kind", lang), kinds, default="tier",
                                format_func=lambda k: t(f"playbooks.kind.{k}", lang),
                                key="playbooks_kind", required=True) or "tier"
    if kind == "tier":
        tier = st.selectbox(t("playbooks.audience", lang), TIERS, index=1,
                            format_func=lambda x: t(f"segments.tier.{x}", lang),
                            key="playbooks_tier")
        ids = query(playbooks.tier_ids, f, tier)
        return kind, tier, t(f"segments.tier.{tier}", lang), ids, None
    result = persona_result(f)
    profiles = {int(p.persona_id): p for p in result.profiles.itertuples()}
    if not profiles:
        return kind, None, "", (), None
    pid = st.selectbox(t("playbooks.audience", lang), list(profiles),
                       format_func=lambda i: persona_name(profiles[i], lang),
                       key="playbooks_persona")
    a = result.assignments
    ids = tuple(int(i) for i in a.loc[a["persona_id"] == pid, "customer_id"])
    return kind, pid, persona_name(profiles[pid], lang), ids, profiles[pid]


def _tier_play(tier: str, lang: str) -> None:
    play = playbooks.TIER_PLAYS[tier]
    st.markdown(f"**{t(f'playbooks.play.{play}', lang)}**")
    st.markdown(t(f"playbooks.play.{play}.actions", lang))


def _persona_play(f: Filters, profile, label: str, lang: str) -> None:
    result = persona_result(f)
    lifts = result.features[result.features["persona_id"] == profile.persona_id].set_index(
        "feature")["lift"]
    sep = "、" if lang == "zh" else ", "
    band = peak_bands(result).get(profile.persona_id, "evening")
    lines = [t("playbooks.persona.timing", lang, band=t(f"personas.band.{band}", lang)),
             t("playbooks.persona.categories", lang, categories=sep.join(
                 name("category", c, lang) for c in profile.top_categories[:2]))]
    if profile.review_words:
        lines.append(t("playbooks.persona.words", lang, words=profile.review_words))
    if lifts.get("sustainable", 0) >= 1.5:
        lines.append(t("playbooks.persona.green", lang))
    if lifts.get("weekend", 0) >= WEEKEND_LIFT:
        lines.append(t("playbooks.persona.weekend", lang))
    if profile.small:
        lines.append(t("playbooks.persona.small", lang))
    st.markdown(f"**{t('playbooks.persona.goal', lang, name=label)}**")
    st.markdown("\n".join(f"- {line}" for line in lines))


def _kpis(export: pd.DataFrame, f: Filters, lang: str) -> None:
    v = playbooks.audience_value(export)
    window = feature_window(f)
    cols = st.columns(5)
    cols[0].metric(t("playbooks.kpi.customers", lang), fmt.count(v["customers"], lang),
                   help=t("playbooks.kpi.customers_help", lang))
    cols[1].metric(t("playbooks.kpi.gmv", lang), fmt.money(v["gmv_cny"], lang),
                   help=t("playbooks.kpi.gmv_help", lang, start=window.start, end=window.end))
    cols[2].metric(t("playbooks.kpi.clv", lang), fmt.money(v["clv_mean"], lang),
                   help=t("playbooks.kpi.clv_help", lang, horizon=CLV_HORIZON_DAYS))
    cols[3].metric(t("playbooks.kpi.clv_total", lang), fmt.money(v["clv_total"], lang),
                   help=t("playbooks.kpi.clv_total_help", lang, horizon=CLV_HORIZON_DAYS))
    cols[4].metric(t("playbooks.kpi.wecom", lang), fmt.pct(v["wecom_share"]),
                   help=t("playbooks.kpi.wecom_help", lang))


def _rules(f: Filters, ids: tuple[int, ...], stem: str, lang: str) -> None:
    rules = query(playbooks.association_rules, f, ids)
    st.subheader(t("playbooks.rules", lang))
    if rules.empty:
        st.info(t("playbooks.no_rules", lang))
    else:
        c = "playbooks.col."
        suffix = "zh" if lang == "zh" else "en"
        shown = pd.DataFrame({
            t(c + "antecedent", lang): rules[f"antecedent_{suffix}"],
            t(c + "consequent", lang): rules[f"consequent_{suffix}"],
            t(c + "orders_both", lang): rules["orders_both"],
            t(c + "support", lang): [fmt.pct(v, 2) for v in rules["support"]],
            t(c + "confidence", lang): [fmt.pct(v) for v in rules["confidence"]],
            t(c + "lift", lang): rules["lift"].round(2),
        })
        table(shown, f"segments_rules_{stem}", lang, raw=rules)
    st.caption(t("playbooks.rules_caption", lang, min_orders=playbooks.MIN_PAIR_ORDERS,
                 cap=fmt.count(playbooks.RULES_MAX_CUSTOMERS, lang)))


PREVIEW_COLUMNS = ("customer_id", "audience", "city", "member_tier", "wecom_member", "orders",
                   "gmv_cny", "last_order_date", "days_since_last_order", "p_alive", "clv")


def _preview(export: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The first PREVIEW_ROWS rows with readable headers and values (the CSV keeps codes)."""
    head = export.head(PREVIEW_ROWS)
    shown = pd.DataFrame({t(f"playbooks.col.{c}", lang): head[c] for c in PREVIEW_COLUMNS
                          if c in head})
    tier = t("playbooks.col.member_tier", lang)
    shown[tier] = [t(f"personas.member.{x}", lang) for x in head["member_tier"]]
    yes, no = t("personas.yes", lang), t("personas.no", lang)
    shown[t("playbooks.col.wecom_member", lang)] = [yes if x else no for x in head["wecom_member"]]
    if "p_alive" in head:
        shown[t("playbooks.col.p_alive", lang)] = [fmt.pct(x) for x in head["p_alive"]]
        shown[t("playbooks.col.clv", lang)] = head["clv"].round(2)
    return shown


def _export(export: pd.DataFrame, stem: str, lang: str) -> None:
    st.subheader(t("playbooks.export", lang))
    table(_preview(export, lang), f"segments_audience_{stem}", lang, raw=export,
          customer_level=True)  # one row per customer, with WeCom membership
    st.caption(t("playbooks.export_caption", lang, rows=min(PREVIEW_ROWS, len(export)),
                 total=fmt.count(len(export), lang)))


def render(f: Filters, lang: str) -> None:
    """Audience picker, the play, size and value, association rules, CSV export."""
    kind, key, label, ids, profile = _pick(f, lang)
    if not ids:
        st.info(t("playbooks.empty", lang))
        return
    st.subheader(t("playbooks.play", lang))
    if kind == "tier":
        _tier_play(key, lang)
    else:
        _persona_play(f, profile, label, lang)
    fields = query(playbooks.customer_fields, f)
    export = playbooks.audience_export(fields, ids, clv_scores(f), {"audience": label}, f.end)
    _kpis(export, f, lang)
    stem = f"{kind}_{key}_{f.start}_{f.end}"
    _rules(f, ids, stem, lang)
    _export(export, stem, lang)
