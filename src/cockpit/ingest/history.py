"""The import history in the app store: one row per imported file, written before the
warehouse is (status pending), completed after its commit, so an import that dies midway
leaves a visible failed entry rather than nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from cockpit.appstore import app_engine, import_history


def warehouse_label(url: str) -> str:
    """The warehouse URL without its password, as the history records it."""
    return sa.make_url(url).render_as_string(hide_password=True)


def begin(app_url: str, warehouse: str, first_free_id: int, **fields: object) -> int:
    """A pending history row; its import_id is above every id the warehouse already holds
    (so a reset app store never reuses one). Returns the import_id."""
    engine = app_engine(app_url)
    with engine.begin() as conn:
        top = conn.execute(sa.select(sa.func.max(import_history.c.import_id))).one()[0] or 0
        import_id = max(int(top) + 1, first_free_id)
        conn.execute(import_history.insert().values(
            import_id=import_id, warehouse=warehouse, status="pending",
            imported_at=_now(), **fields))
    return import_id


def finish(app_url: str, import_id: int, status: str, **fields: object) -> None:
    """Complete a history row: status imported (with its rows_written) or failed."""
    with app_engine(app_url).begin() as conn:
        conn.execute(import_history.update().where(import_history.c.import_id == import_id)
                     .values(status=status, **fields))


def mark_undone(app_url: str, import_id: int) -> None:
    finish(app_url, import_id, "undone", undone_at=_now())


def mark_replaced(app_url: str, warehouse: str, kept: int, tables: tuple[str, ...]) -> None:
    """After `--mode replace` (import `kept`): every earlier import into `warehouse` of
    `tables` has lost its rows, so it stands no more (undone) and its file may be imported
    again."""
    where = [import_history.c.warehouse == warehouse, import_history.c.status == "imported",
             import_history.c.import_id != kept, import_history.c.table_name.in_(tables)]
    with app_engine(app_url).begin() as conn:
        conn.execute(import_history.update().where(*where).values(status="undone",
                                                                 undone_at=_now()))


def find(app_url: str, warehouse: str, sha256: str) -> list[dict]:
    """Earlier imports of the same file bytes into this warehouse that still stand."""
    stmt = sa.select(import_history).where(
        import_history.c.warehouse == warehouse, import_history.c.sha256 == sha256,
        import_history.c.status == "imported")
    with app_engine(app_url).connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def entry(app_url: str, import_id: int) -> dict | None:
    with app_engine(app_url).connect() as conn:
        row = conn.execute(sa.select(import_history).where(
            import_history.c.import_id == import_id)).first()
    return dict(row._mapping) if row else None


def imports(app_url: str, warehouse: str) -> pd.DataFrame:
    """One row per import into `warehouse`, newest first."""
    stmt = (sa.select(import_history).where(import_history.c.warehouse == warehouse)
            .order_by(import_history.c.import_id.desc()))
    with app_engine(app_url).connect() as conn:
        return pd.DataFrame([dict(r._mapping) for r in conn.execute(stmt)],
                            columns=[c.name for c in import_history.columns])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
