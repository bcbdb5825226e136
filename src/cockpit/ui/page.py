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
from cockpit.ui.coverage import missing, needs_data, present_tables, richer_with
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner
from cockpit.ui.i18n import current_language, t
from cockpit.warehouse import WarehouseError, WarehouseMissing


@dataclass(frozen=True)
class PageContext:
    """What a page body works with: the shared filter selection and the language
    (`filters` is None on a page run `without_warehouse` while it has no orders)."""

    filters: Filters | None
    lang: str


def freshness(lang: str) -> str:
    """"Data as of <last order day>", and when the data was last loaded: the last import, or
    the demo build (from warehouse_info, shown in local time), else the file's write time."""
    _, last = query(facts.data_range)
    stamps = query(facts.warehouse_facts)
    for key in ("last_import_at", "built_at"):
        if stamps.get(key):
            when = datetime.fromisoformat(stamps[key]).astimezone()
            return t(f"page.fresh_{key}", lang, last=last, when=f"{when:%Y-%m-%d %H:%M}")
    updated: datetime | None = warehouse_updated_at()
    if updated is None:
        return t("page.fresh", lang, last=last)
    return t("page.fresh_updated", lang, last=last, updated=f"{updated:%Y-%m-%d %H:%M}")


@contextmanager
def page_body(title_key: str, caption_key: str | None = None,
              needs: str | None = None,
              without_warehouse: bool = False) -> Iterator[PageContext]:
    """Run a page: the preamble, then the body under the guard. `caption_key` is formatted
    with the selection's start, end and days. A preamble that fails (missing or corrupt
    warehouse) shows its message and stops the page. `needs` is the page's key in
    cockpit.coverage: when a table the page needs holds no rows, the page says which data
    to import instead of running its body (without orders, before the sidebar filters).
    `without_warehouse`: the page also runs when the warehouse is missing or holds no
    orders (the Import page, which creates it), then without filters or freshness."""
    shell.enter()
    lang = current_language()
    st.title(t(title_key, lang))
    rebuilding_banner(lang)
    if without_warehouse and not _has_orders():
        with page_guard(lang):
            yield PageContext(None, lang)
        return
    ready = False
    absent: tuple[str, ...] = ()
    with page_guard(lang):
        ensure_warehouse()
        absent = missing(needs) if needs else ()
        if "orders" in absent:
            needs_data(absent, lang)
            st.stop()
        f = sidebar_filters(lang)
        caption = freshness(lang)
        if caption_key:
            caption = t(caption_key, lang, start=f.start, end=f.end, days=f.days) + " " + caption
        st.caption(caption)
        ready = True
    if not ready:
        st.stop()
    if absent:
        needs_data(absent, lang)
        st.stop()
    if needs:
        richer_with(needs, lang)
    with page_guard(lang):
        yield PageContext(f, lang)


def _has_orders() -> bool:
    """The warehouse exists and holds orders. A missing one (or one without its tables, or
    empty) is False; any other warehouse problem True, so that the preamble explains it."""
    try:
        ensure_warehouse()
        return "orders" in present_tables()
    except WarehouseMissing:
        return False
    except WarehouseError:
        return True
