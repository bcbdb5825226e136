"""ClickHouse as the warehouse (chDB in process): every table has a MergeTree layout, the
demo builds into it with its marts, and a load that fails leaves the previous tables."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from conftest import DEMO_END_DATE, DEMO_SEED, chdb_url

from cockpit.demo.build import build_demo
from cockpit.warehouse import clickhouse, load, read_engine, write_engine
from cockpit.warehouse.engine import is_missing
from cockpit.warehouse.schema import METADATA, TRUTH_METADATA

pytestmark = pytest.mark.clickhouse

ALL_TABLES = [*METADATA.sorted_tables, *TRUTH_METADATA.sorted_tables]


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_every_table_has_a_layout_on_non_nullable_columns(table: sa.Table) -> None:
    layout = clickhouse.LAYOUTS.get(table.name)
    assert layout is not None, f"{table.name}: no ClickHouse layout"
    for name in layout.order_by:
        assert name in table.columns and not table.columns[name].nullable, name
    if layout.partition_by is not None:
        inside = layout.partition_by.split("(", 1)[1].rstrip(")")
        assert inside in table.columns and not table.columns[inside].nullable


def test_layouts_name_only_schema_tables() -> None:
    assert set(clickhouse.LAYOUTS) == {t.name for t in ALL_TABLES}


def test_nullable_columns_become_nullable_types() -> None:
    orders = METADATA.tables["orders"]
    assert clickhouse.column_type_name(orders.c.channel) == "Nullable(String)"
    assert clickhouse.column_type_name(orders.c.order_id) == "Int64"
    assert clickhouse.column_type_name(orders.c.total_cny) == "Decimal(14, 2)"
    assert clickhouse.column_type_name(orders.c.ordered_at) == "DateTime64(6)"


def _counts(url: str) -> dict[str, int]:
    engine = read_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT name, total_rows FROM system.tables WHERE database = :db"),
                {"db": engine.url.database}).all()
            built_at = conn.execute(sa.text(
                "SELECT value FROM warehouse_info WHERE key = 'built_at'")).scalar_one()
    finally:
        engine.dispose()
    return {**{name: int(n or 0) for name, n in rows}, "built_at": built_at}


def _databases(url: str) -> set[str]:
    engine = read_engine(url)
    try:
        with engine.connect() as conn:
            return set(conn.execute(sa.text("SELECT name FROM system.databases")).scalars())
    finally:
        engine.dispose()


def test_demo_builds_with_its_marts(demo_clickhouse_url) -> None:
    counts = _counts(demo_clickhouse_url)
    assert counts["orders"] > 15_000
    assert counts["shipment_co2e"] == counts["shipments"] > 0
    assert 0 < counts["customer_facts"] <= counts["customers"]
    assert "cockpit_demo" + clickhouse.STAGING_SUFFIX not in _databases(demo_clickhouse_url)
    engine = read_engine(demo_clickhouse_url)
    with engine.connect() as conn:  # NULLs stay NULL: Nullable columns, join_use_nulls
        nulls = conn.execute(sa.text(
            "SELECT countIf(refunded_cny IS NULL) = count(), "
            "countIf(second_ordered_at IS NULL) > 0 FROM orders, customer_facts "
            "WHERE orders.customer_id = customer_facts.customer_id")).one()
    engine.dispose()
    assert tuple(nulls) == (True, True)


@pytest.fixture
def built_twice(chdb_path, request) -> str:
    """A demo warehouse of its own, built once: its first build is the one to keep."""
    url = chdb_url(chdb_path, f"cockpit_{request.node.name[:40].replace('[', '_')}")
    _small_build(url)
    return url


def _small_build(url: str) -> None:
    build_demo(url, scale=5000, seed=DEMO_SEED, end_date=DEMO_END_DATE)


def test_a_load_failing_mid_way_leaves_the_previous_tables(built_twice, monkeypatch) -> None:
    before = _counts(built_twice)
    real_append = load.append_frame

    def append_or_fail(conn, table, frame):
        if table.name == "orders":
            raise RuntimeError("disk full (injected)")
        real_append(conn, table, frame)

    monkeypatch.setattr(load, "append_frame", append_or_fail)
    with pytest.raises(RuntimeError, match="injected"):
        _small_build(built_twice)
    assert _counts(built_twice) == before
    assert not any(name.endswith(clickhouse.STAGING_SUFFIX) for name in _databases(built_twice))


def test_a_swap_failing_half_way_swaps_back(built_twice, monkeypatch) -> None:
    before = _counts(built_twice)
    real_exchange = clickhouse._exchange
    calls = {"n": 0}

    def exchange_or_fail(conn, staging, target, name):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("lost the server (injected)")
        real_exchange(conn, staging, target, name)

    monkeypatch.setattr(clickhouse, "_exchange", exchange_or_fail)
    with pytest.raises(RuntimeError, match="injected"):
        _small_build(built_twice)
    assert _counts(built_twice) == before


def test_a_mart_refresh_replaces_its_rows(built_twice) -> None:
    from cockpit.marts import refresh_marts

    before = _counts(built_twice)
    engine = read_engine(built_twice)
    with engine.connect() as conn:
        conn.execute(sa.text("DELETE FROM orders WHERE order_id % 2 = 0"))
        expected = conn.execute(sa.text(
            "SELECT uniqExact(customer_id) FROM orders "
            "WHERE status IN ('paid', 'returned', 'refunded')")).scalar_one()
        refresh_marts(conn)
        facts = conn.execute(sa.text("SELECT count() FROM customer_facts")).scalar_one()
        leftovers = conn.execute(sa.text(
            "SELECT count() FROM system.tables WHERE database = currentDatabase() "
            "AND name LIKE '%\\\\_\\\\_new'")).scalar_one()
    engine.dispose()
    assert facts == expected < before["customer_facts"]
    assert leftovers == 0


def test_a_staged_write_is_seen_whole_when_it_ends(built_twice) -> None:
    before = _counts(built_twice)
    engine, reader = write_engine(built_twice), read_engine(built_twice)
    with clickhouse.staged(engine, load.all_tables(), copy=True) as conn:
        copied = conn.execute(sa.text("SELECT count() FROM orders")).scalar_one()
        conn.execute(sa.text("DELETE FROM orders WHERE order_id % 2 = 0"))
        with reader.connect() as other:  # a running app reads the old rows meanwhile
            seen = other.execute(sa.text("SELECT count() FROM orders")).scalar_one()
    engine.dispose()
    reader.dispose()
    assert copied == seen == before["orders"]
    with reader.connect() as conn:  # count(), not total_rows: a lightweight DELETE masks rows
        orders = conn.execute(sa.text("SELECT count() FROM orders")).scalar_one()
    reader.dispose()
    assert 0 < orders < before["orders"]
    assert _counts(built_twice)["customers"] == before["customers"]  # the others come back whole
    assert not any(name.endswith(clickhouse.STAGING_SUFFIX) for name in _databases(built_twice))


def test_a_staged_write_that_fails_changes_nothing(built_twice) -> None:
    before = _counts(built_twice)
    engine = write_engine(built_twice)
    with pytest.raises(RuntimeError, match="injected"), \
            clickhouse.staged(engine, load.all_tables(), copy=True) as conn:
        conn.execute(sa.text("DELETE FROM orders WHERE order_id % 2 = 0"))
        raise RuntimeError("injected")
    engine.dispose()
    assert _counts(built_twice) == before
    assert not any(name.endswith(clickhouse.STAGING_SUFFIX) for name in _databases(built_twice))


def test_a_second_writer_is_refused_while_another_stages(built_twice) -> None:
    engine = write_engine(built_twice)
    staging = engine.url.database + clickhouse.STAGING_SUFFIX
    clickhouse.create_database(engine, staging)  # what a writer still at work leaves
    try:
        with pytest.raises(clickhouse.BusyError, match="another load is writing"), \
                clickhouse.staged(engine, load.all_tables(), copy=True, stale_ok=False):
            pass
        assert staging in _databases(built_twice)  # the other writer's work is kept
    finally:
        clickhouse.drop_database(engine, staging)
        engine.dispose()


def test_a_missing_database_reads_as_a_missing_warehouse(chdb_path, built_twice) -> None:
    assert is_missing(chdb_url(chdb_path, "cockpit_never_built"))
    assert not is_missing(built_twice)


def _threads() -> int:
    return len(os.listdir("/proc/self/task"))


def test_engines_opened_and_disposed_leave_no_threads_behind(chdb_path) -> None:
    """chDB restarts its engine whenever its last handle closes, leaking threads and open
    files each time; the process keeps one handle, so the engine runs on."""
    url = chdb_url(chdb_path, "default")
    read_engine(url).dispose()  # the engine started (its own threads), if it was not yet
    before = _threads()
    for n in range(20):
        engine = read_engine(url)
        with engine.connect() as conn:
            conn.execute(sa.text(f"CREATE TABLE churn_{n} (a Int32) ENGINE = MergeTree ORDER BY a"))
            conn.execute(sa.text(f"DROP TABLE churn_{n} SYNC"))
        engine.dispose()
    assert _threads() - before < 20  # about 100 (5 per restart) without the held handle


HAND_OVER = """
import subprocess, sys
import sqlalchemy as sa
from cockpit.warehouse import clickhouse, read_engine
url = sys.argv[1]
engine = read_engine(url)
with engine.connect() as conn:
    conn.execute(sa.text("CREATE TABLE IF NOT EXISTS t (a Int32) ENGINE = MergeTree ORDER BY a"))
engine.dispose()
if sys.argv[2] == "release":
    clickhouse.release(url)
child = subprocess.run([sys.executable, "-c", "import chdb, sys; chdb.connect(sys.argv[1])",
                        clickhouse.embedded_path(url).as_posix()], capture_output=True)
print(child.returncode)
"""


@pytest.mark.parametrize("release", [True, False])
def test_a_released_folder_opens_in_another_process(tmp_path, release: bool) -> None:
    """A process keeps its chDB folder until it exits, unless it releases it (as the
    benchmark does before its page processes open the same warehouse)."""
    url = chdb_url(str(tmp_path / "handed_over"), "default")
    done = subprocess.run([sys.executable, "-c", HAND_OVER, url,
                           "release" if release else "keep"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (done.stdout.split()[-1] == "0") is release
