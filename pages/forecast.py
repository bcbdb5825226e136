"""Demand forecast: Prophet with the China calendar, what-if, backtests; inventory; C2M."""

import importlib
import importlib.util

import streamlit as st

from cockpit.ui import ensure_warehouse
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner
from cockpit.ui.i18n import current_language, t
from cockpit.ui.sections import forecast_series

# other helpers' sections, shown when their modules exist: (module, tab title key)
OPTIONAL_SECTIONS = (("cockpit.ui.sections.forecast_inventory", "forecast.tab.inventory"),
                     ("cockpit.ui.sections.forecast_c2m", "forecast.tab.c2m"))

lang = current_language()
st.title(t("page.forecast", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("forecast.caption", lang, end=f.end))
    extra = [(m, k) for m, k in OPTIONAL_SECTIONS if importlib.util.find_spec(m) is not None]
    renderers = [forecast_series.render,
                 *(importlib.import_module(m).render for m, _ in extra)]
    # lazy tabs: only the open tab runs, so a slider move does not recompute the others
    tabs = st.tabs([t("forecast.tab.series", lang), *(t(k, lang) for _, k in extra)],
                   key="forecast_tab", on_change="rerun")
    for tab, render in zip(tabs, renderers, strict=True):
        if tab.open:
            with tab, page_guard(lang):
                render(f, lang)
