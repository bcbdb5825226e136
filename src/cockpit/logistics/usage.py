"""Which emission factors the period's CO2e used: one row per factor with its source, year
and the number of shipments it was applied to."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, order_conditions
from cockpit.logistics.co2e import category_exists, factor_id_of
from cockpit.logistics.factors import (
    COLUMNS,
    GRID_ACTIVITY,
    GRID_SCALED_MODES,
    LAST_MILE_FACTOR,
    LINE_HAUL_FACTOR,
    NATIONAL_GRID_ID,
    PACKAGING_FACTOR,
    REFRIGERATION_ID,
    factor_table,
)
from cockpit.warehouse.schema import cities, emission_factors, orders, shipments, warehouses

USES = ("line_haul", "last_mile", "packaging", "refrigeration", "grid", "grid_base")


def _applied(f: Filters) -> sa.Subquery:
    """One row per shipment matching `f`: the factor_id used for each use (NULL if none).
    Electric last miles and refrigeration use the origin warehouse's regional grid factor
    (`grid`) over the national one they are stated at (`grid_base`), as in
    `co2e.shipment_co2e`."""
    s, grid = shipments, emission_factors.alias("ef_grid_region")
    uses_grid = sa.or_(s.c.mode.in_(GRID_SCALED_MODES), s.c.is_cold_chain)
    source = (
        s.join(orders, orders.c.order_id == s.c.order_id)
        .outerjoin(warehouses, warehouses.c.warehouse_id == s.c.warehouse_id)
        .outerjoin(cities, cities.c.city == warehouses.c.city)
        .outerjoin(grid, sa.and_(grid.c.activity == GRID_ACTIVITY,
                                 grid.c.region == cities.c.grid_region))
    )
    return (
        sa.select(
            factor_id_of(s.c.mode, LINE_HAUL_FACTOR).label("line_haul"),
            factor_id_of(s.c.mode, LAST_MILE_FACTOR).label("last_mile"),
            factor_id_of(s.c.packaging_type, PACKAGING_FACTOR).label("packaging"),
            sa.case((s.c.is_cold_chain, REFRIGERATION_ID)).label("refrigeration"),
            sa.case((uses_grid, grid.c.factor_id)).label("grid"),
            sa.case((uses_grid, NATIONAL_GRID_ID)).label("grid_base"),
        )
        .select_from(source)
        .where(*order_conditions(f), *category_exists(f))
        .subquery("applied")
    )


def factors_used(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """The emission_factors rows (COLUMNS) applied to the shipments matching `f`, with
    `shipments` (count of shipments each was applied to), most used first."""
    applied = _applied(f)
    counts = sa.union_all(*(
        sa.select(applied.c[use].label("factor_id"), sa.func.count().label("n"))
        .where(applied.c[use].is_not(None)).group_by(applied.c[use])
        for use in USES)).subquery("counts")
    stmt = sa.select(counts.c.factor_id, sa.cast(sa.func.sum(counts.c.n), sa.BigInteger)) \
        .group_by(counts.c.factor_id)
    used = pd.DataFrame(conn.execute(stmt).all(), columns=["factor_id", "shipments"])
    frame = factor_table(conn).merge(used, on="factor_id", how="inner")
    frame["shipments"] = frame["shipments"].astype("int64")
    return frame.sort_values(["shipments", "factor_id"], ascending=[False, True],
                             ignore_index=True)[[*COLUMNS, "shipments"]]
