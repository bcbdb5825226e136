"""Lazy tabs: only the open tab's section runs, so a click in one tab recomputes nothing else."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from cockpit.ui.coverage import require_tables, richer_with
from cockpit.ui.guard import page_guard

# (label, draw) or (label, draw, coverage key): a tab with a key whose tables hold no rows
# shows which data it needs instead of running `draw`.
Section = tuple[str, Callable[[], None]] | tuple[str, Callable[[], None], str | None]


def lazy_tabs(key: str, sections: Sequence[Section], lang: str) -> None:
    """One tab per (label, draw[, coverage key]); selecting a tab reruns the page and only its
    `draw` runs, inside its own guard so a failing section leaves the tab bar working. With a
    key (see cockpit.coverage), a tab whose data is absent shows the needs-data note."""
    tabs = st.tabs([section[0] for section in sections], key=key, on_change="rerun")
    for tab, (_, draw, *needs) in zip(tabs, sections, strict=True):
        if tab.open:
            with tab, page_guard(lang):
                if needs and needs[0]:
                    require_tables(needs[0])
                    richer_with(needs[0], lang)
                draw()
