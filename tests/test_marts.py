"""The marts (cockpit.marts) equal their definitions over the base tables, on the
demo warehouse in every dialect and after an import and its undo; and the figures read
from them equal the same figures computed from the orders directly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, item_conditions, order_conditions
from cockpit.ingest.cells import ReadOptions
from cockpit.ingest.pipeline import ImportOptions, run_import
from cockpit.ingest.undo import undo_import
from cockpit.overview import new_customer_counts
from cockpit.warehouse.schema import (
    SALE_STATUSES,
    customer_facts,
    order_items,
    orders,
    shipment_co2e,
    shipments,
)

COLUMNS = [c.name for c in customer_facts.columns]


def _facts_in_pandas(conn: sa.Connection) -> pd.DataFrame:
    """customer_facts as its docstring defines it, computed in pandas from the orders."""
    rows = pd.DataFrame(conn.execute(sa.select(
        orders.c.customer_id, orders.c.order_id, orders.c.ordered_at, orders.c.order_date,
        orders.c.platform, orders.c.channel, orders.c.region, orders.c.city, orders.c.status,
        orders.c.total_cny, orders.c.refunded_cny)).all(),
        columns=["customer_id", "order_id", "ordered_at", "order_date", "platform", "channel",
                 "region", "city", "status", "total_cny", "refunded_cny"])
    sales = rows[rows["status"].isin(SALE_STATUSES)].sort_values(
        ["customer_id", "ordered_at", "order_id"])
    sales = sales.assign(amount=sales["total_cny"].astype(float)
                         - sales["refunded_cny"].astype(float).fillna(0.0))
    per = sales.groupby("customer_id", sort=True)
    first = per.nth(0).set_index("customer_id")
    second = per.nth(1).set_index("customer_id")["ordered_at"]
    return pd.DataFrame({
        "customer_id": first.index,
        "first_order_id": first["order_id"].to_numpy(),
        "first_ordered_at": first["ordered_at"].to_numpy(),
        "first_order_date": first["order_date"].to_numpy(),
        "first_platform": first["platform"].to_numpy(),
        "first_channel": first["channel"].to_numpy(),
        "first_region": first["region"].to_numpy(),
        "first_city": first["city"].to_numpy(),
        "second_ordered_at": second.reindex(first.index).to_numpy(),
        "last_order_date": per["order_date"].max().reindex(first.index).to_numpy(),
        "sale_orders": per.size().reindex(first.index).to_numpy(),
        "sale_amount_cny": per["amount"].sum().reindex(first.index).to_numpy(),
    })


def _stored(conn: sa.Connection) -> pd.DataFrame:
    frame = pd.DataFrame(conn.execute(sa.select(customer_facts)
                                      .order_by(customer_facts.c.customer_id)).all(),
                         columns=COLUMNS)
    return frame


def _assert_same(stored: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(stored["customer_id"]) == list(expected["customer_id"])
    for name in COLUMNS:
        got, want = stored[name], expected[name]
        if name == "sale_amount_cny":
            assert got.astype(float).to_numpy() == pytest.approx(
                want.astype(float).to_numpy(), abs=0.005), name
        elif name in ("first_ordered_at", "second_ordered_at", "first_order_date",
                      "last_order_date"):
            assert pd.to_datetime(got).equals(pd.to_datetime(want)), name
        else:
            assert [None if pd.isna(v) else v for v in got] == \
                   [None if pd.isna(v) else v for v in want], name


def test_customer_facts_equal_their_definition_on_the_demo(demo_warehouse: sa.Engine) -> None:
    with demo_warehouse.connect() as conn:
        stored, expected = _stored(conn), _facts_in_pandas(conn)
    assert len(stored) > 1000  # the demo has buyers
    assert (stored["second_ordered_at"].notna()).mean() > 0.2  # and repeat buyers
    _assert_same(stored, expected)


def _new_customers_from_orders(conn: sa.Connection, f: Filters) -> int:
    """The count the Overview showed before the mart: rank every sale order per customer."""
    ranked = sa.select(
        orders.c.order_id, orders.c.order_date, orders.c.platform, orders.c.channel,
        orders.c.region, orders.c.city,
        sa.func.row_number().over(partition_by=orders.c.customer_id,
                                  order_by=(orders.c.ordered_at, orders.c.order_id)
                                  ).label("rank"),
    ).where(is_sale()).subquery("ranked")
    conds = order_conditions(f, ranked)
    if f.categories:
        conds.append(sa.exists().where(order_items.c.order_id == ranked.c.order_id,
                                       *item_conditions(f)))
    return int(conn.execute(sa.select(sa.func.count()).select_from(ranked)
                            .where(ranked.c.rank == 1, *conds)).one()[0])


def test_new_customer_counts_equal_a_ranking_of_the_orders(demo_warehouse: sa.Engine) -> None:
    with demo_warehouse.connect() as conn:
        end = conn.execute(sa.select(sa.func.max(orders.c.order_date))).one()[0]
        month = Filters(end - timedelta(days=27), end)
        periods = [month, month.previous_period(), month.same_period_last_year(),
                   Filters(date(2000, 1, 1), end),
                   Filters(month.start, end, channels=("live_stream",), regions=("east",)),
                   Filters(date(2000, 1, 1), end, categories=("beauty",),
                           platforms=("own_app", "tmall"))]
        counts = new_customer_counts(conn, periods)
        expected = [_new_customers_from_orders(conn, p) for p in periods]
    assert counts == expected
    assert min(counts) > 0  # every period has new buyers, so the comparison says something


def _import(url: str, app_url: str, path: Path, text: str) -> int:
    path.write_text(text, encoding="utf-8")
    [result] = run_import([path], ImportOptions(read=ReadOptions(), mode="append"), url,
                          app_url)
    return result.import_id


def test_imports_and_undo_derive_the_mart_again(empty_warehouse: sa.Engine,
                                                tmp_path: Path) -> None:
    url = empty_warehouse.url.render_as_string(hide_password=False)
    empty_warehouse.dispose()
    app_url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    header = "order_id,customer_id,ordered_at,total,status\n"
    _import(url, app_url, tmp_path / "a.csv", header + "A1,u1,2024-01-02 10:00,50,paid\n"
            "A2,u1,2024-01-05 09:00,30,paid\nA3,u2,2024-01-03 08:00,20,cancelled\n")
    second = _import(url, app_url, tmp_path / "b.csv", header
                     + "B1,u2,2024-02-01 12:00,70,paid\nB2,u1,2024-01-01 12:00,10,paid\n")
    stored = _stored_and_checked(url)
    assert sorted(stored["sale_orders"]) == [1, 3]  # u2's cancelled order is no sale
    u1 = stored.loc[stored["sale_orders"] == 3].iloc[0]
    assert u1["sale_amount_cny"] == pytest.approx(90.0)
    assert pd.Timestamp(u1["first_ordered_at"]) == pd.Timestamp("2024-01-01 12:00")
    undo_import(second, url, app_url)
    stored = _stored_and_checked(url)
    assert list(stored["sale_orders"]) == [2]  # u2 bought nothing left; u1 two orders


def _stored_and_checked(url: str) -> pd.DataFrame:
    """The mart as a new reader sees it (a DuckDB write replaces the file), checked against
    its definition."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            stored = _stored(conn)
            _assert_same(stored, _facts_in_pandas(conn))
    finally:
        engine.dispose()
    return stored


