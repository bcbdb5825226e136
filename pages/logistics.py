"""Green logistics: CO2e per order, green delivery, packaging, cold chain, cross-border lines,
sustainable products, a what-if and the period's ESG summary."""

import streamlit as st

from cockpit.logistics import breakdown
from cockpit.ui.i18n import t
from cockpit.ui.logistics import (
    co2e,
    cold,
    cross,
    esg,
    green,
    headline,
    packaging,
    sustainable,
    whatif,
)
from cockpit.ui.page import page_body
from cockpit.ui.tabs import lazy_tabs

with page_body("page.logistics", "logistics.caption", needs="logistics") as page:
    f, lang = page.filters, page.lang
    headline.render(f, lang)
    grain = st.segmented_control(t("logistics.grain", lang), breakdown.GRAINS, default="week",
                                 format_func=lambda g: t(f"grain.{g}", lang),
                                 key="logistics_grain", required=True) or "week"
    lazy_tabs("logistics_tab", [(t(f"logistics.tab.{key}", lang), draw, f"logistics.{key}")
                                 for key, draw in (
        ("co2e", lambda: co2e.render(f, grain, lang)),
        ("green", lambda: green.render(f, grain, lang)),
        ("packaging", lambda: packaging.render(f, lang)),
        ("cold", lambda: cold.render(f, lang)),
        ("cross", lambda: cross.render(f, lang)),
        ("sustainable", lambda: sustainable.render(f, grain, lang)),
        ("whatif", lambda: whatif.render(f, lang)),
        ("esg", lambda: esg.render(f, lang)),
    )], lang)
