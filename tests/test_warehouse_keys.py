"""Keys without key indexes: the DuckDB warehouse declares no primary-key, unique or
foreign-key constraints (cockpit.warehouse.load.create_schema says why), so the data must
hold them by itself. On the demo warehouse, in both dialects: every primary key and unique
column is unique, and every foreign key finds its row. Imports check the keys they write
with the schema's rules (tests/test_ingest_corpus.py, tests/test_ingest_bulk.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cockpit.warehouse.schema import METADATA

KEYED = [t for t in METADATA.sorted_tables if t.primary_key.columns]
UNIQUE = [(t, c) for t in METADATA.sorted_tables for c in t.columns if c.unique]
REFERENCES = [(t, c, fk) for t in METADATA.sorted_tables for c in t.columns
              for fk in c.foreign_keys]


def _present(conn: sa.Connection, table: sa.Table) -> bool:
    return sa.inspect(conn).has_table(table.name)


@pytest.mark.parametrize("table", KEYED, ids=[t.name for t in KEYED])
def test_primary_keys_are_unique(demo_warehouse: sa.Engine, table: sa.Table) -> None:
    key = list(table.primary_key.columns)
    with demo_warehouse.connect() as conn:
        if not _present(conn, table):
            pytest.skip(f"{table.name} is not in the demo warehouse")
        rows = conn.execute(sa.select(sa.func.count()).select_from(table)).one()[0]
        keys = conn.execute(sa.select(sa.func.count()).select_from(
            sa.select(*key).distinct().subquery())).one()[0]
    assert keys == rows


@pytest.mark.parametrize(("table", "column"), UNIQUE,
                         ids=[f"{t.name}.{c.name}" for t, c in UNIQUE])
def test_unique_columns_are_unique(demo_warehouse: sa.Engine, table: sa.Table,
                                   column: sa.Column) -> None:
    with demo_warehouse.connect() as conn:
        rows, distinct = conn.execute(sa.select(sa.func.count(column),
                                                sa.func.count(column.distinct()))).one()
    assert rows == distinct


@pytest.mark.parametrize(("table", "column", "fk"), REFERENCES,
                         ids=[f"{t.name}.{c.name}" for t, c, _ in REFERENCES])
def test_foreign_keys_find_their_rows(demo_warehouse: sa.Engine, table: sa.Table,
                                      column: sa.Column, fk: sa.ForeignKey) -> None:
    target = fk.column
    orphans = (sa.select(sa.func.count()).select_from(table)
               .where(column.is_not(None), ~sa.exists().where(target == column)))
    with demo_warehouse.connect() as conn:
        if not (_present(conn, table) and _present(conn, target.table)):
            pytest.skip("table not in the demo warehouse")
        assert conn.execute(orphans).one()[0] == 0


def test_duckdb_warehouse_has_no_key_indexes(demo_duckdb_path) -> None:
    import duckdb

    db = duckdb.connect(str(demo_duckdb_path), read_only=True)
    try:
        kinds = {r[0] for r in db.execute(
            "SELECT constraint_type FROM duckdb_constraints()").fetchall()}
    finally:
        db.close()
    assert not kinds & {"PRIMARY KEY", "UNIQUE", "FOREIGN KEY"}, kinds
