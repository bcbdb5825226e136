"""How the app learns who is signing in: the auth mode from the environment, and the
trusted-header decision as a pure function of (request headers, environment)."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass

MODES = ("open", "header", "oidc")
DEFAULT_HEADER = "X-Forwarded-Email"
SECRET_HEADER = "X-Cockpit-Proxy-Secret"


class AuthConfigError(ValueError):
    """The login settings cannot be used; the message says which and what to set."""


def auth_mode(env: Mapping[str, str], oidc_configured: bool) -> str:
    """"header" when COCKPIT_AUTH=header; "oidc" when COCKPIT_AUTH=oidc or, with COCKPIT_AUTH
    unset, when secrets.toml has an [auth] section; else "open". COCKPIT_AUTH=open forces
    open mode. AuthConfigError for any other value, or oidc without [auth]."""
    asked = env.get("COCKPIT_AUTH", "").strip().lower()
    if asked and asked not in MODES:
        raise AuthConfigError(f"COCKPIT_AUTH={asked!r} is not a login mode: use header, oidc "
                              "or open, or leave it unset")
    if asked == "oidc" and not oidc_configured:
        raise AuthConfigError("COCKPIT_AUTH=oidc needs an [auth] section in "
                              ".streamlit/secrets.toml (see the README)")
    if asked:
        return asked
    return "oidc" if oidc_configured else "open"


@dataclass(frozen=True)
class HeaderDecision:
    """The identity the proxy vouches for (`email`), or why there is none (`problem`:
    "no_secret_configured", "bad_secret" or "no_identity")."""

    email: str | None = None
    problem: str | None = None


def _get(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers.items():
        if str(key).lower() == wanted:
            return str(value)
    return None


def header_identity(headers: Mapping[str, str], env: Mapping[str, str]) -> HeaderDecision:
    """Who the request says is signed in, believed only when it carries the proxy secret.

    COCKPIT_AUTH_PROXY_SECRET unset (or blank): "no_secret_configured", the app must not run.
    The request's X-Cockpit-Proxy-Secret missing or different (compared in constant time):
    "bad_secret", whatever identity header it carries. Secret right but no identity in the
    header named by COCKPIT_AUTH_HEADER (default X-Forwarded-Email): "no_identity"."""
    secret = env.get("COCKPIT_AUTH_PROXY_SECRET", "")
    if not secret.strip():
        return HeaderDecision(problem="no_secret_configured")
    given = _get(headers, SECRET_HEADER)
    if given is None or not hmac.compare_digest(given.encode(), secret.encode()):
        return HeaderDecision(problem="bad_secret")
    email = (_get(headers, env.get("COCKPIT_AUTH_HEADER") or DEFAULT_HEADER) or "").strip()
    if not email:
        return HeaderDecision(problem="no_identity")
    return HeaderDecision(email=email.lower())
