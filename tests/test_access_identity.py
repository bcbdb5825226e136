"""The login mode and the trusted-header decision, as pure functions of headers and env."""

from __future__ import annotations

import pytest

from cockpit.access.identity import AuthConfigError, auth_mode, header_identity

ENV = {"COCKPIT_AUTH": "header", "COCKPIT_AUTH_PROXY_SECRET": "s3cret-value"}


def test_modes():
    assert auth_mode({}, oidc_configured=False) == "open"
    assert auth_mode({}, oidc_configured=True) == "oidc"
    assert auth_mode({"COCKPIT_AUTH": "header"}, oidc_configured=True) == "header"
    assert auth_mode({"COCKPIT_AUTH": "open"}, oidc_configured=True) == "open"
    assert auth_mode({"COCKPIT_AUTH": " OIDC "}, oidc_configured=True) == "oidc"
    with pytest.raises(AuthConfigError, match="'ldap' is not a login mode"):
        auth_mode({"COCKPIT_AUTH": "ldap"}, oidc_configured=False)
    with pytest.raises(AuthConfigError, match=r"needs an \[auth\] section"):
        auth_mode({"COCKPIT_AUTH": "oidc"}, oidc_configured=False)


def test_the_right_secret_and_a_header_give_the_identity():
    headers = {"x-forwarded-email": "Li.Na@Example.com", "x-cockpit-proxy-secret": "s3cret-value"}
    decision = header_identity(headers, ENV)
    assert (decision.email, decision.problem) == ("li.na@example.com", None)


def test_a_custom_identity_header():
    env = {**ENV, "COCKPIT_AUTH_HEADER": "X-Auth-Request-Email"}
    headers = {"X-Auth-Request-Email": "a@b.com", "X-Forwarded-Email": "evil@b.com",
               "X-Cockpit-Proxy-Secret": "s3cret-value"}
    assert header_identity(headers, env).email == "a@b.com"


@pytest.mark.parametrize("secret", [None, "", "s3cret-valuE", "s3cret-value ", "wrong"])
def test_a_missing_or_wrong_secret_is_not_believed(secret):
    headers = {"X-Forwarded-Email": "admin@example.com"}
    if secret is not None:
        headers["X-Cockpit-Proxy-Secret"] = secret
    decision = header_identity(headers, ENV)
    assert (decision.email, decision.problem) == (None, "bad_secret")


@pytest.mark.parametrize("configured", [None, "", "   "])
def test_no_secret_configured_refuses_to_run(configured):
    env = {"COCKPIT_AUTH": "header"}
    if configured is not None:
        env["COCKPIT_AUTH_PROXY_SECRET"] = configured
    headers = {"X-Forwarded-Email": "a@b.com", "X-Cockpit-Proxy-Secret": configured or ""}
    assert header_identity(headers, env).problem == "no_secret_configured"


@pytest.mark.parametrize("value", [None, "", "  "])
def test_the_right_secret_without_an_identity(value):
    headers = {"X-Cockpit-Proxy-Secret": "s3cret-value"}
    if value is not None:
        headers["X-Forwarded-Email"] = value
    decision = header_identity(headers, ENV)
    assert (decision.email, decision.problem) == (None, "no_identity")
