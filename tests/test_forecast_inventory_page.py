"""The forecast page's inventory and C2M sections rendered alone with AppTest, in Chinese and
English, with a widget moved and the output checked."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

CJK = re.compile(r"[\u4e00-\u9fff]")


def _section(section: str, lang: str) -> None:
    import importlib
    from datetime import date

    from cockpit.filters import Filters
    from cockpit.ui.guard import page_guard

    with page_guard(lang):
        module = importlib.import_module("cockpit.ui." + section.replace("_", ".", 1))
        module.render(Filters(date(2026, 10, 28), date(2026, 11, 24)), lang)


def _run(section: str, lang: str, demo_duckdb_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{demo_duckdb_path}")
    at = AppTest.from_function(_section, args=(section, lang), default_timeout=120).run()
    assert not at.exception and not at.error
    return at


def _metric(at: AppTest, index: int) -> str:
    return at.metric[index].value


def _number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_service_level_slider_raises_safety_stock(lang, demo_duckdb_path, monkeypatch) -> None:
    at = _run("forecast_inventory", lang, demo_duckdb_path, monkeypatch)
    before = _number(_metric(at, 2))  # total safety stock, units
    at.slider(key="inventory_service_level").set_value(0.99).run()
    assert not at.exception and not at.error
    assert _number(_metric(at, 2)) > before > 0
    labels = " ".join(m.label for m in at.metric)
    assert bool(CJK.search(labels)) == (lang == "zh")
    assert len(at.dataframe) == 2  # plan and placement tables
    at.slider(key="inventory_horizon").set_value(7).run()
    assert not at.exception and not at.error


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_c2m_section_flags_hoodie(lang, demo_duckdb_path, monkeypatch) -> None:
    at = _run("forecast_c2m", lang, demo_duckdb_path, monkeypatch)
    products = at.dataframe[0].value
    assert "C2M-HOODIE-01" in set(products.iloc[:, 0])
    flagged = products[products.iloc[:, 0] == "C2M-HOODIE-01"].iloc[0, -1]
    assert flagged == ("是" if lang == "zh" else "yes")
    caption = at.caption[0].value
    at.segmented_control(key="c2m_window").set_value("365").run()
    assert not at.exception and not at.error
    assert at.caption[0].value != caption  # the halves compared moved
    labels = " ".join(m.label for m in at.metric)
    assert bool(CJK.search(labels)) == (lang == "zh")
