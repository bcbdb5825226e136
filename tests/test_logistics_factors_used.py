"""Which emission factors a period used, on the hand-made shipments of test_co2e and on the
demo warehouse (both dialects)."""

from __future__ import annotations

from datetime import date

import pytest
from support.shipments import ALL, load, shipment_frames

from cockpit.filters import Filters
from cockpit.logistics.factors import COLUMNS, LINE_HAUL_FACTOR, PACKAGING_FACTOR
from cockpit.logistics.usage import factors_used

# Shipments 1–7 (2025); 8 is ordered in 2026. Grid factors apply to the electric last miles
# (2 in 上海 = east, 3 in 成都 = southwest, 7 in 拉萨 = no city row) and the cold-chain parcel
# 4 (成都); the national grid factor is their base, the regional one where known.
WANT_2025 = {
    "truck_line_haul_tkm": 5, "air_freight_tkm": 1, "sea_freight_tkm": 1,
    "diesel_van_vkm": 4, "electric_van_vkm": 2, "e_bike_vkm": 1,
    "packaging_standard_kg": 3, "packaging_minimal_kg": 2, "packaging_degradable_kg": 1,
    "packaging_reusable_kg": 1, "refrigeration_parcel_hour": 1,
    "grid_electricity_all": 4, "grid_electricity_east": 1, "grid_electricity_southwest": 2,
}


def test_factors_used_by_hand_made_shipments(empty_warehouse):
    frames = shipment_frames()
    load(empty_warehouse, frames)
    with empty_warehouse.connect() as conn:
        used = factors_used(conn, ALL)
        only_2026 = factors_used(conn, Filters(date(2026, 1, 1), date(2026, 12, 31)))
        nothing = factors_used(conn, Filters(date(2020, 1, 1), date(2020, 1, 2)))
    assert dict(zip(used["factor_id"], used["shipments"], strict=True)) == WANT_2025
    assert list(used.columns) == [*COLUMNS, "shipments"]
    assert used["shipments"].is_monotonic_decreasing
    ef = frames["emission_factors"].set_index("factor_id")
    shown = used.set_index("factor_id")
    want = ef.loc[shown.index]  # the file's values and sources, unchanged
    assert shown["kg_co2e_per_unit"].tolist() == pytest.approx(want["kg_co2e_per_unit"].tolist())
    assert shown["source"].tolist() == want["source"].tolist()
    assert shown["source_year"].tolist() == want["source_year"].tolist()
    # shipment 8: a diesel van with standard packaging, nothing electric
    assert dict(zip(only_2026["factor_id"], only_2026["shipments"], strict=True)) == {
        "truck_line_haul_tkm": 1, "diesel_van_vkm": 1, "packaging_standard_kg": 1}
    assert nothing.empty


def test_factors_used_cover_every_demo_shipment(demo_warehouse):
    f = Filters(date(2026, 8, 1), date(2026, 11, 24))
    with demo_warehouse.connect() as conn:
        used = factors_used(conn, f).set_index("factor_id")
        n = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM shipments s JOIN orders o ON o.order_id = s.order_id "
            "WHERE o.order_date BETWEEN '2026-08-01' AND '2026-11-24'").scalar_one()
        cold = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM shipments s JOIN orders o ON o.order_id = s.order_id "
            "WHERE s.is_cold_chain AND o.order_date BETWEEN '2026-08-01' AND '2026-11-24'"
        ).scalar_one()
    line_haul = used.index.isin(set(LINE_HAUL_FACTOR.values()))
    packaging = used.index.isin(set(PACKAGING_FACTOR.values()))
    assert used.loc[line_haul, "shipments"].sum() == n  # one line-haul factor per shipment
    assert used.loc[packaging, "shipments"].sum() == n
    assert used.at["refrigeration_parcel_hour", "shipments"] == cold
    assert (used["source"].str.len() > 10).all()
    assert used["source_year"].between(2015, 2026).all()
