"""The signed-in principal of this browser session and what it may do."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cockpit.access.roles import may
from cockpit.access.scope import EVERYTHING, Scope
from cockpit.ui.i18n import t

PRINCIPAL_KEY = "cockpit_principal"


@dataclass(frozen=True)
class Principal:
    """Who uses this session: `email` (None in open mode), role, login mode and scope."""

    email: str | None
    role: str
    mode: str
    scope: Scope = EVERYTHING


OPEN = Principal(email=None, role="admin", mode="open")
"""Open mode (no login configured): everyone is an unscoped admin, as the demo has always
been."""


def current_principal() -> Principal:
    """The session's principal, set by the shell's sign-in; open mode until then (a page
    script run alone in a test)."""
    return st.session_state.get(PRINCIPAL_KEY, OPEN)


def set_principal(principal: Principal) -> None:
    st.session_state[PRINCIPAL_KEY] = principal


def clear_principal() -> None:
    """Forget the session's principal (a gate page is shown: nobody is signed in)."""
    st.session_state.pop(PRINCIPAL_KEY, None)


def allowed(permission: str) -> bool:
    """The session's role has `permission` (cockpit.access.roles)."""
    return may(current_principal().role, permission)


def audit_who() -> str:
    """The audit log's "who" for this session: the e-mail, or "open" without a login."""
    return current_principal().email or "open"


def require_permission(permission: str, lang: str) -> None:
    """Stop the page with a "your role may not" message unless the role has `permission`
    (a page left out of the navigation, opened by its URL all the same)."""
    if not allowed(permission):
        st.warning(t("auth.refused", lang, role=t(f"auth.role.{current_principal().role}",
                                                    lang)), icon=":material/block:")
        st.stop()
