"""Demand forecast: Prophet with the China calendar, what-if, backtests; inventory; C2M."""

import streamlit as st

from cockpit.ui import ensure_warehouse
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner
from cockpit.ui.i18n import current_language, t
from cockpit.ui.sections import forecast_c2m, forecast_inventory, forecast_series
from cockpit.ui.tabs import lazy_tabs

lang = current_language()
st.title(t("page.forecast", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("forecast.caption", lang, end=f.end))
    lazy_tabs("forecast_tab", [
        (t("forecast.tab.series", lang), lambda: forecast_series.render(f, lang)),
        (t("forecast.tab.inventory", lang), lambda: forecast_inventory.render(f, lang)),
        (t("forecast.tab.c2m", lang), lambda: forecast_c2m.render(f, lang)),
    ], lang)
