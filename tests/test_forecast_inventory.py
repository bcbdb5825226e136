"""Inventory planning: the safety-stock formula against a textbook example, and the SQL
aggregates and classes on the demo warehouse (DuckDB and PostgreSQL)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.facts import data_range
from cockpit.filters import Filters
from cockpit.forecast import demand, inventory
from cockpit.warehouse.schema import order_items, orders, products

# Chopra & Meindl, Supply Chain Management: Strategy, Planning, and Operation (6th ed.),
# Example 12-6 (Example 11-6 in the 5th ed.), "impact of lead-time uncertainty on safety
# inventory": daily demand mean 2,500 sd 500, lead time 7 days, CSL 90%. With a lead-time
# sd of 7 days, σ_L = 17,550 and ss = 22,491 units; with no lead-time variability, 1,695.
BOOK = {"d": 2500.0, "sd": 500.0, "L": 7.0, "csl": 0.90}


@pytest.mark.parametrize(("lead_sd", "expected"), [(7.0, 22_491), (0.0, 1_695)])
def test_safety_stock_matches_chopra_meindl(lead_sd: float, expected: int) -> None:
    ss = inventory.safety_stock(BOOK["csl"], BOOK["d"], BOOK["sd"], BOOK["L"], lead_sd)
    assert float(ss) == pytest.approx(expected, abs=1.0)
    rop = inventory.reorder_point(BOOK["csl"], BOOK["d"], BOOK["sd"], BOOK["L"], lead_sd)
    assert float(rop) == pytest.approx(BOOK["d"] * BOOK["L"] + expected, abs=1.0)


def test_safety_stock_grows_with_service_level_and_lead_time_variability() -> None:
    levels = [0.8, 0.9, 0.95, 0.99]
    ss = [float(inventory.safety_stock(p, 10, 3, 7, 2)) for p in levels]
    assert ss == sorted(ss) and ss[0] > 0
    assert inventory.safety_stock(0.95, 10, 3, 7, 2) > inventory.safety_stock(0.95, 10, 3, 7, 0)


def test_stockout_probability_edges() -> None:
    risk = inventory.stockout_probability([5, 0, 10, 10], [0, 1, 1, 1], [0, 0, 1, 1], 10)
    assert risk[0] == 0.0  # no demand, stock left
    assert risk[1] == 1.0  # demand, no stock
    assert risk[2] == pytest.approx(0.5)  # stock equals expected demand
    more = inventory.stockout_probability(20, 1, 1, 10)
    assert float(more) < risk[2]


def test_classify_abc_by_cumulative_share_and_xyz_by_cv() -> None:
    gmv = pd.Series([50.0, 2.0, 30.0, 10.0, 5.0, 3.0], index=list("abcdef"))
    cv = pd.Series([0.2, 0.5, 0.51, 1.0, 1.01, np.inf], index=list("abcdef"))
    out = inventory.classify(gmv, cv)
    assert out["abc"].to_dict() == {"a": "A", "b": "C", "c": "A", "d": "B", "e": "B", "f": "C"}
    assert out["xyz"].tolist() == ["X", "X", "Y", "Y", "Z", "Z"]
    assert out.loc["a", "abc_xyz"] == "AX"


def test_apply_policy_rejects_impossible_service_level() -> None:
    with pytest.raises(ValueError, match="service level"):
        inventory.apply_policy(pd.DataFrame(), service_level=1.0)


@pytest.fixture(scope="module")
def period(demo_warehouse) -> Filters:
    with demo_warehouse.connect() as conn:
        _, last = data_range(conn)
    return Filters(last - pd.Timedelta(days=27).to_pytimedelta(), last)


def _one_pair_daily(conn: sa.Connection, warehouse_id: int, product_id: int,
                    f: Filters, days: int) -> np.ndarray:
    """That pair's shipped units per day, zero-filled, from its raw order lines."""
    start = f.end - pd.Timedelta(days=days - 1).to_pytimedelta()
    rows = conn.execute(sa.select(orders.c.order_date, order_items.c.quantity).select_from(
        orders.join(order_items, order_items.c.order_id == orders.c.order_id)).where(
        orders.c.warehouse_id == warehouse_id, order_items.c.product_id == product_id,
        orders.c.status != "cancelled", orders.c.order_date >= start,
        orders.c.order_date <= f.end)).all()
    frame = pd.DataFrame(rows, columns=["day", "q"])
    daily = frame.groupby(pd.to_datetime(frame["day"]))["q"].sum()
    return daily.reindex(pd.date_range(start, f.end), fill_value=0).to_numpy(dtype=float)


