"""Lazy tabs: only the open tab's section runs, so a click in one tab recomputes nothing else."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from cockpit.ui.guard import page_guard


def lazy_tabs(key: str, sections: Sequence[tuple[str, Callable[[], None]]], lang: str) -> None:
    """One tab per (label, draw); selecting a tab reruns the page and only its `draw` runs,
    inside its own guard so a failing section leaves the tab bar working."""
    tabs = st.tabs([label for label, _ in sections], key=key, on_change="rerun")
    for tab, (_, draw) in zip(tabs, sections, strict=True):
        if tab.open:
            with tab, page_guard(lang):
                draw()
