"""The Demand forecast page in AppTest, both languages: renders, and the what-if sliders move
the forecast in the right direction without refitting."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import open_page

from cockpit.ui.i18n import t

CJK = re.compile(r"[\u4e00-\u9fff]")


def _open(demo_duckdb_path, monkeypatch, lang: str) -> AppTest:
    return open_page(demo_duckdb_path, monkeypatch, "pages/forecast.py", lang)


def _metric(at: AppTest, key: str, lang: str):
    return next(m for m in at.metric if m.label == t(key, lang))


def _units(at: AppTest, lang: str) -> float:
    return float(re.sub(r"[^\d.]", "", _metric(at, "forecast.kpi.units", lang).value))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_forecast_page_and_what_if(demo_duckdb_path, monkeypatch, lang):
    at = _open(demo_duckdb_path, monkeypatch, lang)
    assert at.title[0].value == t("page.forecast", lang)
    assert at.subheader, "the forecast heading is shown"
    texts = " ".join(str(m.value) for m in at.markdown) + " ".join(s.value for s in at.subheader)
    assert t("forecast.effects", lang) in texts
    model = _metric(at, "forecast.kpi.model", lang).value
    names = [t(f"forecast.model.{m}", lang) for m in (
        "prophet", "auto_ets", "auto_theta", "auto_arima", "seasonal_naive")] + [
        t(f"forecast.kind.{k}", lang) for k in ("median", "weighted")]
    assert model in names  # short enough for the card; the trust block names it in full
    assert at.dataframe, "the backtest table is shown"
    if lang == "en":
        labels = [m.label for m in at.metric] + [c.value for c in at.caption]
        assert not any(CJK.search(x) for x in labels)

    # pick the nut gift boxes across regions: its Spring Festival effect is in the words
    at.selectbox(key="series_key_category_region").set_value("nut_gifts|all").run()
    assert not at.exception and not at.error
    lines = " ".join(str(m.value) for m in at.markdown)
    assert t("forecast.holiday.spring_festival_run_up", lang) in lines

    base = _units(at, lang)
    at.slider(key="series_horizon").set_value(60).run()
    longer = _units(at, lang)
    assert longer > base  # more days, more units
    assert not at.exception and not at.error

    at.slider(key="series_festival").set_value(0).run()
    no_festival = _units(at, lang)
    assert no_festival < longer  # 60 days from the end of November include Double 12
    at.slider(key="series_festival").set_value(100).run()
    assert _units(at, lang) == pytest.approx(longer, rel=1e-3)

    # a dearer list price never sells more (the elasticity applied is bounded to [-5, 0])
    at.slider(key="series_price").set_value(20).run()
    assert not at.exception and not at.error
    assert _units(at, lang) <= longer
    assert _metric(at, "forecast.kpi.gmv", lang).delta  # GMV moves with the paid price
    # every slider back at rest: exactly the base forecast, no delta on any KPI
    at.slider(key="series_price").set_value(0).run()
    assert _units(at, lang) == longer
    assert all(not m.delta for m in at.metric)


def test_sku_level_lists_skus(demo_duckdb_path, monkeypatch):
    at = _open(demo_duckdb_path, monkeypatch, "en")
    at.segmented_control(key="series_level").set_value("sku_warehouse").run()
    assert not at.exception and not at.error
    box = at.selectbox(key="series_key_sku_warehouse")
    sku, warehouse = box.value.split("|")
    assert warehouse.isdigit()
    assert sku in box.options[0]  # the largest series is picked first
    assert sku in at.subheader[0].value  # the heading names the SKU shown
    assert _units(at, "en") >= 0 and _metric(at, "forecast.kpi.units", "en").help


def test_other_tabs_render_when_open(demo_duckdb_path, monkeypatch):
    """Tabs are lazy: only the open one runs; the inventory and C2M tabs (when their
    sections exist) render without error once opened."""
    at = _open(demo_duckdb_path, monkeypatch, "en")
    labels = [tab.label for tab in at.tabs]
    assert labels[0] == t("forecast.tab.series", "en")
    for label in labels[1:]:
        at.session_state["forecast_tab"] = label
        at.run()
        assert not at.exception and not at.error, label
        assert not any(m.label == t("forecast.kpi.units", "en") for m in at.metric)


def _section_alone(section: str, lang: str, start: str, end: str) -> None:
    import importlib
    from datetime import date

    from cockpit.filters import Filters
    from cockpit.ui.guard import page_guard

    with page_guard(lang):
        module = importlib.import_module("cockpit.ui." + section.replace("_", ".", 1))
        module.render(Filters(date.fromisoformat(start), date.fromisoformat(end)), lang)


@pytest.mark.parametrize("section", ["forecast_series", "forecast_inventory", "forecast_c2m"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sections_explain_an_empty_selection(demo_duckdb_path, monkeypatch, section, lang):
    """Filters before the first order: each tab says the filters matched nothing (no error,
    no empty chart)."""
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{demo_duckdb_path}")
    at = AppTest.from_function(_section_alone, args=(section, lang, "2020-01-01", "2020-01-31"),
                               default_timeout=120).run()
    assert not at.exception and not at.error, (at.exception, at.error)
    assert any(t("guard.nothing_matched", lang) in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.metric
