"""Cold-chain compliance, excursions and return rates on hand-made readings."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from support.shipments import load

from cockpit.demo.geo import CITY_COLUMNS, cities_frame
from cockpit.filters import Filters
from cockpit.logistics.cold_chain import cold_chain, excursion_histogram
from cockpit.warehouse.load import append_frame
from cockpit.warehouse.schema import cold_chain_readings

Y2025 = Filters(date(2025, 1, 1), date(2025, 12, 31))
DAY = pd.Timestamp("2025-03-01")
# shipment: (order status, delivered after shipping in minutes, [(minute, °C), ...], order day)
SHIPMENTS = {
    # 30 in, 30 out (5.0), 30 in, last reading until delivery 30 in: 120 monitored, 30 out
    1: ("returned", 120, [(0, 2.0), (30, 5.0), (60, 3.0), (90, 3.5)], DAY),
    # the bounds 0 °C and 4 °C are in range; the last reading counts 10 minutes
    2: ("paid", 70, [(0, 1.0), (30, 0.0), (60, 4.0)], DAY),
    # irregular readings: 20 minutes at -1 °C, then 30 in range
    3: ("paid", 50, [(0, -1.0), (20, 2.0)], DAY),
    # one reading, an hour in range; returned for another reason
    4: ("returned", 60, [(0, 2.0)], DAY),
    # ordered in 2026: outside the filter
    5: ("returned", 60, [(0, 9.0)], pd.Timestamp("2026-02-01")),
}


def shipment_frames() -> dict[str, pd.DataFrame]:
    ids = list(SHIPMENTS)
    ordered = pd.Series([SHIPMENTS[i][3] + pd.Timedelta(hours=8) for i in ids])
    shipped = ordered + pd.Timedelta(hours=2)
    delivered = shipped + pd.to_timedelta([SHIPMENTS[i][1] for i in ids], unit="min")
    orders = pd.DataFrame({"order_id": ids, "customer_id": 1, "ordered_at": ordered,
                           "order_date": ordered.dt.date, "channel": "app", "city": "上海",
                           "region": "east", "warehouse_id": 1,
                           "status": [SHIPMENTS[i][0] for i in ids]})
    ship = pd.DataFrame({"shipment_id": ids, "order_id": ids, "warehouse_id": 1,
                         "mode": "cold_chain_truck", "route": "domestic", "is_cold_chain": True,
                         "shipped_at": shipped, "delivered_at": delivered,
                         "packaging_type": "standard"})
    return {"cities": cities_frame()[CITY_COLUMNS],
            "customers": pd.DataFrame({"customer_id": [1], "city": ["上海"], "region": ["east"]}),
            "warehouses": pd.DataFrame({"warehouse_id": [1], "city": ["上海"],
                                        "warehouse_type": ["forward"]}),
            "orders": orders, "shipments": ship}


def _readings() -> pd.DataFrame:
    rows = []
    for i, (_, _, reads, day) in SHIPMENTS.items():
        start = day + pd.Timedelta(hours=10)
        rows += [(i, start + pd.Timedelta(minutes=m), temp) for m, temp in reads]
    return pd.DataFrame(rows, columns=["shipment_id", "read_at", "temperature_c"])


@pytest.fixture
def cold_warehouse(empty_warehouse):
    load(empty_warehouse, shipment_frames())
    with empty_warehouse.begin() as conn:
        append_frame(conn, cold_chain_readings, _readings())
    return empty_warehouse


def test_compliance_and_excursion_arithmetic(cold_warehouse):
    with cold_warehouse.connect() as conn:
        got = cold_chain(conn, Y2025)
    assert got.shipments == 4 and got.excursion_shipments == 2
    assert got.monitored_min == pytest.approx(120 + 70 + 50 + 60)
    assert got.in_range_min == pytest.approx(90 + 70 + 30 + 60)
    assert got.excursion_min == pytest.approx(30 + 20)
    assert got.compliance == pytest.approx(250 / 300)
    assert got.excursion_rate == pytest.approx(0.5)
    assert got.excursion_min_per_shipment == pytest.approx(50 / 4)
    # shipment 1 (excursion) and 4 (none) were returned
    assert got.return_rate_excursion == pytest.approx(1 / 2)
    assert got.return_rate_clean == pytest.approx(1 / 2)


def test_excursion_histogram_buckets_by_30_minutes(cold_warehouse):
    with cold_warehouse.connect() as conn:
        hist = excursion_histogram(conn, Y2025)
        everything = cold_chain(conn, Filters(date(2025, 1, 1), date(2026, 12, 31)))
    assert hist.to_dict("list") == {"minutes_from": [0, 30], "shipments": [1, 1]}
    # shipment 5 in 2026: one reading at 9 °C for its whole hour, returned
    assert everything.shipments == 5 and everything.excursion_shipments == 3
    assert everything.excursion_min == pytest.approx(50 + 60)
    assert everything.return_rate_excursion == pytest.approx(2 / 3)


def test_no_cold_chain_shipments_gives_empty_rates(cold_warehouse):
    with cold_warehouse.connect() as conn:
        got = cold_chain(conn, Filters(date(2024, 1, 1), date(2024, 1, 31)))
        hist = excursion_histogram(conn, Filters(date(2024, 1, 1), date(2024, 1, 31)))
    assert got.shipments == 0
    assert got.compliance is None and got.excursion_rate is None
    assert got.return_rate_excursion is None and got.return_rate_clean is None
    assert hist.empty
