"""Hand-made shipments with their orders, warehouses and factors (rows every schema column
filled), for the CO2e, cold-chain and factors-used tests."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.demo.geo import CITY_COLUMNS, cities_frame
from cockpit.filters import Filters
from cockpit.logistics.factors import (
    load_emission_factors,
)
from cockpit.marts import refresh_marts
from cockpit.warehouse.load import append_frame
from cockpit.warehouse.schema import (
    METADATA,
)

ALL = Filters(date(2025, 1, 1), date(2025, 12, 31))


def _default(col: sa.Column, i: int):
    if col.nullable and not col.primary_key:
        return None
    if col.primary_key or col.unique:
        return i + 1 if isinstance(col.type, sa.Integer) else f"{col.name}-{i}"
    t = col.type
    if isinstance(t, sa.Boolean):
        return False
    if isinstance(t, sa.Integer):
        return 1
    if isinstance(t, (sa.Float, sa.Numeric)):
        return 1.0
    if isinstance(t, sa.DateTime):
        return datetime(2025, 1, 1)
    if isinstance(t, sa.Date):
        return date(2025, 1, 1)
    return "x"


def pad(table_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every schema column, not-null gaps filled with harmless defaults."""
    table = METADATA.tables[table_name]
    frame = frame.reset_index(drop=True)
    out = {}
    for col in table.columns:
        fill = pd.Series([_default(col, i) for i in range(len(frame))], dtype=object)
        if col.name in frame:
            given = frame[col.name].astype(object)
            out[col.name] = given.where(given.notna(), fill) if not col.nullable else given
        else:
            out[col.name] = fill
    result = pd.DataFrame(out)
    for name in result:
        if result[name].map(lambda v: isinstance(v, (int, float, np.number))).all():
            result[name] = pd.to_numeric(result[name])
    return result


def load(engine: sa.Engine, frames: dict[str, pd.DataFrame]) -> None:
    with engine.begin() as conn:
        for name in ("cities", "customers", "products", "warehouses", "orders", "order_items",
                     "shipments", "emission_factors"):
            if name in frames:
                append_frame(conn, METADATA.tables[name], pad(name, frames[name]))
        refresh_marts(conn)  # as every load does


WAREHOUSES = pd.DataFrame({
    "warehouse_id": [1, 2, 3, 4], "city": ["上海", "成都", "宁波", "拉萨"],  # 拉萨: no city row
    "warehouse_type": ["forward", "forward", "bonded", "forward"],
})
# shipment_id, warehouse, mode, weight, line km, last km, packaging, pack kg, cold, hours,
# channel, category, order day
SHIPMENTS = [
    (1, 1, "diesel_van", 2.0, 100.0, 4.0, "standard", 0.30, False, 20, "app", "apparel", 10),
    (2, 1, "electric_van", 3.0, 40.0, 5.0, "minimal", 0.20, False, 8, "app", "home", 11),
    (3, 2, "e_bike", 1.0, 25.0, 2.0, "degradable", 0.10, False, 6, "mini_program", "beauty", 12),
    (4, 2, "cold_chain_truck", 4.0, 30.0, 3.0, "reusable", 0.50, True, 10, "app", "fresh", 13),
    (5, 3, "cross_border_air", 1.5, 9_000.0, 6.0, "standard", 0.25, False, 160,
     "live_stream", "imported", 14),
    (6, 3, "cross_border_sea", 5.0, 2_000.0, 3.0, "minimal", 0.40, False, 280, "app",
     "imported", 15),
    (7, 4, "electric_van", 2.0, 10.0, 6.0, "standard", 0.30, False, 5, "app", "home", 16),
    (8, 1, "diesel_van", 2.0, 100.0, 4.0, "standard", 0.30, False, 20, "app", "apparel", 400),
]


def shipment_frames() -> dict[str, pd.DataFrame]:
    spec = pd.DataFrame(SHIPMENTS, columns=[
        "shipment_id", "warehouse_id", "mode", "weight_kg", "line_haul_km", "last_mile_km",
        "packaging_type", "packaging_weight_kg", "is_cold_chain", "hours", "channel",
        "category", "day"])
    ordered = pd.Timestamp("2025-01-01 09:00") + pd.to_timedelta(spec["day"], unit="D")
    shipped = ordered + pd.Timedelta(hours=2)
    cross = spec["mode"].str.startswith("cross")
    orders_frame = pd.DataFrame({
        "order_id": spec["shipment_id"] + 100, "customer_id": 1, "ordered_at": ordered,
        "order_date": ordered.dt.date, "platform": "own_app", "channel": spec["channel"],
        "city": "上海",
        "region": "east", "warehouse_id": spec["warehouse_id"], "status": "paid"})
    ship = spec.assign(
        order_id=orders_frame["order_id"], route=np.where(cross, "eu_cn_direct_mail", "domestic"),
        shipped_at=shipped, delivered_at=shipped + pd.to_timedelta(spec["hours"], unit="h"),
        customs_clearance_hours=np.where(cross, 30.0, np.nan), parcels_per_stop=1,
        packaging_cost_cny=2.0)
    items = pd.DataFrame({"order_id": orders_frame["order_id"], "line_number": 1,
                          "product_id": spec["shipment_id"], "category": spec["category"]})
    products = pd.DataFrame({"product_id": spec["shipment_id"], "category": spec["category"]})
    return {
        "cities": cities_frame()[CITY_COLUMNS],
        "customers": pd.DataFrame({"customer_id": [1], "city": ["上海"], "region": ["east"]}),
        "products": products, "warehouses": WAREHOUSES, "orders": orders_frame,
        "order_items": items, "shipments": ship.drop(columns=["hours", "channel", "category",
                                                                "day"]),
        "emission_factors": load_emission_factors(),
    }
