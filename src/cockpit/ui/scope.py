"""The signed-in user's data scope for this browser session (set by the login in the shell,
read by the sidebar filters, which put it into every Filters)."""

from __future__ import annotations

import streamlit as st

from cockpit.access.scope import EVERYTHING, Scope

SCOPE_KEY = "cockpit_scope"


def session_scope() -> Scope:
    """The session's scope; unscoped until a login sets one (open mode, tests)."""
    return st.session_state.get(SCOPE_KEY, EVERYTHING)


def set_session_scope(scope: Scope) -> None:
    st.session_state[SCOPE_KEY] = scope
