"""The shell's sign-in: find the session's user in the configured mode, or the gate page to
show instead of the app (login button, no access, a configuration problem).

Modes (cockpit.access.identity.auth_mode): open (no login configured), header (identity from
a trusted proxy's header) and oidc (Streamlit's st.login with secrets.toml's [auth])."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping

import streamlit as st

from cockpit.access import audit
from cockpit.access.identity import (
    DEFAULT_HEADER,
    AuthConfigError,
    auth_mode,
    header_identity,
)
from cockpit.access.users import get_user
from cockpit.appstore import app_engine
from cockpit.config import app_db_url
from cockpit.ui.auth.session import OPEN, Principal, clear_principal, set_principal
from cockpit.ui.i18n import name, t
from cockpit.ui.scope import set_session_scope

log = logging.getLogger(__name__)
LOGIN_KEY = "cockpit_login_recorded"
Gate = Callable[[], None]


def request_headers() -> Mapping[str, str]:
    """The request's HTTP headers (the one place they are read; tests replace it, as
    AppTest has no HTTP request)."""
    return st.context.headers


def oidc_providers() -> list[str | None] | None:
    """The providers of secrets.toml's [auth]: [None] for the default one (client_id in
    [auth] itself), the names of its [auth.NAME] tables; None when there is no [auth]."""
    try:
        if "auth" not in st.secrets:
            return None
        section = st.secrets["auth"]
    except (FileNotFoundError, KeyError):  # no secrets file (StreamlitSecretNotFoundError)
        return None
    named = [key for key, value in section.items() if isinstance(value, Mapping)]
    return [None] if "client_id" in section or not named else named


def sign_in(lang: str) -> tuple[Principal, Gate | None]:
    """The session's principal, and None; or a gate page to show instead of the app (then
    the principal is of no use, and the session keeps none). Sets the session's data scope
    and records a login once per browser session."""
    principal, gate = _resolve(lang)
    if gate is not None:
        clear_principal()
    return principal, gate


def _resolve(lang: str) -> tuple[Principal, Gate | None]:
    providers = oidc_providers()
    try:
        mode = auth_mode(os.environ, providers is not None)
    except AuthConfigError as exc:
        message = t("auth.config_error", lang, why=exc)
        return OPEN, lambda: _problem(message, lang)
    if mode == "open":
        set_principal(OPEN)
        set_session_scope(OPEN.scope)
        return OPEN, None
    if mode == "header":
        decision = header_identity(request_headers(), os.environ)
        if decision.problem == "no_secret_configured":
            return OPEN, lambda: _problem(t("auth.no_secret", lang), lang)
        if decision.problem == "bad_secret":
            return OPEN, lambda: _problem(t("auth.bad_secret", lang), lang)
        if decision.problem == "no_identity":
            header = os.environ.get("COCKPIT_AUTH_HEADER") or DEFAULT_HEADER
            return OPEN, lambda: _notice(t("auth.no_identity", lang, header=header), lang)
        email = decision.email
    else:
        if not st.user.is_logged_in:
            return OPEN, lambda: _login_page(providers or [None], lang)
        email = str(st.user.get("email") or "").lower()
    user = get_user(app_engine(app_db_url()), email or "")
    if user is None:
        return OPEN, lambda: _no_access(email or "?", mode, lang)
    principal = Principal(user.email, user.role, mode, user.scope)
    set_principal(principal)
    set_session_scope(user.scope)
    _record_login(principal)
    return principal, None


def _record_login(principal: Principal) -> None:
    """One login entry per browser session (and per identity, should it change)."""
    if st.session_state.get(LOGIN_KEY) == principal.email:
        return
    audit.record(app_engine(app_db_url()), principal.email or "open", "login",
                 principal.mode, {"role": principal.role, "regions": principal.scope.regions,
                                  "stores": principal.scope.stores})
    st.session_state[LOGIN_KEY] = principal.email


def _problem(message: str, lang: str) -> None:
    st.title(t("auth.page_title", lang))
    st.error(message, icon=":material/lock:")


def _notice(message: str, lang: str) -> None:
    st.title(t("auth.page_title", lang))
    st.warning(message, icon=":material/lock:")


def _login_page(providers: list[str | None], lang: str) -> None:
    st.title(t("auth.page_title", lang))
    st.write(t("auth.login_intro", lang))
    for provider in providers:
        label = (t("auth.sign_in", lang) if provider is None
                 else t("auth.sign_in_with", lang, provider=provider))
        args = () if provider is None else (provider,)
        st.button(label, key=f"auth_login_{provider or 'default'}", on_click=st.login,
                  args=args, icon=":material/login:", type="primary")


def _no_access(email: str, mode: str, lang: str) -> None:
    st.title(t("auth.no_access_title", lang))
    st.info(t("auth.no_access", lang, email=email), icon=":material/person_off:")
    if mode == "oidc":
        st.button(t("auth.sign_out", lang), key="auth_logout", on_click=st.logout)


def sidebar_identity(principal: Principal, lang: str) -> None:
    """Who is signed in, with which role and scope, and a sign-out where the mode has one;
    in open mode, that no login is configured."""
    sb = st.sidebar
    if principal.mode == "open":
        sb.caption(t("auth.open", lang))
        return
    sb.caption(t("auth.signed_in", lang, email=principal.email,
                 role=t(f"auth.role.{principal.role}", lang)))
    separator = t("url.separator", lang)
    if principal.scope.regions:
        regions = [name("region", r, lang) for r in principal.scope.regions]
        sb.caption(t("auth.scope_regions", lang, items=separator.join(regions)))
    if principal.scope.stores:
        sb.caption(t("auth.scope_stores", lang, items=separator.join(principal.scope.stores)))
    if principal.mode == "oidc":
        sb.button(t("auth.sign_out", lang), key="auth_logout", on_click=st.logout,
                  icon=":material/logout:")
    elif os.environ.get("COCKPIT_AUTH_SIGNOUT_URL"):
        sb.link_button(t("auth.sign_out", lang), os.environ["COCKPIT_AUTH_SIGNOUT_URL"],
                       icon=":material/logout:")
