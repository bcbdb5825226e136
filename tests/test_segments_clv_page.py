"""The CLV section of the Segments page, alone in AppTest, in both languages: KPIs with
definitions, CLV by tier, the holdout check, the parameters; the horizon and holdout pickers
change what is shown."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from cockpit.ui.i18n import t

CJK = re.compile(r"[\u4e00-\u9fff]")


def section_script() -> None:
    from datetime import date

    import streamlit as st

    from cockpit.filters import Filters
    from cockpit.ui.segments import clv as segments_clv

    segments_clv.render(Filters(date(2026, 10, 28), date(2026, 11, 24)),
                        st.query_params.get("lang", "en"))


@pytest.fixture
def app(demo_duckdb_path, monkeypatch):
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{demo_duckdb_path}")

    def make(lang: str) -> AppTest:
        at = AppTest.from_function(section_script, default_timeout=120)
        at.query_params["lang"] = lang
        return at.run()

    return make


def money(text: str) -> float:
    """¥1.23万 / ¥12.3K / ¥850 -> yuan."""
    number = float(re.sub(r"[^\d.]", "", text))
    for suffix, size in (("万", 1e4), ("亿", 1e8), ("K", 1e3), ("M", 1e6), ("B", 1e9)):
        if text.endswith(suffix):
            return number * size
    return number


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_section_renders_with_definitions_and_reacts_to_the_pickers(app, lang):
    at = app(lang)
    assert not at.exception, at.exception
    assert not at.error
    labels = [m.label for m in at.metric]
    assert len(labels) == 4
    unit = "单位" if lang == "zh" else "Unit"
    assert all(unit in m.proto.help for m in at.metric)
    if lang == "en":
        texts = labels + [c.value for c in at.caption] + [s.value for s in at.subheader]
        assert not [x for x in texts if CJK.search(x)]
    subheaders = [s.value for s in at.subheader]
    assert t("clv.by_tier", lang) in subheaders and t("clv.holdout", lang) in subheaders
    assert len(at.dataframe) >= 3  # tiers, holdout, parameters (+ personas when present)

    year = money(metric(at, t("clv.kpi.clv", lang, days=365)).value)
    at.button_group(key="clv_horizon").set_value(90).run()
    assert not at.exception
    quarter = money(metric(at, t("clv.kpi.clv", lang, days=90)).value)
    assert 0 < quarter < 0.5 * year  # a quarter is worth well under half a year

    caption = next(c.value for c in at.caption if "2026-11-24" in c.value and
                   ("2026-05-28" in c.value))  # 180-day holdout by default
    at.button_group(key="clv_holdout").set_value(90).run()
    assert not at.exception
    assert caption not in [c.value for c in at.caption]
    assert any("2026-08-26" in c.value for c in at.caption)
