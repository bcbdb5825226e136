"""The Customer segments page in AppTest, both languages: tabs, tier cards with definitions,
the migration grouping switch and the date filter change what is shown, correctly."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import open_page, open_tab

from cockpit.filters import Filters
from cockpit.segments import lifecycle, rfm
from cockpit.ui import format as fmt
from cockpit.ui.i18n import t
from cockpit.warehouse import read_engine

PAGE = "pages/segments.py"


def _page(demo_duckdb_path, monkeypatch, lang: str) -> AppTest:
    return open_page(demo_duckdb_path, monkeypatch, PAGE, lang)


def _metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def _table_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _filters(at: AppTest) -> Filters:
    return Filters(at.sidebar.date_input(key="start").value,
                   at.sidebar.date_input(key="end").value)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tiers_show_definitions_and_follow_the_date_filter(demo_duckdb_path, monkeypatch, lang):
    at = _page(demo_duckdb_path, monkeypatch, lang)
    assert t("page.segments", lang) in [x.value for x in at.title]
    tabs = [tab.label for tab in at.tabs]
    for key in ("tiers", "rfm", "migration", "acquisition", "c2m"):
        assert t(f"segments.tab.{key}", lang) in tabs
    unit = "单位" if lang == "zh" else "Unit"
    for tier in lifecycle.TIERS:
        card = _metric(at, t(f"segments.tier.{tier}", lang))
        assert unit in card.proto.help
    for m in at.metric:
        assert m.proto.help, m.label  # every number carries a definition

    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    before = _filters(at)
    new_label = t("segments.tier.new", lang)
    assert _metric(at, new_label).value == fmt.count(_new(engine, before), lang)
    wider = before.start - timedelta(days=90)
    at.sidebar.date_input(key="start").set_value(wider).run()
    assert not at.exception and not at.error
    after = _filters(at)
    assert after.start == wider
    expected = _new(engine, after)
    assert expected > _new(engine, before)  # a longer period holds more first orders
    assert _metric(at, new_label).value == fmt.count(expected, lang)
    engine.dispose()


def _new(engine, f: Filters) -> int:
    with engine.connect() as conn:
        return int(lifecycle.tier_summary(conn, f).set_index("tier").at["new", "customers"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_migration_switches_between_tiers_and_rfm_groups(demo_duckdb_path, monkeypatch, lang):
    at = _page(demo_duckdb_path, monkeypatch, lang)
    open_tab(at, "segments_tab", t("segments.tab.migration", lang))
    col_from = t("segments.col.from", lang)
    flows = _table_with(at, col_from)
    tier_names = {t(f"segments.tier.{x}", lang) for x in (*lifecycle.TIERS, "none")}
    assert set(flows[col_from]) <= tier_names
    assert t("segments.tier.vip", lang) in set(flows[col_from])
    clv_col = t("segments.col.clv_at_stake", lang)
    assert flows[clv_col].str.startswith("¥").all()  # every flow carries its CLV in ¥

    at.button_group(key="migration_grouping").set_value("rfm").run()
    assert not at.exception and not at.error
    flows = _table_with(at, col_from)
    assert t("segments.rfm.champions", lang) in set(flows[col_from])
    rfm_names = {t(f"segments.rfm.{g}", lang) for g in (*rfm.GROUPS, "none")}
    assert set(flows[col_from]) <= rfm_names
    assert t("segments.tier.vip", lang) not in set(flows[col_from])
    assert flows[clv_col].str.startswith("¥").all()


def test_sankey_bands_stack_inside_their_nodes_and_fit_a_label():
    from cockpit.ui.segments import migration as sm

    flows = pd.DataFrame({"source": ["none", "new", "new", "vip", "vip", "dormant"],
                          "target": ["new", "returning", "vip", "vip", "at_risk", "dormant"],
                          "customers": [5, 40, 1, 300, 2, 600]})
    least = 0.02
    lspan, rspan, bands = sm.layout(flows, list(lifecycle.TIERS), least)
    thick = bands["y0_top"] - bands["y0_bot"]
    assert (thick >= least - 1e-9).all()
    assert thick.round(9).equals((bands["y1_top"] - bands["y1_bot"]).round(9))
    big = bands.set_index("target")
    by_pair = thick.set_axis(list(zip(bands["source"], bands["target"], strict=True)))
    # bands above the minimum are proportional to customers (600 vs 300)
    assert by_pair[("dormant", "dormant")] == pytest.approx(2 * by_pair[("vip", "vip")])
    assert by_pair[("new", "vip")] == pytest.approx(least)  # 1 customer: drawn at the minimum
    for side, spans, node in (("0", lspan, "source"), ("1", rspan, "target")):
        for code, (top, bot) in spans.items():
            mine = bands[bands[node] == code].sort_values(f"y{side}_top", ascending=False)
            assert mine[f"y{side}_top"].iloc[0] == pytest.approx(top)
            assert mine[f"y{side}_bot"].iloc[-1] == pytest.approx(bot)
            gaps = mine[f"y{side}_bot"].to_numpy()[:-1] - mine[f"y{side}_top"].to_numpy()[1:]
            assert gaps == pytest.approx([0.0] * len(gaps))  # contiguous, no overlap
    assert list(lspan)[0] == "none" and "none" not in rspan
    assert big.loc["dormant", "y1_bot"] >= -1e-9  # everything fits in [0, 1]
    fig = sm.sankey_figure(flows.assign(clv_at_stake_cny=1000.0,
                                        direction=["in", "same", "up", "same", "down", "same"]),
                           "tier", "en")
    labels = [a.text for a in fig.layout.annotations]
    assert sum("¥" in text for text in labels) == len(flows)  # every flow carries its label
