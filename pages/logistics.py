"""Green logistics: CO2e per order, green delivery, packaging, cold chain, cross-border lines,
sustainable products, a what-if and the period's ESG summary."""

import streamlit as st

from cockpit.logistics import breakdown
from cockpit.ui import ensure_warehouse
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner
from cockpit.ui.i18n import current_language, t
from cockpit.ui.sections import (
    logistics_co2e,
    logistics_cold,
    logistics_cross,
    logistics_esg,
    logistics_green,
    logistics_headline,
    logistics_packaging,
    logistics_sustainable,
    logistics_whatif,
)
from cockpit.ui.tabs import lazy_tabs

lang = current_language()
st.title(t("page.logistics", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("logistics.caption", lang, start=f.start, end=f.end, days=f.days))
    logistics_headline.render(f, lang)
    grain = st.segmented_control(t("logistics.grain", lang), breakdown.GRAINS, default="week",
                                 format_func=lambda g: t(f"grain.{g}", lang),
                                 key="logistics_grain", required=True) or "week"
    lazy_tabs("logistics_tab", [(t(f"logistics.tab.{key}", lang), draw) for key, draw in (
        ("co2e", lambda: logistics_co2e.render(f, grain, lang)),
        ("green", lambda: logistics_green.render(f, grain, lang)),
        ("packaging", lambda: logistics_packaging.render(f, lang)),
        ("cold", lambda: logistics_cold.render(f, lang)),
        ("cross", lambda: logistics_cross.render(f, lang)),
        ("sustainable", lambda: logistics_sustainable.render(f, grain, lang)),
        ("whatif", lambda: logistics_whatif.render(f, lang)),
        ("esg", lambda: logistics_esg.render(f, lang)),
    )], lang)
