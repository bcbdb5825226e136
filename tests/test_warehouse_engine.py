"""The warehouse errors a page explains arise from the real drivers' failures."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from support.write_lock import write_lock_held

from cockpit.warehouse import (
    WarehouseBusy,
    WarehouseMissing,
    WarehouseUnreachable,
    check_warehouse,
    read_engine,
)
from cockpit.warehouse.engine import building_marker, connect, is_rebuilding


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _select_one(engine: sa.Engine) -> int:
    with connect(engine) as conn:
        return conn.execute(sa.text("SELECT 1")).scalar_one()


def test_missing_duckdb_file_is_missing_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absent.duckdb"
    engine = read_engine(f"duckdb:///{path}")
    with pytest.raises(WarehouseMissing):
        _select_one(engine)
    with pytest.raises(WarehouseMissing):
        check_warehouse(engine)
    assert not path.exists()


def test_closed_postgres_port_is_unreachable() -> None:
    url = f"postgresql+psycopg://cockpit@127.0.0.1:{_closed_port()}/cockpit?connect_timeout=5"
    engine = read_engine(url)
    started = time.monotonic()
    with pytest.raises(WarehouseUnreachable):
        check_warehouse(engine)
    assert time.monotonic() - started < 10


@pytest.mark.postgres
def test_missing_postgres_database_is_missing(postgresql_proc) -> None:
    proc = postgresql_proc
    url = f"postgresql+psycopg://{proc.user}@{proc.host}:{proc.port}/no_such_warehouse"
    with pytest.raises(WarehouseMissing):
        check_warehouse(read_engine(url))


def test_file_locked_by_another_process_is_busy_until_released(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    duckdb.connect(str(path)).close()
    engine = read_engine(f"duckdb:///{path}")
    with write_lock_held(path), pytest.raises(WarehouseBusy):
        _select_one(engine)
    assert _select_one(engine) == 1


def test_a_building_file_counts_as_a_rebuild_only_while_a_writer_holds_it(tmp_path: Path
                                                                           ) -> None:
    path = tmp_path / "cockpit.duckdb"
    url = f"duckdb:///{path}"
    marker = building_marker(path)
    marker.write_bytes(b"left behind by a killed build")
    assert not is_rebuilding(url)
    marker.unlink()
    duckdb.connect(str(marker)).close()
    assert not is_rebuilding(url)
    with write_lock_held(marker):
        assert is_rebuilding(url)
    assert not is_rebuilding(url)


def test_missing_table_in_a_query_is_missing(empty_warehouse: sa.Engine) -> None:
    with pytest.raises(WarehouseMissing), connect(empty_warehouse) as conn:
        conn.execute(sa.text("SELECT count(*) FROM no_such_table"))


def test_check_warehouse_lists_the_missing_tables(empty_warehouse: sa.Engine) -> None:
    check_warehouse(empty_warehouse)
    dropped = ("reviews", "cold_chain_readings")
    with empty_warehouse.begin() as conn:
        for name in dropped:
            conn.execute(sa.text(f'DROP TABLE "{name}"'))
    with pytest.raises(WarehouseMissing) as caught:
        check_warehouse(empty_warehouse)
    assert set(caught.value.missing) == set(dropped)
    assert all(name in str(caught.value) for name in dropped)
