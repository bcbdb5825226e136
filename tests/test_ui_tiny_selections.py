"""Every tab of every page on an empty selection, a one-customer selection and a single day:
the "no data for these filters" note or meaningful numbers, never an exception box or an
`inf` / `NaN` / `None` anywhere on screen (text, metrics, table cells)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest
from support.apptest import TABS, open_page, open_tab

from cockpit.ui.i18n import t
from cockpit.warehouse import read_engine

CHANNEL_OF = {"live": "live_stream", "o2o": "offline_store"}  # where one customer means most
EMPTY = {"region": "north", "city": "上海"}  # Shanghai is in the east: matches nothing
# live rooms are not split by region or city (the page says so): a channel without live
# streams is what selects no session
EMPTY_OF = {"live": {**EMPTY, "channel": "app"}}
# warehouse stock serves every channel and region (the tab says so): it is not emptied
NOT_SPLIT_BY_PLACE = {("forecast", "inventory")}
FORBIDDEN = re.compile(r"×inf|\b(?:inf|NaN|nan|None)\b")
TEXT_LISTS = ("title", "header", "subheader", "caption", "markdown", "info", "warning",
              "success", "text", "code", "latex", "toast", "json")

SQL_ONE_CUSTOMER = """
    select order_date, city, channel from orders {where}
    group by order_date, city, channel
    having count(distinct customer_id) = 1 and sum(case when status = 'paid' then 1 end) >= 1
    order by order_date desc, city, channel limit 1"""
SQL_BUSIEST_DAY = "select order_date from orders group by order_date order by count(*) desc, 1"


def _sql(demo_duckdb_path: Path, sql: str, **params) -> tuple:
    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    try:
        with engine.connect() as conn:
            return tuple(conn.execute(sa.text(sql), params).first())
    finally:
        engine.dispose()


def one_customer(demo_duckdb_path: Path, page: str) -> dict[str, str]:
    """URL params for a day, city and channel with exactly one ordering customer."""
    channel = CHANNEL_OF.get(page)
    where = "where channel = :channel" if channel else ""
    day, city, channel = _sql(demo_duckdb_path, SQL_ONE_CUSTOMER.format(where=where),
                              channel=channel)
    return {"start": str(day), "end": str(day), "city": city, "channel": channel}


def single_day(demo_duckdb_path: Path) -> dict[str, str]:
    (day,) = _sql(demo_duckdb_path, SQL_BUSIEST_DAY)
    return {"start": str(day), "end": str(day)}


def _cells(frame: pd.DataFrame) -> Iterator[tuple[str, object]]:
    for column in frame.columns:
        yield "(header)", column
        for cell in frame[column]:
            yield str(column), cell


def _cell_problem(cell: object) -> str | None:
    """How a table cell shows on screen when it is wrong: a missing value shows as None."""
    if cell is None or cell is pd.NaT or cell is pd.NA:
        return "None"
    if isinstance(cell, float) and (math.isnan(cell) or math.isinf(cell)):
        return repr(cell)
    if isinstance(cell, str) and FORBIDDEN.search(cell):
        return cell
    return None


def visible_text(at: AppTest) -> Iterator[str]:
    for name in TEXT_LISTS:
        for element in getattr(at, name):
            yield str(element.value)
    for m in at.metric:
        yield from (m.label, m.value, m.delta)
    for block in (*at.expander, *at.tabs):
        yield block.label
    for widget in (*at.selectbox, *at.multiselect, *at.radio):
        yield widget.label
        yield from map(str, widget.options)


def problems(at: AppTest) -> list[str]:
    """Forbidden tokens in visible text and table cells (each table column named once)."""
    found = [text for text in visible_text(at) if FORBIDDEN.search(text)]
    for frame in (*at.dataframe, *at.table):
        bad = {column: p for column, cell in _cells(frame.value)
               if (p := _cell_problem(cell)) is not None}
        found += [f"table column {column!r}: {p}" for column, p in bad.items()]
    return found


def nothing_matched(at: AppTest, lang: str) -> bool:
    return any(t("guard.nothing_matched", lang) in i.value for i in at.info)


def _check_tabs(at: AppTest, page: str, lang: str, empty: bool = False) -> None:
    """Problems on the page, then in each of its tabs (when the page shows them)."""
    found = {"(page)": problems(at)}
    key, tabs = TABS[page]
    for tab in tabs if at.tabs else ():
        open_tab(at, key, t(f"{page}.tab.{tab}", lang))
        found[tab] = problems(at)
        if empty and (page, tab) not in NOT_SPLIT_BY_PLACE and not nothing_matched(at, lang):
            found[tab].append("no 'nothing matched' note")
    assert not any(found.values()), {tab: p for tab, p in found.items() if p}


def _open(demo_duckdb_path, monkeypatch, page: str, lang: str, params: dict) -> AppTest:
    return open_page(demo_duckdb_path, monkeypatch, f"pages/{page}.py", lang, **params)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(TABS))
def test_empty_selection(demo_duckdb_path, monkeypatch, page, lang):
    at = _open(demo_duckdb_path, monkeypatch, page, lang, EMPTY_OF.get(page, EMPTY))
    if not at.tabs:  # the page itself stops with the note
        assert nothing_matched(at, lang), [i.value for i in at.info]
    _check_tabs(at, page, lang, empty=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(TABS))
def test_one_customer(demo_duckdb_path, monkeypatch, page, lang):
    at = _open(demo_duckdb_path, monkeypatch, page, lang, one_customer(demo_duckdb_path, page))
    _check_tabs(at, page, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(TABS))
def test_single_day(demo_duckdb_path, monkeypatch, page, lang):
    at = _open(demo_duckdb_path, monkeypatch, page, lang, single_day(demo_duckdb_path))
    _check_tabs(at, page, lang)


@pytest.mark.parametrize(("page", "params"), [
    ("segments", {"start": "2024-12-23", "end": "2024-12-23", "channel": "offline_store"}),
    ("forecast", {"channel": "offline_store"}),
])
def test_reported_links(demo_duckdb_path, monkeypatch, page, params):
    """The links of issue 11: the segments page on a day without a store customer, and the
    C2M tab's growth when an offline-store product had no earlier sales."""
    at = _open(demo_duckdb_path, monkeypatch, page, "en", params)
    _check_tabs(at, page, "en")


def test_c2m_on_a_single_sidebar_day(demo_duckdb_path, monkeypatch):
    """Comparing the halves of one day cannot be done: the tab says so instead of failing."""
    at = _open(demo_duckdb_path, monkeypatch, "forecast", "en", single_day(demo_duckdb_path))
    open_tab(at, "forecast_tab", t("forecast.tab.c2m", "en"))
    at.session_state["c2m_window"] = "filters"
    at.run()
    assert t("c2m.need_two_days", "en") in [i.value for i in at.info]
    assert not problems(at)
