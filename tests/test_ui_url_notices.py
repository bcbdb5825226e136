"""A link's values the filters cannot use as given are named in one notice on the page, in
the page's language, on the run that read the link; a working link stays silent."""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cockpit import facts
from cockpit.ui.filters import (
    MULTI_KEYS,
    UrlNote,
    default_range,
    notice_text,
    url_choices,
    url_dates,
    url_language,
)
from cockpit.ui.guard import literal
from cockpit.ui.i18n import CATALOGUE
from cockpit.warehouse import read_engine

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT_S = 180
LANGS = ("zh", "en")
FIRST, LAST = date(2026, 1, 1), date(2026, 3, 31)  # for the pure functions
REASONS = ("unknown", "not_date", "clamped_first", "clamped_last", "after_last",
           "before_first", "start_after_end", "unsupported_lang")


# --- the pure functions -------------------------------------------------------------------

def test_good_or_absent_dates_are_used_silently() -> None:
    assert url_dates("2026-02-01", "2026-02-10", FIRST, LAST) == (date(2026, 2, 1),
                                                                  date(2026, 2, 10), [])
    assert url_dates(FIRST.isoformat(), LAST.isoformat(), FIRST, LAST) == (FIRST, LAST, [])
    assert url_dates(None, None, FIRST, LAST) == (*default_range(FIRST, LAST), [])
    assert url_dates("", "", FIRST, LAST) == (*default_range(FIRST, LAST), [])
    assert url_dates("2026-03-30", None, FIRST, LAST) == (date(2026, 3, 30), LAST, [])


@pytest.mark.parametrize("text", ["garbage", "2024-13-40", "2026-02-30", "20260201",
                                  "2026-W05-1", "２０２６-０２-０１", " 2026-02-01"])
def test_a_start_that_is_no_date_takes_the_default(text) -> None:
    start, end, notes = url_dates(text, None, FIRST, LAST)
    assert (start, end) == default_range(FIRST, LAST)
    assert notes == [UrlNote("start", text, "not_date", now=start.isoformat())]


def test_dates_beyond_the_data_are_clamped_or_replaced() -> None:
    default_start, default_end = default_range(FIRST, LAST)
    assert url_dates("2020-01-01", "2030-01-01", FIRST, LAST) == (FIRST, LAST, [
        UrlNote("start", "2020-01-01", "clamped_first", now=FIRST.isoformat()),
        UrlNote("end", "2030-01-01", "clamped_last", now=LAST.isoformat())])
    assert url_dates("2030-01-01", None, FIRST, LAST) == (default_start, default_end, [
        UrlNote("start", "2030-01-01", "after_last", now=default_start.isoformat(),
                limit=LAST.isoformat())])
    assert url_dates(None, "1999-01-01", FIRST, LAST) == (default_start, default_end, [
        UrlNote("end", "1999-01-01", "before_first", now=default_end.isoformat(),
                limit=FIRST.isoformat())])


def test_a_start_after_the_end_gives_the_default_range() -> None:
    default_start, default_end = default_range(FIRST, LAST)
    assert url_dates("2026-02-10", "2026-02-01", FIRST, LAST) == (default_start, default_end, [
        UrlNote("start", "2026-02-10", "start_after_end", now=default_start.isoformat(),
                until=default_end.isoformat(), other="2026-02-01")])
    _, _, notes = url_dates("nope", "2026-01-05", FIRST, LAST)  # default start, early end
    assert [n.reason for n in notes] == ["not_date", "start_after_end"]


def test_choices_keep_the_known_values_and_name_the_others() -> None:
    allowed = ["north", "east", "south"]
    assert url_choices("region", ["east", "north", "east", ""], allowed) == (["east", "north"],
                                                                             [])
    assert url_choices("region", [], allowed) == ([], [])
    kept, notes = url_choices("region", ["atlantis", "south", "atlantis", "mu"], allowed)
    assert kept == ["south"]
    assert notes == [UrlNote("region", "atlantis", "unknown"), UrlNote("region", "mu", "unknown")]


def test_language() -> None:
    assert url_language("en", "zh") == ("en", None)
    assert url_language(None, "zh") == ("zh", None)
    assert url_language("", "en") == ("en", None)
    assert url_language("fr", "en") == ("en", UrlNote("lang", "fr", "unsupported_lang", now="en"))


