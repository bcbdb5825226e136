"""Weekly-review notes and action items in the app store (they survive warehouse rebuilds).

Every update names the version it read; a row changed since (another browser) is refused with
StaleEdit, so two people never overwrite each other silently. An action still open is carried
into every later week's list."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa

from cockpit.appstore.schema import REVIEW_STATUSES, review_actions, review_notes

KINDS = {"note": review_notes, "action": review_actions}
_KEYS = {"note": "note_id", "action": "action_id"}
FIELDS = {"note": ("text",), "action": ("text", "owner", "due_date", "status")}


class StaleEdit(RuntimeError):
    """The row changed since it was read: reload and apply the edit again."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _check(kind: str, values: dict) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be note or action, got {kind!r}")
    unknown = set(values) - set(FIELDS[kind])
    if unknown:
        raise ValueError(f"a {kind} has no field {sorted(unknown)}")
    if "text" in values and not str(values["text"]).strip():
        raise ValueError(f"a {kind} needs a text")
    if "status" in values and values["status"] not in REVIEW_STATUSES:
        raise ValueError(f"status must be one of {REVIEW_STATUSES}, got {values['status']!r}")
    if "owner" in values and not str(values["owner"]).strip():
        raise ValueError("an action needs an owner")


def add_note(engine: sa.Engine, week: str, text: str) -> int:
    """A new note on `week`; its note_id."""
    return _add(engine, "note", week, {"text": text})


def add_action(engine: sa.Engine, week: str, text: str, owner: str,
               due_date: date | None = None) -> int:
    """A new open action raised in `week`; its action_id."""
    return _add(engine, "action", week, {"text": text, "owner": owner, "due_date": due_date,
                                         "status": "open"})


def _add(engine: sa.Engine, kind: str, week: str, values: dict) -> int:
    _check(kind, values)
    now = _now()
    with engine.begin() as conn:
        result = conn.execute(KINDS[kind].insert().values(
            week=str(week), created_at=now, updated_at=now, version=1, **values))
        return int(result.inserted_primary_key[0])


def update(engine: sa.Engine, kind: str, item_id: int, version: int, **values) -> int:
    """Change fields of a note or action read at `version`; the new version. StaleEdit when
    the row changed since (or was removed)."""
    _check(kind, values)
    table = KINDS[kind]
    key = table.c[_KEYS[kind]]
    with engine.begin() as conn:
        result = conn.execute(table.update()
                              .where(key == item_id, table.c.version == version)
                              .values(**values, version=version + 1, updated_at=_now()))
        if result.rowcount != 1:
            now = conn.execute(sa.select(table.c.version).where(key == item_id)).scalar()
            raise StaleEdit(f"{kind} {item_id} was changed by someone else (version {now}, "
                            f"you edited version {version}); reload to see it")
    return version + 1


def notes(engine: sa.Engine, week: str) -> pd.DataFrame:
    """One row per note of `week`, oldest first: note_id, week, text, created_at,
    updated_at, version."""
    t = review_notes
    with engine.connect() as conn:
        return pd.read_sql(sa.select(t).where(t.c.week == str(week)).order_by(t.c.note_id),
                           conn)


def actions(engine: sa.Engine, week: str) -> pd.DataFrame:
    """One row per action of `week`'s list: those raised in it, and those raised in an
    earlier week and still open (carried, True); oldest first."""
    t = review_actions
    stmt = (sa.select(t, (t.c.week != str(week)).label("carried"))
            .where(sa.or_(t.c.week == str(week),
                          sa.and_(t.c.week < str(week), t.c.status == "open")))
            .order_by(t.c.week, t.c.action_id))
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    frame["due_date"] = pd.to_datetime(frame["due_date"]).dt.date
    return frame
