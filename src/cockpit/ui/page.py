"""The preamble every page repeats: shell hand-over, title, rebuilding banner, guard,
warehouse check, sidebar filters, freshness and the page's caption."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from cockpit import facts
from cockpit.filters import Filters
from cockpit.ui import ensure_warehouse, query, shell, warehouse_updated_at
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner
from cockpit.ui.i18n import current_language, t


@dataclass(frozen=True)
class PageContext:
    """What a page body works with: the shared filter selection and the language."""

    filters: Filters
    lang: str


def freshness(lang: str) -> str:
    """"Data as of <last order day>", plus when the embedded warehouse file was written."""
    _, last = query(facts.data_range)
    updated: datetime | None = warehouse_updated_at()
    if updated is None:
        return t("page.fresh", lang, last=last)
    return t("page.fresh_updated", lang, last=last, updated=f"{updated:%Y-%m-%d %H:%M}")


@contextmanager
def page_body(title_key: str, caption_key: str | None = None) -> Iterator[PageContext]:
    """Run a page: the preamble, then the body under the guard. `caption_key` is formatted
    with the selection's start, end and days. A preamble that fails (missing or corrupt
    warehouse) shows its message and stops the page."""
    shell.enter()
    lang = current_language()
    st.title(t(title_key, lang))
    rebuilding_banner(lang)
    ready = False
    with page_guard(lang):
        ensure_warehouse()
        f = sidebar_filters(lang)
        caption = freshness(lang)
        if caption_key:
            caption = t(caption_key, lang, start=f.start, end=f.end, days=f.days) + " " + caption
        st.caption(caption)
        ready = True
    if not ready:
        st.stop()
    with page_guard(lang):
        yield PageContext(f, lang)
