"""The app shell: page config, language switch, sign-in, first-run build and the navigation
(only the pages the signed-in role may open; a gate page alone while nobody may enter).

`app.py` calls `run()`. A page script calls `enter()` first: under plain `streamlit run app.py`
Streamlit treats the `pages/` folder as an old-style multipage app until some session has
called `st.navigation`, so a fresh server's first visitor who opens `/live` directly would run
`pages/live.py` alone (file names as the menu, no language switch). `enter()` notices that the
page runs outside the shell, declares the same `st.navigation` (which switches the server to it
for good) and reruns: the rerun starts from `app.py`, whose navigation opens the same page (a
page's URL path decides its identity) inside the shell. Rerunning, rather than drawing the shell
inside the page, keeps the shell's widgets (the language switch) the same widgets on every run.
"""

from __future__ import annotations

import threading

import streamlit as st

from cockpit.ui.auth.login import sidebar_identity, sign_in
from cockpit.ui.filters import language_switch
from cockpit.ui.firstrun import ensure_demo
from cockpit.ui.guard import page_guard
from cockpit.ui.i18n import current_language, t
from cockpit.ui.registry import navigation_pages

_this_run = threading.local()  # each script run has its own thread
# Every table's CSV goes through cockpit.ui.table's download button, which escapes text a
# spreadsheet would run as a formula (cockpit.exports). The grid's own toolbar "Download as
# CSV" writes raw cells, and Streamlit has no per-table switch for it (streamlit#8402), so the
# shell hides that action; copying cells by hand stays possible, as it is in any page.
GRID_DOWNLOAD_HIDDEN = ('<style>[data-testid="stElementToolbar"] '
                        'button[aria-label="Download as CSV"] {display: none !important;}'
                        '</style>')


def run() -> None:
    """Draw the shell and run the page the URL asks for."""
    st.set_page_config(page_title="Commerce Ops Cockpit", page_icon=":material/monitoring:",
                       layout="wide")
    st.html(GRID_DOWNLOAD_HIDDEN)
    lang = language_switch()
    st.sidebar.caption(t("app.title", lang))
    principal, gate = sign_in(lang)  # sets the session's scope (cockpit.ui.scope)
    if gate is not None:  # not signed in, no access, or a login misconfigured: only this
        st.navigation([st.Page(gate, title=t("auth.page_title", lang), url_path="signin",
                               default=True)], position="hidden").run()
        return
    sidebar_identity(principal, lang)
    with page_guard(lang):
        ensure_demo(lang)
    _this_run.inside = True
    try:
        st.navigation(navigation_pages(lang, principal.role)).run()
    finally:
        _this_run.inside = False


def enter() -> None:
    """At the top of every page script: hand over to the shell when run outside it."""
    if not getattr(_this_run, "inside", False):
        st.navigation(navigation_pages(current_language()), position="hidden")
        st.rerun()
