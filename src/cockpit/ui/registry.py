"""The pages that work, in menu order: app.py builds the navigation from `PAGES`."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from cockpit.access.roles import IMPORT_DATA, MANAGE_USERS, may
from cockpit.ui.i18n import t


@dataclass(frozen=True)
class PageSpec:
    """One page: `url_path` "" is the default page at "/"; `script` is relative to app.py;
    `permission` (cockpit.access.roles) a role needs to see the page, None for every role."""

    key: str
    url_path: str
    script: str
    title_key: str
    icon: str
    permission: str | None = None


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "", "pages/overview.py", "page.overview", ":material/dashboard:"),
    PageSpec("segments", "segments", "pages/segments.py", "page.segments", ":material/groups:"),
    PageSpec("live", "live", "pages/live.py", "page.live", ":material/live_tv:"),
    PageSpec("o2o", "o2o", "pages/o2o.py", "page.o2o", ":material/storefront:"),
    PageSpec("forecast", "forecast", "pages/forecast.py", "page.forecast",
             ":material/trending_up:"),
    PageSpec("logistics", "logistics", "pages/logistics.py", "page.logistics", ":material/eco:"),
    PageSpec("review", "review", "pages/review.py", "page.review", ":material/event_note:"),
    # The script is named as its URL path: a fresh server's first visit to a direct link
    # looks the path up among pages/ before app.py's navigation exists (cockpit.ui.shell).
    PageSpec("import_data", "import", "pages/import.py", "page.import_data",
             ":material/upload_file:", permission=IMPORT_DATA),
    PageSpec("admin", "admin", "pages/admin.py", "page.admin",
             ":material/admin_panel_settings:", permission=MANAGE_USERS),
)


def pages_for(role: str | None) -> tuple[PageSpec, ...]:
    """The pages `role` may open, in menu order; every page for None (the shell hand-over,
    which reruns before drawing anything)."""
    return tuple(spec for spec in PAGES
                 if role is None or spec.permission is None or may(role, spec.permission))


def navigation_pages(lang: str, role: str | None = None) -> list[st.Page]:
    """st.Page objects for st.navigation, titles in `lang`: the pages `role` may open."""
    return [
        st.Page(spec.script, title=t(spec.title_key, lang), icon=spec.icon,
                url_path=spec.url_path or None, default=spec.url_path == "")
        for spec in pages_for(role)
    ]


def page_links(lang: str, exclude: str | None = None) -> None:
    """A link to every page the session's role may open except `exclude`; keeps the current
    filters."""
    from cockpit.ui.auth import current_principal

    for spec in pages_for(current_principal().role):
        if spec.key == exclude:
            continue
        label = t(spec.title_key, lang)
        try:
            st.page_link(spec.script, label=label, icon=spec.icon)
        except StreamlitPageNotFoundError:  # the page runs alone (tests), no navigation
            st.markdown(f"[{label}](/{spec.url_path})")