def test_daily_demand_matches_raw_rows(demo_warehouse, period: Filters) -> None:
    with demo_warehouse.connect() as conn:
        stats = demand.daily_demand(conn, period, inventory.HISTORY_DAYS)
        top = stats.sort_values("units", ascending=False).iloc[0]
        raw = _one_pair_daily(conn, int(top["warehouse_id"]), int(top["product_id"]), period,
                              inventory.HISTORY_DAYS)
    assert top["units"] == raw.sum() > 0
    assert top["mean_units"] == pytest.approx(raw.mean())
    assert top["sd_units"] == pytest.approx(raw.std(ddof=1))


def test_inventory_plan_on_demo(demo_warehouse, period: Filters) -> None:
    with demo_warehouse.connect() as conn:
        inputs = inventory.plan_inputs(conn, period)
        stock = demand.latest_stock(conn, period)
    low, high = (inventory.apply_policy(inputs, p) for p in (0.85, 0.99))
    keys = ["warehouse_id", "product_id"]
    assert set(map(tuple, stock[keys].to_numpy())) <= set(map(tuple, low[keys].to_numpy()))
    assert low["stockout_risk"].between(0, 1).all()
    assert (low["reorder_point_units"] >= low["safety_stock_units"] - 1e-9).all()
    assert high["safety_stock_units"].sum() > low["safety_stock_units"].sum()
    demanded = inputs["mean_units"] > 0
    assert demanded.any() and (inputs.loc[demanded, "source"] == "history").all()
    # central and bonded sites wait longer for stock: more safety stock per unit of demand
    per_unit = (low["safety_stock_units"] / low["mean_units"]).where(demanded)
    by_type = per_unit.groupby(low["warehouse_type"]).median()
    assert by_type["forward"] < by_type["central"] < by_type["bonded"]


def test_abc_xyz_on_demo(demo_warehouse, period: Filters) -> None:
    with demo_warehouse.connect() as conn:
        classes = inventory.abc_xyz(conn, period)
        sold = conn.execute(sa.select(sa.func.count(sa.distinct(order_items.c.product_id)))
                            .select_from(orders.join(order_items,
                                                     order_items.c.order_id
                                                     == orders.c.order_id))
                            .where(orders.c.status != "cancelled",
                                   orders.c.order_date > period.end
                                   - pd.Timedelta(weeks=inventory.CLASS_WEEKS)
                                   .to_pytimedelta(),
                                   orders.c.order_date <= period.end)).scalar_one()
    assert len(classes) == sold
    share = classes.groupby("abc")["gmv_cny"].sum() / classes["gmv_cny"].sum()
    assert 0.75 <= share["A"] <= 0.85 and share["C"] <= 0.06
    assert set(classes["abc_xyz"]) <= {a + x for a in "ABC" for x in "XYZ"}
    cv = classes["sd_units"] / classes["mean_units"]
    assert (classes.loc[cv <= 0.5, "xyz"] == "X").all()
    matrix = inventory.class_matrix(classes)
    assert int(matrix["skus"].to_numpy().sum()) == len(classes)
    assert matrix["gmv_share"].to_numpy().sum() == pytest.approx(1.0)


def test_placement_on_demo(demo_warehouse, period: Filters) -> None:
    with demo_warehouse.connect() as conn:
        result = inventory.placement(conn, period)
        cold = set(conn.execute(sa.select(products.c.product_id).where(
            products.c.needs_cold_chain)).scalars())
    skus = result.skus
    # the demo ships forward same/next day and central in 2-4 days
    assert result.delivery_days["forward"] < 1.5 < result.delivery_days["central"]
    assert result.holding_cny["forward"] > result.holding_cny["central"]
    assert (skus.loc[skus["product_id"].isin(cold), "site"] == "forward").all()
    central = skus[skus["site"] == "central"]
    forward = skus[skus["site"] == "forward"]
    assert len(central) and len(forward)
    assert (central["delivery_days_change"] >= 0).all()
    assert (central["holding_cost_change_cny_month"] <= 0).all()
    assert (forward["delivery_days_change"] <= 0).all()
    assert (skus["category"] != "imported").all()  # imports ship from bonded warehouses only
