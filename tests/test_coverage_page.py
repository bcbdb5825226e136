"""A warehouse with rows only in the core tables (orders and customers, as an import leaves
it): every page and tab opens in both languages, the Overview and Segments show real numbers,
and every part whose data is absent says which table it needs, never an error or a made-up
number. Plus the coverage registry on that warehouse and on the demo, and `check`'s listing."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import TABS, open_page, open_tab
from support.handmade import load

from cockpit import coverage, overview
from cockpit.cli import main
from cockpit.filters import Filters
from cockpit.segments import lifecycle
from cockpit.ui import format as fmt
from cockpit.ui.i18n import kpi_label, t
from cockpit.warehouse import read_engine, write_engine
from cockpit.warehouse.load import create_schema
from cockpit.warehouse.schema import METADATA

LAST_DAY = date(2026, 6, 30)
HISTORY_DAYS = 540
CUSTOMERS = 300
LANGS = ["zh", "en"]
# Pages that stop with the note, and a table each must name.
NEEDS_PAGE = {"live": "live_sessions", "o2o": "stores", "logistics": "shipments"}
ABSENT_CARDS = {"cac": "marketing_spend", "ai_resolution_rate": "service_tickets",
                "co2e_per_order": "shipments"}


def _rows() -> dict[str, list[dict]]:
    """CUSTOMERS customers with a few orders each over HISTORY_DAYS to LAST_DAY, on Taobao;
    channel, region and city unknown (NULL), as an order export leaves them."""
    rng = random.Random(12)
    first = LAST_DAY - timedelta(days=HISTORY_DAYS - 1)
    customers, orders = [], []
    for cid in range(1, CUSTOMERS + 1):
        signup = first + timedelta(days=rng.randrange(HISTORY_DAYS // 2))
        customers.append(dict(customer_id=cid, signup_date=signup))
        for _ in range(1 + int(rng.expovariate(1 / 5))):
            day = signup + timedelta(days=rng.randrange((LAST_DAY - signup).days + 1))
            amount = round(rng.uniform(30, 900), 2)
            orders.append(dict(order_id=len(orders) + 1, customer_id=cid,
                               ordered_at=datetime(day.year, day.month, day.day,
                                                   rng.randrange(8, 23), rng.randrange(60)),
                               order_date=day, platform="taobao", channel=None, region=None,
                               city=None, total_cny=amount,
                               status="paid" if rng.random() < 0.93 else "refunded",
                               refunded_cny=None))
    for order in orders:
        if order["status"] == "refunded":
            order["refunded_cny"] = order["total_cny"]
    return {"customers": customers, "orders": orders}


@pytest.fixture(scope="module")
def core_path(tmp_path_factory) -> Path:
    """A DuckDB warehouse with every table, rows only in orders and customers."""
    path = tmp_path_factory.mktemp("core") / "core.duckdb"
    engine = write_engine(f"duckdb:///{path}")
    with engine.begin() as conn:
        create_schema(conn)
    load(engine, _rows())
    engine.dispose()
    return path


def _present(path: Path) -> frozenset[str]:
    engine = read_engine(f"duckdb:///{path}")
    try:
        with engine.connect() as conn:
            return coverage.tables_with_rows(conn)
    finally:
        engine.dispose()


def _notes(at: AppTest) -> list[str]:
    return [str(i.value) for i in at.main.info]


def _assert_needs(at: AppTest, table: str, lang: str) -> None:
    notes = [n for n in _notes(at) if t("coverage.needs", lang) in n]
    assert notes, _notes(at)
    assert f"`{table}`" in notes[0]
    assert f"--table {table}`" in notes[0] and "docs/import.md" in notes[0]
    assert not [n for n in _notes(at) if t("guard.nothing_matched", lang) in n]


def _filters(at: AppTest) -> Filters:
    return Filters(at.sidebar.date_input(key="start").value,
                   at.sidebar.date_input(key="end").value)


# --- the registry ------------------------------------------------------------------------


def test_tables_with_rows_sees_only_the_core_tables(core_path):
    assert _present(core_path) == {"orders", "customers"}


def test_tables_with_rows_on_both_dialects(empty_warehouse):
    with empty_warehouse.connect() as conn:
        assert coverage.tables_with_rows(conn) == frozenset()
    load(empty_warehouse, {"customers": [dict(customer_id=1)],
                           "orders": [dict(order_id=1, customer_id=1, platform="jd",
                                           status="paid", total_cny=10.0)]})
    with empty_warehouse.connect() as conn:
        present = coverage.tables_with_rows(conn)
    assert present == {"orders", "customers"}
    assert coverage.missing_for("segments.tiers", present) == ()
    assert coverage.missing_for("segments.c2m", present) == ("order_items", "products")


def test_served_on_the_core_tables(core_path):
    rows = {(page, part): missing for page, part, missing in coverage.served(_present(core_path))}
    assert len(rows) == len(coverage.REGISTRY)
    for part in ("tiers", "rfm", "migration", "clv", "playbooks"):
        assert rows["segments", part] == ()
    assert rows["overview", None] == () and rows["segments", None] == ()
    assert rows["overview", "kpi.cac"] == ("marketing_spend",)
    assert rows["overview", "kpi.ai_resolution_rate"] == ("service_tickets",)
    assert rows["overview", "kpi.co2e_per_order"] == ("shipments", "emission_factors")
    assert rows["live", None] == ("live_sessions", "live_minutes")
    assert rows["live", "replay"] == ("live_sessions", "live_minutes")  # a tab needs its page's
    assert rows["o2o", None] == ("stores", "store_visits")
    assert rows["logistics", None] == ("shipments", "emission_factors")
    assert rows["logistics", "cold"] == ("shipments", "emission_factors", "cold_chain_readings")
    assert set(rows["forecast", "inventory"]) >= {"inventory_daily", "warehouses"}
    assert rows["segments", "personas"] == ("order_items", "products")
    assert coverage.optional_missing("segments.personas", {"orders", "order_items", "products"}
                                     ) == ("reviews", "shipments")


def test_the_demo_warehouse_serves_everything(demo_duckdb_path):
    present = _present(demo_duckdb_path)
    assert [(page, part, missing) for page, part, missing in coverage.served(present)
            if missing] == []
    assert all(not coverage.optional_missing(key, present) for key in coverage.REGISTRY)


def test_unknown_keys_and_tables_are_refused():
    with pytest.raises(KeyError):
        coverage.missing_for("no_such_page", frozenset())
    tables = {t for need in coverage.REGISTRY.values() for t in (*need.tables, *need.optional)}
    assert tables <= set(METADATA.tables)
    # the review has no tabs; its AppTests are tests/test_review_page.py
    assert {page for page, _, _ in coverage.served(frozenset())} == set(TABS) | {"review"}


def test_check_lists_what_the_warehouse_serves(core_path, monkeypatch, capsys):
    assert main(["check", "--url", f"duckdb:///{core_path}"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("warehouse ok\n")
    assert "  live: needs live_sessions, live_minutes" in out
    assert "    served fully: tiers, rfm, migration" in out
    assert "    kpi.cac: needs marketing_spend" in out


def test_check_on_the_demo_serves_everything(demo_duckdb_path, capsys):
    assert main(["check", "--url", f"duckdb:///{demo_duckdb_path}"]) == 0
    out = capsys.readouterr().out
    n = len(coverage.REGISTRY)
    assert f"{n} of {n} pages, tabs and cards served fully" in out
    assert "needs" not in out


# --- the pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(TABS))
def test_every_page_and_tab_opens_without_error(core_path, monkeypatch, page, lang):
    at = open_page(core_path, monkeypatch, f"pages/{page}.py", lang)
    tabs_key, tabs = TABS[page]
    if page in NEEDS_PAGE:
        _assert_needs(at, NEEDS_PAGE[page], lang)
        assert not at.main.metric and not at.tabs  # the body did not run
    for tab in tabs[1:]:
        at = open_tab(at, tabs_key, t(f"{page}.tab.{tab}", lang))
        assert not [n for n in _notes(at) if t("guard.nothing_matched", lang) in n], tab
        if page in NEEDS_PAGE:
            _assert_needs(at, NEEDS_PAGE[page], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_overview_shows_real_numbers_and_says_which_cards_lack_data(core_path, monkeypatch,
                                                                   lang):
    at = open_page(core_path, monkeypatch, "pages/overview.py", lang)
    engine = read_engine(f"duckdb:///{core_path}")
    with engine.connect() as conn:
        expected = overview.kpis(conn, _filters(at)).set_index("kpi")["value"]
    engine.dispose()
    cards = {m.label: m for m in at.metric}
    assert expected["orders"] > 0
    for kpi in ("gmv", "orders", "active_customers"):
        assert cards[kpi_label(kpi, lang)].value != fmt.EMPTY
    assert cards[kpi_label("gmv", lang)].value == fmt.money(expected["gmv"], lang)
    assert cards[kpi_label("orders", lang)].value == fmt.count(expected["orders"], lang)
    for kpi, table in ABSENT_CARDS.items():
        card = cards[kpi_label(kpi, lang)]
        assert card.value == fmt.EMPTY, kpi
        assert f"`{table}`" in card.proto.help and "--table" in card.proto.help, kpi
    captions = [c.value for c in at.main.caption]
    assert any(t("coverage.card_caption", lang, tables="").strip() in c
               and "marketing_spend" in c for c in captions)
    # The KPI table says "—" too: no made-up 0 for the CAC.
    table = next(d.value for d in at.dataframe if t("col.kpi", lang) in d.value.columns)
    cac = table[table[t("col.kpi", lang)] == kpi_label("cac", lang)].iloc[0]
    assert cac[t("col.value", lang)] == fmt.EMPTY


@pytest.mark.parametrize("lang", LANGS)
def test_segments_tiers_and_rfm_show_real_numbers(core_path, monkeypatch, lang):
    at = open_page(core_path, monkeypatch, "pages/segments.py", lang)
    engine = read_engine(f"duckdb:///{core_path}")
    with engine.connect() as conn:
        summary = lifecycle.tier_summary(conn, _filters(at)).set_index("tier")
    engine.dispose()
    assert summary["customers"].sum() > 0
    for tier in lifecycle.TIERS:
        card = next(m for m in at.metric if m.label == t(f"segments.tier.{tier}", lang))
        assert card.value == fmt.count(summary.at[tier, "customers"], lang)
    at = open_tab(at, "segments_tab", t("segments.tab.rfm", lang))
    assert at.dataframe and len(at.dataframe[0].value) > 0
    assert not _notes(at)
    for tab, table in (("personas", "order_items"), ("acquisition", "marketing_spend"),
                       ("c2m", "products")):
        at = open_tab(at, "segments_tab", t(f"segments.tab.{tab}", lang))
        _assert_needs(at, table, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_forecast_tabs_say_which_data_they_need(core_path, monkeypatch, lang):
    at = open_page(core_path, monkeypatch, "pages/forecast.py", lang)
    assert at.tabs
    # Without order lines the series tab forecasts sale orders a day, and says nothing is
    # missing; units by category need the lines, and choosing that level says so.
    assert at.session_state["series_level"] == "orders"
    assert not [n for n in _notes(at) if t("coverage.needs", lang) in n]
    at.session_state["series_level"] = "category_region"
    at.run()
    _assert_needs(at, "order_items", lang)
    at = open_tab(at, "forecast_tab", t("forecast.tab.inventory", lang))
    _assert_needs(at, "inventory_daily", lang)
    at = open_tab(at, "forecast_tab", t("forecast.tab.c2m", lang))
    _assert_needs(at, "products", lang)


def test_the_note_is_in_chinese_in_chinese(core_path, monkeypatch):
    at = open_page(core_path, monkeypatch, "pages/live.py", "zh")
    note = _notes(at)[0]
    assert "直播场次" in note and "`live_minutes`" in note and "文件" in note
