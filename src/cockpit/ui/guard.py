"""Page bodies run inside `page_guard`: warehouse problems and bugs become clear messages."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from cockpit.ui import warehouse_url
from cockpit.ui.coverage import NeedsData, needs_data
from cockpit.ui.i18n import current_language, t
from cockpit.warehouse import (
    WarehouseBusy,
    WarehouseCorrupt,
    WarehouseError,
    WarehouseMissing,
    WarehouseUnreachable,
)
from cockpit.warehouse.engine import is_rebuilding, summary

log = logging.getLogger(__name__)


class NothingMatched(Exception):  # noqa: N818 - a signal, not an error
    """The filters select no data; the guard shows what to change."""


def require_data(has_data: bool) -> None:
    """Stop the page body with the "filters matched nothing" note unless `has_data`."""
    if not has_data:
        raise NothingMatched


def literal(text: str, limit: int | None = None) -> str:
    """`text` as a markdown code span, shown verbatim: no link, emphasis, HTML, emoji or
    colour directive from a URL value or a file path. Line breaks and control characters
    become spaces; longer than `limit` characters it is cut with "…"."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", str(text))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = text.startswith("`") or text.endswith("`") or (
        text.startswith(" ") and text.endswith(" ") and text.strip() != "")
    pad = " " if padded else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def corrupt_message(exc: WarehouseCorrupt, lang: str) -> str:
    """What is wrong with the warehouse file (its path as a code span) and what to do."""
    what = t("guard.corrupt", lang, path=literal(exc.path),
             why=t(f"guard.corrupt_{exc.reason}", lang))
    return f"{what} {t('guard.corrupt_fix', lang)}"


def _show(exc: Exception, lang: str) -> None:
    if isinstance(exc, NeedsData):
        needs_data(exc.missing, lang)
    elif isinstance(exc, NothingMatched):
        st.info(f"{t('guard.nothing_matched', lang)} {t('guard.nothing_matched_fix', lang)}",
                icon=":material/filter_alt_off:")
    elif isinstance(exc, WarehouseBusy):
        st.warning(t("guard.busy", lang), icon=":material/hourglass_top:")
        st.button(t("guard.retry", lang), key="guard_retry", icon=":material/refresh:")
    elif isinstance(exc, WarehouseMissing):
        what = (t("guard.missing_tables", lang, tables=", ".join(exc.missing))
                if exc.missing else t("guard.missing", lang))
        st.error(f"{what} {t('guard.missing_fix', lang)}", icon=":material/database:")
    elif isinstance(exc, WarehouseCorrupt):
        st.error(corrupt_message(exc, lang), icon=":material/report:")
    elif isinstance(exc, WarehouseUnreachable):
        st.error(f"{t('guard.unreachable', lang)} {t('guard.unreachable_fix', lang)}",
                 icon=":material/cloud_off:")
        st.caption(literal(summary(exc)))
    elif isinstance(exc, WarehouseError):
        st.error(t("guard.warehouse_error", lang, detail=literal(summary(exc))))
    else:
        log.exception("page failed")
        st.error(t("guard.unexpected", lang, detail=f"{type(exc).__name__}: {exc}"),
                 icon=":material/error:")


@contextmanager
def page_guard(lang: str | None = None) -> Iterator[None]:
    """Run a page body; explain warehouse errors, empty selections and bugs instead of
    showing a traceback. Streamlit's own rerun/stop signals pass through."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        if isinstance(exc, WarehouseError):
            log.warning("warehouse problem: %s", exc)
        _show(exc, lang or current_language())


def guarded(body: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator form of `page_guard`."""

    @functools.wraps(body)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with page_guard():
            return body(*args, **kwargs)

    return wrapper


def rebuilding_banner(lang: str) -> None:
    """A note while a demo build for the embedded warehouse is under way."""
    if is_rebuilding(warehouse_url()):
        st.info(t("guard.rebuilding", lang), icon=":material/autorenew:")
