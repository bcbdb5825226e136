"""The Live-commerce replay page in AppTest, in Chinese and English: picking a session shows
that session's replay; moving a what-if slider changes the projection as the model says."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import open_page, open_tab

from cockpit.filters import Filters
from cockpit.live import effectiveness, sessions, whatif
from cockpit.ui import format as fmt
from cockpit.ui.i18n import t
from cockpit.warehouse import read_engine


def _open(demo_duckdb_path, monkeypatch, lang: str) -> AppTest:
    return open_page(demo_duckdb_path, monkeypatch, "pages/live.py", lang)


def _open_tab(at: AppTest, tab: str, lang: str) -> AppTest:
    return open_tab(at, "live_tab", t(f"live.tab.{tab}", lang))


def _filters(at: AppTest) -> Filters:
    return Filters(at.sidebar.date_input(key="start").value,
                   at.sidebar.date_input(key="end").value)


def _metric(at: AppTest, label: str) -> list[str]:
    return [m.value for m in at.metric if m.label == label]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_picking_a_session_shows_its_replay(lang, demo_duckdb_path, monkeypatch):
    at = _open(demo_duckdb_path, monkeypatch, lang)
    f = _filters(at)
    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    with engine.connect() as conn:
        frame = sessions.sessions(conn, f)
    engine.dispose()
    assert "live_session" not in [b.key for b in at.selectbox]  # lazy: replay not drawn
    _open_tab(at, "replay", lang)
    box = at.selectbox(key="live_session")
    assert box.value == frame["live_session_id"].iloc[0]  # opens on the top session
    pick = frame.iloc[2]
    box.set_value(int(pick["live_session_id"])).run()
    assert not at.exception and not at.error
    assert pick["title"] in [s.value for s in at.subheader]
    assert pick["host_name"] in " ".join(m.value for m in at.markdown)
    gmv_cards = _metric(at, t("live.kpi.gmv_cny", lang))
    assert fmt.money(pick["gmv_cny"], lang) in gmv_cards
    assert fmt.count(pick["views"], lang) in _metric(at, t("live.kpi.views", lang))
    csv = [b for b in at.get("download_button")
           if f"live_session_{int(pick['live_session_id'])}_minutes" in str(b.proto)]
    assert csv, "the session's minutes are downloadable"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whatif_slider_updates_the_projection(lang, demo_duckdb_path, monkeypatch):
    at = _open(demo_duckdb_path, monkeypatch, lang)
    f = _filters(at)
    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    with engine.connect() as conn:
        rates = effectiveness.rates(conn, f)
    engine.dispose()
    _open_tab(at, "whatif", lang)
    label = t("live.whatif_gmv", lang)
    before = _metric(at, label)
    minutes = [at.slider(key=f"whatif_{s}").value for s in
               ("product_explanation", "interaction", "benefits")]
    minutes[2] += 15
    at.slider(key="whatif_benefits").set_value(minutes[2]).run()
    assert not at.exception and not at.error
    expected = whatif.project(rates, minutes)["gmv_cny"]
    after = _metric(at, label)
    assert after == [fmt.money(expected.value, lang)] and after != before
    assert expected.value > expected.baseline  # benefits minutes earn the most per minute
