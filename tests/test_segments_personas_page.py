"""The persona and playbook sections of the Segments page, rendered alone with AppTest in both
languages, with a widget interaction each."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from cockpit.ui.i18n import t

CJK = re.compile(r"[\u4e00-\u9fff]")


def _section(section: str, lang: str) -> None:
    import importlib
    from datetime import date

    from cockpit.filters import Filters

    module = importlib.import_module(f"cockpit.ui.segments.{section}")
    module.render(Filters(date(2026, 10, 28), date(2026, 11, 24)), lang)


@pytest.fixture
def app(demo_duckdb_path, monkeypatch):
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{demo_duckdb_path}")

    def make(section: str, lang: str) -> AppTest:
        at = AppTest.from_function(_section, args=(section, lang), default_timeout=120)
        return at.run()

    return make


def _metric(at: AppTest, key: str, lang: str):
    return next(m for m in at.metric if m.label == t(key, lang))


def _clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_personas_section_and_k_override(app, lang):
    at = app("personas", lang)
    _clean(at)
    auto = int(_metric(at, "personas.kpi.personas", lang).value)
    assert 2 <= auto <= 10
    cards = [m for m in at.metric if m.label == t("personas.card.customers", lang)]
    assert len(cards) == auto
    if lang == "en":
        texts = [m.label for m in at.metric] + [c.value for c in at.main.caption]
        assert not [x for x in texts if CJK.search(x)]
    else:
        assert any(CJK.search(c.value) for c in at.caption)
    other = 3 if auto != 3 else 4
    at.selectbox(key="personas_k").set_value(other).run()
    _clean(at)
    assert int(_metric(at, "personas.kpi.personas", lang).value) == other
    cards = [m for m in at.metric if m.label == t("personas.card.customers", lang)]
    assert len(cards) == other


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_playbooks_section_switches_audience(app, lang):
    at = app("playbooks", lang)
    _clean(at)
    tier_size = _metric(at, "playbooks.kpi.customers", lang).value
    assert t("playbooks.play.repurchase", lang) in " ".join(m.value for m in at.markdown)
    assert at.dataframe, "rules and export tables"
    at.segmented_control(key="playbooks_kind").set_value("persona").run()
    _clean(at)
    box = at.selectbox(key="playbooks_persona")
    first = box.options[0]
    persona_size = _metric(at, "playbooks.kpi.customers", lang).value
    assert persona_size != tier_size
    markdown = " ".join(m.value for m in at.markdown)
    assert t("playbooks.persona.goal", lang, name=first) in markdown
    box.select_index(len(box.options) - 1).run()
    _clean(at)
    assert _metric(at, "playbooks.kpi.customers", lang).value != persona_size
