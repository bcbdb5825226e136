"""Green logistics headline: six KPI cards for the period against the previous one."""

from __future__ import annotations

import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import breakdown, cold_chain, green, sustainable
from cockpit.ui import format as fmt
from cockpit.ui import query
from cockpit.ui.coverage import card_note
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import t
from cockpit.ui.logistics.common import kg_delta, metric


def render(f: Filters, lang: str) -> None:
    """CO2e total and per order, green share, green saving, cold-chain compliance and the
    sustainable share of GMV; stops the page when nothing shipped."""
    prev = f.previous_period()
    by_mode, prev_by_mode = (query(breakdown.by_dimension, p, "mode") for p in (f, prev))
    totals, before = breakdown.totals(by_mode), breakdown.totals(prev_by_mode)
    require_data(totals["shipments"] > 0)
    delivery, prev_delivery = green.from_modes(by_mode), green.from_modes(prev_by_mode)
    vs = t("logistics.vs_previous", lang)
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.kpi.total", lang), fmt.kg(totals["total_kg"]),
               "logistics.kpi.total.help", lang, delta_color="inverse", delta_description=vs,
               delta=kg_delta(totals["total_kg"], before["total_kg"], lang))
    with cols[1]:
        metric(t("logistics.kpi.per_order", lang), fmt.kg(totals["kg_per_order"]),
               "logistics.kpi.per_order.help", lang, delta_color="inverse",
               delta=kg_delta(totals["kg_per_order"], before["kg_per_order"], lang),
               delta_description=vs)
    with cols[2]:
        metric(t("logistics.kpi.green_share", lang), fmt.pct(delivery.share),
               "logistics.kpi.green_share.help", lang, delta_description=vs,
               delta=fmt.delta(delivery.share, prev_delivery.share, "ratio", lang))
    _second_row(f, delivery, lang)


def _second_row(f: Filters, delivery: green.GreenDelivery, lang: str) -> None:
    cold = query(cold_chain.cold_chain, f)
    shares = query(sustainable.share, f).set_index("period")["share"]
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.kpi.saving", lang), fmt.kg(delivery.saving_kg),
               "logistics.kpi.saving.help", lang)
        st.caption(t("logistics.kpi.saving_caption", lang,
                     kg=fmt.kg(delivery.saving_kg_per_order)))
    with cols[1]:
        metric(t("logistics.kpi.compliance", lang), fmt.pct(cold.compliance),
               "logistics.kpi.compliance.help", lang)
        card_note("logistics.kpi.compliance", lang)
    with cols[2]:
        metric(t("logistics.kpi.sustainable_share", lang), fmt.pct(shares["value"]),
               "logistics.kpi.sustainable_share.help", lang,
               delta_description=t("logistics.vs_previous", lang),
               delta=fmt.delta(shares["value"], shares["previous"], "ratio", lang))
        card_note("logistics.kpi.sustainable_share", lang)
