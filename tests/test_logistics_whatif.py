"""What-if arithmetic: today's sliders give today's figures; each lever against an
independent computation from the per-shipment rows (DuckDB and PostgreSQL)."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from cockpit.filters import Filters
from cockpit.logistics import whatif
from cockpit.logistics.co2e import co2e_per_order, shipment_co2e
from cockpit.warehouse.schema import PACKAGING_TYPES

LAST_90 = Filters(date(2026, 8, 27), date(2026, 11, 24))
BEFORE_ADOPTION = Filters(date(2024, 3, 1), date(2024, 5, 31))
ELECTRIC = ("electric_van", "e_bike")


@pytest.fixture(scope="module")
def period(demo_warehouse):
    """(baseline, per-shipment rows) for the last 90 days of the demo."""
    with demo_warehouse.connect() as conn:
        base = whatif.baseline(conn, LAST_90)
        result = conn.execute(shipment_co2e(LAST_90))
        rows = pd.DataFrame(result.all(), columns=list(result.keys()))
        actual = co2e_per_order(conn, LAST_90)
    return base, rows, actual


def test_today_gives_today(period):
    base, rows, actual = period
    now = whatif.project(base, base.today())
    assert now.co2e_kg == pytest.approx(actual, rel=1e-9)
    assert now.packaging_cny == pytest.approx(rows["packaging_cost_cny"].mean(), rel=1e-9)
    km_cost = rows["mode"].map(whatif.CNY_PER_KM).fillna(whatif.CNY_PER_KM["diesel_van"])
    assert now.last_mile_cny == pytest.approx((rows["last_mile_km"] * km_cost).mean(), rel=1e-9)
    switchable = rows["mode"].isin(whatif.SWITCHABLE)
    assert base.electric_share == pytest.approx(rows.loc[switchable, "mode"].isin(ELECTRIC)
                                                .mean())
    assert base.pack_share == pytest.approx(
        rows["packaging_type"].value_counts(normalize=True).reindex(list(PACKAGING_TYPES),
                                                                    fill_value=0).tolist())


def test_all_electric_and_all_diesel_match_an_independent_computation(period):
    """Moved parcels keep their km and take the other group's kg CO2e per km."""
    base, rows, _ = period
    diesel, electric = rows["mode"] == "diesel_van", rows["mode"].isin(ELECTRIC)
    lm = rows.groupby(diesel.map({True: "d", False: "x"}).where(~electric, "e"))[
        ["last_mile_kg", "last_mile_km"]].sum()
    e_rate = lm.at["e", "last_mile_kg"] / lm.at["e", "last_mile_km"]
    d_rate = lm.at["d", "last_mile_kg"] / lm.at["d", "last_mile_km"]
    assert d_rate == pytest.approx(0.300, rel=1e-6)  # the diesel-van factor
    total = rows["total_kg"].sum()
    got = whatif.project(base, replace(base.today(), electric_share=1.0))
    want = (total - lm.at["d", "last_mile_kg"] + lm.at["d", "last_mile_km"] * e_rate) / len(rows)
    assert got.co2e_kg == pytest.approx(want, rel=1e-9)
    none = whatif.project(base, replace(base.today(), electric_share=0.0))
    want = (total - lm.at["e", "last_mile_kg"] + lm.at["e", "last_mile_km"] * d_rate) / len(rows)
    assert none.co2e_kg == pytest.approx(want, rel=1e-9)
    assert none.co2e_kg > whatif.project(base, base.today()).co2e_kg > got.co2e_kg
    assert none.cost_cny > got.cost_cny  # electricity is cheaper per km than diesel
    # piecewise linear in the share, continuous at today's share
    g0, eps = base.electric_share, 1e-6
    up = whatif.project(base, replace(base.today(), electric_share=g0 + eps)).co2e_kg
    down = whatif.project(base, replace(base.today(), electric_share=g0 - eps)).co2e_kg
    assert up == pytest.approx(down, rel=1e-6)


def test_consolidation_scales_the_last_mile(period):
    base, rows, _ = period
    today = whatif.project(base, base.today())
    harmonic = len(rows) / (1.0 / rows["parcels_per_stop"]).sum()
    assert base.parcels_per_stop == pytest.approx(harmonic)
    doubled = whatif.project(base, replace(base.today(), parcels_per_stop=2 * harmonic))
    assert doubled.last_mile_kg == pytest.approx(today.last_mile_kg / 2)
    assert doubled.last_mile_cny == pytest.approx(today.last_mile_cny / 2)
    assert doubled.packaging_kg == today.packaging_kg and doubled.fixed_kg == today.fixed_kg


def test_packaging_mix(period):
    base, rows, _ = period
    reusable = rows[rows["packaging_type"] == "reusable"]
    only = tuple(1.0 if k == "reusable" else 0.0 for k in PACKAGING_TYPES)
    got = whatif.project(base, replace(base.today(), packaging=only))
    assert got.packaging_kg == pytest.approx(reusable["packaging_kg"].mean())
    assert got.packaging_cny == pytest.approx(reusable["packaging_cost_cny"].mean())
    standard = whatif.project(base, replace(base.today(), packaging=(1.0, 0.0, 0.0, 0.0)))
    assert standard.packaging_kg > got.packaging_kg
    assert standard.cost_cny > got.cost_cny


def test_period_without_low_carbon_packaging_borrows_history(demo_warehouse):
    with demo_warehouse.connect() as conn:
        base = whatif.baseline(conn, BEFORE_ADOPTION)
        actual = co2e_per_order(conn, BEFORE_ADOPTION)
    assert base.pack_share[0] == 1.0
    assert all(k > 0 for k in base.pack_kg) and all(c > 0 for c in base.pack_cost)
    assert whatif.project(base, base.today()).co2e_kg == pytest.approx(actual, rel=1e-9)
    minimal = whatif.project(base, replace(base.today(), packaging=(0.0, 1.0, 0.0, 0.0)))
    assert minimal.packaging_kg < whatif.project(base, base.today()).packaging_kg


def test_a_slider_move_is_fast(period):
    base, _, _ = period
    started = time.perf_counter()
    for i in range(1000):
        whatif.project(base, whatif.Scenario(i / 1000, (0.4, 0.3, 0.2, 0.1), 1.5))
    assert (time.perf_counter() - started) / 1000 < 0.002
