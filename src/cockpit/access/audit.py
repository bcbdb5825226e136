"""The audit log in the app store: who did what, when (UTC), with which filters."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from cockpit.appstore.schema import audit_log

ACTIONS: tuple[str, ...] = ("login", "export", "user_add", "user_remove", "import")


def _plain(value: Any) -> Any:
    """`value` as JSON-able data: dates as ISO text, tuples as lists, dataclasses as dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def record(engine: sa.Engine, who: str, action: str, what: str = "",
           filters: Any = None) -> int:
    """Append one entry; its audit_id. `filters` is a Filters, a mapping or None."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: one of {', '.join(ACTIONS)}")
    if not str(who).strip():
        raise ValueError("an audit entry needs who acted")
    plain = _plain(filters) if filters is not None else {}
    json.dumps(plain)  # fails here, not in the database, on something not JSON-able
    with engine.begin() as conn:
        result = conn.execute(audit_log.insert().values(
            who=str(who), at=datetime.now(UTC).replace(tzinfo=None), action=action,
            what=str(what), filters=plain))
        return int(result.inserted_primary_key[0])


def recent(engine: sa.Engine, limit: int = 100, action: str | None = None) -> pd.DataFrame:
    """The latest `limit` entries, newest first (one row per entry): audit_id, who, at,
    action, what, filters; only `action` when given."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    if action is not None and action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: one of {', '.join(ACTIONS)}")
    stmt = sa.select(audit_log).order_by(audit_log.c.audit_id.desc()).limit(limit)
    if action is not None:
        stmt = stmt.where(audit_log.c.action == action)
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return pd.DataFrame([row._asdict() for row in rows],
                        columns=[c.name for c in audit_log.columns])
