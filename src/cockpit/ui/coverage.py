"""What a page, tab or KPI card shows when the warehouse lacks its data: which data is needed
and how to import it, never an error and never a made-up number.

The registry is cockpit.coverage; which tables hold rows is asked once per warehouse version
(cached through `cockpit.ui.query`).
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from cockpit import coverage
from cockpit.ui import query
from cockpit.ui.i18n import t

IMPORT_DOC = "docs/import.md"


class NeedsData(Exception):  # noqa: N818 - a signal, not an error
    """The part cannot run without `missing` tables; the guard shows `needs_data`."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


def present_tables() -> frozenset[str]:
    """The warehouse tables holding rows (cached per warehouse version)."""
    return query(coverage.tables_with_rows)


def missing(key: str) -> tuple[str, ...]:
    """The tables the part `key` (and its page or tab) needs that hold no rows."""
    return coverage.missing_for(key, present_tables())


def card_missing(key: str) -> tuple[str, ...]:
    """Like `missing`, for a KPI card that may not be in the registry (then nothing)."""
    return missing(key) if key in coverage.REGISTRY else ()


def require_tables(key: str) -> None:
    """Stop the part with the needs-data note unless its tables hold rows."""
    absent = missing(key)
    if absent:
        raise NeedsData(absent)


def table_name(table: str, lang: str) -> str:
    """The table in the manager's words, with its code: 营销投放（`marketing_spend`）; just
    the code when the words only repeat it (`products`)."""
    words = t(f"coverage.table.{table}", lang)
    if words.replace(" ", "_") == table:
        return f"`{table}`"
    return t("coverage.table_named", lang, name=words, table=table)


def _names(tables: Iterable[str], lang: str) -> str:
    return t("coverage.separator", lang).join(table_name(x, lang) for x in tables)


def command(table: str, lang: str) -> str:
    """The import command line for one table, as a code span."""
    return f"`python -m cockpit import {t('coverage.file', lang)} --table {table}`"


def needs_data(missing_tables: Iterable[str], lang: str) -> None:
    """The note for a part whose data is absent: each table it needs with its import
    command, and where the import format is described."""
    tables = list(missing_tables)
    lines = [t("coverage.needs", lang), ""]
    lines += ["- " + t("coverage.needs_item", lang, table=table_name(x, lang),
                       command=command(x, lang)) for x in tables]
    lines += ["", t("coverage.needs_doc", lang, doc=f"`{IMPORT_DOC}`")]
    st.info("\n".join(lines), icon=":material/upload_file:")


def needs_help(missing_tables: Iterable[str], lang: str) -> str:
    """Tooltip text for a KPI card without its data: what it needs and how to import it."""
    tables = list(missing_tables)
    return t("coverage.card_help", lang, tables=_names(tables, lang),
             commands=t("coverage.separator", lang).join(command(x, lang) for x in tables),
             doc=f"`{IMPORT_DOC}`")


def card_caption(missing_tables: Iterable[str], lang: str) -> str:
    """The short line under a KPI card without its data."""
    return t("coverage.card_caption", lang, tables=_names(missing_tables, lang))


def card_note(key: str, lang: str) -> None:
    """Under a KPI card that already shows "—" without its data: which data it needs."""
    absent = card_missing(key)
    if absent:
        st.caption(card_caption(absent, lang), help=needs_help(absent, lang))


def richer_with(key: str, lang: str) -> None:
    """A caption when optional tables of `key` are empty: the part runs, with less."""
    absent = coverage.optional_missing(key, present_tables())
    if absent:
        st.caption(t("coverage.richer", lang, tables=_names(absent, lang),
                     doc=f"`{IMPORT_DOC}`"))
