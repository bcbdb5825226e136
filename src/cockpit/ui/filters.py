"""The sidebar filters every page shares, mirrored in the URL so a link opens the same view.

Widget keys double as query parameters: start, end (ISO dates), channel, region, city,
category (codes, repeated for several values) and lang. A new session starts from the URL;
what it cannot use as given (not a date, an unknown code, a range outside the data) is
dropped or clamped, and the page says so once, in a notice (`UrlNote`, `notice_text`).
Afterwards the widgets, kept across pages with `persist_state="session"`, lead and the URL
follows. Streamlit's own `bind="query-params"` is not used: it puts the translated labels in
the URL, so a link would depend on the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from cockpit import facts
from cockpit.config import LANGUAGES, default_language
from cockpit.filters import Filters
from cockpit.ui import query
from cockpit.ui.guard import literal
from cockpit.ui.i18n import LANGUAGE_NAMES, name, t
from cockpit.ui.scope import session_scope
from cockpit.warehouse.schema import UNKNOWN

DEFAULT_DAYS = 28
DATE_KEYS = ("start", "end")
MULTI_KEYS = {"platform": "platforms", "channel": "channels", "region": "regions",
              "city": "cities", "category": "categories"}
FILTER_KEYS = DATE_KEYS + tuple(MULTI_KEYS)
SCOPED_KEYS = ("region", "city")  # what a data scope limits (cockpit.access.scope)
_LANG_NOTE = "url_lang_note"  # session key: the ?lang= value language_switch ignored
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
VALUE_SHOWN_MAX = 40  # characters of a URL value a notice repeats


@dataclass(frozen=True)
class UrlNote:
    """A URL value the filters did not use as given, for the page's notice.

    `key` is the query parameter, `value` the value as given (a date as used, for
    "start_after_end"), `reason` the catalogue entry `url.<reason>` that explains it; `now`
    is what is used instead (a date, or a language code), `until` the default end for
    "start_after_end", `limit` the first or last day of data, `other` the end date that
    precedes the start."""

    key: str
    value: str
    reason: str
    now: str = ""
    until: str = ""
    limit: str = ""
    other: str = ""


def url_language(wanted: str | None, fallback: str) -> tuple[str, UrlNote | None]:
    """The language a `?lang=` value asks for, else `fallback` and the note saying so."""
    if wanted in LANGUAGES:
        return wanted, None
    if not wanted:
        return fallback, None
    return fallback, UrlNote("lang", wanted, "unsupported_lang", now=fallback)


def url_choices(key: str, wanted: Iterable[str], allowed: Iterable[str],
                scoped: bool = False) -> tuple[list[str], list[UrlNote]]:
    """The known values among a repeated URL parameter (order kept, duplicates and empty
    values dropped silently) and a note for each unknown one; with `scoped` (a scoped
    user's region or city) the note says the value lies outside the user's data scope."""
    known = set(allowed)
    kept: list[str] = []
    notes: list[UrlNote] = []
    for value in dict.fromkeys(wanted):
        if not value:
            continue
        if value in known:
            kept.append(value)
        else:
            notes.append(UrlNote(key, value, "out_of_scope" if scoped else "unknown"))
    return kept, notes


def url_dates(start: str | None, end: str | None, first: date, last: date
              ) -> tuple[date, date, list[UrlNote]]:
    """The date range `?start=&end=` asks for within the data [first, last], and notes.

    A missing or empty bound takes the default (the last 28 days); one that is not a
    YYYY-MM-DD date, or lies wholly beyond the data (a start after the last day, an end
    before the first), takes the default too; a start before the first day or an end after
    the last is clamped to the data; a start after the end gives the default range."""
    defaults = dict(zip(DATE_KEYS, default_range(first, last), strict=True))
    chosen: dict[str, date] = {}
    notes: list[UrlNote] = []
    for key, text in zip(DATE_KEYS, (start, end), strict=True):
        default = defaults[key]
        chosen[key] = default
        if not text:
            continue
        day = _iso_day(text)
        if day is None:
            notes.append(UrlNote(key, text, "not_date", now=default.isoformat()))
        elif key == "start" and day > last:
            notes.append(UrlNote(key, text, "after_last", now=default.isoformat(),
                                 limit=last.isoformat()))
        elif key == "end" and day < first:
            notes.append(UrlNote(key, text, "before_first", now=default.isoformat(),
                                 limit=first.isoformat()))
        elif day < first:
            chosen[key] = first
            notes.append(UrlNote(key, text, "clamped_first", now=first.isoformat()))
        elif day > last:
            chosen[key] = last
            notes.append(UrlNote(key, text, "clamped_last", now=last.isoformat()))
        else:
            chosen[key] = day
    if chosen["start"] > chosen["end"]:
        notes.append(UrlNote("start", chosen["start"].isoformat(), "start_after_end",
                             now=defaults["start"].isoformat(),
                             until=defaults["end"].isoformat(),
                             other=chosen["end"].isoformat()))
        chosen = defaults
    return chosen["start"], chosen["end"], notes


def _iso_day(text: str) -> date | None:
    """A YYYY-MM-DD date (not the other forms `date.fromisoformat` accepts), else None."""
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def notice_text(notes: Iterable[UrlNote], lang: str) -> str:
    """One markdown sentence naming every note's value and what was done instead; the
    values, as typed into a link, are code spans (shown verbatim, never as markdown)."""
    items = []
    for note in notes:
        now = LANGUAGE_NAMES.get(note.now, note.now) if note.key == "lang" else note.now
        items.append(t(f"url.{note.reason}", lang, what=t(f"url.what.{note.key}", lang),
                       value=literal(note.value, VALUE_SHOWN_MAX), now=now,
                       until=note.until, limit=note.limit,
                       other=literal(note.other) if note.other else ""))
    return t("url.notice", lang, items=t("url.separator", lang).join(items))


def language_switch() -> str:
    """简体中文 / English switch in the sidebar (widget key and query parameter `lang`).

    The choice is written back to the widget's key before it is drawn (Streamlit's way to
    keep a widget's value when it is seen as a new widget): the first runs of a fresh server
    run in Streamlit's old multipage mode, where the shell's widgets get other identities."""
    chosen = st.session_state.get("lang")
    if chosen not in LANGUAGES:
        chosen, note = url_language(st.query_params.get("lang"), default_language())
        if note is not None:
            st.session_state[_LANG_NOTE] = note  # shown on the page by sidebar_filters
    st.session_state["lang"] = chosen
    lang = st.sidebar.segmented_control(
        t("filters.language", "zh"), list(LANGUAGES), format_func=LANGUAGE_NAMES.get,
        key="lang", required=True, persist_state="session")
    lang = lang if lang in LANGUAGES else chosen
    st.query_params["lang"] = lang
    return lang


def default_range(first: date, last: date, days: int = DEFAULT_DAYS) -> tuple[date, date]:
    """The last `days` days of data."""
    return max(first, last - timedelta(days=days - 1)), last


def parse_date(text: str | None, first: date, last: date) -> date | None:
    """A YYYY-MM-DD date within [first, last], else None."""
    day = _iso_day(text) if text else None
    return day if day is not None and first <= day <= last else None


def _init_state(first: date, last: date, options: dict[str, list[str]]) -> list[UrlNote]:
    """Seed widget state from the URL (new session or after a reset) and return what of
    the URL was not used as given; silently drop kept values the warehouse cannot show any
    more (e.g. after a rebuild)."""
    notes: list[UrlNote] = []
    kept_days = [st.session_state.get(key) for key in DATE_KEYS]
    if not all(isinstance(day, date) and first <= day <= last for day in kept_days):
        start, end, found = url_dates(st.query_params.get("start"),
                                      st.query_params.get("end"), first, last)
        st.session_state["start"], st.session_state["end"] = start, end
        notes += found
    return notes + _init_choices(options)


def _init_choices(options: dict[str, list[str]]) -> list[UrlNote]:
    """Seed the dimension selections from the URL (or keep what is still allowed)."""
    notes: list[UrlNote] = []
    scoped = not session_scope().unscoped
    for key, option_key in MULTI_KEYS.items():
        allowed = options[option_key]
        kept = st.session_state.get(key)
        if isinstance(kept, list):
            st.session_state[key] = [v for v in dict.fromkeys(kept) if v in allowed]
        else:
            st.session_state[key], found = url_choices(
                key, st.query_params.get_all(key), allowed, scoped and key in SCOPED_KEYS)
            notes += found
    return notes


def url_notice(notes: list[UrlNote], lang: str) -> None:
    """On the page (not the sidebar): what of the link was ignored or changed, and why."""
    if notes:
        st.info(notice_text(notes, lang), icon=":material/link_off:")


def _mirror_to_url(f: Filters) -> None:
    st.query_params["start"] = f.start.isoformat()
    st.query_params["end"] = f.end.isoformat()
    _mirror_choices(f)


def _mirror_choices(f: Filters) -> None:
    for key, field in MULTI_KEYS.items():
        values = list(getattr(f, field))
        if values:
            st.query_params[key] = values
        else:
            st.query_params.pop(key, None)


def reset_filters() -> None:
    """Back to the defaults: last 28 days, everything selected."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
        st.query_params.pop(key, None)


def _multiselect(key: str, options: list[str], lang: str,
                 label_of: Callable[[str], str]) -> tuple[str, ...]:
    chosen = st.sidebar.multiselect(t(f"filters.{key}", lang), options, key=key,
                                    format_func=label_of, placeholder=t("filters.all", lang),
                                    persist_state="session")
    return tuple(chosen)


def sidebar_filters(lang: str) -> Filters:
    """Render the shared filters in the sidebar and return the selection."""
    first, last = query(facts.data_range)
    options = query(facts.filter_options, session_scope())
    lang_note = st.session_state.pop(_LANG_NOTE, None)
    notes = _init_state(first, last, options)
    url_notice(([lang_note] if isinstance(lang_note, UrlNote) else []) + notes, lang)
    sb = st.sidebar
    sb.header(t("filters.header", lang))
    bounds = {"min_value": first, "max_value": last, "format": "YYYY-MM-DD",
              "persist_state": "session"}
    start = sb.date_input(t("filters.start", lang), key="start", **bounds)
    end = sb.date_input(t("filters.end", lang), key="end", **bounds)
    picked = _dimension_widgets(options, lang)
    sb.button(t("filters.reset", lang), on_click=reset_filters, key="filters_reset",
              icon=":material/restart_alt:")
    sb.caption(t("filters.data_span", lang, first=first, last=last))
    start, end = start or first, end or last
    if start > end:
        sb.warning(t("filters.swapped", lang))
        start, end = end, start
    f = Filters(start, end, **picked, scope=session_scope())
    _mirror_to_url(f)
    return f


def dimension_filters(lang: str, start: date, end: date) -> Filters:
    """The shared dimension filters alone (platform, channel, region, city, category), for a
    page that picks its own period (the weekly review); seeded from and mirrored to the URL,
    with the same notice for values the link could not use."""
    options = query(facts.filter_options, session_scope())
    url_notice(_init_choices(options), lang)
    f = Filters(start, end, **_dimension_widgets(options, lang), scope=session_scope())
    _mirror_choices(f)
    return f


def _dimension_widgets(options: dict[str, list[str]], lang: str) -> dict[str, tuple[str, ...]]:
    """The sidebar multiselects for the dimensions the warehouse has values of."""
    cities_en = query(facts.city_names) if lang == "en" else {}
    picked = {
        "channels": _multiselect("channel", options["channels"], lang,
                                 lambda c: name("channel", c, lang)),
        "regions": _multiselect("region", options["regions"], lang,
                                lambda r: name("region", r, lang)),
        "cities": _multiselect("city", options["cities"], lang,
                               lambda c: name("city", c, lang) if c == UNKNOWN
                               else cities_en.get(c, c)),
        "categories": _multiselect("category", options["categories"], lang,
                                   lambda c: name("category", c, lang)),
    }
    if len(options["platforms"]) > 1:  # one shop: nothing to choose
        picked["platforms"] = _multiselect("platform", options["platforms"], lang,
                                           lambda p: name("platform", p, lang))
    return picked
