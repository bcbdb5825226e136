"""A region manager in the real app (AppTest, both languages): the sidebar offers only their
region, a link's `?region=<another>` is dropped and the page says so, and the Overview
shows their region's numbers only, never another user's cached ones.

Sign-in goes through header mode, its request headers replaced as in test_access_pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import APP, TIMEOUT_S, assert_clean, open_app, sign_in_by_header
from support.gmv import gmv_by_region
from support.read_role import read_role_url

from cockpit import facts
from cockpit.access.users import add_user
from cockpit.appstore import app_engine
from cockpit.ui import format as fmt
from cockpit.ui.filters import UrlNote, default_range, notice_text
from cockpit.ui.i18n import kpi_label, name, t
from cockpit.warehouse import read_engine

SECRET = "proxy-secret-for-scope-tests"
LANGS = ["zh", "en"]
MANAGER = "east.manager@example.com"


def _sign_in_east_manager(tmp_path, monkeypatch) -> None:
    """Header mode, signed in as a region manager of east."""
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("COCKPIT_APP_DB_URL", url)
    add_user(app_engine(url), MANAGER, "region_manager", regions="east")
    sign_in_by_header(monkeypatch, MANAGER, SECRET)


@pytest.fixture
def east_manager(tmp_path, monkeypatch) -> None:
    _sign_in_east_manager(tmp_path, monkeypatch)


def _gmv_by_region(demo_duckdb_path) -> dict[str | None, float]:
    gmv = gmv_by_region(f"duckdb:///{demo_duckdb_path}")
    with read_engine(f"duckdb:///{demo_duckdb_path}").connect() as conn:
        start, end = default_range(*facts.data_range(conn))
    assert end - start == timedelta(days=27)
    return gmv


def open_page(demo_duckdb_path, monkeypatch, lang: str, **params: str) -> AppTest:
    """A new session on a link to the app (its first page: the Overview) with `params`."""
    return assert_clean(open_app(demo_duckdb_path, monkeypatch, lang, **params))


def _gmv_card(at, lang: str) -> str:
    return next(m.value for m in at.metric if m.label == kpi_label("gmv", lang))


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_to_another_region_shows_only_the_managers_region(
        demo_duckdb_path, monkeypatch, east_manager, lang) -> None:
    gmv = _gmv_by_region(demo_duckdb_path)
    at = open_page(demo_duckdb_path, monkeypatch, lang, region="north")
    dropped = notice_text([UrlNote("region", "north", "out_of_scope")], lang)
    assert dropped in [i.value for i in at.main.info]
    region = at.sidebar.multiselect(key="region")
    assert region.value == [] and region.options == [name("region", "east", lang)]
    shown = _gmv_card(at, lang)
    assert shown == fmt.value(gmv["east"], "cny", lang)
    assert shown not in (fmt.value(gmv["north"], "cny", lang),
                         fmt.value(sum(gmv.values()), "cny", lang))
    assert "north" not in at.query_params.get("region", [])
    cac = [c.value for c in at.caption]
    assert t("scope.platform_wide", lang) in cac  # CAC: platform-wide spend, said why


@pytest.mark.parametrize("lang", LANGS)
def test_a_region_manager_is_never_served_the_open_sessions_cached_gmv(
        demo_duckdb_path, monkeypatch, tmp_path, lang) -> None:
    gmv = _gmv_by_region(demo_duckdb_path)
    monkeypatch.delenv("COCKPIT_AUTH", raising=False)
    everything = open_page(demo_duckdb_path, monkeypatch, lang)
    assert _gmv_card(everything, lang) == fmt.value(sum(gmv.values()), "cny", lang)
    _sign_in_east_manager(tmp_path, monkeypatch)
    scoped = open_page(demo_duckdb_path, monkeypatch, lang)
    assert _gmv_card(scoped, lang) == fmt.value(gmv["east"], "cny", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_platform_wide_pages_say_why_they_show_nothing(demo_duckdb_path, monkeypatch,
                                                       east_manager, lang) -> None:
    at = open_page(demo_duckdb_path, monkeypatch, lang)
    at.switch_page("pages/live.py").run()
    assert_clean(at)
    assert t("scope.live", lang) in [i.value for i in at.main.info]
    assert not at.metric


@pytest.mark.postgres
@pytest.mark.parametrize("lang", LANGS)
def test_the_app_reads_postgresql_as_the_read_role_with_the_sessions_scope(
        demo_postgres_url, monkeypatch, east_manager, lang) -> None:
    """The app on the read-only role: every query's transaction carries the signed-in
    user's scope (cockpit.ui.query), so row-level security lets through east only."""
    gmv = gmv_by_region(demo_postgres_url)
    with read_role_url(demo_postgres_url) as url:
        monkeypatch.setenv("COCKPIT_DB_URL", url)
        at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
        at.query_params["lang"] = lang
        at.run()
        assert_clean(at)
        assert _gmv_card(at, lang) == fmt.value(gmv["east"], "cny", lang)
        assert at.sidebar.multiselect(key="region").options == [name("region", "east", lang)]
