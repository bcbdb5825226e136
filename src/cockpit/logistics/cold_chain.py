"""Cold chain: time within 0–4 °C, excursions and the returns that follow them.

Each temperature reading stands for the time until the next reading (the last one until
delivery). Compliance = minutes within 0–4 °C / minutes monitored; a shipment has an
excursion when any reading lies outside 0–4 °C.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, item_conditions, order_conditions
from cockpit.warehouse.schema import cold_chain_readings, order_items, orders, shipments
from cockpit.warehouse.sql import fsum, hours_between, next_value

LOW_C, HIGH_C = 0.0, 4.0
# Industry references (/work/shared/REFERENCE.md, "Green logistics"): compliance 90–95%
# acceptable, ≥ 95% high performers; excursions below 1% of shipments (practitioner blog).
COMPLIANCE_GOOD = 0.95
COMPLIANCE_ACCEPTABLE = 0.90
EXCURSION_RATE_TARGET = 0.01
HISTOGRAM_STEP_MIN = 30


def _in_range(temp: sa.ColumnElement) -> sa.ColumnElement[bool]:
    return sa.and_(temp >= LOW_C, temp <= HIGH_C)


def per_shipment(f: Filters) -> sa.Subquery:
    """One row per monitored cold-chain shipment of orders matching `f`: shipment_id,
    monitored_min, in_range_min, excursion_min, has_excursion (0/1), returned (0/1)."""
    r, s = cold_chain_readings, shipments
    following = next_value(r.c.read_at).over(partition_by=r.c.shipment_id,
                                             order_by=r.c.read_at)
    conds = [*order_conditions(f)]
    if f.categories:
        conds.append(sa.exists().where(order_items.c.order_id == orders.c.order_id,
                                       *item_conditions(f)))
    spans = (
        sa.select(
            r.c.shipment_id, r.c.temperature_c,
            sa.case((orders.c.status == "returned", 1), else_=0).label("returned"),
            (hours_between(r.c.read_at, sa.func.coalesce(following, s.c.delivered_at))
             * 60.0).label("minutes"),
        )
        .select_from(r.join(s, s.c.shipment_id == r.c.shipment_id)
                     .join(orders, orders.c.order_id == s.c.order_id))
        .where(*conds)
        .subquery("spans")
    )
    inside = _in_range(spans.c.temperature_c)
    return (
        sa.select(
            spans.c.shipment_id,
            fsum(spans.c.minutes).label("monitored_min"),
            fsum(sa.case((inside, spans.c.minutes), else_=0.0)).label("in_range_min"),
            fsum(sa.case((inside, 0.0), else_=spans.c.minutes)).label("excursion_min"),
            sa.func.max(sa.case((inside, 0), else_=1)).label("has_excursion"),
            sa.func.max(spans.c.returned).label("returned"),
        )
        .group_by(spans.c.shipment_id)
        .subquery("cold_shipments")
    )


@dataclass(frozen=True)
class ColdChain:
    """Cold-chain quality in a period (rates are None without shipments in the group)."""

    shipments: int
    excursion_shipments: int
    monitored_min: float
    in_range_min: float
    excursion_min: float
    returned_excursion: int
    returned_clean: int

    @property
    def compliance(self) -> float | None:
        """Minutes within 0–4 °C / minutes monitored."""
        return self.in_range_min / self.monitored_min if self.monitored_min else None

    @property
    def excursion_rate(self) -> float | None:
        """Shipments with an excursion / monitored shipments."""
        return self.excursion_shipments / self.shipments if self.shipments else None

    @property
    def excursion_min_per_shipment(self) -> float | None:
        """Minutes outside 0–4 °C per monitored shipment."""
        return self.excursion_min / self.shipments if self.shipments else None

    @property
    def return_rate_excursion(self) -> float | None:
        """Returned / shipments with an excursion."""
        n = self.excursion_shipments
        return self.returned_excursion / n if n else None

    @property
    def return_rate_clean(self) -> float | None:
        """Returned / shipments without an excursion."""
        n = self.shipments - self.excursion_shipments
        return self.returned_clean / n if n else None


def cold_chain(conn: sa.Connection, f: Filters) -> ColdChain:
    """Compliance, excursions and return rates of the monitored shipments matching `f`."""
    c = per_shipment(f)
    exc = c.c.has_excursion == 1
    stmt = sa.select(
        sa.func.count(), sa.func.sum(c.c.has_excursion),
        fsum(c.c.monitored_min), fsum(c.c.in_range_min), fsum(c.c.excursion_min),
        sa.func.sum(sa.case((exc, c.c.returned), else_=0)),
        sa.func.sum(sa.case((exc, 0), else_=c.c.returned)),
    )
    n, n_exc, monitored, inside, out, ret_exc, ret_clean = conn.execute(stmt).one()
    return ColdChain(int(n or 0), int(n_exc or 0), float(monitored or 0), float(inside or 0),
                     float(out or 0), int(ret_exc or 0), int(ret_clean or 0))


def excursion_histogram(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """Shipments with an excursion by its length: minutes_from (bucket start, 30-minute
    buckets), shipments."""
    c = per_shipment(f)
    bucket = sa.cast(sa.func.floor(c.c.excursion_min / HISTOGRAM_STEP_MIN), sa.Integer) \
        * HISTOGRAM_STEP_MIN
    stmt = (sa.select(bucket.label("minutes_from"), sa.func.count())
            .where(c.c.has_excursion == 1).group_by(bucket).order_by(bucket))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["minutes_from", "shipments"])
    return frame.astype("int64")
