"""Live-commerce replay (直播复盘): period overview, one session's replay, segment effectiveness,
script what-if, private-domain follow-through and session comparison.

Thin page: filters, then one tab per part; the sections live in cockpit.ui.sections.live_*.
"""

import streamlit as st

from cockpit.live import sessions
from cockpit.ui import ensure_warehouse, query
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner, require_data
from cockpit.ui.i18n import current_language, t
from cockpit.ui.sections import (
    live_compare,
    live_follow,
    live_overview,
    live_replay,
    live_segments,
    live_whatif,
)
from cockpit.ui.tabs import lazy_tabs

lang = current_language()
st.title(t("page.live", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    frame = query(sessions.sessions, f)
    st.caption(t("live.caption", lang, start=f.start, end=f.end, sessions=len(frame)))
    require_data(not frame.empty)
    lazy_tabs("live_tab", [(t(f"live.tab.{key}", lang), draw) for key, draw in (
        ("overview", lambda: live_overview.render(frame, f, lang)),
        ("replay", lambda: live_replay.render(frame, query(sessions.overview, f), lang)),
        ("segments", lambda: live_segments.render(f, lang)),
        ("whatif", lambda: live_whatif.render(f, lang)),
        ("follow", lambda: live_follow.render(f, lang)),
        ("compare", lambda: live_compare.render(frame, lang)),
    )], lang)
