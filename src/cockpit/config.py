"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "cockpit.duckdb"
DEFAULT_APP_DB_PATH = PROJECT_ROOT / "data" / "app.sqlite"
LANGUAGES = ("zh", "en")


def db_url() -> str:
    """The warehouse URL: COCKPIT_DB_URL, else the embedded DuckDB file under data/."""
    return os.environ.get("COCKPIT_DB_URL") or f"duckdb:///{DEFAULT_DB_PATH}"


def write_db_url() -> str:
    """The URL writers use (demo build, import, batch jobs): COCKPIT_WRITE_DB_URL, else the
    warehouse URL. On PostgreSQL the app reads as a role bound by row-level security and
    writers connect as the tables' owner (cockpit.warehouse.rls)."""
    return os.environ.get("COCKPIT_WRITE_DB_URL") or db_url()


def read_role() -> str | None:
    """COCKPIT_READ_ROLE: the PostgreSQL role the app reads as, granted SELECT by every
    demo build (cockpit.warehouse.rls); None to grant nothing."""
    return os.environ.get("COCKPIT_READ_ROLE") or None


def app_db_url() -> str:
    """The app store URL: COCKPIT_APP_DB_URL, else a SQLite file under data/."""
    return os.environ.get("COCKPIT_APP_DB_URL") or f"sqlite:///{DEFAULT_APP_DB_PATH}"


def default_language() -> str:
    lang = os.environ.get("COCKPIT_LANG", "zh").lower()[:2]
    return lang if lang in LANGUAGES else "zh"
