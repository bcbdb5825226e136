"""The Forecast page's figures for a scoped user (DuckDB and PostgreSQL): a region manager's
series history is their regions' orders only ("all regions" too), a store manager's their
stores', and inventory demand and the C2M halves keep the scope."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.filters import Filters
from cockpit.forecast import c2m, demand
from cockpit.forecast.series import series_history

END = date(2026, 11, 24)  # the demo fixture's last day
EAST = Scope(regions=("east",))
STORE_1 = Scope(stores=("S01",))
SALE = "status IN ('paid', 'returned', 'refunded')"


def test_a_region_managers_all_regions_history_is_their_regions(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        scoped = series_history(conn, "category_region", "snacks|all", END, EAST)
        east = series_history(conn, "category_region", "snacks|east", END)
        everything = series_history(conn, "category_region", "snacks|all", END)
    pd.testing.assert_frame_equal(scoped, east)
    assert 0 < scoped["y"].sum() < everything["y"].sum()


def test_a_store_managers_order_series_counts_their_stores_sale_orders(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        scoped = series_history(conn, "orders", "all|all", END, STORE_1)
        by_hand = conn.execute(sa.text(
            f"SELECT count(*) FROM orders WHERE {SALE} AND store_id = 1 AND order_date <= :end"),
            {"end": END}).scalar_one()
        everything = series_history(conn, "orders", "all|all", END)
    assert scoped["y"].sum() == by_hand
    assert 0 < by_hand < everything["y"].sum()


def test_inventory_demand_counts_only_the_orders_in_scope(demo_warehouse) -> None:
    f = Filters(END - timedelta(days=27), END, scope=EAST)
    with demo_warehouse.connect() as conn:
        scoped = demand.daily_demand(conn, f, 28)
        everything = demand.daily_demand(conn, replace(f, scope=EVERYTHING), 28)
        by_hand = conn.execute(sa.text(
            "SELECT sum(i.quantity) FROM orders o JOIN order_items i ON i.order_id = o.order_id "
            f"WHERE o.{SALE} AND o.region = 'east' AND o.warehouse_id IS NOT NULL "
            "AND o.order_date BETWEEN :lo AND :hi"), {"lo": f.start, "hi": f.end}).scalar_one()
    assert scoped["units"].sum() == pytest.approx(float(by_hand))
    assert scoped["units"].sum() < everything["units"].sum()


def test_the_c2m_halves_keep_the_users_scope() -> None:
    f = Filters(END - timedelta(days=59), END, scope=EAST)
    early, recent = c2m.halves(f)
    assert early.scope == recent.scope == EAST
    assert (early.start, early.end, recent.start, recent.end) == (
        f.start, f.start + timedelta(days=29), END - timedelta(days=29), END)
