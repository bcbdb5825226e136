"""The logistics analyses on the small demo warehouse (DuckDB and PostgreSQL): consistent
totals, and the planted effects recovered from the data alone."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.logistics import (
    breakdown,
    cold_chain,
    crossborder,
    esg,
    green,
    packaging,
    sustainable,
)
from cockpit.logistics.co2e import co2e_per_order
from cockpit.warehouse.schema import truth_customers, truth_effects, truth_events

ALL = Filters(date(2024, 1, 1), date(2026, 11, 24))
LAST_28 = Filters(date(2026, 10, 28), date(2026, 11, 24))


@pytest.fixture(scope="module")
def truth(demo_warehouse):
    with demo_warehouse.connect() as conn:
        effects = dict(conn.execute(sa.select(truth_effects.c.effect, truth_effects.c.value))
                       .all())
        events = dict(conn.execute(sa.select(truth_events.c.event, truth_events.c.occurred_at)
                                   .where(truth_events.c.entity_id.is_(None))).all())
    return effects, {k: pd.Timestamp(v) for k, v in events.items()}


def test_totals_trend_and_splits_agree(demo_warehouse):
    with demo_warehouse.connect() as conn:
        by_mode = breakdown.by_dimension(conn, LAST_28, "mode")
        totals = breakdown.totals(by_mode)
        per_order = co2e_per_order(conn, LAST_28)
        splits = {d: breakdown.by_dimension(conn, LAST_28, d) for d in ("warehouse", "region")}
        trend = breakdown.trend(conn, LAST_28, "week")
        delivery = green.green_delivery(conn, LAST_28)
    assert totals["kg_per_order"] == pytest.approx(per_order, rel=1e-9)
    for frame in (*splits.values(), trend):
        assert frame["shipments"].sum() == totals["shipments"]
        assert frame["total_kg"].sum() == pytest.approx(totals["total_kg"], rel=1e-9)
    parts = sum(totals[p] for p in breakdown.COMPONENTS)
    assert parts == pytest.approx(totals["total_kg"], rel=1e-9)
    assert splits["warehouse"]["name_en"].notna().all()
    assert trend["green_shipments"].sum() == delivery.green
    assert set(by_mode["key"]) <= {"diesel_van", "electric_van", "e_bike", "cold_chain_truck",
                                   "cross_border_air", "cross_border_sea"}


def test_ev_saving_about_one_kg_per_order(demo_warehouse, truth):
    effects, _ = truth
    with demo_warehouse.connect() as conn:
        delivery = green.green_delivery(conn, ALL)
        recent = green.green_delivery(conn, LAST_28)
        early = green.green_delivery(conn, Filters(date(2024, 1, 1), date(2024, 6, 30)))
        km = dict(conn.exec_driver_sql(
            "SELECT CASE WHEN mode = 'diesel_van' THEN 'diesel' ELSE 'green' END, "
            "AVG(last_mile_km) FROM shipments "
            "WHERE mode IN ('diesel_van', 'electric_van', 'e_bike') GROUP BY 1").all())
    # The plant is diesel-van mean − green mean last-mile kg; the page's like-for-like
    # baseline drives the green parcels' own km in a diesel van (0.300 kg CO2e per km), so
    # it differs from the plant by exactly 0.300 × (mean diesel km − mean green km).
    planted = effects["ev_saving_kg_per_order"]
    assert delivery.diesel_kg_per_km == pytest.approx(0.300, rel=1e-6)
    distance_effect = 0.300 * (float(km["diesel"]) - float(km["green"]))
    assert distance_effect > 0.05  # green parcels ride shorter routes in the demo
    assert delivery.saving_kg_per_order == pytest.approx(planted - distance_effect, abs=0.01)
    assert 0.8 <= delivery.saving_kg_per_order <= 1.25  # "about 1 kg per order"
    assert delivery.baseline_kg_per_order - delivery.green_kg_per_order \
        == pytest.approx(delivery.saving_kg_per_order)
    assert delivery.saving_kg == pytest.approx(delivery.saving_kg_per_order * delivery.green)
    assert recent.share > early.share + 0.15  # electric share rises over the history


def test_packaging_cost_drops_about_ten_percent(demo_warehouse, truth):
    effects, events = truth
    with demo_warehouse.connect() as conn:
        adopted = packaging.adoption_date(conn, LAST_28)
        phases = packaging.before_after(conn, LAST_28, adopted)
        period = packaging.before_after(conn, LAST_28, adopted, False)
        mix = packaging.mix(conn, ALL, "month")
    event = events["low_carbon_packaging_adopted"]
    assert abs((pd.Timestamp(adopted) - event.normalize()).days) <= 1
    assert packaging.cost_drop(phases) == pytest.approx(effects["packaging_cost_drop"], abs=0.03)
    p = phases.set_index("phase")
    assert p.at["before", "low_carbon_share"] == 0
    assert p.at["after", "low_carbon_share"] > 0.6
    assert p.at["after", "material_kg_per_order"] < p.at["before", "material_kg_per_order"]
    assert p.at["after", "co2e_kg_per_order"] < p.at["before", "co2e_kg_per_order"]
    assert period.set_index("phase").at["before", "shipments"] == 0  # all of it after adoption
    saved = packaging.material_saved_kg(phases, 100)
    assert saved == pytest.approx(100 * (p.at["before", "material_kg_per_order"]
                                         - p.at["after", "material_kg_per_order"]))
    assert mix.groupby("period")["share"].sum().to_numpy() == pytest.approx(1.0)


def test_excursions_show_a_much_higher_return_rate(demo_warehouse, truth):
    effects, _ = truth
    with demo_warehouse.connect() as conn:
        cold = cold_chain.cold_chain(conn, ALL)
        hist = cold_chain.excursion_histogram(conn, ALL)
    assert cold.return_rate_excursion == pytest.approx(
        effects["cold_chain_return_rate_excursion"], abs=1e-3)
    assert cold.return_rate_clean == pytest.approx(
        effects["cold_chain_return_rate_no_excursion"], abs=1e-3)
    assert cold.return_rate_excursion > 5 * cold.return_rate_clean
    assert cold.excursion_rate == pytest.approx(effects["cold_chain_excursion_share"], abs=1e-3)
    assert 0.95 < cold.compliance < 1.0
    assert hist["shipments"].sum() == cold.excursion_shipments
    assert hist["minutes_from"].max() <= 240  # excursions of 30–240 minutes


def test_direct_mail_cuts_eu_lead_time_from_15_to_7_days(demo_warehouse, truth):
    effects, events = truth
    with demo_warehouse.connect() as conn:
        opened = crossborder.opening(conn, LAST_28)
        frame = crossborder.lead_times(conn, LAST_28, opened)
    assert abs(pd.Timestamp(opened) - events["direct_mail_opened"]) < pd.Timedelta(days=2)
    rows = frame.set_index(["route", "phase"])
    before = rows.loc[(crossborder.EU_CORRIDOR, "before")]
    direct = rows.loc[(crossborder.DIRECT_MAIL, "after")]
    assert before["lead_days_mean"] == pytest.approx(effects["direct_mail_days_before"], abs=1.0)
    assert direct["lead_days_mean"] == pytest.approx(effects["direct_mail_days_after"], abs=0.7)
    assert rows.loc[(crossborder.EU_CORRIDOR, "after"), "lead_days_p50"] \
        < before["lead_days_p50"] - 5
    assert direct["customs_hours_p50"] < before["customs_hours_p50"]
    for m in crossborder.MEASURES:  # quantiles are ordered
        q = frame[[f"{m}_p{p}" for p in (10, 25, 50, 75, 90)]].to_numpy()
        assert (q[:, 1:] >= q[:, :-1] - 1e-9).all()
    eu = rows.loc[crossborder.EU_CORRIDOR, "shipments"].sum()
    assert eu == rows.loc[list(crossborder.EU_ROUTES), "shipments"].sum()
    assert (crossborder.DIRECT_MAIL, "before") not in rows.index


def test_sustainable_share_segments_and_premium(demo_warehouse):
    with demo_warehouse.connect() as conn:
        share = sustainable.share(conn, LAST_28).set_index("period")
        total, green_gmv = sustainable.gmv(conn, LAST_28)
        segments = {d: sustainable.by_segment(conn, LAST_28, d) for d in sustainable.SEGMENTS}
        premium = sustainable.price_premium(conn, ALL)
        trend = sustainable.trend(conn, LAST_28, "week")
    assert share.at["value", "share"] == pytest.approx(green_gmv / total)
    assert 0 < share.at["value", "share"] < 1
    for dim, seg in segments.items():
        assert seg["gmv"].sum() == pytest.approx(total), dim
        assert seg["sustainable_gmv"].sum() == pytest.approx(green_gmv), dim
    assert trend["sustainable_gmv"].sum() == pytest.approx(green_gmv)
    assert set(segments["city_tier"]["segment"]) <= {"1", "2", "3", "4"}
    assert (premium["sustainable_price"] > 0).all() and (premium["regular_price"] > 0).all()
    # each category's prices against a plain query: ¥ list price per unit sold, by flag
    with demo_warehouse.connect() as conn:
        plain = pd.DataFrame(conn.exec_driver_sql(
            "SELECT oi.category, p.is_sustainable, "
            "CAST(SUM(oi.unit_price_cny * oi.quantity) AS DOUBLE PRECISION) "
            "/ SUM(oi.quantity) FROM order_items oi "
            "JOIN products p ON p.product_id = oi.product_id "
            "JOIN orders o ON o.order_id = oi.order_id "
            "WHERE o.status <> 'cancelled' GROUP BY oi.category, p.is_sustainable").all(),
            columns=["category", "green", "price"])
    prices = plain.pivot(index="category", columns="green", values="price").dropna()
    got = premium.set_index("category").loc[prices.index]
    assert got["sustainable_price"].to_numpy() == pytest.approx(prices[True].to_numpy())
    assert got["regular_price"].to_numpy() == pytest.approx(prices[False].to_numpy())
    assert got["premium"].to_numpy() == pytest.approx((prices[True] / prices[False] - 1)
                                                      .to_numpy())
    average = sustainable.average_premium(premium)
    assert premium["premium"].min() <= average <= premium["premium"].max()


def test_committed_green_buyers_are_mostly_the_eco_persona(demo_warehouse):
    """The page derives green buyers from spending; the planted eco persona (12× weight on
    sustainable products) must be strongly over-represented among them."""
    with demo_warehouse.connect() as conn:
        bands = sustainable.customer_bands(ALL)
        rows = conn.execute(sa.select(bands.c.customer_id, bands.c.band)).all()
        persona = dict(conn.execute(sa.select(truth_customers.c.customer_id,
                                              truth_customers.c.persona)).all())
        buyers = sustainable.green_buyers(conn, ALL)
    frame = pd.DataFrame(rows, columns=["customer_id", "band"])
    frame["eco"] = frame["customer_id"].map(persona) == "eco"
    eco_overall = frame["eco"].mean()
    committed = frame[frame["band"] == "committed"]
    assert committed["eco"].mean() > 2 * eco_overall
    assert frame.loc[frame["eco"], "band"].eq("committed").mean() > 0.4
    counts = frame["band"].value_counts()
    assert buyers.set_index("band")["customers"].to_dict() == {
        b: int(counts.get(b, 0)) for b in sustainable.BUYER_BANDS}
    assert buyers.at[0, "sustainable_gmv_share"] > buyers.at[0, "customer_share"]


def test_esg_summary_collects_the_period_figures(demo_warehouse):
    with demo_warehouse.connect() as conn:
        summary = esg.period_summary(conn, LAST_28).set_index("metric")
        per_order = co2e_per_order(conn, LAST_28)
        cold = cold_chain.cold_chain(conn, LAST_28)
    assert list(summary.index) == [m for m, _ in esg.METRICS]
    assert summary.at["co2e_per_order", "value"] == pytest.approx(per_order)
    assert summary.at["co2e_total", "value"] == pytest.approx(
        per_order * summary.at["shipments", "value"])
    assert summary.at["cold_chain_compliance", "value"] == pytest.approx(cold.compliance)
    assert summary.loc[summary["unit"] == "ratio", "value"].between(0, 1).all()