def test_notice_text_in_both_languages() -> None:
    notes = [UrlNote("region", "atlantis", "unknown"),
             UrlNote("start", "garbage", "not_date", now="2026-10-28"),
             UrlNote("lang", "fr", "unsupported_lang", now="en")]
    assert notice_text(notes, "en") == (
        "Adjusted from the link: region `atlantis` ignored (no such region); start `garbage` "
        "replaced by the default 2026-10-28 (not a date, YYYY-MM-DD); language `fr` replaced "
        "by English (only zh or en).")
    assert notice_text(notes, "zh") == (
        "已调整链接中的参数：大区 `atlantis` 已忽略（没有这个大区）；开始日期 `garbage` "
        "已改为默认的 2026-10-28（不是日期，格式应为 YYYY-MM-DD）；语言 `fr` 已改为 English"
        "（仅支持 zh、en）。")
    swapped = UrlNote("start", "2026-02-10", "start_after_end", now="2026-03-04",
                      until="2026-03-31", other="2026-02-01")
    assert notice_text([swapped], "en") == (
        "Adjusted from the link: start `2026-02-10` and end `2026-02-01` replaced by the "
        "default range 2026-03-04 to 2026-03-31 (the start was after the end).")


def test_every_reason_and_parameter_reads_in_both_languages() -> None:
    for key in (*REASONS, *(f"what.{k}" for k in ("start", "end", "lang", *MULTI_KEYS)),
                "notice", "separator"):
        entry = CATALOGUE[f"url.{key}"]
        fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f}
                  for lang in LANGS]
        assert fields[0] == fields[1], key
        assert all(entry[lang] for lang in LANGS), key


def test_link_text_is_shown_verbatim_never_as_markdown() -> None:
    assert literal("atlantis") == "`atlantis`"
    assert literal("a`b") == "``a`b``"
    assert literal("`x`") == "`` `x` ``"
    assert literal(" x ") == "`  x  `"
    assert literal("line\nbreak\x00") == "`line break `"
    assert literal("[a](http://e.x) **b** <b>c</b>") == "`[a](http://e.x) **b** <b>c</b>`"
    assert literal("x" * 50, limit=10) == "`" + "x" * 9 + "…`"
    injected = UrlNote("city", "[win](http://evil.example) **now**", "unknown")
    assert "`[win](http://evil.example) **now**`" in notice_text([injected], "en")


# --- the app ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def span(demo_duckdb_path) -> tuple[date, date]:
    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    with engine.connect() as conn:
        first, last = facts.data_range(conn)
    engine.dispose()
    return first, last


def _open(demo_duckdb_path: Path, monkeypatch, ui_lang: str, page: str | None = None,
          **params: str | list[str]) -> AppTest:
    """A new session on a link: app.py (or `page`, as a direct link) with `params`, in
    `ui_lang` (through ?lang=, or COCKPIT_LANG when the link's lang is itself under test)."""
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{demo_duckdb_path}")
    monkeypatch.setenv("COCKPIT_LANG", ui_lang)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    params.setdefault("lang", ui_lang)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _notices(at: AppTest, lang: str) -> list[str]:
    prefix = CATALOGUE["url.notice"][lang].split("{items}")[0]
    assert not [i.value for i in at.sidebar.info if i.value.startswith(prefix)]
    return [i.value for i in at.main.info if i.value.startswith(prefix)]


def _bad_links(first: date, last: date) -> dict[str, tuple[dict, list[UrlNote]]]:
    """Case name: (URL parameters, the notes the page should show)."""
    d_start, d_end = (d.isoformat() for d in default_range(first, last))
    return {
        "start_garbage": ({"start": "garbage"},
                          [UrlNote("start", "garbage", "not_date", now=d_start)]),
        "end_impossible": ({"end": "2024-13-40"},
                           [UrlNote("end", "2024-13-40", "not_date", now=d_end)]),
        "region": ({"region": "atlantis"}, [UrlNote("region", "atlantis", "unknown")]),
        "channel": ({"channel": "foo"}, [UrlNote("channel", "foo", "unknown")]),
        "city": ({"city": "不存在"}, [UrlNote("city", "不存在", "unknown")]),
        "category": ({"category": "x"}, [UrlNote("category", "x", "unknown")]),
        "start_before_data": ({"start": "2020-01-01"},
                              [UrlNote("start", "2020-01-01", "clamped_first",
                                       now=first.isoformat())]),
        "end_after_data": ({"end": "2030-01-01"},
                           [UrlNote("end", "2030-01-01", "clamped_last", now=last.isoformat())]),
        "start_after_data": ({"start": "2030-01-01"},
                             [UrlNote("start", "2030-01-01", "after_last", now=d_start,
                                      limit=last.isoformat())]),
        "end_before_data": ({"end": "1999-01-01"},
                            [UrlNote("end", "1999-01-01", "before_first", now=d_end,
                                     limit=first.isoformat())]),
        "start_after_end": ({"start": "2025-05-01", "end": "2025-04-01"},
                            [UrlNote("start", "2025-05-01", "start_after_end", now=d_start,
                                     until=d_end, other="2025-04-01")]),
    }


