"""Streamlit-side helpers shared by every page: the read engine, cached analysis calls, tables.

Only `cockpit.ui`, `app.py` and `pages/` import streamlit; analysis modules stay plain.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from cockpit.config import db_url
from cockpit.ui.i18n import t
from cockpit.warehouse import check_warehouse, is_embedded_file, read_engine
from cockpit.warehouse.engine import connect

CACHE_TTL_S = 600
CACHE_MAX_ENTRIES = 256


@st.cache_resource(show_spinner=False)
def shared_engine(url: str) -> sa.Engine:
    """The one read engine per warehouse URL, shared by every session."""
    return read_engine(url)


def warehouse_url() -> str:
    """The warehouse URL for this process (`COCKPIT_DB_URL` or the embedded default)."""
    return db_url()


def warehouse_version(url: str) -> int:
    """Changes when the embedded file is replaced (mtime in ns); 0 for a server or no file."""
    path = is_embedded_file(url)
    try:
        return path.stat().st_mtime_ns if path is not None else 0
    except FileNotFoundError:
        return 0


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_MAX_ENTRIES, show_spinner=False)
def _run(url: str, version: int, module: str, qualname: str, args: tuple, kwargs: tuple) -> Any:
    fn = getattr(importlib.import_module(module), qualname)
    with connect(shared_engine(url)) as conn:
        return fn(conn, *args, **dict(kwargs))


def query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """fn(conn, *args, **kwargs) on the warehouse, cached on the warehouse (URL and file
    version), the function and its (hashable: Filters, str, ...) arguments."""
    url = warehouse_url()
    return _run(url, warehouse_version(url), fn.__module__, fn.__qualname__, args,
                tuple(sorted(kwargs.items())))


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
          raw: pd.DataFrame | None = None, **dataframe_options: Any) -> None:
    """Show `frame` and offer `raw` (default: `frame`) as a CSV that Excel opens in Chinese.
    `dataframe_options` (height, column_config, ...) go to st.dataframe."""
    st.dataframe(frame, hide_index=True, **dataframe_options)
    data = (frame if raw is None else raw).to_csv(index=False).encode("utf-8-sig")
    st.download_button(t("table.download", lang), data=data, file_name=f"{file_stem}.csv",
                       mime="text/csv", key=f"download_{file_stem}", on_click="ignore",
                       icon=":material/download:")
