"""RFM scores and groups, lifecycle tiers and migration flows on a hand-made ten-customer
warehouse, on DuckDB and PostgreSQL. Every expected value below is worked out by hand from
the order list (see the comments), not taken from the code's output."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.marts import refresh_marts
from cockpit.segments import lifecycle, migration, rfm
from cockpit.warehouse.load import append_frame
from cockpit.warehouse.schema import customers, orders

END = date(2025, 12, 31)
PERIOD = Filters(END - timedelta(days=27), END)  # 28 days
AMOUNT = {c: 10.0 * c for c in range(1, 11)}  # every order of customer c pays 10·c yuan
# customer -> days before END of each non-cancelled order (the first is the last order)
ORDER_DAYS = {
    1: [0, 30, 60, 90, 120, 150],  # R5 F5 -> champions; first order long ago: returning
    2: [1],                         # R5 F1 -> new; only order in the period: tier new
    3: [10, 400],                   # R4 F1 (day 400 is outside the RFM year) -> promising
    4: [20, 50, 80, 110],           # R4 F4 -> loyal
    5: [30, 31, 32],                # R3 F3 -> needs attention
    6: [60],                        # R3 F1 -> about to sleep
    7: [85, 86, 87],                # R2 F3 -> at risk; spend 210 (2nd of 10): tier vip
    8: [120, 121, 122, 123, 124],   # R2 F5 -> can't lose; spend 400 (1st) but inactive
    9: [200, 201],                  # R1 F3 -> at risk
    10: [300],                      # R1 F1 -> hibernating
}
# Orders that must not count: a cancelled one (customer 2) and one after END (customer 10).
IGNORED = [(2, 50, "cancelled"), (10, -3, "paid")]
EXPECTED_RFM = {1: (5, 5, 2, "champions"), 2: (5, 1, 1, "new"), 3: (4, 1, 1, "promising"),
                4: (4, 4, 4, "loyal"), 5: (3, 3, 3, "needs_attention"),
                6: (3, 1, 2, "about_to_sleep"), 7: (2, 3, 5, "at_risk"),
                8: (2, 5, 5, "cant_lose"), 9: (1, 3, 4, "at_risk"),
                10: (1, 1, 3, "hibernating")}
# Recency: ten distinct values; percent_rank i/9 gives scores 1,1,2,2,3,3,4,4,5,5.
# Frequency 1,1,1,1,2,3,3,4,5,6: the four one-order customers share F1 though they are 40%.
# Monetary 20,30,60,60,100,150,160,180,210,400 (customers 2,3,1,6,10,5,4,9,7,8).
EXPECTED_TIERS = {1: "returning", 2: "new", 3: "returning", 4: "returning", 5: "returning",
                  6: "returning", 7: "vip", 8: "at_risk", 9: "dormant", 10: "dormant"}


def _orders_frame() -> pd.DataFrame:
    rows = [(c, d, "paid") for c, days in ORDER_DAYS.items() for d in days] + IGNORED
    out = []
    for i, (cust, days_back, status) in enumerate(rows, start=1):
        day = END - timedelta(days=days_back)
        out.append(dict(order_id=i, customer_id=cust, ordered_at=datetime(day.year, day.month,
                        day.day, 12), order_date=day, platform="own_app", channel="app",
                        city="上海", region="east",
                        store_id=None, live_session_id=None, warehouse_id=None, item_count=1,
                        subtotal_cny=AMOUNT[cust], discount_cny=0.0, total_cny=AMOUNT[cust],
                        coupon_type="none", status=status, return_reason=None))
    return pd.DataFrame(out)


def _customers_frame() -> pd.DataFrame:
    ids = list(ORDER_DAYS)
    return pd.DataFrame(dict(
        customer_id=ids, signup_date=[date(2024, 1, 1)] * 10, city="上海", region="east",
        home_latitude=31.2, home_longitude=121.5, age_band="25-34",
        acquisition_channel="douyin", acquisition_domain="public", member_tier="regular",
        wecom_joined_at=None, wecom_live_session_id=None))


@pytest.fixture
def tiny(empty_warehouse) -> sa.Engine:
    with empty_warehouse.begin() as conn:
        append_frame(conn, customers, _customers_frame())
        append_frame(conn, orders, _orders_frame())
        refresh_marts(conn)
    return empty_warehouse


def test_rfm_scores_and_groups_match_the_hand_worked_grid(tiny):
    with tiny.connect() as conn:
        got = pd.DataFrame(conn.execute(rfm.rfm_query(PERIOD)).all(),
                           columns=["customer_id", "r", "f", "m", "rfm_group"])
        groups = rfm.rfm_groups(conn, PERIOD).set_index("rfm_group")
        grid = rfm.rf_grid(conn, PERIOD)
    got = got.set_index("customer_id").sort_index()
    expected = pd.DataFrame.from_dict(EXPECTED_RFM, orient="index",
                                      columns=["r", "f", "m", "rfm_group"])
    pd.testing.assert_frame_equal(got.astype({"r": int, "f": int, "m": int}),
                                  expected.astype({"r": int, "f": int, "m": int}),
                                  check_names=False)
    assert groups.at["at_risk", "customers"] == 2
    assert groups.at["at_risk", "monetary_cny"] == pytest.approx(210 + 180)
    assert groups.at["potential_loyalist", "customers"] == 0
    assert groups["customers"].sum() == 10
    assert groups["value_share"].sum() == pytest.approx(1.0)
    assert len(grid) == 25 and grid["customers"].sum() == 10
    cell = grid.set_index(["r", "f"]).loc[(2, 5)]
    assert (cell["customers"], cell["rfm_group"]) == (1, "cant_lose")


def test_every_rf_cell_has_exactly_one_group():
    cells = [(r, f) for g, (rs, fs) in rfm.GROUP_GRID.items() for r in rs for f in fs]
    assert sorted(cells) == [(r, f) for r in range(1, 6) for f in range(1, 6)]


def test_tiers_match_the_definitions(tiny):
    with tiny.connect() as conn:
        got = dict(conn.execute(lifecycle.tier_query(PERIOD)).all())
        summary = lifecycle.tier_summary(conn, PERIOD).set_index("tier")
    assert got == EXPECTED_TIERS
    assert summary["customers"].to_dict() == {"new": 1, "returning": 5, "vip": 1,
                                              "at_risk": 1, "dormant": 2}
    # period orders: customer 1 day 0 (¥10), 2 day 1 (¥20), 3 day 10 (¥30), 4 day 20 (¥40)
    assert summary["gmv_cny"].sum() == pytest.approx(100.0)
    assert summary.at["new", "gmv_share"] == pytest.approx(0.2)
    assert summary.at["returning", "orders"] == 3
    assert summary.at["returning", "aov_cny"] == pytest.approx(80 / 3)
    assert summary.at["returning", "orders_per_customer"] == pytest.approx(3 / 5)
    assert summary.at["returning", "repurchase_rate"] == pytest.approx(0.0)
    assert pd.isna(summary.at["dormant", "repurchase_rate"])
    assert summary.at["dormant", "days_since_last"] == pytest.approx((200 + 300) / 2)
    # lifetime GMV of customer 3 includes the order 400 days back: 2 × ¥30
    assert summary.at["vip", "lifetime_gmv_cny"] == pytest.approx(210.0)


def test_migration_flows_carry_each_customers_clv(tiny, monkeypatch):
    clv = pd.Series({c: 1000.0 * c for c in ORDER_DAYS})
    monkeypatch.setattr(migration, "clv_by_customer", lambda conn, as_of, horizon, scope=None: clv)
    prev = PERIOD.previous_period()
    with tiny.connect() as conn:
        before = dict(conn.execute(lifecycle.tier_query(prev)).all())
        flows = migration.flows(conn, PERIOD, "tier")
    # customer 2's first order is in this period: no tier before, so it enters from "none"
    assert 2 not in before and set(before) == set(ORDER_DAYS) - {2}
    expected = pd.DataFrame({"source": [before.get(c, "none") for c in ORDER_DAYS],
                             "target": [EXPECTED_TIERS[c] for c in ORDER_DAYS],
                             "clv": [clv[c] for c in ORDER_DAYS]})
    want = expected.groupby(["source", "target"])["clv"].agg(["size", "sum"])
    got = flows.set_index(["source", "target"])
    assert got["customers"].to_dict() == want["size"].to_dict()
    assert got["clv_at_stake_cny"].to_dict() == pytest.approx(want["sum"].to_dict())
    row = flows.set_index(["source", "target"]).loc[("none", "new")]
    assert (row["customers"], row["clv_at_stake_cny"], row["direction"]) == (1, 2000.0, "in")
    # customer 8's last order is 92 days before the previous end: already at risk then;
    # customer 7 (last order 57 days before it) is active with the 2nd-highest spend, but
    # of 9 buyers then 2/9 > 20% spend at least as much: returning, now vip (2/10): up
    assert (before[8], before[7]) == ("at_risk", "returning")
    assert flows.set_index(["source", "target"]).loc[("returning", "vip"), "direction"] == "up"
    assert flows.set_index(["source", "target"]).loc[("at_risk", "at_risk"), "stayed"]


def test_direction_uses_group_health():
    assert migration.direction("tier", "returning", "at_risk") == "down"
    assert migration.direction("tier", "dormant", "vip") == "up"
    assert migration.direction("rfm", "none", "new") == "in"
    assert migration.direction("rfm", "loyal", "none") == "out"
    assert migration.direction("rfm", "loyal", "loyal") == "same"
