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


def app_db_url() -> str:
    """The app store URL: COCKPIT_APP_DB_URL, else a SQLite file under data/."""
    return os.environ.get("COCKPIT_APP_DB_URL") or f"sqlite:///{DEFAULT_APP_DB_PATH}"


def default_language() -> str:
    lang = os.environ.get("COCKPIT_LANG", "zh").lower()[:2]
    return lang if lang in LANGUAGES else "zh"
