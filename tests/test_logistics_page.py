"""The Green logistics page in AppTest, in both languages: it renders, every KPI has a
definition, and moving what-if sliders moves the projection the right way."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import open_page, open_tab

from cockpit.ui.i18n import t

PAGE = "pages/logistics.py"


def _page(demo_duckdb_path, monkeypatch, lang: str) -> AppTest:
    return open_page(demo_duckdb_path, monkeypatch, PAGE, lang)


def _open_tab(at: AppTest, tab: str, lang: str) -> AppTest:
    return open_tab(at, "logistics_tab", t(f"logistics.tab.{tab}", lang))


def _kg(at: AppTest, key: str, lang: str) -> float:
    value = next(m.value for m in at.metric if m.label == t(key, lang))
    number, unit = re.fullmatch(r"([\d.,]+) (kg|t)", value).groups()
    return float(number.replace(",", "")) * (1000 if unit == "t" else 1)


def _money(at: AppTest, key: str, lang: str) -> float:
    value = next(m.value for m in at.metric if m.label == t(key, lang))
    return float(value.lstrip("¥"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whatif_sliders_move_the_projection(demo_duckdb_path, monkeypatch, lang):
    at = _open_tab(_page(demo_duckdb_path, monkeypatch, lang), "whatif", lang)
    assert at.title[0].value == t("page.logistics", lang)
    for m in at.metric:
        assert m.proto.help, m.label  # every figure carries its definition
    co2e_key, cost_key = "logistics.whatif.co2e", "logistics.whatif.cost"
    today_kg = _kg(at, "logistics.kpi.per_order", lang)
    assert _kg(at, co2e_key, lang) == pytest.approx(today_kg, abs=0.005)
    today_cost = _money(at, cost_key, lang)

    at.slider(key="whatif_electric").set_value(100).run()
    assert not at.exception
    electric_kg, electric_cost = _kg(at, co2e_key, lang), _money(at, cost_key, lang)
    assert electric_kg < today_kg and electric_cost < today_cost

    at.slider(key="whatif_stop").set_value(3.0).run()
    consolidated = _kg(at, co2e_key, lang)
    assert consolidated < electric_kg

    at.slider(key="whatif_electric").set_value(0).run()
    assert _kg(at, co2e_key, lang) > consolidated
    at.button(key="whatif_reset").click().run()
    assert _kg(at, co2e_key, lang) == pytest.approx(today_kg, abs=0.005)
    assert not at.exception and not at.error


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tab_renders(demo_duckdb_path, monkeypatch, lang):
    at = _page(demo_duckdb_path, monkeypatch, lang)
    for tab in ("co2e", "green", "packaging", "cold", "cross", "sustainable", "esg"):
        _open_tab(at, tab, lang)
        assert at.metric or at.dataframe, tab
    assert len(at.dataframe) == 1  # the ESG summary, one row per figure
    assert at.dataframe[0].value.shape[0] == 19


def test_switching_the_split_segments_and_grain(demo_duckdb_path, monkeypatch):
    at = _page(demo_duckdb_path, monkeypatch, "en")
    source, year = t("logistics.col.source", "en"), t("logistics.col.year", "en")
    factors = next(d.value for d in at.dataframe if source in d.value.columns)
    ids = factors[t("logistics.col.factor_id", "en")].tolist()
    assert {"truck_line_haul_tkm", "diesel_van_vkm", "grid_electricity_all"} <= set(ids)
    assert "grid_electricity_all" in ids and factors[year].between(2015, 2026).all()
    assert factors[source].str.contains("GLEC").any()
    at.button_group(key="logistics_dim").set_value("warehouse").run()
    assert "Ningbo Bonded Warehouse" in at.dataframe[0].value.iloc[:, 0].tolist()
    at.button_group(key="logistics_grain").set_value("month").run()
    _open_tab(at, "sustainable", "en")
    at.button_group(key="logistics_segment").set_value("age_band").run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
