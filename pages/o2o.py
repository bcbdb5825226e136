"""O2O stores: stores as experience centres, their pull on online sales, halo, funnel, what-if.

Thin page: headline cards, then one tab per part; the sections live in
cockpit.ui.sections.o2o_*.
"""

import streamlit as st

from cockpit.o2o import attribution, stores
from cockpit.ui import ensure_warehouse, query
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner, require_data
from cockpit.ui.i18n import current_language, t
from cockpit.ui.sections import (
    o2o_attribution,
    o2o_funnel,
    o2o_halo,
    o2o_omni,
    o2o_stores,
    o2o_whatif,
)

TABS = ("stores", "attribution", "halo", "omni", "funnel")

lang = current_language()
st.title(t("page.o2o", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("o2o.caption", lang, start=f.start, end=f.end, days=f.days))
    window = st.slider(t("o2o.window", lang), 1, 30, attribution.WINDOW_DAYS, key="o2o_window",
                       help=t("o2o.window.help", lang))
    views = query(stores.store_views, f, window)
    require_data(not views["summary"].empty)
    o2o_stores.kpis(views["summary"], f, window, lang)
    tabs = st.tabs([t(f"o2o.tab.{key}", lang) for key in TABS])
    with tabs[0]:
        o2o_stores.render(views, f, window, lang)
    with tabs[1]:
        o2o_attribution.render(f, window, lang)
    with tabs[2]:
        o2o_halo.render(f, lang)
        o2o_whatif.render(f, lang)
    with tabs[3]:
        o2o_omni.render(f, lang)
    with tabs[4]:
        o2o_funnel.render(f, lang)
