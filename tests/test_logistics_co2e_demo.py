"""CO2e of shipments in SQL against factors applied by hand, and the emission-factor loader."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa
from support.shipments import ALL, WAREHOUSES, load, shipment_frames

from cockpit.demo.geo import CITY_COLUMNS, cities_frame
from cockpit.filters import Filters
from cockpit.logistics.co2e import co2e_per_order, co2e_summary, shipment_co2e
from cockpit.logistics.factors import (
    COLUMNS,
    FACTORS_PATH,
    LAST_MILE_FACTOR,
    LINE_HAUL_FACTOR,
    factor_values,
    load_emission_factors,
)
from cockpit.warehouse.schema import (
    PACKAGING_TYPES,
    SHIPMENT_MODES,
)


def expected_co2e(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The same formulas applied by hand in pandas, one row per shipment."""
    ef = frames["emission_factors"]
    f = factor_values(ef)
    grid = ef[ef["activity"] == "grid_electricity"].set_index("region")["kg_co2e_per_unit"]
    region = WAREHOUSES.set_index("warehouse_id")["city"].map(
        frames["cities"].set_index("city")["grid_region"])
    s = frames["shipments"].set_index("shipment_id")
    ratio = (s["warehouse_id"].map(region).map(grid) / grid["all"]).fillna(1.0)
    electric = s["mode"].isin(["electric_van", "e_bike"])
    hours = (s["delivered_at"] - s["shipped_at"]).dt.total_seconds() / 3600
    out = pd.DataFrame({
        "line_haul_kg": s["weight_kg"] / 1000 * s["line_haul_km"]
        * s["mode"].map(LINE_HAUL_FACTOR).map(f),
        "last_mile_kg": s["last_mile_km"] * s["mode"].map(LAST_MILE_FACTOR).map(f)
        * ratio.where(electric, 1.0),
        "packaging_kg": s["packaging_weight_kg"]
        * ("packaging_" + s["packaging_type"] + "_kg").map(f),
        "cold_chain_kg": (hours * f["refrigeration_parcel_hour"] * ratio).where(
            s["is_cold_chain"], 0.0),
    })
    out["total_kg"] = out.sum(axis=1)
    return out


@pytest.fixture
def loaded(empty_warehouse):
    frames = shipment_frames()
    load(empty_warehouse, frames)
    return empty_warehouse, frames


def _run(engine: sa.Engine, f: Filters) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(shipment_co2e(f))
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    return frame.set_index("shipment_id").sort_index()


def test_each_component_matches_factors_applied_by_hand(loaded):
    engine, frames = loaded
    got = _run(engine, ALL)
    want = expected_co2e(frames).drop(index=8)  # shipment 8's order is in 2026
    assert got.index.tolist() == want.index.tolist()
    for col in want.columns:  # rel 1e-6: FLOAT columns are 4-byte REAL in DuckDB
        assert got[col].to_numpy() == pytest.approx(want[col].to_numpy(), rel=1e-6), col
    assert got.loc[got.index != 4, "cold_chain_kg"].eq(0).all()
    assert got.loc[4, "cold_chain_kg"] > 0
    # the e-van in 拉萨 (no city row) falls back to the national grid; in 上海 the east grid
    f = factor_values(frames["emission_factors"])
    assert got.loc[7, "last_mile_kg"] == pytest.approx(6.0 * f["electric_van_vkm"])
    east = f["grid_electricity_east"] / f["grid_electricity_all"]
    assert got.loc[2, "last_mile_kg"] == pytest.approx(5.0 * f["electric_van_vkm"] * east)


def test_filters_select_orders(loaded):
    engine, _ = loaded
    assert _run(engine, Filters(ALL.start, ALL.end, channels=("live_stream",))).index.tolist() \
        == [5]
    assert _run(engine, Filters(ALL.start, ALL.end, categories=("fresh", "beauty"))) \
        .index.tolist() == [3, 4]
    assert _run(engine, Filters(date(2026, 1, 1), date(2026, 12, 31))).index.tolist() == [8]
    assert _run(engine, Filters(ALL.start, ALL.end, regions=("north",))).empty


