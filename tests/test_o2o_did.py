"""Difference-in-differences and what-if arithmetic on hand-made numbers (no warehouse)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cockpit.o2o import attribution, halo, whatif


def _row(store: int, band: str, customers: int, pre: float, post: float,
         pre2: float | None = None, post2: float | None = None,
         cross: float | None = None) -> dict:
    """Sums for a group whose customers each placed pre/customers and post/customers orders,
    unless squares and cross products are given."""
    per_pre, per_post = pre / customers, post / customers
    row = {"store_id": store, "band": band, "customers": customers}
    for m in halo.METRICS:
        row |= {f"pre_{m}": pre, f"post_{m}": post,
                f"pre2_{m}": pre2 if pre2 is not None else customers * per_pre ** 2,
                f"post2_{m}": post2 if post2 is not None else customers * per_post ** 2,
                f"cross_{m}": cross if cross is not None else customers * per_pre * per_post}
    return row


def test_did_single_store():
    """Treated 100 -> 150 orders while the no-store areas grew 10% (200 -> 220): without the
    store the treated area would have placed 110, so the uplift is 150 / 110 - 1."""
    cells = pd.DataFrame([_row(1, "0-3", 50, 100, 150), _row(1, "none", 400, 200, 220)])
    est = halo.did(cells).iloc[0]
    assert est["band"] == "0-3"
    assert est["expected"] == pytest.approx(110.0)
    assert est["uplift"] == pytest.approx(150 / 110 - 1)
    assert est["extra"] == pytest.approx(40.0)
    assert est["control_change"] == pytest.approx(0.10)
    # every customer identical: no treated variance; the interval comes from the control only
    assert est["low"] == pytest.approx(est["uplift"], abs=1e-9)
    assert est["high"] == pytest.approx(est["uplift"], abs=1e-9)


def test_did_pools_stores_with_their_own_control_windows():
    """Each store's pre-period is scaled by the control change over its own dates."""
    cells = pd.DataFrame([
        _row(1, "0-3", 10, 100, 130), _row(1, "none", 500, 1000, 1000),
        _row(2, "0-3", 10, 50, 90), _row(2, "none", 500, 1000, 1500),
        _row(2, "3-5", 10, 40, 40),
    ])
    est = halo.did(cells).set_index("band")
    assert est.at["0-3", "expected"] == pytest.approx(100 * 1.0 + 50 * 1.5)
    assert est.at["0-3", "uplift"] == pytest.approx(220 / 175 - 1)
    assert est.at["3-5", "uplift"] == pytest.approx(40 / 60 - 1)
    assert list(est.index) == ["0-3", "3-5"]  # bands in distance order
    per_store = halo.did(cells, by_store=True)
    assert per_store[["store_id", "band"]].values.tolist() == [[1, "0-3"], [2, "0-3"],
                                                                [2, "3-5"]]
    assert per_store.loc[0, "uplift"] == pytest.approx(0.30)


def test_did_interval_from_customer_variance():
    """Two treated customers with (pre, post) = (1, 1) and (1, 3): total 2 -> 4; control flat
    and large. The delta-method variance of log(post/pre) is
    var(post)/post² + var(pre)/pre² - 2 cov/(post·pre) with clustered sums."""
    cells = pd.DataFrame([_row(1, "0-3", 2, 2, 4, pre2=2, post2=10, cross=4),
                          _row(1, "none", 10_000, 10_000, 10_000)])
    est = halo.did(cells).iloc[0]
    var_post, var_pre, cov = 10 - 16 / 2, 2 - 4 / 2, 4 - 8 / 2
    se = math.sqrt(var_post / 16 + var_pre / 4 - 2 * cov / 8)
    assert est["uplift"] == pytest.approx(1.0)
    assert est["low"] == pytest.approx(2 * math.exp(-halo.Z95 * se) - 1)
    assert est["high"] == pytest.approx(2 * math.exp(halo.Z95 * se) - 1)


