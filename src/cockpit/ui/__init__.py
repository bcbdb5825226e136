"""Streamlit-side helpers shared by every page: the read engine, cached analysis calls, tables.

Only `cockpit.ui`, `app.py` and `pages/` import streamlit; analysis modules stay plain.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from cockpit.access.scope import Scope
from cockpit.config import db_url
from cockpit.exports import csv_download
from cockpit.ui import downloads
from cockpit.ui.downloads import download
from cockpit.ui.i18n import t
from cockpit.ui.scope import session_scope
from cockpit.warehouse import WarehouseError, check_warehouse, is_embedded_file, read_engine, rls
from cockpit.warehouse.engine import connect

CACHE_TTL_S = 600
CACHE_MAX_ENTRIES = 256
SERVER_VERSION_TTL_S = 5  # how soon pages on a server warehouse see an import


@st.cache_resource(show_spinner=False)
def shared_engine(url: str) -> sa.Engine:
    """The one read engine per warehouse URL, shared by every session."""
    return read_engine(url)


def warehouse_url() -> str:
    """The warehouse URL for this process (`COCKPIT_DB_URL` or the embedded default)."""
    return db_url()


def warehouse_version(url: str) -> int:
    """Changes when the warehouse's data changes: the embedded file's mtime (ns), or on a
    server the build and last-import stamps of warehouse_info (read at most every
    SERVER_VERSION_TTL_S); 0 when there is no file or no stamp yet."""
    path = is_embedded_file(url)
    if path is None:
        return _server_version(url)
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


@st.cache_data(ttl=SERVER_VERSION_TTL_S, max_entries=8, show_spinner=False)
def _server_version(url: str) -> int:
    from cockpit.facts import warehouse_facts

    try:
        with connect(shared_engine(url)) as conn:
            stamps = warehouse_facts(conn)
    except (WarehouseError, sa.exc.SQLAlchemyError):
        return 0  # the page's own check explains an unreachable or incomplete warehouse
    text = f"{stamps.get('built_at', '')}|{stamps.get('last_import_at', '')}"
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_MAX_ENTRIES, show_spinner=False)
def _run(url: str, version: int, scope: Scope, module: str, qualname: str, args: tuple,
         kwargs: tuple) -> Any:
    fn = getattr(importlib.import_module(module), qualname)
    with connect(shared_engine(url)) as conn:
        rls.set_scope(conn, scope)  # PostgreSQL: this transaction sees only `scope`'s rows
        return fn(conn, *args, **dict(kwargs))


def query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """fn(conn, *args, **kwargs) on the warehouse, cached on the warehouse (URL and file
    version), the session's data scope, the function and its (hashable: Filters, str, ...)
    arguments. The scope keys the cache even for a function that takes no Filters, and on
    PostgreSQL it is set on the connection's transaction (cockpit.warehouse.rls)."""
    url = warehouse_url()
    return _run(url, warehouse_version(url), session_scope(), fn.__module__,
                fn.__qualname__, args, tuple(sorted(kwargs.items())))


@st.cache_data(ttl=60, max_entries=8, show_spinner=False)
def _checked(url: str, version: int) -> bool:
    check_warehouse(shared_engine(url))
    return True


def ensure_warehouse() -> None:
    """Raise a WarehouseError unless the warehouse is reachable and complete (cached 60 s)."""
    url = warehouse_url()
    _checked(url, warehouse_version(url))


def warehouse_updated_at() -> datetime | None:
    """When the embedded warehouse file was last written (local time); None for a server."""
    version = warehouse_version(warehouse_url())
    return datetime.fromtimestamp(version / 1e9) if version else None


def table(frame: pd.DataFrame, file_stem: str, lang: str,
          raw: pd.DataFrame | None = None, customer_level: bool = False,
          **dataframe_options: Any) -> None:
    """Show `frame` and offer `raw` (default: `frame`) as a CSV that Excel opens in Chinese,
    with text a spreadsheet would run as a formula escaped (cockpit.exports). The button is
    left out for roles that may not download (`customer_level`: one row per customer, for
    roles that may see customers only) and each click is audited (cockpit.ui.downloads).
    `dataframe_options` (height, column_config, ...) go to st.dataframe."""
    st.dataframe(frame, hide_index=True, **dataframe_options)
    rows = frame if raw is None else raw
    customer_level = customer_level or "customer_id" in rows.columns  # one row per customer
    if not downloads.may_download(customer_level):
        return
    data = csv_download(rows)  # formula-like text escaped
    download(st, t("table.download", lang), data, f"{file_stem}.csv",
             key=f"download_{file_stem}", customer_level=customer_level, mime="text/csv",
             icon=":material/download:")