BAD_CASES = list(_bad_links(date(2024, 1, 2), date(2026, 11, 24)))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", BAD_CASES)
def test_each_bad_value_is_named_in_one_notice(case, lang, span, demo_duckdb_path,
                                               monkeypatch) -> None:
    params, expected = _bad_links(*span)[case]
    at = _open(demo_duckdb_path, monkeypatch, lang, **params)
    assert _notices(at, lang) == [notice_text(expected, lang)]
    note = expected[0]
    assert literal(note.value) in _notices(at, lang)[0]
    assert at.title[0].value == CATALOGUE["overview.title"][lang]
    start, end = (at.sidebar.date_input(key=k).value for k in ("start", "end"))
    if note.reason == "clamped_first":
        assert start == span[0]
    elif note.reason == "clamped_last":
        assert end == span[1]
    elif note.key in ("start", "end"):
        assert (start, end) == default_range(*span)
    else:
        assert at.sidebar.multiselect(key=note.key).value == []
    at.run()  # the next run (any click) no longer says it
    assert _notices(at, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_unsupported_language_is_named_in_the_default_language(lang, demo_duckdb_path,
                                                                   monkeypatch) -> None:
    at = _open(demo_duckdb_path, monkeypatch, lang, lang="fr")
    assert _notices(at, lang) == [
        notice_text([UrlNote("lang", "fr", "unsupported_lang", now=lang)], lang)]
    assert CATALOGUE["filters.header"][lang] in [h.value for h in at.sidebar.header]


@pytest.mark.parametrize("lang", LANGS)
def test_several_bad_values_make_one_notice_on_a_direct_link(lang, span, demo_duckdb_path,
                                                             monkeypatch) -> None:
    options = _options(demo_duckdb_path)
    region = options["regions"][0]
    at = _open(demo_duckdb_path, monkeypatch, lang, page="pages/live.py", start="garbage",
               region=["atlantis", region], category="x")
    d_start = default_range(*span)[0].isoformat()
    assert _notices(at, lang) == [notice_text([
        UrlNote("start", "garbage", "not_date", now=d_start),
        UrlNote("region", "atlantis", "unknown"),
        UrlNote("category", "x", "unknown")], lang)]
    assert at.sidebar.multiselect(key="region").value == [region]
    at.switch_page("pages/overview.py").run()  # same session, another page: said once
    assert not at.exception and _notices(at, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_in_a_link_is_shown_as_typed(lang, demo_duckdb_path, monkeypatch) -> None:
    value = "[x](http://e.x) **b** <b>c</b> :red[d]"
    at = _open(demo_duckdb_path, monkeypatch, lang, city=value)
    (notice,) = _notices(at, lang)
    assert f"`{value}`" in notice
    assert notice.count("`") == 2


def _options(demo_duckdb_path: Path) -> dict[str, list[str]]:
    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    with engine.connect() as conn:
        options = facts.filter_options(conn)
    engine.dispose()
    return options


@pytest.mark.parametrize("lang", LANGS)
def test_a_working_link_opens_unchanged_and_silent(lang, span, demo_duckdb_path,
                                                   monkeypatch) -> None:
    options = _options(demo_duckdb_path)
    first, last = span
    start, end = date(last.year, last.month, 1), last
    params = {"start": start.isoformat(), "end": end.isoformat(),
              "channel": options["channels"][:2], "region": options["regions"][:1],
              "category": options["categories"][:1]}
    at = _open(demo_duckdb_path, monkeypatch, lang, **params)
    assert _notices(at, lang) == []
    assert (at.sidebar.date_input(key="start").value,
            at.sidebar.date_input(key="end").value) == (start, end)
    for key in ("channel", "region", "category"):
        assert at.sidebar.multiselect(key=key).value == params[key]
    empty = _open(demo_duckdb_path, monkeypatch, lang, start="", region="")
    assert _notices(empty, lang) == []  # empty values are no values
