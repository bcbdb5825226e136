"""Live-commerce replay (直播复盘): period overview, one session's replay, segment effectiveness,
script what-if, private-domain follow-through and session comparison.

Thin page: one lazy tab per part; the sections live in cockpit.ui.live.
"""

import streamlit as st

from cockpit.filters import serves_platform_wide
from cockpit.live import sessions
from cockpit.ui import query
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import t
from cockpit.ui.live import compare, follow, replay, whatif
from cockpit.ui.live import overview as period
from cockpit.ui.live import segments as effectiveness
from cockpit.ui.page import page_body
from cockpit.ui.tabs import lazy_tabs

with page_body("page.live", needs="live") as page:
    f, lang = page.filters, page.lang
    frame = query(sessions.sessions, f)
    st.caption(t("live.caption", lang, start=f.start, end=f.end, sessions=len(frame)))
    if not serves_platform_wide(f):
        st.info(t("scope.live", lang), icon=":material/lock:")
    require_data(not frame.empty)
    lazy_tabs("live_tab", [(t(f"live.tab.{key}", lang), draw, f"live.{key}") for key, draw in (
        ("overview", lambda: period.render(frame, f, lang)),
        ("replay", lambda: replay.render(frame, query(sessions.overview, f), lang)),
        ("segments", lambda: effectiveness.render(f, lang)),
        ("whatif", lambda: whatif.render(f, lang)),
        ("follow", lambda: follow.render(f, lang)),
        ("compare", lambda: compare.render(frame, lang)),
    )], lang)
