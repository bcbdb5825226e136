"""What an import needs to know about the warehouse before it writes: does it exist, is it
the demo, the salt its buyer-id hashes use, the next free import id; and the facts an import
leaves behind in warehouse_info."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from cockpit.ingest.writer import present_columns
from cockpit.warehouse.engine import is_missing, read_engine
from cockpit.warehouse.schema import METADATA, warehouse_info

SALT_KEY = "customer_id_salt"


@dataclass(frozen=True)
class WarehouseState:
    exists: bool
    kind: str | None = None
    salt: str | None = None
    next_import_id: int = 1


def read_state(url: str) -> WarehouseState:
    """The warehouse's state; a missing file or schema is an empty warehouse."""
    if is_missing(url):
        return WarehouseState(exists=False)
    engine = read_engine(url)
    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            if not {"warehouse_info", "orders", "external_ids"} <= present:
                return WarehouseState(exists=False)
            info = dict(conn.execute(sa.select(warehouse_info.c.key,
                                               warehouse_info.c.value)).all())
            top = max(_max(conn, t.c.import_id) for t in _tracked(conn))
    finally:
        engine.dispose()
    return WarehouseState(True, info.get("kind"), info.get(SALT_KEY), top + 1)


def _tracked(conn: sa.Connection) -> list[sa.Table]:
    """The tables whose rows carry an import_id, in the warehouse as it is (one built before
    a table had the column lacks it until the next import adds it)."""
    have = present_columns(conn)
    return [t for t in METADATA.tables.values() if "import_id" in have.get(t.name, ())]


def _max(conn: sa.Connection, column: sa.Column) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(column), 0))).one()[0])


def write_info(conn: sa.Connection, salt: str) -> None:
    """Mark the warehouse as imported data, loaded now, hashing buyer ids with `salt`."""
    facts = {"kind": "imported", "last_import_at": datetime.now(UTC).replace(
        microsecond=0).isoformat(), SALT_KEY: salt}
    conn.execute(warehouse_info.delete().where(warehouse_info.c.key.in_(list(facts))))
    conn.execute(warehouse_info.insert(), [{"key": k, "value": v} for k, v in facts.items()])