def test_per_order_and_summary(loaded):
    engine, frames = loaded
    want = expected_co2e(frames).drop(index=8)
    with engine.connect() as conn:
        per_order = co2e_per_order(conn, ALL)
        summary = co2e_summary(conn, ALL).set_index("mode")
        nothing = co2e_per_order(conn, Filters(date(2020, 1, 1), date(2020, 1, 2)))
    assert per_order == pytest.approx(want["total_kg"].mean(), rel=1e-6)
    assert nothing is None
    modes = frames["shipments"].set_index("shipment_id").loc[want.index, "mode"]
    by_mode = want.groupby(modes.to_numpy()).sum()
    assert set(summary.index) == set(by_mode.index)
    for col in by_mode.columns:
        assert summary.loc[by_mode.index, col].to_numpy() == pytest.approx(
            by_mode[col].to_numpy(), rel=1e-6)
    assert summary["shipments"].sum() == len(want)
    assert summary.loc["electric_van", "shipments"] == 2
    assert summary["kg_per_shipment"].to_numpy() == pytest.approx(
        (summary["total_kg"] / summary["shipments"]).to_numpy())


def test_generated_ev_saving_is_recovered_in_sql(empty_warehouse):
    from support.logistics_inputs import build

    demo = build(n_orders=5_000)
    frames = {"cities": cities_frame()[CITY_COLUMNS], "customers": demo["customers"],
              "products": demo["products"], "warehouses": demo["warehouses"],
              "orders": demo["orders"], "order_items": demo["items"],
              "shipments": demo["shipments"], "emission_factors": load_emission_factors()}
    load(empty_warehouse, frames)
    with empty_warehouse.connect() as conn:
        got = pd.DataFrame(conn.execute(shipment_co2e(Filters(date(2024, 1, 1),
                                                               date(2026, 11, 24))))
                           .mappings().all())
    assert len(got) == len(demo["shipments"])
    lm = got.groupby(got["mode"].isin(["electric_van", "e_bike"]))["last_mile_kg"].mean()
    diesel = got.loc[got["mode"] == "diesel_van", "last_mile_kg"].mean()
    planted = {e[0]: e[1] for e in demo["ctx"].truth_effects}["ev_saving_kg_per_order"]
    assert diesel - lm[True] == pytest.approx(planted, abs=1e-3)
    assert got["total_kg"].notna().all()


# --- loader ---------------------------------------------------------------------------------

def test_packaged_factors_are_complete():
    ef = load_emission_factors()
    assert list(ef.columns) == COLUMNS
    assert ef["factor_id"].is_unique
    assert (ef["kg_co2e_per_unit"] > 0).all()
    assert ef["source"].str.len().gt(20).all() and ef["source_year"].between(2015, 2026).all()
    assert set(LINE_HAUL_FACTOR) == set(LAST_MILE_FACTOR) == set(SHIPMENT_MODES)
    f = factor_values(ef)
    assert {f"packaging_{p}_kg" for p in PACKAGING_TYPES} <= set(f)
    grid = ef[ef["activity"] == "grid_electricity"]
    assert set(cities_frame()["grid_region"]) <= set(grid["region"])
    # the Temporelli et al. (2022) savings per km that the vkm factors were sized against
    assert f["diesel_van_vkm"] - f["electric_van_vkm"] == pytest.approx(0.173, abs=0.01)
    assert f["diesel_van_vkm"] - f["e_bike_vkm"] == pytest.approx(0.250, abs=0.035)


@pytest.mark.parametrize("mangle, message", [
    (lambda t: t.replace("kg_co2e_per_unit", "kg_per_unit"), "columns must be exactly"),
    (lambda t: t.replace(",0.793,", ",lots,"), "non-negative number"),
    (lambda t: t.replace(",0.793,", ",-0.793,"), "non-negative number"),
    (lambda t: t + t.splitlines()[1] + "\n", "duplicate factor_id"),
    (lambda t: "\n".join(ln for ln in t.splitlines() if not ln.startswith("e_bike_vkm")),
     "e_bike_vkm"),
    (lambda t: t.replace("MEE & NBS (China): national", ""), None),
    (lambda t: t.replace(",2023\n", ",\n", 1), "empty values"),
])
def test_malformed_factor_file_is_a_clear_error(tmp_path, mangle, message):
    path = tmp_path / "ef.csv"
    path.write_text(mangle(FACTORS_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    if message is None:  # a harmless edit still loads
        assert len(load_emission_factors(path)) == len(load_emission_factors())
        return
    with pytest.raises(ValueError, match=message):
        load_emission_factors(path)
