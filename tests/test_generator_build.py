"""The demo build: deterministic, all-or-nothing, and never blocked by a reading app."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.demo import build
from cockpit.demo.context import DemoContext, history_start
from cockpit.warehouse import load, read_engine

END = date(2026, 11, 24)


def _orders_fingerprint(engine: sa.Engine) -> tuple:
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            "SELECT COUNT(*), SUM(total_cny), MAX(ordered_at) FROM orders")).one()
    return tuple(row)


def test_generation_is_deterministic_for_a_seed():
    def orders(seed: int) -> pd.DataFrame:
        ctx = DemoContext(seed=seed, start=history_start(END), end=END, n_orders=6_000)
        return build.generate(ctx)["orders"]

    first, again, other = orders(3), orders(3), orders(4)
    pd.testing.assert_frame_equal(first, again)
    assert not first["total_cny"].equals(other["total_cny"])


def test_history_covers_two_full_years(demo_warehouse):
    with demo_warehouse.connect() as conn:
        lo, hi = conn.execute(sa.text("SELECT MIN(order_date), MAX(order_date) FROM orders")
                              ).one()
    assert lo <= date(END.year - 2, 1, 3) and hi == END


def test_rebuild_succeeds_while_the_app_holds_a_read_connection(tmp_path):
    path = tmp_path / "w.duckdb"
    url = f"duckdb:///{path}"
    build.build_demo(url, scale=5_000, seed=1, end_date=END)
    reader = read_engine(url)
    with reader.connect() as conn:  # an open page query during the rebuild
        before = conn.execute(sa.text("SELECT COUNT(*) FROM orders")).scalar()
        build.build_demo(url, scale=8_000, seed=1, end_date=END)
        assert conn.execute(sa.text("SELECT COUNT(*) FROM orders")).scalar() == before
    after = _orders_fingerprint(read_engine(url))
    assert after[0] > before
    assert not list(tmp_path.glob("*.building*"))


def test_failed_load_leaves_the_previous_warehouse_intact(empty_warehouse, monkeypatch):
    url = empty_warehouse.url.render_as_string(hide_password=False)
    build.build_demo(url, scale=5_000, seed=1, end_date=END)
    before = _orders_fingerprint(empty_warehouse)
    real_append = load.append_frame

    def failing_append(conn, table, frame):
        if table.name == "shipments":
            raise RuntimeError("disk full (simulated)")
        real_append(conn, table, frame)

    monkeypatch.setattr(load, "append_frame", failing_append)
    with pytest.raises(RuntimeError, match="simulated"):
        build.build_demo(url, scale=8_000, seed=2, end_date=END)
    empty_warehouse.dispose()
    assert _orders_fingerprint(empty_warehouse) == before


def test_bad_scale_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="--scale"):
        build.build_demo("duckdb:///:memory:", scale="huge")
