"""The sidebar filters every page shares, mirrored in the URL so a link opens the same view.

Widget keys double as query parameters: start, end (ISO dates), channel, region, city,
category (codes, repeated for several values) and lang. A new session starts from the URL
(invalid values are dropped); afterwards the widgets, kept across pages with
`persist_state="session"`, lead and the URL follows. Streamlit's own `bind="query-params"`
is not used: it puts the translated labels in the URL, so a link would depend on the language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import streamlit as st

from cockpit import facts
from cockpit.config import LANGUAGES, default_language
from cockpit.filters import Filters
from cockpit.ui import query
from cockpit.ui.i18n import LANGUAGE_NAMES, name, t

DEFAULT_DAYS = 28
DATE_KEYS = ("start", "end")
MULTI_KEYS = {"channel": "channels", "region": "regions", "city": "cities",
              "category": "categories"}
FILTER_KEYS = DATE_KEYS + tuple(MULTI_KEYS)


def language_switch() -> str:
    """简体中文 / English switch in the sidebar (widget key and query parameter `lang`).

    The choice is written back to the widget's key before it is drawn (Streamlit's way to
    keep a widget's value when it is seen as a new widget): the first runs of a fresh server
    run in Streamlit's old multipage mode, where the shell's widgets get other identities."""
    chosen = st.session_state.get("lang")
    if chosen not in LANGUAGES:
        wanted = st.query_params.get("lang")
        chosen = wanted if wanted in LANGUAGES else default_language()
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
    """An ISO date within [first, last], else None."""
    try:
        day = date.fromisoformat(text) if text else None
    except ValueError:
        return None
    return day if day is not None and first <= day <= last else None


def _init_state(first: date, last: date, options: dict[str, list[str]]) -> None:
    """Seed widget state from the URL (new session or after a reset); drop values the
    warehouse cannot show (e.g. after a rebuild)."""
    defaults = dict(zip(DATE_KEYS, default_range(first, last), strict=True))
    for key in DATE_KEYS:
        kept = st.session_state.get(key)
        if not (isinstance(kept, date) and first <= kept <= last):
            url_day = parse_date(st.query_params.get(key), first, last)
            st.session_state[key] = url_day or defaults[key]
    for key, option_key in MULTI_KEYS.items():
        allowed = options[option_key]
        kept = st.session_state.get(key)
        if not isinstance(kept, list):
            kept = st.query_params.get_all(key)
        st.session_state[key] = [v for v in dict.fromkeys(kept) if v in allowed]


def _mirror_to_url(f: Filters) -> None:
    st.query_params["start"] = f.start.isoformat()
    st.query_params["end"] = f.end.isoformat()
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
    options = query(facts.filter_options)
    cities_en = query(facts.city_names) if lang == "en" else {}
    _init_state(first, last, options)
    sb = st.sidebar
    sb.header(t("filters.header", lang))
    bounds = {"min_value": first, "max_value": last, "format": "YYYY-MM-DD",
              "persist_state": "session"}
    start = sb.date_input(t("filters.start", lang), key="start", **bounds)
    end = sb.date_input(t("filters.end", lang), key="end", **bounds)
    picked = {
        "channels": _multiselect("channel", options["channels"], lang,
                                 lambda c: name("channel", c, lang)),
        "regions": _multiselect("region", options["regions"], lang,
                                lambda r: name("region", r, lang)),
        "cities": _multiselect("city", options["cities"], lang, lambda c: cities_en.get(c, c)),
        "categories": _multiselect("category", options["categories"], lang,
                                   lambda c: name("category", c, lang)),
    }
    sb.button(t("filters.reset", lang), on_click=reset_filters, key="filters_reset",
              icon=":material/restart_alt:")
    sb.caption(t("filters.data_span", lang, first=first, last=last))
    start, end = start or first, end or last
    if start > end:
        sb.warning(t("filters.swapped", lang))
        start, end = end, start
    f = Filters(start, end, **picked)
    _mirror_to_url(f)
    return f
