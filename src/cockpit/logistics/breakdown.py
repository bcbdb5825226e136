"""CO2e totals, trend and splits by delivery mode, origin warehouse and delivery region."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.logistics.co2e import COMPONENTS, shipment_co2e
from cockpit.logistics.factors import GRID_SCALED_MODES
from cockpit.warehouse.schema import warehouses
from cockpit.warehouse.sql import date_trunc, fsum

GRAINS = ("day", "week", "month")
DIMENSIONS = ("mode", "warehouse", "region")
SUMS = (*COMPONENTS, "total_kg", "last_mile_km")


def _sums(per: sa.Subquery) -> list[sa.ColumnElement]:
    return [sa.func.count().label("shipments"),
            *(fsum(per.c[name]).label(name) for name in SUMS)]


def _frame(result: sa.CursorResult, keys: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(result.all(), columns=[*keys, "shipments", *SUMS])
    frame["shipments"] = frame["shipments"].astype("int64")
    for name in SUMS:
        frame[name] = frame[name].astype("float64")
    frame["kg_per_order"] = frame["total_kg"] / frame["shipments"]
    return frame


def by_dimension(conn: sa.Connection, f: Filters, dim: str) -> pd.DataFrame:
    """One row per delivery mode, origin warehouse or delivery region (`dim`): key,
    shipments, kg CO2e by component, total_kg, last_mile_km (km attributed to the parcels)
    and kg_per_order (kg CO2e per shipped order); largest total first. For warehouses
    also name_zh and name_en."""
    if dim not in DIMENSIONS:
        raise ValueError(f"dim must be one of {DIMENSIONS}, got {dim!r}")
    per = shipment_co2e(f).subquery("per_shipment")
    key = per.c.warehouse_id if dim == "warehouse" else per.c[dim]
    stmt = sa.select(key.label("key"), *_sums(per)).group_by(key).order_by(
        sa.desc("total_kg"))
    frame = _frame(conn.execute(stmt), ["key"])
    if dim == "warehouse":
        names = pd.DataFrame(conn.execute(sa.select(
            warehouses.c.warehouse_id, warehouses.c.name_zh, warehouses.c.name_en)).all(),
            columns=["key", "name_zh", "name_en"])
        frame = frame.merge(names, on="key", how="left")
    return frame


def totals(by_mode: pd.DataFrame) -> dict[str, float]:
    """Period totals from `by_dimension(..., "mode")`: shipments, kg by component, total_kg,
    last_mile_km, kg_per_order (None when nothing shipped)."""
    out = {name: float(by_mode[name].sum()) for name in ("shipments", *SUMS)}
    out["kg_per_order"] = out["total_kg"] / out["shipments"] if out["shipments"] else None
    return out


def trend(conn: sa.Connection, f: Filters, grain: str = "week") -> pd.DataFrame:
    """One row per period (start of day/week/month of the order date): period, shipments,
    green_shipments (electric van or e-bike), kg CO2e by component, total_kg, last_mile_km,
    kg_per_order."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, got {grain!r}")
    per = shipment_co2e(f).subquery("per_shipment")
    period = date_trunc(grain, per.c.order_date)
    green = sa.func.sum(sa.case((per.c.mode.in_(GRID_SCALED_MODES), 1), else_=0))
    stmt = (sa.select(period.label("period"), sa.cast(green, sa.Integer).label("green"),
                      *_sums(per))
            .group_by(period).order_by(period))
    rows = conn.execute(stmt).all()
    frame = pd.DataFrame(rows, columns=["period", "green_shipments", "shipments", *SUMS])
    frame["period"] = pd.to_datetime(frame["period"])
    frame["green_shipments"] = frame["green_shipments"].astype("int64")
    frame["shipments"] = frame["shipments"].astype("int64")
    for name in SUMS:
        frame[name] = frame[name].astype("float64")
    frame["kg_per_order"] = frame["total_kg"] / frame["shipments"]
    return frame
