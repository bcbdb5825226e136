"""Commerce Ops Cockpit: the shell. Language switch, first-run demo build, navigation."""

import streamlit as st

from cockpit.ui.filters import language_switch
from cockpit.ui.firstrun import ensure_demo
from cockpit.ui.guard import page_guard
from cockpit.ui.i18n import t
from cockpit.ui.registry import navigation_pages

st.set_page_config(page_title="Commerce Ops Cockpit", page_icon=":material/monitoring:",
                   layout="wide")
lang = language_switch()
st.sidebar.caption(t("app.title", lang))
with page_guard(lang):
    ensure_demo(lang)
st.navigation(navigation_pages(lang)).run()