def _cockpit(*args: str, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit", *args, "--url", url],
                          capture_output=True, text=True, timeout=300)


def test_refresh_derives_the_marts_of_a_warehouse_written_before_them(
        demo_duckdb_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(demo_duckdb_path, old)
    url = f"duckdb:///{old}"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE customer_facts"))
    engine.dispose()
    check = _cockpit("check", url=url)
    assert check.returncode == 1
    assert "customer_facts" in check.stderr and "python -m cockpit refresh" in check.stderr
    done = _cockpit("refresh", url=url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Derived the marts again")
    assert _cockpit("check", url=url).returncode == 0
    _stored_and_checked(url)


def test_refresh_without_a_warehouse_says_so(tmp_path: Path) -> None:
    done = _cockpit("refresh", url=f"duckdb:///{tmp_path / 'none.duckdb'}")
    assert done.returncode == 1
    assert "no warehouse with orders" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "none.duckdb").exists()  # nothing written


def _rows(conn: sa.Connection, stmt: sa.Select) -> list[tuple]:
    return sorted(tuple(round(v, 9) if isinstance(v, float) else v for v in row)
                  for row in conn.execute(stmt).all())


def test_shipment_co2e_equals_its_definition_on_the_demo(demo_warehouse: sa.Engine) -> None:
    from cockpit.logistics.co2e import shipment_co2e_definition

    with demo_warehouse.connect() as conn:
        stored = _rows(conn, sa.select(shipment_co2e))
        fresh = _rows(conn, shipment_co2e_definition())
        shipped = conn.execute(sa.select(sa.func.count()).select_from(shipments)).one()[0]
    assert len(stored) == shipped > 1000  # one row per shipment, none dropped
    assert stored == fresh


def test_the_review_command_names_missing_marts_and_the_fix(demo_duckdb_path: Path,
                                                            tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(demo_duckdb_path, old)
    engine = sa.create_engine(f"duckdb:///{old}", poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE shipment_co2e"))
    engine.dispose()
    done = _cockpit("review", "--out", str(tmp_path / "deck"), url=f"duckdb:///{old}")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "shipment_co2e" in done.stderr and "python -m cockpit refresh" in done.stderr
    assert not (tmp_path / "deck").exists()  # nothing written


def test_writers_on_a_server_take_turns(empty_warehouse: sa.Engine) -> None:
    """On PostgreSQL two write transactions (two imports deriving the marts) run one after
    the other: the second enters only once the first has committed."""
    import threading
    import time

    from cockpit.ingest.writer import write_transaction

    if empty_warehouse.dialect.name != "postgresql":
        pytest.skip("the embedded file serialises its writers with a lock file")
    url = empty_warehouse.url.render_as_string(hide_password=False)
    events: list[str] = []
    first_in = threading.Event()

    def first() -> None:
        with write_transaction(url):
            events.append("first in")
            first_in.set()
            time.sleep(0.5)
            events.append("first out")

    def second() -> None:
        first_in.wait(timeout=60)
        with write_transaction(url):
            events.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert events == ["first in", "first out", "second in"]
