"""The Weekly review's preamble: like cockpit.ui.page.page_body, with an ISO-week picker in
place of the date range (`?week=2024-W52` in the URL) beside the shared dimension filters."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from cockpit import facts
from cockpit.filters import Filters
from cockpit.review.weeks import IsoWeek, check_in_data, parse_week, weeks_between
from cockpit.ui import ensure_warehouse, query, shell
from cockpit.ui.coverage import needs_data, present_tables
from cockpit.ui.filters import dimension_filters, reset_filters
from cockpit.ui.guard import literal, page_guard, rebuilding_banner
from cockpit.ui.i18n import current_language, t
from cockpit.ui.page import freshness

WEEK_KEY = "week"


@dataclass(frozen=True)
class ReviewContext:
    week: IsoWeek
    filters: Filters  # the week's Monday to Sunday and the dimension selections
    lang: str


def _week_from_url(weeks: list[IsoWeek], lang: str) -> IsoWeek:
    text = st.query_params.get(WEEK_KEY)
    if not text:
        return weeks[0]
    try:
        week = parse_week(text)
        check_in_data(week, weeks[-1].start, weeks[0].end)
        return week
    except ValueError as exc:
        st.info(t("review.week_bad", lang, value=literal(text, 40), why=exc, now=weeks[0]),
                icon=":material/link_off:")
        return weeks[0]


def _week_picker(lang: str) -> IsoWeek | None:
    first, last = query(facts.data_range)
    weeks = weeks_between(first, last)
    if not weeks:
        st.info(t("review.no_weeks", lang))
        return None
    by_text = {str(w): w for w in weeks}
    if st.session_state.get(WEEK_KEY) not in by_text:
        st.session_state[WEEK_KEY] = str(_week_from_url(weeks, lang))
    st.sidebar.header(t("filters.header", lang))
    chosen = st.sidebar.selectbox(
        t("review.week", lang), list(by_text), key=WEEK_KEY,
        format_func=lambda w: t("review.week_label", lang, week=w, start=by_text[w].start,
                                end=by_text[w].end))
    st.query_params[WEEK_KEY] = chosen
    for key in ("start", "end"):  # the week replaces the date range on this page
        st.query_params.pop(key, None)
    return by_text[chosen]


@contextmanager
def review_body(title_key: str) -> Iterator[ReviewContext]:
    """The page preamble and its body under the guard (see cockpit.ui.page.page_body)."""
    shell.enter()
    lang = current_language()
    st.title(t(title_key, lang))
    rebuilding_banner(lang)
    ctx = None
    with page_guard(lang):
        ensure_warehouse()
        if "orders" not in present_tables():
            needs_data(("orders",), lang)
            st.stop()
        week = _week_picker(lang)
        if week is None:
            st.stop()
        selected = dimension_filters(lang, week.start, week.end)
        st.sidebar.button(t("filters.reset", lang), on_click=_reset, key="filters_reset",
                          icon=":material/restart_alt:")
        ctx = ReviewContext(week, week.filters(selected), lang)
        # other pages opened from here show the same week
        st.session_state["start"], st.session_state["end"] = week.start, week.end
        st.caption(freshness(lang))
    if ctx is None:
        st.stop()
    with page_guard(lang):
        yield ctx


def _reset() -> None:
    reset_filters()
    st.session_state.pop(WEEK_KEY, None)
    st.query_params.pop(WEEK_KEY, None)
