"""Overview KPIs: exact values on a hand-made warehouse, consistency on the demo warehouse."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa
from support.handmade import frame

from cockpit import facts, overview
from cockpit.filters import Filters
from cockpit.marts import refresh_marts
from cockpit.warehouse import write_engine
from cockpit.warehouse.load import append_frame, create_schema
from cockpit.warehouse.schema import METADATA

WEEK = Filters(date(2026, 3, 1), date(2026, 3, 7))


def _order(oid, cid, day, channel, city, region, total, status="paid", hour=10):
    at = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
    return dict(order_id=oid, customer_id=cid, ordered_at=at, order_date=day, channel=channel,
                city=city, region=region, total_cny=total, subtotal_cny=total,
                discount_cny=0.0, status=status, item_count=1)


ORDERS = [
    _order(1, 1, date(2026, 2, 25), "app", "上海", "east", 100.0),
    _order(2, 1, date(2026, 3, 2), "live_stream", "上海", "east", 200.0),
    _order(3, 1, date(2026, 3, 5), "app", "上海", "east", 50.0, status="returned"),
    _order(4, 2, date(2026, 3, 3), "short_video", "北京", "north", 300.0),
    _order(5, 2, date(2026, 3, 4), "app", "北京", "north", 999.0, status="cancelled"),
    _order(6, 3, date(2026, 3, 6), "wecom", "广州", "south", 400.0),
    _order(7, 3, date(2026, 2, 1), "app", "广州", "south", 10.0, status="cancelled"),
    _order(8, 4, date(2025, 3, 3), "app", "上海", "east", 80.0),
    _order(9, 4, date(2026, 3, 7), "offline_store", "上海", "east", 120.0),
]
# (order_id, line, category, amount)
LINES = [(1, 1, "fresh", 100.0), (2, 1, "fresh", 150.0), (2, 2, "snacks", 50.0),
         (3, 1, "fresh", 50.0), (4, 1, "beauty", 300.0), (5, 1, "fresh", 999.0),
         (6, 1, "fresh", 100.0), (6, 2, "home", 300.0), (7, 1, "fresh", 10.0),
         (8, 1, "fresh", 80.0), (9, 1, "snacks", 120.0)]
TICKETS = [(1, 1, 2, datetime(2026, 3, 2, 9), "ai"), (2, 2, 4, datetime(2026, 3, 3, 9), "human"),
           (3, 3, None, datetime(2026, 3, 7, 23, 59), "ai"),
           (4, 3, None, datetime(2026, 3, 8, 0, 0), "ai")]


def build_tiny(url: str) -> sa.Engine:
    """A hand-made warehouse: 4 customers, 9 orders, spend 100/day in the test week."""
    engine = write_engine(url)
    spend = [dict(spend_date=date(2026, 3, 1) + timedelta(days=i), channel="douyin",
                  spend_cny=100.0) for i in range(7)]
    spend.append(dict(spend_date=date(2026, 2, 28), channel="douyin", spend_cny=50.0))
    frames = {
        "cities": [dict(city="上海", city_en="Shanghai", region="east"),
                   dict(city="北京", city_en="Beijing", region="north"),
                   dict(city="广州", city_en="Guangzhou", region="south")],
        "customers": [dict(customer_id=i) for i in range(1, 5)],
        "products": [dict(product_id=i, sku=f"s{i}", category=c)
                     for i, c in enumerate(["fresh", "snacks", "beauty", "home"], start=1)],
        "orders": ORDERS,
        "order_items": [dict(order_id=o, line_number=n, product_id=1, category=c, quantity=1,
                             unit_price_cny=a, discount_cny=0.0, amount_cny=a)
                        for o, n, c, a in LINES],
        "marketing_spend": spend,
        "service_tickets": [dict(ticket_id=t, customer_id=c, order_id=o, opened_at=at,
                                 resolved_by=r, satisfaction=None)
                            for t, c, o, at, r in TICKETS],
    }
    with engine.begin() as conn:
        create_schema(conn)
        for name, rows in frames.items():
            append_frame(conn, METADATA.tables[name], frame(name, rows))
        refresh_marts(conn)
    return engine


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> sa.Engine:
    return build_tiny(f"duckdb:///{tmp_path_factory.mktemp('tiny') / 'tiny.duckdb'}")


def _kpis(engine: sa.Engine, f: Filters) -> pd.DataFrame:
    with engine.connect() as conn:
        return overview.kpis(conn, f).set_index("kpi")


def test_kpis_on_hand_made_week(tiny):
    k = _kpis(tiny, WEEK)["value"]
    # non-cancelled orders in the week: 2, 3 (returned counts), 4, 6, 9
    assert k["gmv"] == pytest.approx(200 + 50 + 300 + 400 + 120)
    assert k["orders"] == 5
    assert k["aov"] == pytest.approx(1070 / 5)
    assert k["active_customers"] == 4
    assert k["repurchase_rate"] == pytest.approx(1 / 4)  # customer 1 bought twice
    assert k["live_share"] == pytest.approx((200 + 300) / 1070)
    # customers 2 and 3 are new (3's earlier order was cancelled); spend 7 × 100
    assert k["cac"] == pytest.approx(700 / 2)
    assert k["ai_resolution_rate"] == pytest.approx(2 / 3)  # ticket 4 opens the day after


def test_previous_and_last_year_columns(tiny):
    k = _kpis(tiny, WEEK)
    assert k.loc["gmv", "previous"] == pytest.approx(100)  # order 1 on 25 Feb
    assert k.loc["cac", "previous"] == pytest.approx(50 / 1)
    assert k.loc["gmv", "last_year"] == pytest.approx(80)  # order 8 on 3 Mar 2025
    assert k.loc["orders", "last_year"] == 1
    assert pd.isna(k.loc["ai_resolution_rate", "last_year"])  # no tickets then
    assert list(k["unit"]) == [overview.KPI_UNITS[key] for key in k.index]


def test_category_filter_uses_matching_lines(tiny):
    k = _kpis(tiny, Filters(WEEK.start, WEEK.end, categories=("fresh",)))["value"]
    assert k["gmv"] == pytest.approx(150 + 50 + 100)
    assert k["orders"] == 3
    assert k["active_customers"] == 2
    assert k["repurchase_rate"] == pytest.approx(1 / 2)
    assert k["live_share"] == pytest.approx(150 / 300)
    assert k["cac"] == pytest.approx(700 / 1)  # only customer 3's first order has fresh lines


def test_channel_filter(tiny):
    k = _kpis(tiny, Filters(WEEK.start, WEEK.end, channels=("live_stream",)))["value"]
    assert k["gmv"] == pytest.approx(200)
    assert pd.isna(k["cac"])  # nobody's first order was a live-stream order
    assert k["ai_resolution_rate"] == pytest.approx(1.0)  # ticket 1, about order 2


def test_empty_period_has_zero_totals_and_empty_ratios(tiny):
    k = _kpis(tiny, Filters(date(2020, 1, 1), date(2020, 1, 31)))["value"]
    assert k["gmv"] == 0 and k["orders"] == 0
    assert pd.isna(k["aov"]) and pd.isna(k["repurchase_rate"])


def test_gmv_trend_by_day_and_week(tiny):
    with tiny.connect() as conn:
        day = overview.gmv_trend(conn, WEEK, "day")
        week = overview.gmv_trend(conn, WEEK, "week")
    assert list(day.columns) == ["period", "channel", "gmv_cny", "orders"]
    assert day["gmv_cny"].sum() == pytest.approx(1070)
    assert day.set_index(["period", "channel"]).loc[(pd.Timestamp("2026-03-06"), "wecom"),
                                                   "gmv_cny"] == pytest.approx(400)
    assert set(week["period"].dt.day_of_week) == {0}  # weeks start on Monday
    assert week["orders"].sum() == 5
    with pytest.raises(ValueError):
        overview.gmv_trend(None, WEEK, "hour")


def test_data_range_options_and_city_names(tiny):
    with tiny.connect() as conn:
        assert facts.data_range(conn) == (date(2025, 3, 3), date(2026, 3, 7))
        opts = facts.filter_options(conn)
        names = facts.city_names(conn)
    assert opts["channels"] == ["app", "live_stream", "short_video", "offline_store", "wecom"]
    assert opts["regions"] == ["north", "east", "south"]
    assert opts["cities"] == ["北京", "上海", "广州"]
    assert opts["categories"] == ["fresh", "snacks", "beauty", "home"]
    assert names["上海"] == "Shanghai"


def test_derive_kpis_handles_zero_denominators():
    zeros = dict.fromkeys(("gmv", "live_gmv", "known_channel_gmv", "orders",
                           "active_customers", "repeaters", "tickets", "ai_tickets",
                           "spend_cny"), 0.0)
    values = overview.derive_kpis(zeros, new_customers=0, co2e_per_order=None)
    assert values["aov"] is None and values["cac"] is None and values["live_share"] is None
    assert set(values) == set(overview.KPI_KEYS)


def test_no_channel_and_no_spend_give_no_number_not_zero():
    """An export without channels has no live share; a warehouse without marketing spend has
    no CAC: both are missing (shown as —), never a made-up 0."""
    totals = {"gmv": 500.0, "live_gmv": 0.0, "known_channel_gmv": 0.0, "orders": 5.0,
              "active_customers": 4.0, "repeaters": 1.0, "tickets": 0.0, "ai_tickets": 0.0,
              "spend_cny": None}
    values = overview.derive_kpis(totals, new_customers=3, co2e_per_order=None)
    assert values["live_share"] is None and values["cac"] is None
    assert values["aov"] == 100.0


# --- the small demo warehouse (DuckDB and PostgreSQL) -------------------------------------


@pytest.fixture(scope="module")
def last_28_days(demo_warehouse) -> Filters:
    with demo_warehouse.connect() as conn:
        first, last = facts.data_range(conn)
    assert first < last - timedelta(days=400)  # history covers the same period last year
    return Filters(last - timedelta(days=27), last)


def _scalar(conn, sql: str, f: Filters):
    return conn.execute(sa.text(sql), {"start": f.start, "end": f.end}).scalar_one()


def test_demo_kpis_match_direct_counts(demo_warehouse, last_28_days):
    f = last_28_days
    with demo_warehouse.connect() as conn:
        k = overview.kpis(conn, f).set_index("kpi")["value"]
        live = "o.channel IN ('live_stream', 'short_video')"
        lines = _scalar(conn, "SELECT SUM(i.amount_cny) FROM order_items i JOIN orders o "
                        "ON o.order_id = i.order_id WHERE o.status <> 'cancelled' "
                        "AND o.order_date BETWEEN :start AND :end", f)
        live_gmv = _scalar(conn, "SELECT SUM(o.total_cny) FROM orders o WHERE "
                           f"o.status <> 'cancelled' AND {live} "
                           "AND o.order_date BETWEEN :start AND :end", f)
        n_orders = _scalar(conn, "SELECT COUNT(*) FROM orders WHERE status <> 'cancelled' "
                           "AND order_date BETWEEN :start AND :end", f)
        repeaters = _scalar(conn, "SELECT COUNT(*) FROM (SELECT customer_id FROM orders "
                            "WHERE status <> 'cancelled' AND order_date BETWEEN :start AND :end "
                            "GROUP BY customer_id HAVING COUNT(*) >= 2) r", f)
        new = _scalar(conn, "SELECT COUNT(*) FROM (SELECT customer_id, MIN(order_date) AS d "
                      "FROM orders WHERE status <> 'cancelled' GROUP BY customer_id) n "
                      "WHERE d BETWEEN :start AND :end", f)
        spend = _scalar(conn, "SELECT SUM(spend_cny) FROM marketing_spend "
                        "WHERE spend_date BETWEEN :start AND :end", f)
        ai = _scalar(conn, "SELECT AVG(CASE WHEN resolved_by = 'ai' THEN 1.0 ELSE 0.0 END) "
                     "FROM service_tickets WHERE CAST(opened_at AS DATE) BETWEEN :start AND :end",
                     f)
    assert k["gmv"] > 0
    assert k["gmv"] == pytest.approx(float(lines), rel=1e-9)  # GMV = Σ paid line amounts
    assert k["orders"] == n_orders
    assert k["aov"] == pytest.approx(k["gmv"] / n_orders)
    assert 0 < k["repurchase_rate"] < 1
    assert k["repurchase_rate"] == pytest.approx(repeaters / k["active_customers"])
    assert k["active_customers"] <= k["orders"]
    assert k["live_share"] == pytest.approx(float(live_gmv) / k["gmv"])
    assert k["cac"] == pytest.approx(float(spend) / new)
    assert k["ai_resolution_rate"] == pytest.approx(float(ai))


def test_demo_gmv_equals_the_channel_trend_at_every_grain(demo_warehouse, last_28_days):
    with demo_warehouse.connect() as conn:
        gmv = overview.kpis(conn, last_28_days).set_index("kpi").at["gmv", "value"]
        for grain in overview.GRAINS:
            trend = overview.gmv_trend(conn, last_28_days, grain)
            assert trend["gmv_cny"].sum() == pytest.approx(gmv, rel=1e-9), grain
            assert trend["period"].min() <= pd.Timestamp(last_28_days.start)
        day = overview.gmv_trend(conn, last_28_days, "day")
    assert day["period"].nunique() == last_28_days.days


def test_demo_previous_and_last_year_are_those_periods(demo_warehouse, last_28_days):
    f = last_28_days
    with demo_warehouse.connect() as conn:
        k = overview.kpis(conn, f).set_index("kpi")
        prev = overview.kpis(conn, f.previous_period()).set_index("kpi")["value"]
        year = overview.kpis(conn, f.same_period_last_year()).set_index("kpi")["value"]
    pd.testing.assert_series_equal(k["previous"], prev, check_names=False)
    pd.testing.assert_series_equal(k["last_year"], year, check_names=False)
    assert k.at["gmv", "last_year"] > 0


def test_demo_channels_and_categories_partition_gmv(demo_warehouse, last_28_days):
    f = last_28_days
    with demo_warehouse.connect() as conn:
        total = overview.kpis(conn, f).set_index("kpi")["value"]
        opts = facts.filter_options(conn)
        by_channel = [overview.kpis(conn, Filters(f.start, f.end, channels=(c,)))
                      .set_index("kpi")["value"] for c in opts["channels"]]
        by_category = [overview.kpis(conn, Filters(f.start, f.end, categories=(c,)))
                       .set_index("kpi").at["gmv", "value"] for c in opts["categories"]]
    assert sum(k["gmv"] for k in by_channel) == pytest.approx(total["gmv"])
    assert sum(k["orders"] for k in by_channel) == total["orders"]
    assert sum(by_category) == pytest.approx(total["gmv"])
    live = [k["live_share"] for c, k in zip(opts["channels"], by_channel, strict=True)
            if c in overview.LIVE_CHANNELS]
    assert all(share == pytest.approx(1.0) for share in live)


def test_demo_co2e_per_order_comes_from_logistics(demo_warehouse, last_28_days):
    co2e = pytest.importorskip("cockpit.logistics.co2e")
    with demo_warehouse.connect() as conn:
        k = overview.kpis(conn, last_28_days).set_index("kpi")["value"]
        direct = co2e.co2e_per_order(conn, last_28_days)
    assert direct is not None and direct > 0
    assert k["co2e_per_order"] == pytest.approx(direct)
