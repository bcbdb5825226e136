"""The app in Streamlit's AppTest: every page in both languages, filters, and clear errors."""

from __future__ import annotations

import re
import shutil
import socket
from datetime import date
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest
from support.write_lock import write_lock_held

from cockpit import facts, overview
from cockpit.filters import Filters
from cockpit.ui import format as fmt
from cockpit.ui.filters import default_range, parse_date
from cockpit.ui.firstrun import needs_demo, progress_fraction
from cockpit.ui.i18n import kpi_label, t
from cockpit.ui.registry import PAGES
from cockpit.warehouse import read_engine
from cockpit.warehouse.engine import building_marker

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CJK = re.compile(r"[\u4e00-\u9fff]")
TIMEOUT = 120


def _app(url: str, monkeypatch, **params: str | list[str]) -> AppTest:
    monkeypatch.setenv("COCKPIT_DB_URL", url)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _texts(at: AppTest) -> list[str]:
    kinds = ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error")
    return [str(el.value) for kind in kinds for el in getattr(at, kind)]


def _metric(at: AppTest, kpi: str, lang: str):
    return next(m for m in at.metric if m.label == kpi_label(kpi, lang))


@pytest.fixture
def demo_url(demo_duckdb_path) -> str:
    return f"duckdb:///{demo_duckdb_path}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_every_page_renders_in_both_languages(page, lang, demo_url, monkeypatch):
    at = _app(demo_url, monkeypatch, lang=lang)
    at.run()
    if page.url_path:
        at.switch_page(page.script).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    texts = _texts(at)
    assert t("filters.header", lang) in [h.value for h in at.sidebar.header]
    assert t(page.title_key, lang) in texts
    if lang == "zh":
        assert any(CJK.search(text) for text in texts)
    else:
        main = [m.label for m in at.metric] + [c.value for c in at.main.caption]
        assert not [text for text in main if CJK.search(text)]


def test_overview_shows_every_kpi_with_tooltip(demo_url, monkeypatch):
    at = _app(demo_url, monkeypatch, lang="zh")
    at.run()
    labels = {m.label: m for m in at.metric}
    for key in overview.KPI_KEYS:
        assert kpi_label(key, "zh") in labels
        assert "单位" in labels[kpi_label(key, "zh")].proto.help
    gmv = _metric(at, "gmv", "zh").value
    assert gmv.startswith("¥") and gmv.endswith(("万", "亿"))  # small demo: 10^4–10^8 a month


def test_url_parameters_open_the_same_view(demo_url, demo_duckdb_path, monkeypatch):
    engine = read_engine(demo_url)
    with engine.connect() as conn:
        first, last = facts.data_range(conn)
        f = Filters(date(last.year, last.month, 1), last, channels=("live_stream",))
        expected = overview.kpis(conn, f).set_index("kpi").at["gmv", "value"]
    engine.dispose()
    at = _app(demo_url, monkeypatch, lang="en", start=f.start.isoformat(),
              end=f.end.isoformat(), channel=["live_stream", "no_such_channel"])
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="channel").value == ["live_stream"]
    assert at.sidebar.date_input(key="start").value == f.start
    assert _metric(at, "gmv", "en").value == fmt.money(expected, "en")
    assert _metric(at, "live_share", "en").value == "100.0%"


def test_invalid_url_dates_fall_back_to_the_last_28_days(demo_url, monkeypatch):
    at = _app(demo_url, monkeypatch, lang="en", start="2026-13-45", end="1999-01-01")
    at.run()
    assert not at.exception
    start, end = at.sidebar.date_input(key="start").value, at.sidebar.date_input(key="end").value
    assert (end - start).days == 27


def test_changing_the_channel_filter_updates_the_kpis(demo_url, monkeypatch):
    at = _app(demo_url, monkeypatch, lang="zh")
    at.run()
    start = at.sidebar.date_input(key="start").value
    end = at.sidebar.date_input(key="end").value
    before = _metric(at, "gmv", "zh").value
    at.sidebar.multiselect(key="channel").set_value(["offline_store"]).run()
    assert not at.exception
    engine = read_engine(demo_url)
    with engine.connect() as conn:
        k = overview.kpis(conn, Filters(start, end, channels=("offline_store",)))
    engine.dispose()
    k = k.set_index("kpi")["value"]
    after = _metric(at, "gmv", "zh").value
    assert after != before
    assert after == fmt.money(k["gmv"], "zh")
    assert _metric(at, "orders", "zh").value == fmt.count(k["orders"], "zh")
    assert _metric(at, "live_share", "zh").value == "0.0%"  # a store sells nothing live


def test_language_switch_keeps_the_filters_and_the_url_follows(demo_url, monkeypatch):
    at = _app(demo_url, monkeypatch)
    at.run()
    assert at.title[0].value == t("overview.title", "zh")
    at.sidebar.multiselect(key="category").set_value(["fresh"])
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == t("overview.title", "en")
    assert at.sidebar.multiselect(key="category").value == ["fresh"]
    assert at.sidebar.multiselect(key="category").label == t("filters.category", "en")
    # AppTest reruns only the page after a widget change, so the shell's `lang` parameter
    # is not rewritten here; the page's own parameters are.
    assert at.query_params["category"] in ("fresh", ["fresh"])
    assert at.query_params["end"] in (end := at.sidebar.date_input(key="end").value.isoformat(),
                                      [end])


