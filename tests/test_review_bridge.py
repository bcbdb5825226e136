"""Weekly review domain: ISO weeks, the exact GMV bridge, the narrative's numbers, the planted
anomalies, attainment against hand-made targets (DuckDB and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from support import handmade

from cockpit.filters import Filters
from cockpit.review import tables
from cockpit.review.bridge import midpoint_orders_effect, round_to_sum
from cockpit.review.kpis import week_kpis
from cockpit.review.narrative import narrative
from cockpit.review.report import build_review
from cockpit.review.weeks import IsoWeek, default_week, parse_week

DOUBLE_11 = parse_week("2026-W46")
SPRING = parse_week("2026-W08")  # Spring Festival 2026-02-17
NUMBER = re.compile(r"\d{4}-\d{2}-\d{2}|[−+]?¥?\d[\d,]*(?:\.\d+)?(?:万|亿|K|M|%)?")


def review(engine, week, **dims):
    with engine.connect() as conn:
        return build_review(conn, Filters(week.start, week.end, **dims), week)


def test_weeks():
    assert parse_week("2024-W52") == IsoWeek(2024, 52)
    assert str(parse_week(" 2026-W08 ")) == "2026-W08"
    for bad in ("2024-52", "2024-W54", "2025-W53", "W52", ""):
        with pytest.raises(ValueError, match=re.escape(repr(bad))):
            parse_week(bad)
    assert default_week(date(2026, 11, 24)) == IsoWeek(2026, 47)
    assert default_week(date(2026, 11, 29)) == IsoWeek(2026, 48)  # a Sunday: its own week
    assert IsoWeek(2026, 53).last_year() == (IsoWeek(2025, 52), True)
    assert IsoWeek(2027, 10).last_year() == (IsoWeek(2026, 10), False)


def test_round_to_sum_and_midpoint():
    assert sum(round_to_sum([-7.64, -6.64], -14.3)) == pytest.approx(-14.3)
    assert round_to_sum([1.26, 1.26, 1.26], 3.8) == [1.3, 1.3, 1.2] or \
        sum(round_to_sum([1.26, 1.26, 1.26], 3.8)) == pytest.approx(3.8)
    effect = midpoint_orders_effect(1000.0, 10, 1320.0, 12)
    assert effect == pytest.approx(2 * (100 + 110) / 2)


@pytest.mark.parametrize("week", [DOUBLE_11, SPRING, parse_week("2026-W47")])
def test_bridge_sums_exactly_to_the_change(demo_warehouse, week):
    r = review(demo_warehouse, week)
    b = r.bridge
    assert b.orders_effect + b.aov_effect == b.change  # exact by construction
    n0, n1 = b.orders_ref, b.orders
    assert b.aov_effect == pytest.approx((b.aov - b.aov_ref) * (n0 + n1) / 2, abs=1e-6)
    k = r.kpis.set_index("kpi")
    assert b.gmv == pytest.approx(k.at["gmv", "value"], abs=0.01)
    assert b.gmv_ref == pytest.approx(k.at["gmv", "previous"], abs=0.01)
    for dim, parts in b.segments.groupby("dimension"):
        assert parts["change"].sum() == pytest.approx(b.change, abs=0.01), dim
        assert parts["points"].sum() == pytest.approx(b.change_points, abs=1e-9), dim
    assert sum(b.effect_points) == pytest.approx(b.change_points, abs=1e-9)


def test_bridge_with_filters(demo_warehouse):
    b = review(demo_warehouse, DOUBLE_11, channels=("live_stream",), categories=("beauty",
                                                                                  "apparel")
               ).bridge
    assert set(b.segments.query("dimension == 'channel'")["segment"]) == {"live_stream"}
    for _, parts in b.segments.groupby("dimension"):
        assert parts["change"].sum() == pytest.approx(b.change, abs=0.01)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_narrative_numbers_are_the_tables(demo_warehouse, lang):
    r = review(demo_warehouse, DOUBLE_11)
    n = narrative(r, lang)
    assert 3 <= len(n.sentences) <= 5
    found = NUMBER.findall(n.text)
    assert found and set(found) <= set(n.numbers), set(found) - set(n.numbers)
    assert set(n.numbers) <= tables.shown(r, lang)
    po, pa = r.bridge.effect_points
    assert round(po + pa, 1) == r.bridge.change_points  # the parts named add up


def test_planted_double_11_spike_and_spring_festival_fresh_dip(demo_warehouse):
    a = review(demo_warehouse, DOUBLE_11).anomalies
    days = a[(a["kind"] == "day") & (a["direction"] == "spike")]["day"].astype(str)
    assert "2026-11-10" in set(days)
    assert ((a["kind"] == "week") & (a["direction"] == "spike")).any()
    s = review(demo_warehouse, SPRING).anomalies
    fresh = s[(s["dimension"] == "category") & (s["segment"] == "fresh")]
    assert list(fresh["direction"]) == ["dip"]
    assert fresh["deviation_pct"].iloc[0] < -50


def test_planted_live_dropoff_is_listed(demo_warehouse):
    d = review(demo_warehouse, DOUBLE_11).dropoffs
    assert len(d) >= 1 and (d["viewers_lost"] > 0).all()


def test_attainment_with_handmade_targets(empty_warehouse):
    day = date(2026, 3, 2)  # 2026-W10, Monday to Sunday in March
    orders = [{"order_id": i, "customer_id": 1, "order_date": day, "ordered_at": day,
               "channel": "app", "total_cny": 310.0, "status": "paid", "region": "east"}
              for i in range(1, 4)]
    handmade.load(empty_warehouse, {
        "customers": [{"customer_id": 1}], "orders": orders,
        "monthly_targets": [{"month": date(2026, 3, 1), "channel": "all",
                             "gmv_target_cny": 31 * 200.0, "orders_target": 31},
                            {"month": date(2026, 3, 1), "channel": "app",
                             "gmv_target_cny": 3100.0, "orders_target": None}]})
    week = parse_week("2026-W10")
    with empty_warehouse.connect() as conn:
        k, _ = week_kpis(conn, week.filters(Filters(week.start, week.end)))
        k = k.set_index("kpi")
        assert k.at["gmv", "plan"] == pytest.approx(1400.0)  # 7 days of 200
        assert k.at["gmv", "attainment"] == pytest.approx(930 / 1400)
        assert k.at["orders", "attainment"] == pytest.approx(3 / 7)
        app, _ = week_kpis(conn, week.filters(Filters(week.start, week.end, channels=("app",))))
        assert app.set_index("kpi").at["gmv", "plan"] == pytest.approx(700.0)
        assert app.set_index("kpi").at["orders", "plan"] != app.set_index("kpi").at[
            "orders", "plan"]  # NaN: not planned
        region, _ = week_kpis(conn, week.filters(Filters(week.start, week.end,
                                                         regions=("east",))))
        assert region["plan"].isna().all()  # targets are by channel only


def test_week_53_compares_with_week_52(empty_warehouse):
    handmade.load(empty_warehouse, {
        "customers": [{"customer_id": 1}],
        "orders": [{"order_id": 1, "customer_id": 1, "order_date": date(2026, 12, 29),
                    "ordered_at": date(2026, 12, 29), "total_cny": 100.0, "status": "paid"},
                   {"order_id": 2, "customer_id": 1, "order_date": date(2025, 12, 23),
                    "ordered_at": date(2025, 12, 23), "total_cny": 50.0, "status": "paid"}]})
    week = parse_week("2026-W53")
    with empty_warehouse.connect() as conn:
        k, comp = week_kpis(conn, week.filters(Filters(week.start, week.end)))
    assert comp.last_year == IsoWeek(2025, 52) and comp.last_year_note
    assert k.set_index("kpi").at["gmv", "last_year"] == pytest.approx(50.0)
