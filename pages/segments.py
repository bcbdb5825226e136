"""Customer segments: lifecycle tiers, RFM, migration, CLV, personas, playbooks, acquisition, C2M.

Thin page: one tab per section; each section module reads its own widgets and draws.
Tabs are lazy: only the open tab's section runs; a failing section shows its message inside
its own tab.
"""

import streamlit as st

from cockpit.segments import lifecycle
from cockpit.ui import ensure_warehouse, query
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner, require_data
from cockpit.ui.i18n import current_language, t
from cockpit.ui.sections import (
    segments_acquisition,
    segments_c2m,
    segments_clv,
    segments_migration,
    segments_personas,
    segments_playbooks,
    segments_rfm,
    segments_tiers,
)
from cockpit.ui.tabs import lazy_tabs

SECTIONS = (
    ("tiers", segments_tiers.render),
    ("rfm", segments_rfm.render),
    ("migration", segments_migration.render),
    ("clv", segments_clv.render),
    ("personas", segments_personas.render),
    ("playbooks", segments_playbooks.render),
    ("acquisition", segments_acquisition.render),
    ("c2m", segments_c2m.render),
)

lang = current_language()
st.title(t("page.segments", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("segments.caption", lang, start=f.start, end=f.end, days=f.days))
    require_data(query(lifecycle.tier_summary, f)["customers"].sum() > 0)
    lazy_tabs("segments_tab", [(t(f"segments.tab.{key}", lang), lambda r=render: r(f, lang))
                               for key, render in SECTIONS], lang)
