"""A scoped user's figures on the demo warehouse (DuckDB and PostgreSQL) against hand-written
SQL over their region's or store's orders: Overview GMV, customer-level figures from their
in-scope orders only, platform-wide tables served to nobody scoped, the filter options."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit import facts, overview
from cockpit.access.scope import EVERYTHING, Scope
from cockpit.clv.warehouse import customer_summary
from cockpit.filters import Filters, scope_condition, store_keys
from cockpit.live import sessions
from cockpit.o2o import funnel, whatif
from cockpit.o2o import stores as o2o_stores
from cockpit.review import kpis as review_kpis
from cockpit.segments import acquisition, rfm
from cockpit.segments.base import lookback_start

END = date(2026, 11, 24)  # the demo fixture's last day
EAST = Scope(regions=("east",))
SALE = "status IN ('paid', 'returned', 'refunded')"


def _period(scope: Scope = EVERYTHING, days: int = 28, **dims) -> Filters:
    return Filters(END - timedelta(days=days - 1), END, scope=scope, **dims)


def _gmv_sql(conn: sa.Connection, f: Filters, where: str, **params) -> float:
    """GMV by hand: sale orders of the period matching `where`, paid less refunded."""
    return float(conn.execute(sa.text(
        "SELECT coalesce(sum(total_cny - coalesce(refunded_cny, 0)), 0) FROM orders "
        f"WHERE {SALE} AND order_date BETWEEN :lo AND :hi AND ({where})"),
        {"lo": f.start, "hi": f.end, **params}).scalar_one())


def _kpi(conn: sa.Connection, f: Filters, key: str, period: str = "value") -> float:
    return float(overview.kpis(conn, f).set_index("kpi").at[key, period])


def test_a_region_managers_overview_gmv_is_their_regions_sale_orders(demo_warehouse) -> None:
    f = _period(EAST)
    with demo_warehouse.connect() as conn:
        east = _gmv_sql(conn, f, "region = 'east'")
        everything = _gmv_sql(conn, f, "true")
        assert 0 < east < everything
        assert _kpi(conn, f, "gmv") == pytest.approx(east, rel=1e-9)
        last_year = f.same_period_last_year()
        assert _kpi(conn, f, "gmv", "last_year") == pytest.approx(
            _gmv_sql(conn, last_year, "region = 'east'"), rel=1e-9)
        trend = overview.gmv_trend(conn, f)
        assert trend["gmv_cny"].sum() == pytest.approx(east, rel=1e-9)


def test_a_region_outside_the_scope_selects_nothing(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        assert _kpi(conn, _period(EAST, regions=("north",)), "gmv") == 0
        assert _kpi(conn, _period(EVERYTHING, regions=("north",)), "gmv") > 0


def test_a_store_managers_gmv_is_their_stores_orders(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        store = conn.execute(sa.text(
            "SELECT store_id FROM orders WHERE store_id IS NOT NULL "
            "GROUP BY store_id ORDER BY count(*) DESC LIMIT 1")).scalar_one()
        f = _period(Scope(stores=(f"S{store:02d}",)), days=90)
        assert store_keys(f.scope) == (store,)
        expected = _gmv_sql(conn, f, "store_id = :s", s=store)
        assert expected > 0
        assert _kpi(conn, f, "gmv") == pytest.approx(expected, rel=1e-9)


def test_other_periods_keep_the_scope() -> None:
    f = _period(EAST)
    assert f.previous_period().scope == EAST
    assert f.same_period_last_year().scope == EAST
    assert hash(f) != hash(replace(f, scope=EVERYTHING))  # cache keys differ by scope
    assert f != replace(f, scope=EVERYTHING)


def _store_and_mixed_customer(conn: sa.Connection, since: date) -> tuple[int, int]:
    """A store and a customer with sale orders since `since` both in it and elsewhere."""
    return tuple(conn.execute(sa.text(
        f"SELECT max(store_id), customer_id FROM orders WHERE {SALE} "
        "AND order_date BETWEEN :lo AND :hi GROUP BY customer_id "
        "HAVING count(DISTINCT store_id) = 1 AND count(store_id) > 0 "
        "AND count(store_id) < count(*) ORDER BY count(*) DESC, customer_id LIMIT 1"),
        {"lo": since, "hi": END}).one())


def test_a_customers_monetary_counts_only_in_scope_orders(demo_warehouse) -> None:
    f = _period(days=90)
    since = lookback_start(f)
    with demo_warehouse.connect() as conn:
        store, customer = _store_and_mixed_customer(conn, since)
        f = replace(f, scope=Scope(stores=(f"S{store}",)))
        scores = rfm.rfm_scores(f)
        scoped = conn.execute(sa.select(scores.c.monetary_cny, scores.c.orders)
                              .where(scores.c.customer_id == customer)).one()
        by_hand = conn.execute(sa.text(
            "SELECT sum(total_cny - coalesce(refunded_cny, 0)), count(*) FROM orders "
            f"WHERE {SALE} AND customer_id = :c AND store_id = :s "
            "AND order_date BETWEEN :lo AND :hi"),
            {"c": customer, "s": store, "lo": since, "hi": END}).one()
        assert float(scoped[0]) == pytest.approx(float(by_hand[0]), rel=1e-9)
        assert scoped[1] == by_hand[1]
        everything = rfm.rfm_scores(replace(f, scope=EVERYTHING))
        wider = conn.execute(sa.select(everything.c.orders)
                             .where(everything.c.customer_id == customer)).scalar_one()
        assert wider > scoped[1]


def test_segment_sizes_count_only_customers_with_in_scope_orders(demo_warehouse) -> None:
    f = _period(EAST)
    since = lookback_start(f)
    with demo_warehouse.connect() as conn:
        groups = rfm.rfm_groups(conn, f)
        buyers = conn.execute(sa.text(
            f"SELECT count(DISTINCT customer_id) FROM orders WHERE {SALE} "
            "AND region = 'east' AND order_date BETWEEN :lo AND :hi"),
            {"lo": since, "hi": END}).scalar_one()
        assert int(groups["customers"].sum()) == buyers


def test_new_customers_are_first_in_scope_orders(demo_warehouse) -> None:
    f = _period(EAST)
    with demo_warehouse.connect() as conn:
        counted = overview.new_customer_counts(conn, [f])[0]
        by_hand = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT customer_id, min(order_date) AS first_day "
            f"FROM orders WHERE {SALE} AND region = 'east' GROUP BY customer_id) firsts "
            "WHERE first_day BETWEEN :lo AND :hi"), {"lo": f.start, "hi": f.end}).scalar_one()
        assert counted == by_hand > 0
        store, _ = _store_and_mixed_customer(conn, f.start)
        in_store = replace(f, scope=Scope(stores=(str(store),)))
        counted = overview.new_customer_counts(conn, [in_store])[0]
        by_hand = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT customer_id, min(order_date) AS first_day "
            f"FROM orders WHERE {SALE} AND store_id = :s GROUP BY customer_id) firsts "
            "WHERE first_day BETWEEN :lo AND :hi"),
            {"s": store, "lo": f.start, "hi": f.end}).scalar_one()
        assert counted == by_hand > 0


def test_clv_summary_scores_in_scope_orders_only(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        summary = customer_summary(conn, END, EAST)
        buyers = conn.execute(sa.text(
            f"SELECT count(DISTINCT customer_id) FROM orders WHERE {SALE} "
            "AND region = 'east' AND order_date <= :hi"), {"hi": END}).scalar_one()
        assert len(summary) == buyers
        assert len(customer_summary(conn, END)) > buyers


def test_platform_wide_tables_are_not_served_to_a_scoped_user(demo_warehouse) -> None:
    scoped, unscoped = _period(EAST), _period()
    with demo_warehouse.connect() as conn:
        assert overview.period_totals(conn, unscoped)["spend_cny"] > 0
        assert overview.period_totals(conn, scoped)["spend_cny"] is None
        assert pd_isna(_kpi(conn, scoped, "cac"))
        assert not acquisition.cac_trend(conn, unscoped).empty
        assert acquisition.cac_trend(conn, scoped).empty
        inputs = acquisition.channel_inputs(conn, scoped)
        assert inputs.spend == {} and inputs.cohort.empty
        assert not sessions.sessions(conn, unscoped).empty
        assert sessions.sessions(conn, scoped).empty


def pd_isna(value: float) -> bool:
    return value != value  # NaN


def test_the_filters_offer_only_the_scopes_regions_and_cities(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        everything = facts.filter_options(conn)
        scoped = facts.filter_options(conn, EAST)
        east_cities = set(conn.execute(sa.text(
            "SELECT DISTINCT city FROM orders WHERE region = 'east' AND city IS NOT NULL"))
            .scalars())
    assert scoped["regions"] == ["east"]
    assert set(scoped["cities"]) == east_cities
    assert len(everything["regions"]) > 1 and set(everything["cities"]) > east_cities
    assert scoped["channels"] == everything["channels"]


def test_tables_keyed_by_order_follow_the_orders_scope(demo_warehouse) -> None:
    """shipment_co2e has the order's region but not its store: a scope with stores goes
    through the order (region east or the store)."""
    with demo_warehouse.connect() as conn:
        store = conn.execute(sa.text(
            "SELECT min(store_id) FROM orders WHERE region <> 'east'")).scalar_one()
        f = _period(Scope(regions=("east",), stores=(str(store),)), days=90)
        value = overview.kpis(conn, f).set_index("kpi").at["co2e_per_order", "value"]
        by_hand = conn.execute(sa.text(
            "SELECT avg(m.total_kg) FROM shipment_co2e m JOIN orders o ON o.order_id = "
            "m.order_id WHERE (o.region = 'east' OR o.store_id = :s) "
            "AND m.order_date BETWEEN :lo AND :hi"),
            {"s": store, "lo": f.start, "hi": f.end}).scalar_one()
        everything = overview.kpis(conn, replace(f, scope=EVERYTHING)).set_index("kpi")
        assert float(value) == pytest.approx(float(by_hand), rel=1e-9)
        assert float(value) != pytest.approx(float(everything.at["co2e_per_order", "value"]))


def test_scope_condition_matches_region_or_store() -> None:
    orders = sa.table("orders", sa.column("region"), sa.column("store_id"))
    both = Scope(regions=("east",), stores=("S03",))
    text = str(scope_condition(both, orders.c.region, orders.c.store_id).compile(
        compile_kwargs={"literal_binds": True}))
    assert "region IN ('east')" in text and "store_id IN (3)" in text and " OR " in text
    assert str(scope_condition(Scope(stores=("S03",)), orders.c.region)) == "false"
    assert str(scope_condition(EVERYTHING, orders.c.region)) == "true"


def test_a_store_manager_sees_only_their_store_on_the_o2o_page(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        store = conn.execute(sa.text(
            "SELECT store_id FROM orders WHERE channel = 'offline_store' GROUP BY store_id "
            "ORDER BY count(*) DESC LIMIT 1")).scalar_one()
        f = _period(Scope(stores=(f"S{store:02d}",)), days=90)
        summary = o2o_stores.store_summary(conn, f)
        by_hand = conn.execute(sa.text(
            f"SELECT sum(total_cny), count(*) FROM orders WHERE {SALE} AND store_id = :s "
            "AND channel = 'offline_store' AND order_date BETWEEN :lo AND :hi"),
            {"s": store, "lo": f.start, "hi": f.end}).one()
        visits = conn.execute(sa.text(
            "SELECT count(*) FROM store_visits WHERE store_id = :s AND visited_at >= :lo "
            "AND visited_at < :hi"),
            {"s": store, "lo": f.start, "hi": f.end + timedelta(days=1)}).scalar_one()
        everything = o2o_stores.store_summary(conn, replace(f, scope=EVERYTHING))
    assert summary["store_id"].tolist() == [store] and len(everything) > 1
    row = summary.iloc[0]
    assert row["offline_gmv_cny"] == pytest.approx(float(by_hand[0]))
    assert row["offline_orders"] == by_hand[1] and row["visits"] == visits


def test_the_weekly_review_of_a_region_manager(demo_warehouse) -> None:
    """Monday to Sunday ending on or before the data end: GMV of east only, no plan (the
    plan is platform-wide)."""
    sunday = END - timedelta(days=(END.weekday() + 1) % 7)
    week = Filters(sunday - timedelta(days=6), sunday, scope=EAST)
    with demo_warehouse.connect() as conn:
        frame, _ = review_kpis.week_kpis(conn, week)
        everything, _ = review_kpis.week_kpis(conn, replace(week, scope=EVERYTHING))
        east = _gmv_sql(conn, week, "region = 'east'")
    gmv = frame.set_index("kpi").loc["gmv"]
    assert gmv["value"] == pytest.approx(east, rel=1e-9)
    assert gmv["value"] < everything.set_index("kpi").at["gmv", "value"]
    months = sorted({week.start.replace(day=1), week.end.replace(day=1)})
    plan = pd.DataFrame({"month": months, "channel": "all", "gmv_target_cny": 3.1e6,
                         "orders_target": 31.0})
    assert review_kpis.week_plan(plan, week) == {"gmv": None, "orders": None}
    unscoped = review_kpis.week_plan(plan, replace(week, scope=EVERYTHING))
    assert unscoped["gmv"] > 0 and unscoped["orders"] > 0


def test_the_funnel_of_a_store_manager_counts_first_orders_in_their_store(
        demo_warehouse) -> None:
    """The O2O funnel's first-order step reads the all-orders mart when unscoped; for a store
    manager it counts the cohort's customers with a sale order in their store."""
    f = _period(days=365)
    with demo_warehouse.connect() as conn:
        store = conn.execute(sa.text(
            "SELECT store_id FROM orders WHERE store_id IS NOT NULL GROUP BY store_id "
            "ORDER BY count(*) DESC LIMIT 1")).scalar_one()
        scoped = replace(f, scope=Scope(stores=(str(store),)))
        lo, hi = funnel.cohort_span(scoped)
        got = funnel.by_channel(conn, scoped)
        by_hand = conn.execute(sa.text(
            "SELECT count(*) FROM customers c WHERE c.signup_date BETWEEN :lo AND :hi "
            "AND c.wecom_joined_at IS NOT NULL AND EXISTS (SELECT 1 FROM orders o WHERE "
            f"o.customer_id = c.customer_id AND o.store_id = :s AND o.{SALE})"),
            {"lo": lo, "hi": hi, "s": store}).scalar_one()
        everything = funnel.by_channel(conn, f)
    assert int(got["first_order"].sum()) == by_hand > 0
    assert int(got["acquired"].sum()) < int(everything["acquired"].sum())