def test_did_without_control_orders_gives_no_estimate():
    cells = pd.DataFrame([_row(1, "0-3", 5, 10, 20), _row(1, "none", 5, 0, 0)])
    assert halo.did(cells)["uplift"].isna().all()
    with pytest.raises(ValueError):
        halo.did(cells, "visits")


def test_whatif_projection_adds_bands():
    catch = pd.DataFrame({"band": ["0-3", "3-5", "5-10"], "customers": [10, 20, 30],
                          "orders": [100.0, 200.0, 300.0], "gmv_cny": [1e4, 2e4, 3e4]})
    bands = pd.DataFrame({"band": ["0-3", "3-5", "5-10"], "uplift": [0.3, 0.2, 0.1],
                          "low": [0.1, 0.0, -0.1], "high": [0.5, 0.4, 0.3]})
    out = whatif.projection(catch, bands, "orders").set_index("band")
    assert out.at["0-3", "extra_uplift"] == pytest.approx(30.0)
    assert out.at["total", "extra_uplift"] == pytest.approx(30 + 40 + 30)
    assert out.at["total", "extra_low"] == pytest.approx(10 + 0 - 30)
    assert out.at["total", "extra_high"] == pytest.approx(50 + 80 + 90)
    assert out.at["total", "customers"] == 60
    gmv = whatif.projection(catch, bands, "gmv").set_index("band")
    assert gmv.at["total", "extra_uplift"] == pytest.approx(3000 + 4000 + 3000)


def _cell(grp: str, store: int, n: int, buyers: int, per_customer: int) -> dict:
    """A cell of `n` units from customers who each count `per_customer` units; a buyer
    customer buys in all of theirs."""
    return {"grp": grp, "store_id": store, "city": "上海", "tier": "regular", "band": 1,
            "category": "appliances", "n": n, "buyers": buyers, "m2": n * per_customer,
            "my": buyers * per_customer, "y2": buyers * per_customer}


def test_lift_interval_is_clustered_and_pools_shared_controls():
    """Two stores' visitors (50 each, 10 buyers each, one visit per customer) share one control
    cell: 200 control units from 100 customers used twice each (20 buyer units). The control
    variance counts the shared cell once with both stores' weight, × the design effect 2."""
    frame = pd.DataFrame([_cell("visitor", 1, 50, 10, 1), _cell("visitor", 2, 50, 10, 1),
                          _cell("control", 1, 100, 10, 2), _cell("control", 2, 100, 10, 2)])
    row = attribution.lift(frame, "category").iloc[0]
    assert (row["visits"], row["matched"], row["controls"]) == (100, 100, 200)
    assert row["visitor_rate"] == pytest.approx(0.2)
    assert row["control_rate"] == pytest.approx(0.1)
    assert row["lift"] == pytest.approx(0.1)
    shrunk = 20.5 / 101
    var_t = max((20 * 0.8 ** 2 + 80 * 0.2 ** 2) / 100 ** 2, shrunk * (1 - shrunk) / 100)
    pool = 20.5 / 201
    deff = (40 - 2 * 0.1 * 40 + 0.01 * 400) / (200 * 0.1 * 0.9)
    assert deff == pytest.approx(2.0)
    var_c = (100 ** 2 / 200) / 100 ** 2 * pool * (1 - pool) * deff
    se = math.sqrt(var_t + var_c)
    assert row["lift_high"] - row["lift"] == pytest.approx(halo.Z95 * se)
    assert row["lift"] - row["lift_low"] == pytest.approx(halo.Z95 * se)
    by_store = attribution.lift(frame, "store_id").set_index("store_id")
    assert list(by_store["matched"]) == [50, 50]
    assert by_store.at[1, "lift"] == pytest.approx(0.1)
    # half the visits: the interval is wider than the pooled one
    assert by_store.at[1, "lift_high"] - by_store.at[1, "lift_low"] > (
        row["lift_high"] - row["lift_low"])
