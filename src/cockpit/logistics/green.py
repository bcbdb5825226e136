"""Green delivery: the share of orders delivered by electric van or e-bike and the CO2e they
save against an all-diesel last mile."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.logistics.breakdown import by_dimension
from cockpit.logistics.factors import GRID_SCALED_MODES

GREEN_MODES = GRID_SCALED_MODES
DIESEL_MODE = "diesel_van"


@dataclass(frozen=True)
class GreenDelivery:
    """Green delivery in a period. Saving per green order = mean last-mile kg CO2e of a
    diesel-van parcel minus that of an electric-van or e-bike parcel; the all-diesel
    baseline charges every green order the diesel-van mean."""

    shipments: int
    green: int
    diesel: int
    diesel_kg_per_order: float | None
    green_kg_per_order: float | None

    @property
    def share(self) -> float | None:
        """Green orders / shipped orders."""
        return self.green / self.shipments if self.shipments else None

    @property
    def saving_kg_per_order(self) -> float | None:
        if self.diesel_kg_per_order is None or self.green_kg_per_order is None:
            return None
        return self.diesel_kg_per_order - self.green_kg_per_order

    @property
    def saving_kg(self) -> float | None:
        """kg CO2e saved in the period against the all-diesel baseline."""
        per = self.saving_kg_per_order
        return None if per is None else per * self.green


def from_modes(by_mode: pd.DataFrame) -> GreenDelivery:
    """Green delivery from `breakdown.by_dimension(..., "mode")` (shipments and last-mile kg
    CO2e per mode), without another query."""
    rows = by_mode.set_index("key")
    green = rows.loc[rows.index.isin(GREEN_MODES)]
    diesel = rows.loc[rows.index == DIESEL_MODE]
    n_green, n_diesel = int(green["shipments"].sum()), int(diesel["shipments"].sum())
    return GreenDelivery(
        int(rows["shipments"].sum()), n_green, n_diesel,
        float(diesel["last_mile_kg"].sum()) / n_diesel if n_diesel else None,
        float(green["last_mile_kg"].sum()) / n_green if n_green else None)


def green_delivery(conn: sa.Connection, f: Filters) -> GreenDelivery:
    """Green delivery figures for the shipments of orders matching `f`."""
    return from_modes(by_dimension(conn, f, "mode"))
