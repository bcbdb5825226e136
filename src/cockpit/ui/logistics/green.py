"""Green logistics, green delivery tab: last-mile CO2e per order by diesel and electric
parcels, the saving, and the green share over time."""

from __future__ import annotations

import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import breakdown, green
from cockpit.ui import format as fmt
from cockpit.ui import query
from cockpit.ui.i18n import t
from cockpit.ui.logistics.common import metric, share_trend


def render(f: Filters, grain: str, lang: str) -> None:
    """Baseline, electric and saving per green order; the green-share trend."""
    delivery = green.from_modes(query(breakdown.by_dimension, f, "mode"))
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.green.baseline", lang), fmt.kg(delivery.baseline_kg_per_order),
               "logistics.green.baseline.help", lang)
    with cols[1]:
        metric(t("logistics.green.electric", lang), fmt.kg(delivery.green_kg_per_order),
               "logistics.green.electric.help", lang)
    with cols[2]:
        metric(t("logistics.green.saving_per_order", lang),
               fmt.kg(delivery.saving_kg_per_order), "logistics.green.saving_per_order.help",
               lang)
    if delivery.saving_kg_per_order is None:
        st.info(t("logistics.green.none", lang))
    st.subheader(t("logistics.green.trend", lang))
    st.caption(t("logistics.green.trend_caption", lang))
    trend = query(breakdown.trend, f, grain)
    share = trend.assign(share=trend["green_shipments"] / trend["shipments"])
    share_trend(share, t("logistics.col.green_share", lang), grain, "green_share_chart", 320)