def test_filters_that_match_nothing_explain_what_to_change(demo_url, monkeypatch):
    engine = read_engine(demo_url)
    with engine.connect() as conn:
        region, city = conn.execute(
            sa.text("SELECT region, MIN(city) FROM orders GROUP BY region ORDER BY region")
        ).first()
        other = conn.execute(sa.text("SELECT MIN(region) FROM orders WHERE region <> :r"),
                             {"r": region}).scalar_one()
    engine.dispose()
    at = _app(demo_url, monkeypatch, lang="en", region=other, city=city)
    at.run()
    assert not at.exception and not at.error
    assert any(t("guard.nothing_matched", "en") in i.value for i in at.info)


def test_missing_warehouse_says_how_to_build_it(tmp_path, monkeypatch):
    at = _app(f"duckdb:///{tmp_path / 'absent.duckdb'}", monkeypatch, lang="en")
    at.run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert t("guard.missing", "en") in message and "python -m cockpit demo" in message


def test_missing_tables_are_named(tmp_path, monkeypatch):
    path = tmp_path / "partial.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE orders (order_id BIGINT)")
    at = _app(f"duckdb:///{path}", monkeypatch, lang="zh")
    at.run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "order_items" in message and "python -m cockpit demo" in message
    assert "缺少" in message


def test_first_start_builds_the_default_demo_then_shows_the_overview(
        demo_duckdb_path, tmp_path, monkeypatch):
    import cockpit.demo.build
    import cockpit.ui.firstrun

    target = tmp_path / "data" / "cockpit.duckdb"
    calls = []

    def fake_build(url, scale, progress):  # copies the session's small demo into place
        calls.append((url, scale))
        for done in range(1, 4):
            progress("generate:orders", done, 3)
        target.parent.mkdir()
        shutil.copy(demo_duckdb_path, target)

    monkeypatch.setattr(cockpit.ui.firstrun, "DEFAULT_DB_PATH", target)
    monkeypatch.setattr(cockpit.demo.build, "build_demo", fake_build)
    at = _app(f"duckdb:///{target}", monkeypatch, lang="en")
    at.run()
    assert not at.exception and not at.error
    assert calls == [(f"duckdb:///{target}", "default")]
    assert at.title[0].value == t("overview.title", "en")
    assert len(at.metric) == len(overview.KPI_KEYS)


def test_rebuild_in_progress_shows_a_banner(demo_url, demo_duckdb_path, monkeypatch):
    marker = building_marker(demo_duckdb_path)
    try:
        with write_lock_held(marker):
            at = _app(demo_url, monkeypatch, lang="zh")
            at.run()
    finally:
        marker.unlink()
    assert not at.exception
    assert any(t("guard.rebuilding", "zh") in i.value for i in at.info)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_server_points_at_the_url_setting(monkeypatch):
    url = f"postgresql+psycopg://nobody@127.0.0.1:{_closed_port()}/cockpit"
    at = _app(url, monkeypatch, lang="en")
    at.run()
    assert not at.exception
    assert any("COCKPIT_DB_URL" in e.value for e in at.error)


def _guarded_page(kind: str) -> None:
    import streamlit as st

    from cockpit.ui.guard import page_guard, require_data
    from cockpit.warehouse import WarehouseBusy

    with page_guard("en"):
        st.write("before")
        if kind == "busy":
            raise WarehouseBusy("Could not set lock on file")
        if kind == "bug":
            raise KeyError("no_such_column")
        require_data(kind != "empty")
        st.write("after")


@pytest.mark.parametrize("kind", ["busy", "bug", "empty", "fine"])
def test_guard_turns_failures_into_messages(kind):
    at = AppTest.from_function(_guarded_page, args=(kind,), default_timeout=30)
    at.run()
    assert not at.exception
    written = [m.value for m in at.markdown]
    if kind == "busy":
        assert at.warning[0].value == t("guard.busy", "en")
        assert at.button(key="guard_retry").label == t("guard.retry", "en")
    elif kind == "bug":
        assert "no_such_column" in at.error[0].value
    elif kind == "empty":
        assert t("guard.nothing_matched", "en") in at.info[0].value
    else:
        assert written == ["before", "after"]


def test_registry_pages_exist_and_one_is_the_default():
    assert [p.url_path for p in PAGES].count("") == 1
    assert len({p.key for p in PAGES}) == len({p.url_path for p in PAGES}) == len(PAGES)
    for page in PAGES:
        assert (ROOT / page.script).is_file()
        assert t(page.title_key, "zh") != page.title_key


def test_small_helpers():
    assert default_range(date(2026, 1, 1), date(2026, 3, 1)) == (date(2026, 2, 2),
                                                                 date(2026, 3, 1))
    assert default_range(date(2026, 2, 20), date(2026, 3, 1))[0] == date(2026, 2, 20)
    assert parse_date("2026-02-03", date(2026, 1, 1), date(2026, 3, 1)) == date(2026, 2, 3)
    assert parse_date("2026-02-30", date(2026, 1, 1), date(2026, 3, 1)) is None
    assert parse_date("2027-01-01", date(2026, 1, 1), date(2026, 3, 1)) is None
    assert progress_fraction("generate:orders", 0, 10) == 0.0
    assert progress_fraction("load:orders", 10, 10) == 1.0
    assert 0 < progress_fraction("generate:orders", 5, 10) < progress_fraction("load:x", 1, 9)
    assert not needs_demo("postgresql+psycopg://u@h/db")
    assert not needs_demo("duckdb:////tmp/elsewhere.duckdb")
