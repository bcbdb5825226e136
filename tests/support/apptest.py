"""Open a page of the real app in Streamlit's AppTest, and open one of its lazy tabs."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT_S = 180
# Every page script's tabs: (session-state key of the tab bar, tab keys).
TABS = {
    "overview": (None, ()),
    "segments": ("segments_tab", ("tiers", "rfm", "migration", "clv", "personas", "playbooks",
                                  "acquisition", "c2m")),
    "live": ("live_tab", ("overview", "replay", "segments", "whatif", "follow", "compare")),
    "o2o": ("o2o_tab", ("stores", "attribution", "halo", "omni", "funnel")),
    "forecast": ("forecast_tab", ("series", "inventory", "c2m")),
    "logistics": ("logistics_tab", ("co2e", "green", "packaging", "cold", "cross",
                                    "sustainable", "whatif", "esg")),
}


def open_app(demo_duckdb_path: Path, monkeypatch, lang: str, **params: str) -> AppTest:
    """A new session on a link to app.py (its first page) on the demo warehouse in `lang`,
    plus URL `params`, after its first run."""
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{demo_duckdb_path}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def open_page(demo_duckdb_path: Path, monkeypatch, script: str, lang: str,
              **params: str) -> AppTest:
    """`open_app` switched to `script`; fails on any exception or st.error the page shows."""
    at = open_app(demo_duckdb_path, monkeypatch, lang, **params)
    at.switch_page(script).run()
    return assert_clean(at)


def sign_in_by_header(monkeypatch, email: str | None, secret: str, sent: str | None = None
                      ) -> None:
    """Header mode with proxy secret `secret`, each request carrying `email` (None: no
    identity) and the secret `sent` (default: the right one). AppTest has no HTTP request,
    so the shell's header reader is replaced."""
    monkeypatch.setenv("COCKPIT_AUTH", "header")
    monkeypatch.setenv("COCKPIT_AUTH_PROXY_SECRET", secret)
    headers = {"X-Cockpit-Proxy-Secret": secret if sent is None else sent}
    if email is not None:
        headers["X-Forwarded-Email"] = email
    monkeypatch.setattr("cockpit.ui.auth.login.request_headers", lambda: headers)


def open_tab(at: AppTest, tabs_key: str, label: str) -> AppTest:
    """Tabs are lazy (only the open one runs): select one as a click would, then rerun."""
    at.session_state[tabs_key] = label
    at.run()
    return assert_clean(at)


def assert_clean(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at
