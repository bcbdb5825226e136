"""The Weekly review page in AppTest, in both languages, and adding an action item."""

from __future__ import annotations

import pytest
from support.apptest import assert_clean, open_page

SCRIPT = "pages/review.py"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_page_opens(demo_duckdb_path, monkeypatch, tmp_path, lang):
    monkeypatch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    at = open_page(demo_duckdb_path, monkeypatch, SCRIPT, lang, week="2026-W46")
    assert at.title[0].value == ("周报复盘" if lang == "zh" else "Weekly review")
    assert at.query_params["week"] == "2026-W46"
    assert "start" not in at.query_params
    gmv = at.metric[0].value
    assert gmv == ("¥11.1万" if lang == "zh" else "¥111.4K")
    assert any(gmv in i.value for i in at.info)  # the narrative names the same GMV


def test_review_page_adds_an_action(demo_duckdb_path, monkeypatch, tmp_path):
    monkeypatch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    at = open_page(demo_duckdb_path, monkeypatch, SCRIPT, "en", week="2026-W46")
    at.text_input(key="review_action_text").input("Restock nut gift boxes")
    at.text_input(key="review_action_owner").input("Li Na")
    at.button(key="review_add_action").click().run()
    assert_clean(at)
    assert any("Restock nut gift boxes" in m.value for m in at.markdown)


def test_a_fall_shows_as_a_fall(demo_duckdb_path, monkeypatch, tmp_path):
    """The week after Double 11 sells less: the cards' deltas start with "-", so Streamlit
    draws them as a red fall, not a green rise (the tables' typographic minus would not)."""
    monkeypatch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    at = open_page(demo_duckdb_path, monkeypatch, SCRIPT, "en", week="2026-W47")
    gmv = at.metric[0]
    assert gmv.label == "GMV" and gmv.delta.startswith("-"), gmv.delta
    rises = [m for m in at.metric if m.delta and m.delta.startswith("+")]
    assert all(m.delta[1:2].isdigit() for m in rises)
