"""CO2e of shipments, computed in SQL by joining shipments with the emission_factors table
once per load (the shipment_co2e mart, cockpit.marts); the pages read the mart.

Components per shipment (kg CO2e, well-to-wheel):
- line haul: weight_kg / 1000 × line_haul_km × tkm factor of the mode (truck, air or sea);
- last mile: last_mile_km × vkm factor of the mode; for electric vans and e-bikes scaled by
  regional / national grid factor of the origin warehouse's grid region;
- packaging: packaging_weight_kg × the packaging type's material factor;
- cold chain: hours in transit × refrigeration factor per parcel-hour × the same grid ratio.
Simplification: a cross-border shipment's whole line haul (international leg plus the
domestic trunk from the bonded warehouse) is charged at the air or sea intensity.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, item_conditions, order_conditions
from cockpit.logistics.factors import (
    GRID_ACTIVITY,
    GRID_SCALED_MODES,
    LAST_MILE_FACTOR,
    LINE_HAUL_FACTOR,
    NATIONAL_GRID_ID,
    PACKAGING_FACTOR,
    REFRIGERATION_ID,
)
from cockpit.warehouse.schema import (
    cities,
    emission_factors,
    order_items,
    orders,
    shipments,
    warehouses,
)
from cockpit.warehouse.schema import shipment_co2e as mart
from cockpit.warehouse.sql import hours_between

COMPONENTS = ("line_haul_kg", "last_mile_kg", "packaging_kg", "cold_chain_kg")


def _dsum(expr) -> sa.ColumnElement:
    """SUM as a double (sa.Float is single precision REAL in DuckDB)."""
    return sa.cast(sa.func.sum(expr), sa.Double)


def factor_id_of(column: sa.ColumnElement, mapping: dict[str, str]) -> sa.ColumnElement:
    """CASE column WHEN key THEN factor_id …: the factor that applies to each row."""
    return sa.case(mapping, value=column)


def category_exists(f: Filters) -> list[sa.ColumnElement[bool]]:
    conds = item_conditions(f)
    if not conds:
        return []
    inner = sa.select(sa.literal(1)).where(order_items.c.order_id == orders.c.order_id, *conds)
    return [inner.exists()]


def shipment_co2e_definition() -> sa.Select:
    """The shipment_co2e mart's definition: one row per shipment, with its order's day and
    dimensions (order_date, platform, channel, region, city), the packaging and last-mile
    activity (mode, warehouse_id, packaging_type, packaging_weight_kg, packaging_cost_cny,
    last_mile_km, parcels_per_stop) and CO2e by component plus total_kg (kg CO2e). A missing
    factor gives NULL, never a dropped shipment."""
    s = shipments
    lh, lm, pk, cc, nat, grid = (emission_factors.alias(n) for n in
                                 ("ef_line_haul", "ef_last_mile", "ef_packaging", "ef_cold",
                                  "ef_grid_national", "ef_grid_region"))
    grid_ratio = sa.func.coalesce(grid.c.kg_co2e_per_unit, nat.c.kg_co2e_per_unit) \
        / nat.c.kg_co2e_per_unit
    electric_ratio = sa.case((s.c.mode.in_(GRID_SCALED_MODES), grid_ratio), else_=1.0)
    transit_hours = hours_between(s.c.shipped_at, s.c.delivered_at)

    line_haul = s.c.weight_kg / 1000.0 * s.c.line_haul_km * lh.c.kg_co2e_per_unit
    last_mile = s.c.last_mile_km * lm.c.kg_co2e_per_unit * electric_ratio
    packaging = s.c.packaging_weight_kg * pk.c.kg_co2e_per_unit
    cold_chain = sa.case(
        (s.c.is_cold_chain, transit_hours * cc.c.kg_co2e_per_unit * grid_ratio), else_=0.0
    )
    source = (
        s.join(orders, orders.c.order_id == s.c.order_id)
        .outerjoin(warehouses, warehouses.c.warehouse_id == s.c.warehouse_id)
        .outerjoin(cities, cities.c.city == warehouses.c.city)
        .outerjoin(lh, lh.c.factor_id == factor_id_of(s.c.mode, LINE_HAUL_FACTOR))
        .outerjoin(lm, lm.c.factor_id == factor_id_of(s.c.mode, LAST_MILE_FACTOR))
        .outerjoin(pk, pk.c.factor_id == factor_id_of(s.c.packaging_type, PACKAGING_FACTOR))
        .outerjoin(cc, cc.c.factor_id == REFRIGERATION_ID)
        .outerjoin(nat, nat.c.factor_id == NATIONAL_GRID_ID)
        .outerjoin(grid, sa.and_(grid.c.activity == GRID_ACTIVITY,
                                 grid.c.region == cities.c.grid_region))
    )
    return sa.select(
        s.c.shipment_id, s.c.order_id, orders.c.order_date, orders.c.platform,
        orders.c.channel, orders.c.region, orders.c.city, s.c.mode, s.c.warehouse_id,
        s.c.packaging_type, s.c.packaging_weight_kg,
        sa.cast(s.c.packaging_cost_cny, sa.Double).label("packaging_cost_cny"),
        s.c.last_mile_km, s.c.parcels_per_stop,
        sa.cast(line_haul, sa.Double).label("line_haul_kg"),
        sa.cast(last_mile, sa.Double).label("last_mile_kg"),
        sa.cast(packaging, sa.Double).label("packaging_kg"),
        sa.cast(cold_chain, sa.Double).label("cold_chain_kg"),
        sa.cast(line_haul + last_mile + packaging + cold_chain, sa.Double).label("total_kg"),
    ).select_from(source)


def shipment_co2e(f: Filters) -> sa.Select:
    """One row per shipment of the orders matching `f`, read from the shipment_co2e mart
    (its columns: see `shipment_co2e_definition`)."""
    m = mart
    conds = order_conditions(f, m)
    if f.categories:
        conds.append(sa.exists().where(order_items.c.order_id == m.c.order_id,
                                       *item_conditions(f)))
    return sa.select(*m.c).where(*conds)


def co2e_per_order(conn: sa.Connection, f: Filters) -> float | None:
    """kg CO2e per shipped order (one shipment per order) matching `f`; None when none."""
    per_shipment = shipment_co2e(f).subquery()
    value = conn.execute(sa.select(sa.func.avg(per_shipment.c.total_kg))) \
        .scalar_one()
    return None if value is None else float(value)


def co2e_summary(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per delivery mode: shipments, kg CO2e by component, total_kg and
    kg_per_shipment; the component columns summed give the totals by component."""
    per_shipment = shipment_co2e(f).subquery()
    q = (
        sa.select(
            per_shipment.c.mode,
            sa.func.count().label("shipments"),
            *(_dsum(per_shipment.c[name]).label(name) for name in (*COMPONENTS, "total_kg")),
        )
        .group_by(per_shipment.c.mode)
        .order_by(sa.desc("total_kg"))
    )
    frame = pd.DataFrame(conn.execute(q).mappings().all(),
                         columns=["mode", "shipments", *COMPONENTS, "total_kg"])
    frame["shipments"] = frame["shipments"].astype("int64")
    frame["kg_per_shipment"] = frame["total_kg"] / frame["shipments"]
    return frame
