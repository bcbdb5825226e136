"""Series SQL on DuckDB and PostgreSQL: the series list, one series' zero-filled history."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.facts import data_range
from cockpit.filters import Filters
from cockpit.forecast.series import LEVELS, list_series, series_history, split_key
from cockpit.warehouse.schema import order_items, orders, products


def _units(conn, *conds) -> float:
    stmt = (sa.select(sa.func.sum(order_items.c.quantity))
            .select_from(orders.join(order_items, order_items.c.order_id == orders.c.order_id)
                         .join(products, products.c.product_id == order_items.c.product_id))
            .where(orders.c.status != "cancelled", *conds))
    return float(conn.execute(stmt).scalar_one() or 0)


def test_category_region_series(demo_warehouse):
    with demo_warehouse.connect() as conn:
        first, last = data_range(conn)
        every = list_series(conn, "category_region", Filters(first, last))
        east = list_series(conn, "category_region", Filters(first, last, regions=("east",)))
        nuts = series_history(conn, "category_region", "nut_gifts|all", last)
        nuts_east = series_history(conn, "category_region", "nut_gifts|east", last)
        truth = _units(conn, order_items.c.category == "nut_gifts")
    assert list(every.columns) == ["series_key", "label_zh", "label_en", "units", "gmv_cny"]
    assert every["units"].is_monotonic_decreasing
    totals = every[every["series_key"].str.endswith("|all")].set_index("series_key")["units"]
    regional = every[~every["series_key"].str.endswith("|all")]
    assert totals.sum() == pytest.approx(regional["units"].sum())
    assert totals["nut_gifts|all"] == pytest.approx(truth)
    assert east["series_key"].str.endswith("|east").all()  # a region filter: no totals
    assert nuts["y"].sum() == pytest.approx(truth)
    assert nuts_east["y"].sum() < nuts["y"].sum()
    days = pd.date_range(nuts["ds"].iloc[0], pd.Timestamp(last))
    assert list(nuts["ds"]) == list(days)  # one row per day, zero-filled
    assert (nuts["y"] == 0).any() and (nuts["y"] >= 0).all()
    assert nuts[["price", "promo_depth"]].notna().all().all()
    assert nuts["promo_depth"].between(0, 1).all()


def test_sku_warehouse_series(demo_warehouse):
    with demo_warehouse.connect() as conn:
        first, last = data_range(conn)
        f = Filters(last.replace(day=1), last, categories=("apparel",))
        ranked = list_series(conn, "sku_warehouse", f)
        key = ranked["series_key"].iloc[0]
        sku, warehouse = split_key("sku_warehouse", key)
        history = series_history(conn, "sku_warehouse", key, last)
        truth = _units(conn, products.c.sku == sku, orders.c.warehouse_id == int(warehouse))
        cut = series_history(conn, "sku_warehouse", key, date(last.year, 1, 1))
    assert ranked["units"].iloc[0] == ranked["units"].max()
    assert sku.startswith("APP") or sku.startswith("C2M")
    assert history["y"].sum() == pytest.approx(truth)
    assert cut["ds"].iloc[-1] == pd.Timestamp(date(last.year, 1, 1))
    assert history["price"].gt(0).all()


def test_bad_keys_and_levels():
    with pytest.raises(ValueError, match="unknown level"):
        split_key("city", "a|b")
    with pytest.raises(ValueError, match="is not '<a>|<b>'"):
        split_key(LEVELS[0], "nut_gifts")


def test_orders_level_counts_sale_orders_a_day(demo_warehouse):
    """The `orders` level (what an export without order lines can forecast): y is sale
    orders a day, gmv_cny their GMV; cancelled orders never count."""
    with demo_warehouse.connect() as conn:
        first, last = data_range(conn)
        listed = list_series(conn, "orders", Filters(first, last))
        history = series_history(conn, "orders", "all|all", last)
        sale = orders.c.status.in_(("paid", "returned", "refunded"))
        truth = conn.execute(sa.select(orders.c.order_date, sa.func.count(),
                                       sa.func.sum(orders.c.total_cny))
                             .where(sale).group_by(orders.c.order_date)).all()
    by_day = pd.DataFrame(truth, columns=["ds", "orders", "gmv"]).astype(
        {"ds": "datetime64[ns]", "orders": "float64", "gmv": "float64"}).set_index("ds")
    assert listed["series_key"].tolist() == ["all|all"]
    assert listed["units"].iloc[0] == pytest.approx(by_day["orders"].sum())
    shown = history.set_index("ds")
    assert shown["y"].reindex(by_day.index).to_numpy() == pytest.approx(by_day["orders"])
    assert shown["gmv_cny"].reindex(by_day.index).to_numpy() == pytest.approx(by_day["gmv"])
    assert (shown["price"] > 0).all()  # the average order value carries over empty days
