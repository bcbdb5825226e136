"""Every download button of the app: shown only to roles that may download (customer-level
files only to roles that may see customers), and each click written to the audit log with
the filters in effect (the sidebar mirrors them in the URL) and the session's scope."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cockpit.access import audit
from cockpit.access.roles import DOWNLOAD, DOWNLOAD_CUSTOMERS
from cockpit.appstore import app_engine
from cockpit.config import app_db_url
from cockpit.ui.auth.session import allowed, audit_who, current_principal


def may_download(customer_level: bool = False, permission: str = DOWNLOAD) -> bool:
    """The session's role has `permission` (table downloads unless told otherwise; the
    deck's is DOWNLOAD_DECK), and may see customers when the file is `customer_level`."""
    return allowed(permission) and (not customer_level or allowed(DOWNLOAD_CUSTOMERS))


def filters_in_effect() -> dict[str, Any]:
    """The filters of this run as the URL mirrors them (start, end, week, channel, ...;
    language left out), plus the session's scope."""
    params = st.query_params
    found: dict[str, Any] = {key: (values[0] if len(values) == 1 else values)
                             for key in params if key != "lang"
                             for values in [params.get_all(key)]}
    scope = current_principal().scope
    found["scope"] = {"regions": list(scope.regions), "stores": list(scope.stores)}
    return found


def _audit_export(file_name: str, filters: dict[str, Any]) -> None:
    audit.record(app_engine(app_db_url()), audit_who(), "export", file_name, filters)


def download(container: Any, label: str, data: Any, file_name: str, key: str,
             customer_level: bool = False, permission: str = DOWNLOAD,
             **options: Any) -> bool:
    """A download button in `container` (st, a column, ...) unless the role may not have
    it (see `may_download`); True when shown. A click records an "export" audit entry."""
    if not may_download(customer_level, permission):
        return False
    container.download_button(label, data=data, file_name=file_name, key=key,
                              on_click=_audit_export, args=(file_name, filters_in_effect()),
                              **options)
    return True
