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
    """Green delivery in a period. The all-diesel baseline drives each green parcel's own
    last-mile km in a diesel van (at the period's diesel-van kg CO2e per km), so the saving
    compares like with like: baseline − actual last-mile kg CO2e of the green parcels."""

    shipments: int
    green: int
    diesel: int
    diesel_kg_per_order: float | None  # mean last-mile kg CO2e of a diesel-van parcel
    green_kg_per_order: float | None   # mean last-mile kg CO2e of a green parcel
    diesel_kg_per_km: float | None = None
    green_km: float = 0.0              # last-mile km of the green parcels

    @property
    def share(self) -> float | None:
        """Green orders / shipped orders."""
        return self.green / self.shipments if self.shipments else None

    @property
    def baseline_kg_per_order(self) -> float | None:
        """Mean last-mile kg CO2e of a green parcel had a diesel van driven its km."""
        if self.diesel_kg_per_km is None or not self.green:
            return None
        return self.diesel_kg_per_km * self.green_km / self.green

    @property
    def saving_kg_per_order(self) -> float | None:
        """kg CO2e saved per green order: baseline − actual."""
        if self.baseline_kg_per_order is None or self.green_kg_per_order is None:
            return None
        return self.baseline_kg_per_order - self.green_kg_per_order

    @property
    def saving_kg(self) -> float | None:
        """kg CO2e saved in the period against the all-diesel baseline."""
        per = self.saving_kg_per_order
        return None if per is None else per * self.green


def from_modes(by_mode: pd.DataFrame) -> GreenDelivery:
    """Green delivery from `breakdown.by_dimension(..., "mode")` (shipments, last-mile kg
    CO2e and km per mode), without another query."""
    rows = by_mode.set_index("key")
    green = rows.loc[rows.index.isin(GREEN_MODES)]
    diesel = rows.loc[rows.index == DIESEL_MODE]
    n_green, n_diesel = int(green["shipments"].sum()), int(diesel["shipments"].sum())
    diesel_kg, diesel_km = float(diesel["last_mile_kg"].sum()), float(diesel["last_mile_km"].sum())
    return GreenDelivery(
        int(rows["shipments"].sum()), n_green, n_diesel,
        diesel_kg / n_diesel if n_diesel else None,
        float(green["last_mile_kg"].sum()) / n_green if n_green else None,
        diesel_kg / diesel_km if diesel_km > 0 else None,
        float(green["last_mile_km"].sum()))


def green_delivery(conn: sa.Connection, f: Filters) -> GreenDelivery:
    """Green delivery figures for the shipments of orders matching `f`."""
    return from_modes(by_dimension(conn, f, "mode"))
