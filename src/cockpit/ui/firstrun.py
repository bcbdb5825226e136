"""First start: build the default demo warehouse, with a progress bar, when it is missing."""

from __future__ import annotations

import logging
import threading
import time

import streamlit as st

from cockpit.config import DEFAULT_DB_PATH
from cockpit.ui import warehouse_url
from cockpit.ui.i18n import t
from cockpit.warehouse import is_embedded_file
from cockpit.warehouse.engine import is_rebuilding

log = logging.getLogger(__name__)

_BUILD_LOCK = threading.Lock()  # one build per server process, whatever the sessions
POLL_S = 3.0
_PHASES = {"generate": (0.0, 0.75), "load": (0.75, 1.0)}


def needs_demo(url: str | None = None) -> bool:
    """True when the warehouse is the embedded default file and nothing is at its path.
    Anything there (a corrupt or empty file, a folder, a dangling link) is never built over:
    the page explains it (WarehouseCorrupt) and the user decides what to move aside."""
    path = is_embedded_file(url or warehouse_url())
    return (path is not None and path.resolve() == DEFAULT_DB_PATH.resolve()
            and not path.exists() and not path.is_symlink())


def progress_fraction(step: str, done: int, total: int) -> float:
    """Overall 0–1 progress from a build step such as "generate:orders" or "load:orders"."""
    low, high = _PHASES.get(step.split(":", 1)[0], (0.0, 1.0))
    return min(1.0, low + (high - low) * done / max(total, 1))


def ensure_demo(lang: str) -> None:
    """Build the default demo warehouse if it is missing, then rerun; else do nothing."""
    if not needs_demo():
        return
    st.subheader(t("firstrun.title", lang))
    if _BUILD_LOCK.locked() or is_rebuilding(warehouse_url()):
        _wait(lang)
    if not _BUILD_LOCK.acquire(blocking=False):
        _wait(lang)
    try:
        _build(lang)
    finally:
        _BUILD_LOCK.release()
    st.rerun()


def _wait(lang: str) -> None:
    """Wait for another session's build (this process) or poll another process's, rerun."""
    with st.spinner(t("firstrun.waiting", lang)):
        if _BUILD_LOCK.acquire(timeout=POLL_S):
            _BUILD_LOCK.release()
            if is_rebuilding(warehouse_url()):  # another process (e.g. the CLI) is building it
                time.sleep(POLL_S)
    st.rerun()


def _build(lang: str) -> None:
    from cockpit.demo.build import build_demo

    st.info(t("firstrun.intro", lang))
    bar = st.progress(0.0, text=t("firstrun.step", lang, step="…", done=0, total=1))

    def progress(step: str, done: int, total: int) -> None:
        bar.progress(progress_fraction(step, done, total),
                     text=t("firstrun.step", lang, step=step, done=done, total=total))

    try:
        report = build_demo(warehouse_url(), scale="default", progress=progress)
    except Exception as exc:
        log.exception("first-run demo build failed")
        st.error(t("firstrun.failed", lang, detail=exc))
        st.stop()
    log.info("built the default demo warehouse: %s", report)
