"""The app-owned store: what the cockpit itself records (import history, and later review
notes, action items, users and the audit log). It lives apart from the analytical warehouse,
which demo builds and imports replace: `COCKPIT_APP_DB_URL`, by default a SQLite file under
data/."""

from cockpit.appstore.engine import app_engine
from cockpit.appstore.schema import APP_METADATA, import_history

__all__ = ["APP_METADATA", "app_engine", "import_history"]
