"""Customer segments: lifecycle tiers, RFM, migration, CLV, personas, playbooks, acquisition, C2M.

Thin page: one tab per section; each section module reads its own widgets and draws.
A failing section shows its message inside its own tab and leaves the others working.
"""

import importlib
import logging

import streamlit as st

from cockpit.segments import lifecycle
from cockpit.ui import ensure_warehouse, query
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner, require_data
from cockpit.ui.i18n import current_language, t
from cockpit.ui.sections import (
    segments_acquisition,
    segments_c2m,
    segments_migration,
    segments_rfm,
    segments_tiers,
)

log = logging.getLogger(__name__)


def _optional(section: str):
    """render() of cockpit.ui.sections.segments_<section>, or None while it is missing."""
    try:
        return importlib.import_module(f"cockpit.ui.sections.segments_{section}").render
    except ImportError:
        log.warning("section segments_%s is not available; its tab is left out", section)
        return None


SECTIONS = [(key, render) for key, render in (
    ("tiers", segments_tiers.render),
    ("rfm", segments_rfm.render),
    ("migration", segments_migration.render),
    ("clv", _optional("clv")),
    ("personas", _optional("personas")),
    ("playbooks", _optional("playbooks")),
    ("acquisition", segments_acquisition.render),
    ("c2m", segments_c2m.render),
) if render is not None]

lang = current_language()
st.title(t("page.segments", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("segments.caption", lang, start=f.start, end=f.end, days=f.days))
    require_data(query(lifecycle.tier_summary, f)["customers"].sum() > 0)
    tabs = st.tabs([t(f"segments.tab.{key}", lang) for key, _ in SECTIONS])
    for tab, (_, render) in zip(tabs, SECTIONS, strict=True):
        with tab, page_guard(lang):
            render(f, lang)