def test_a_scoped_users_ai_resolution_rate_counts_only_tickets_about_their_orders(
        demo_warehouse) -> None:
    f = _period(EAST)
    with demo_warehouse.connect() as conn:
        tickets, ai = conn.execute(sa.text(
            "SELECT count(*), sum(CASE WHEN t.resolved_by = 'ai' THEN 1 ELSE 0 END) "
            "FROM service_tickets t JOIN orders o ON o.order_id = t.order_id "
            "WHERE o.region = 'east' AND t.opened_at >= :lo AND t.opened_at < :hi"),
            {"lo": f.start, "hi": f.end + timedelta(days=1)}).one()
        everything = _kpi(conn, replace(f, scope=EVERYTHING), "ai_resolution_rate")
        assert _kpi(conn, f, "ai_resolution_rate") == pytest.approx(ai / tickets, rel=1e-9)
        nowhere = overview.kpis(conn, replace(f, scope=Scope(stores=("S999",))))
    assert ai / tickets != pytest.approx(everything, rel=1e-6)
    assert pd.isna(nowhere.set_index("kpi").at["ai_resolution_rate", "value"])


def test_the_o2o_what_if_offers_and_counts_only_the_scopes_cities_and_customers(
        demo_warehouse) -> None:
    f = _period(EAST, days=365)
    with demo_warehouse.connect() as conn:
        every_city = whatif.city_options(conn)
        east_cities = whatif.city_options(conn, EAST)
        regions = dict(conn.execute(sa.text("SELECT city, region FROM cities")).all())
        far = every_city[(every_city["stores"] == 0) & (every_city["customers"] > 0)
                         & (every_city["city"].map(regions) != "east")]["city"].iloc[0]
        far_all = whatif.catchment(conn, replace(f, scope=EVERYTHING), far)
        far_east = whatif.catchment(conn, f, far)
        nowhere = replace(f, scope=Scope(stores=("S999",)))
        far_nowhere = whatif.catchment(conn, nowhere, far)
        no_city = whatif.city_options(conn, nowhere.scope)
    assert {regions[c] for c in east_cities["city"]} == {"east"}
    assert 0 < len(east_cities) < len(every_city)
    # a city outside the region: only its residents with an order in east are counted
    assert far_east["customers"].sum() < far_all["customers"].sum()
    assert far_nowhere["customers"].sum() == 0 and no_city.empty
