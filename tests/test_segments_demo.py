"""Segments analysis on the small demo warehouse, DuckDB and PostgreSQL: the planted CAC rise
and C2M re-buy ratio are recovered, tiers and RFM partition the customer base consistently
with independent counts, and migration flows add up."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit import facts, overview
from cockpit.filters import Filters
from cockpit.segments import acquisition, c2m, lifecycle, migration, rfm
from cockpit.segments.base import lookback_start
from cockpit.warehouse.schema import orders, truth_effects


def _truth(conn: sa.Connection, effect: str) -> float:
    return float(conn.execute(sa.select(truth_effects.c.value)
                              .where(truth_effects.c.effect == effect)).scalar_one())


def _windows(conn: sa.Connection) -> tuple[Filters, Filters]:
    first, last = facts.data_range(conn)
    return Filters(last - timedelta(days=27), last), Filters(first, last)


def _buyers(conn: sa.Connection, since, end) -> int:
    return conn.execute(sa.select(sa.func.count(sa.distinct(orders.c.customer_id))).where(
        orders.c.status != "cancelled", orders.c.order_date >= since,
        orders.c.order_date <= end)).scalar_one()


def test_cac_rise_is_recovered(demo_warehouse):
    with demo_warehouse.connect() as conn:
        truth = _truth(conn, "cac_growth")
        _, whole = _windows(conn)
        trend = acquisition.cac_trend(conn, whole)
    growth = acquisition.cac_growth(trend)
    # first vs last six months: a little less than the start-to-end growth, plus noise
    assert truth ** 0.6 <= growth <= truth * 1.3, (growth, truth)
    assert set(trend["domain"]) == {"public", "private", "offline"}
    assert (trend["cac_cny"].dropna() > 0).all()


def test_c2m_rebuy_ratio_is_about_the_planted_one(demo_warehouse):
    with demo_warehouse.connect() as conn:
        truth = _truth(conn, "c2m_rebuy_target_ratio")
        _, whole = _windows(conn)
        rates = c2m.c2m_rebuy(conn, whole).set_index("kind")
        pairs = c2m.c2m_products(conn, whole)
    ratio = rates.at["c2m", "rebuy_rate"] / rates.at["regular", "rebuy_rate"]
    assert 0.8 * truth <= ratio <= 1.4 * truth, ratio
    assert pairs["is_c2m"].sum() == 3 and len(pairs) == 6
    assert pairs.groupby("pair_id").size().eq(2).all()


def test_tiers_partition_buyers_and_new_matches_the_overview_count(demo_warehouse):
    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        summary = lifecycle.tier_summary(conn, recent).set_index("tier")
        buyers = _buyers(conn, recent.start - timedelta(days=10_000), recent.end)
        [new] = overview.new_customer_counts(conn, [recent])
        period_buyers = _buyers(conn, recent.start, recent.end)
        trend = lifecycle.tier_trend(conn, recent)
    assert summary["customers"].sum() == buyers
    assert summary.at["new", "customers"] == new
    assert summary["buyers"].sum() == period_buyers
    assert summary.loc[["at_risk", "dormant"], "gmv_cny"].sum() == 0
    # VIPs are the big spenders: their lifetime GMV per customer tops every other tier
    assert summary["lifetime_gmv_cny"].idxmax() == "vip"
    last_month = trend[trend["month"] == trend["month"].max()].set_index("tier")["customers"]
    assert last_month.sum() == buyers
    assert trend["month"].nunique() == lifecycle.TREND_MONTHS


def test_rfm_scores_are_quintiles_of_the_window(demo_warehouse):
    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        scores = pd.DataFrame(conn.execute(rfm.rfm_query(recent)).all(),
                              columns=["customer_id", "r", "f", "m", "rfm_group"])
        n = _buyers(conn, lookback_start(recent), recent.end)
        groups = rfm.rfm_groups(conn, recent)
    assert len(scores) == n == groups["customers"].sum()
    for col in ("r", "m"):  # nearly tie-free: each score holds about a fifth
        share = scores[col].value_counts(normalize=True)
        assert share.between(0.15, 0.25).all(), share
    assert set(scores["rfm_group"]) <= set(rfm.GROUPS)
    by_group = scores.groupby("rfm_group")["m"].mean()
    assert by_group["champions"] > by_group["hibernating"]


def test_migration_flows_add_up_and_value_the_customers(demo_warehouse):
    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        tiers = migration.flows(conn, recent, "tier")
        rfm_flows = migration.flows(conn, recent, "rfm")
        buyers = _buyers(conn, recent.start - timedelta(days=10_000), recent.end)
        now = lifecycle.tier_summary(conn, recent).set_index("tier")["customers"]
    assert tiers["customers"].sum() == buyers
    assert tiers.groupby("target")["customers"].sum().reindex(now.index).tolist() == \
        now.tolist()
    assert (tiers["clv_at_stake_cny"] >= 0).all() and tiers["clv_at_stake_cny"].sum() > 0
    vip_stay = tiers.set_index(["source", "target"]).loc[("vip", "vip"),
                                                         "clv_per_customer_cny"]
    dormant_stay = tiers.set_index(["source", "target"]).loc[("dormant", "dormant"),
                                                             "clv_per_customer_cny"]
    assert vip_stay > dormant_stay
    assert set(rfm_flows["direction"]) <= set(migration.DIRECTIONS)
    assert rfm_flows["customers"].sum() >= tiers["customers"].sum() * 0.5


def test_tier_move_counts_in_sql_are_the_per_customer_moves_counted(demo_warehouse):
    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        counts = migration.tier_move_counts(conn, recent)
        per = migration.moves(conn, recent, "tier")
    expected = (per.groupby(["source", "target"]).size().rename("customers").reset_index()
                .sort_values(["source", "target"]).reset_index(drop=True))
    assert counts.to_dict("list") == expected.astype({"customers": "int64"}).to_dict("list")
    assert len(counts) > 5 and set(counts["source"]) > {"none"}  # real moves, not one pair


def test_channel_value_ratios(demo_warehouse):
    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        by_channel = acquisition.channel_value(conn, recent)
    assert by_channel["new_customers"].sum() > 0
    assert (by_channel["cac_cny"] > 0).all()
    assert by_channel["clv_per_customer"].notna().all()
    assert (by_channel["value_to_cac"] > 0).all()
    domains = acquisition.domain_value(by_channel).set_index("domain")
    assert domains["new_customers"].sum() == by_channel["new_customers"].sum()
    assert domains["spend_cny"].sum() == pytest.approx(by_channel["spend_cny"].sum())


def test_tier_trend_equals_tiering_each_month_with_a_filter(demo_warehouse):
    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        f = Filters(recent.start, recent.end, channels=("app", "live_stream"))
        trend = lifecycle.tier_trend(conn, f)
        for m in lifecycle.trend_months(f):
            tiers = lifecycle.tier_query(m).subquery()
            want = dict(conn.execute(sa.select(tiers.c.tier, sa.func.count())
                                     .group_by(tiers.c.tier)).all())
            got = trend[trend["month"] == pd.Timestamp(m.start)].set_index("tier")["customers"]
            assert {k: v for k, v in got.items() if v} == want, m.start


def test_tier_moves_equal_tiering_each_period(demo_warehouse):
    """The one-scan tiers of both periods (`lifecycle.tiers_at`) equal `tier_query` per
    period, customer by customer, with a category filter."""
    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        f = Filters(recent.start, recent.end, categories=("snacks", "fresh"))
        per = migration.moves(conn, f, "tier").set_index("customer_id")
        for period, column in ((f.previous_period(), "source"), (f, "target")):
            tiers = lifecycle.tier_query(period).subquery()
            want = dict(conn.execute(sa.select(tiers.c.customer_id, tiers.c.tier)).all())
            got = per[column][per[column] != migration.NONE]
            assert got.to_dict() == want, column
        assert (per["target"] != migration.NONE).all()


def test_c2m_rebuy_equals_a_direct_count_of_the_order_lines(demo_warehouse):
    """First purchases (a customer's first of a product ever, in the cohort window) and
    re-buys within 90 days, counted in pandas from the order lines."""
    from cockpit.warehouse.schema import order_items, products

    with demo_warehouse.connect() as conn:
        recent, _ = _windows(conn)
        got = c2m.c2m_rebuy(conn, recent).set_index("kind")
        lines = pd.DataFrame(conn.execute(
            sa.select(orders.c.customer_id, order_items.c.product_id, orders.c.order_date)
            .join(order_items, order_items.c.order_id == orders.c.order_id)
            .where(orders.c.status != "cancelled", orders.c.order_date <= recent.end)).all(),
            columns=["customer_id", "product_id", "day"])
        is_c2m = dict(conn.execute(sa.select(products.c.product_id, products.c.is_c2m)).all())
    lines["day"] = pd.to_datetime(lines["day"])
    lines["first"] = lines.groupby(["customer_id", "product_id"])["day"].transform("min")
    lo, hi = (pd.Timestamp(d) for d in c2m.cohort_window(recent))
    cohort = lines[(lines["first"] >= lo) & (lines["first"] <= hi)]
    gap = (cohort["day"] - cohort["first"]).dt.days
    cohort = cohort.assign(again=(gap > 0) & (gap <= c2m.REBUY_DAYS))
    pairs = cohort.groupby(["customer_id", "product_id"])["again"].any().reset_index()
    pairs["kind"] = pairs["product_id"].map(is_c2m).map({True: "c2m", False: "regular"})
    want = pairs.groupby("kind")["again"].agg(["size", "sum"])
    assert want.loc["c2m", "size"] > 0
    for kind in ("c2m", "regular"):
        assert got.loc[kind, "first_buyers"] == want.loc[kind, "size"], kind
        assert got.loc[kind, "rebuyers"] == want.loc[kind, "sum"], kind
