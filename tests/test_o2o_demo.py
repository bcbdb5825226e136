"""O2O analyses on the small demo warehouse (DuckDB and PostgreSQL): planted effects recovered,
totals consistent with the raw tables."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit import facts
from cockpit.filters import Filters
from cockpit.o2o import attribution, funnel, halo, omni, stores, whatif
from cockpit.warehouse.schema import customers, orders, store_visits, truth_effects
from cockpit.warehouse.schema import stores as stores_table


@pytest.fixture(scope="module")
def everything(demo_warehouse) -> Filters:
    with demo_warehouse.connect() as conn:
        return Filters(*facts.data_range(conn))


def _planted_rates(conn: sa.Connection) -> pd.Series:
    prefix = "o2o_post_visit_rate_"
    rows = conn.execute(sa.select(truth_effects.c.effect, truth_effects.c.value)
                        .where(truth_effects.c.effect.like(prefix + "%"))).all()
    return pd.Series({e.removeprefix(prefix): v for e, v in rows})


def test_appliances_show_the_largest_lift(demo_warehouse, everything):
    with demo_warehouse.connect() as conn:
        planted = _planted_rates(conn)
        lift = attribution.by_category(conn, everything, attribution.WINDOW_DAYS)
    lift = lift.set_index("category")
    assert planted.idxmax() == "appliances"
    assert lift["lift"].idxmax() == planted.idxmax()
    best = lift.loc["appliances"]
    assert best["lift_low"] > 0
    assert best["lift_low"] <= planted["appliances"] <= best["lift_high"]
    assert best["matched"] >= 0.8 * best["visits"]
    others = lift.drop(index="appliances")
    assert (others["lift"] < best["lift_low"]).mean() >= 0.8
    # the 95% intervals cover the planted rates for (nearly) every category
    low, high = lift["lift_low"].reindex(planted.index), lift["lift_high"].reindex(planted.index)
    assert ((low <= planted) & (planted <= high)).sum() >= 0.8 * len(planted)


def test_halo_intervals_cover_the_planted_uplift(demo_warehouse, everything):
    """Planted: +30% online orders within 3 km of the nearest store once it opened, +20% at
    3-5 km, +8% at 5-10 km. The small demo has few customers per band, so allow one miss."""
    with demo_warehouse.connect() as conn:
        truth = dict(conn.execute(sa.select(truth_effects.c.effect, truth_effects.c.value)
                                  .where(truth_effects.c.effect.like("o2o_halo_uplift_%"))).all())
        est = halo.summary(conn, everything)["orders"].set_index("band")
    planted = pd.Series({band: truth[f"o2o_halo_uplift_{int(km)}km"] for band, km in halo.BANDS})
    inside = (est["low"] <= planted) & (planted <= est["high"])
    assert inside.sum() >= 2
    assert est["extra"].sum() > 0  # more online orders near new stores than expected


def test_shorter_window_finds_fewer_buyers(demo_warehouse, everything):
    """Planted purchases come 0.5-14 days after the visit: a 3-day window misses most."""
    with demo_warehouse.connect() as conn:
        week = attribution.by_category(conn, everything, 3).set_index("category")
        fortnight = attribution.by_category(conn, everything, 14).set_index("category")
    assert week.at["appliances", "visitor_rate"] < 0.6 * fortnight.at["appliances",
                                                                      "visitor_rate"]


def test_store_summary_matches_raw_tables(demo_warehouse, everything):
    with demo_warehouse.connect() as conn:
        summary = stores.store_summary(conn, everything)
        n_visits = conn.execute(sa.select(sa.func.count()).where(
            sa.cast(store_visits.c.visited_at, sa.Date) >= everything.start)).scalar()
        offline = conn.execute(sa.select(sa.cast(sa.func.sum(orders.c.total_cny), sa.Double))
                               .where(orders.c.channel == "offline_store",
                                      orders.c.status != "cancelled")).scalar()
        n_stores = conn.execute(sa.select(sa.func.count()).select_from(stores_table)).scalar()
    assert len(summary) == n_stores
    assert summary["visits"].sum() == n_visits
    assert summary["offline_gmv_cny"].sum() == pytest.approx(offline)
    assert (summary["attributed_gmv_cny"] > 0).sum() >= n_stores / 2
    ranked = stores.ranking(summary)
    assert ranked["total_gmv_cny"].is_monotonic_decreasing
    formats = stores.format_comparison(summary).set_index("store_format")
    assert formats["stores"].sum() == n_stores
    # experience stores let more visitors try something than standard stores (planted mix)
    assert formats.at["experience", "experience_share"] > formats.at["standard",
                                                                     "experience_share"]


def test_halo_groups_cover_every_customer(demo_warehouse, everything):
    with demo_warehouse.connect() as conn:
        eligible = halo.eligible_stores(conn, everything)
        opened = pd.Series(dict(conn.execute(sa.select(stores_table.c.store_id,
                                                       stores_table.c.opened_on)).all()))
        cells = halo.cells(conn, everything)
        n_customers = conn.execute(sa.select(sa.func.count()).select_from(customers)).scalar()
    first, last = everything.start, everything.end
    span = timedelta(days=halo.WINDOW_DAYS)
    expect = sorted(int(s) for s, d in opened.items() if d - span >= first and d + span <= last)
    assert eligible == expect and len(eligible) >= 10
    treated = cells[cells["band"] != halo.NO_STORE]
    control = cells[cells["band"] == halo.NO_STORE]
    assert set(control["store_id"]) == set(eligible)
    assert treated["customers"].sum() + control["customers"].iloc[0] <= n_customers
    est = halo.did(cells)
    assert list(est["band"]) == [b for b, _ in halo.BANDS]
    ok = est.dropna(subset=["uplift"])
    assert ((ok["low"] <= ok["uplift"]) & (ok["uplift"] <= ok["high"])).all()


def test_omni_segments_count_each_customer_once(demo_warehouse, everything):
    with demo_warehouse.connect() as conn:
        segs = omni.segments(conn, everything)
        buyers = conn.execute(sa.select(sa.func.count(sa.distinct(orders.c.customer_id)))
                              .where(orders.c.status != "cancelled")).scalar()
        both = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT customer_id FROM orders WHERE status <> 'cancelled' "
            "GROUP BY customer_id HAVING count(DISTINCT CASE WHEN channel = 'offline_store' "
            "THEN 1 ELSE 2 END) = 2) AS t")).scalar()
    segs = segs.set_index("segment")
    assert segs["customers"].sum() == buyers
    assert segs.at["omni", "customers"] == both
    assert segs["gmv_share"].sum() == pytest.approx(1.0)


def test_funnel_steps_are_nested(demo_warehouse, everything):
    with demo_warehouse.connect() as conn:
        by_channel = funnel.by_channel(conn, everything)
        trend = funnel.over_time(conn, everything)
        signed = conn.execute(sa.select(sa.func.count()).select_from(customers).where(
            customers.c.signup_date >= everything.start,
            customers.c.signup_date <= everything.end)).scalar()
        first, until = funnel.cohort_span(everything)
        in_cohort = conn.execute(sa.select(sa.func.count()).select_from(customers).where(
            customers.c.signup_date >= first, customers.c.signup_date <= until)).scalar()
    assert (first, until) == (everything.start, everything.end - timedelta(days=90))
    assert by_channel["acquired"].sum() == in_cohort
    assert by_channel["mature"].sum() >= 0.95 * by_channel["first_order"].sum()
    for frame in (by_channel, trend):
        assert (frame["acquired"] >= frame["private"]).all()
        assert (frame["private"] >= frame["first_order"]).all()
        assert (frame["first_order"] >= frame["mature"]).all()
        assert (frame["mature"] >= frame["repurchased"]).all()
    assert trend["acquired"].sum() == signed
    # private-domain signups join WeCom at signup
    private = by_channel.set_index("channel").loc[["wecom_group", "official_account"]]
    assert (private["private_rate"] == 1.0).all()


def test_whatif_leaves_out_customers_already_near_a_store(demo_warehouse, everything):
    with demo_warehouse.connect() as conn:
        options = whatif.city_options(conn)
        no_store = options.loc[options["stores"] == 0, "city"].iloc[0]
        fresh = whatif.catchment(conn, everything, no_store)
        served = whatif.catchment(conn, everything, "上海")
    assert options["stores"].iloc[0] == 0
    assert fresh["customers"].sum() > 0 and fresh["orders"].sum() > 0
    shanghai = options.set_index("city").at["上海", "customers"]
    assert served["customers"].sum() < 0.05 * shanghai  # three stores already cover it
    assert list(fresh["band"]) == [b for b, _ in halo.BANDS]


def test_categories_filter_restricts_attribution(demo_warehouse, everything):
    f = Filters(everything.start, everything.end, categories=("beauty",))
    with demo_warehouse.connect() as conn:
        res = attribution.summary(conn, f)
    assert list(res["category"]["category"]) == ["beauty"]
    assert date(2024, 1, 1) <= everything.start


def test_funnel_cohort_is_a_year_for_short_periods():
    f = Filters(date(2026, 10, 28), date(2026, 11, 24))
    assert funnel.cohort_span(f) == (date(2025, 8, 27), date(2026, 8, 26))
