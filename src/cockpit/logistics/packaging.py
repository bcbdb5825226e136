"""Packaging: the mix of packaging types over time and cost, material and CO2e per order
before and after low-carbon packaging was adopted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, order_conditions
from cockpit.logistics.co2e import shipment_co2e
from cockpit.logistics.scope import whole_history
from cockpit.warehouse.schema import PACKAGING_TYPES, orders, shipments
from cockpit.warehouse.sql import date_trunc, fsum

STANDARD = "standard"
LOW_CARBON = tuple(p for p in PACKAGING_TYPES if p != STANDARD)
PHASES = ("before", "after")


def adoption_date(conn: sa.Connection, f: Filters) -> date | None:
    """First order date shipped in low-carbon packaging (any date, `f`'s other
    selections); None when it never was."""
    stmt = (sa.select(sa.func.min(orders.c.order_date))
            .select_from(shipments.join(orders, orders.c.order_id == shipments.c.order_id))
            .where(shipments.c.packaging_type != STANDARD,
                   *order_conditions(whole_history(f))))
    value = conn.execute(stmt).scalar_one()
    return value.date() if isinstance(value, datetime) else value


def mix(conn: sa.Connection, f: Filters, grain: str = "month") -> pd.DataFrame:
    """One row per period and packaging type: period, packaging_type, shipments, share
    (of the period's shipments)."""
    per = shipment_co2e(f).subquery("per_shipment")
    period = date_trunc(grain, per.c.order_date)
    stmt = (sa.select(period.label("period"), per.c.packaging_type, sa.func.count())
            .group_by(period, per.c.packaging_type).order_by(period, per.c.packaging_type))
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["period", "packaging_type", "shipments"])
    frame["period"] = pd.to_datetime(frame["period"])
    frame["shipments"] = frame["shipments"].astype("int64")
    frame["share"] = frame["shipments"] / frame.groupby("period")["shipments"].transform("sum")
    return frame


def _stats(f: Filters, phase: Callable[[sa.Subquery], sa.ColumnElement] | None
           ) -> sa.Select:
    """Packaging sums per phase; the phase is computed in an inner query so that GROUP BY
    names a column (PostgreSQL cannot match parametrised CASE expressions)."""
    per = shipment_co2e(f).subquery("per_shipment")
    label = phase(per) if phase is not None else sa.literal("period")
    rows = sa.select(*per.c, label.label("phase")).subquery("phased")
    low = sa.func.sum(sa.case((rows.c.packaging_type != STANDARD, 1), else_=0))
    return (sa.select(rows.c.phase, sa.func.count(), sa.cast(low, sa.Integer),
                      fsum(rows.c.packaging_cost_cny), fsum(rows.c.packaging_weight_kg),
                      fsum(rows.c.packaging_kg))
            .group_by(rows.c.phase))


def _per_order(rows: list, phases: list[str]) -> pd.DataFrame:
    raw = pd.DataFrame(rows, columns=["phase", "shipments", "low", "cost", "weight", "kg"])
    raw = raw.set_index("phase").reindex(phases).reset_index()
    n = raw["shipments"].astype("float64")
    return pd.DataFrame({
        "phase": raw["phase"], "shipments": raw["shipments"].fillna(0).astype("int64"),
        "low_carbon_share": raw["low"].astype("float64") / n,
        "cost_per_order": raw["cost"].astype("float64") / n,
        "material_kg_per_order": raw["weight"].astype("float64") / n,
        "co2e_kg_per_order": raw["kg"].astype("float64") / n,
    })


def period(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row (phase "period") for the shipments matching `f`: shipments,
    low_carbon_share, cost_per_order (¥), material_kg_per_order (kg) and co2e_kg_per_order
    (packaging only, kg CO2e)."""
    return _per_order(conn.execute(_stats(f, None)).all(), ["period"])


def before_after(conn: sa.Connection, f: Filters, adopted: date | None,
                 whole: bool = True) -> pd.DataFrame:
    """As `period`, one row per phase: before / after `adopted`, over the whole history
    with `f`'s other selections (or only `f`'s dates when `whole` is False)."""
    def phase(per: sa.Subquery) -> sa.ColumnElement:
        after = per.c.order_date >= adopted if adopted is not None else sa.false()
        return sa.case((after, "after"), else_="before")

    scope = whole_history(f) if whole else f
    return _per_order(conn.execute(_stats(scope, phase)).all(), list(PHASES))


def cost_drop(phases: pd.DataFrame) -> float | None:
    """1 − cost per order after / before adoption; None without both phases."""
    cost = phases.set_index("phase")["cost_per_order"]
    before, after = cost.get("before"), cost.get("after")
    if pd.isna(before) or pd.isna(after) or not before:
        return None
    return float(1 - after / before)


def material_saved_kg(phases: pd.DataFrame, orders_after: int) -> float | None:
    """Packaging material saved: (kg per order before − after) × `orders_after`."""
    kg = phases.set_index("phase")["material_kg_per_order"]
    if pd.isna(kg.get("before")) or pd.isna(kg.get("after")):
        return None
    return float((kg["before"] - kg["after"]) * orders_after)
