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


def open_page(demo_duckdb_path: Path, monkeypatch, script: str, lang: str,
              **params: str) -> AppTest:
    """app.py on the demo warehouse in `lang` (plus URL `params`), switched to `script`;
    fails on any exception or st.error the page shows."""
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{demo_duckdb_path}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(script).run()
    return assert_clean(at)


def open_tab(at: AppTest, tabs_key: str, label: str) -> AppTest:
    """Tabs are lazy (only the open one runs): select one as a click would, then rerun."""
    at.session_state[tabs_key] = label
    at.run()
    return assert_clean(at)


def assert_clean(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at
