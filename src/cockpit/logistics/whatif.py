"""What-if on the period's aggregates: electric delivery share, packaging mix and parcels per
stop → CO2e and cost per order against today. `baseline` runs one query; `project` is plain
arithmetic on its result, fast enough for a slider.

Model (per shipped order, kg CO2e and ¥):
- Electric share applies to the parcels that can change mode: diesel van, electric van and
  e-bike (cold-chain and cross-border last legs stay diesel). A moved parcel keeps its
  last-mile km (the mean km of the group it leaves) and takes the other group's kg CO2e and
  energy cost per km (today's electric mix of vans, e-bikes and grid regions), so the
  comparison is like for like, not skewed by electric parcels' shorter routes.
- Packaging mix: each type's mean CO2e and cost per order in the period (a type not used in
  the period takes its whole-history mean under the same selections).
- Parcels per stop: last-mile km per parcel = stop km / parcels per stop, so every last mile
  scales by today's effective parcels per stop (harmonic mean) / the chosen value.
- Cost = packaging cost (from the data) + last-mile energy cost (assumptions below).
Line haul and refrigeration are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.logistics.co2e import shipment_co2e
from cockpit.logistics.factors import GRID_SCALED_MODES, LAST_MILE_FACTOR
from cockpit.logistics.scope import whole_history
from cockpit.warehouse.schema import PACKAGING_TYPES, emission_factors
from cockpit.warehouse.sql import fsum

SWITCHABLE = ("diesel_van", *GRID_SCALED_MODES)
# Energy cost per vehicle-km, ¥. Consumption as assumed in emission_factors.csv (diesel van
# 9.4 L/100 km, electric van 0.25 kWh/km, e-cargo bike 0.04 kWh/km); prices are assumptions:
# diesel about ¥7.5/L (China retail 2024–25), charging about ¥1.0/kWh with service fee.
DIESEL_CNY_PER_L = 7.5
POWER_CNY_PER_KWH = 1.0
CNY_PER_KM = {"diesel_van": 0.094 * DIESEL_CNY_PER_L, "electric_van": 0.25 * POWER_CNY_PER_KWH,
              "e_bike": 0.04 * POWER_CNY_PER_KWH}


@dataclass(frozen=True)
class Scenario:
    """electric_share: of switchable parcels, 0–1; packaging: shares per PACKAGING_TYPES
    (normalised to 1); parcels_per_stop: effective consolidation, ≥ 1."""

    electric_share: float
    packaging: tuple[float, ...]
    parcels_per_stop: float


@dataclass(frozen=True)
class Baseline:
    """The period's aggregates the what-if needs (kg CO2e, ¥, km are period sums)."""

    shipments: int
    fixed_kg: float            # line haul + refrigeration
    other_lm_kg: float         # last mile of parcels that cannot switch mode
    other_lm_km: float
    diesel: int
    diesel_lm_kg: float
    diesel_lm_km: float
    electric: int
    electric_lm_kg: float
    electric_lm_km: float
    electric_cost: float       # energy cost of today's electric parcels' last mile
    parcels_per_stop: float    # harmonic mean
    pack_kg: tuple[float, ...]     # mean packaging kg CO2e per order, by PACKAGING_TYPES
    pack_cost: tuple[float, ...]   # mean packaging cost per order, ¥
    pack_share: tuple[float, ...]  # today's mix
    electric_kg_per_km: float  # electric van factor, for a period without electric parcels
    diesel_kg_per_km: float    # diesel van factor, for a period without diesel parcels

    @property
    def switchable(self) -> int:
        """Parcels that can change mode (diesel van, electric van, e-bike)."""
        return self.diesel + self.electric

    @property
    def electric_share(self) -> float:
        """Electric share of the switchable parcels today."""
        return self.electric / self.switchable if self.switchable else 0.0

    def today(self) -> Scenario:
        """Today's scenario: the sliders' starting values."""
        return Scenario(self.electric_share, self.pack_share, self.parcels_per_stop)


def _mode_sums(per: sa.Subquery) -> sa.Select:
    """Sums per group (diesel, electric, other); grouped on an inner query's column."""
    group = sa.case((per.c.mode == "diesel_van", "diesel"),
                    (per.c.mode.in_(GRID_SCALED_MODES), "electric"), else_="other")
    cost_per_km = sa.case(*((per.c.mode == m, v) for m, v in CNY_PER_KM.items()),
                          else_=CNY_PER_KM["diesel_van"])
    rows = sa.select(*per.c, group.label("grp"),
                     (per.c.last_mile_km * cost_per_km).label("lm_cny")).subquery("grouped")
    return (sa.select(rows.c.grp, sa.func.count(),
                      fsum(rows.c.line_haul_kg + rows.c.cold_chain_kg), fsum(rows.c.last_mile_kg),
                      fsum(rows.c.last_mile_km), fsum(rows.c.lm_cny),
                      fsum(1.0 / rows.c.parcels_per_stop))
            .group_by(rows.c.grp))


def _packaging(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    per = shipment_co2e(f).subquery("per_shipment")
    stmt = (sa.select(per.c.packaging_type, sa.func.count(), fsum(per.c.packaging_kg),
                      fsum(per.c.packaging_cost_cny)).group_by(per.c.packaging_type))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["type", "n", "kg", "cost"])
    return frame.set_index("type").reindex(list(PACKAGING_TYPES))


def baseline(conn: sa.Connection, f: Filters) -> Baseline:
    """Aggregates of the shipments matching `f`; ValueError when none shipped."""
    per = shipment_co2e(f).subquery("per_shipment")
    rows = {r[0]: r[1:] for r in conn.execute(_mode_sums(per)).all()}
    zero = (0, 0.0, 0.0, 0.0, 0.0, 0.0)
    d, e, o = (tuple(float(v or 0) for v in rows.get(g, zero))
               for g in ("diesel", "electric", "other"))
    n = d[0] + e[0] + o[0]
    if not n:
        raise ValueError("no shipments match the filters")
    pack = _packaging(conn, f)
    shares = (pack["n"].fillna(0) / n).tolist()
    if pack["n"].isna().any():  # a type unused in the period: its whole-history means
        pack = pack.fillna(_packaging(conn, whole_history(f)))
    pack = pack.fillna(0.0)
    mean = pack[["kg", "cost"]].div(pack["n"].where(pack["n"] > 0), axis=0).fillna(0.0)
    return Baseline(
        shipments=int(n), fixed_kg=d[1] + e[1] + o[1], other_lm_kg=o[2], other_lm_km=o[3],
        diesel=int(d[0]), diesel_lm_kg=d[2], diesel_lm_km=d[3],
        electric=int(e[0]), electric_lm_kg=e[2], electric_lm_km=e[3], electric_cost=e[4],
        parcels_per_stop=n / (d[5] + e[5] + o[5]),
        pack_kg=tuple(mean["kg"]), pack_cost=tuple(mean["cost"]), pack_share=tuple(shares),
        electric_kg_per_km=_factor(conn, LAST_MILE_FACTOR["electric_van"]),
        diesel_kg_per_km=_factor(conn, LAST_MILE_FACTOR["diesel_van"]),
    )


def _factor(conn: sa.Connection, factor_id: str) -> float:
    stmt = sa.select(emission_factors.c.kg_co2e_per_unit).where(
        emission_factors.c.factor_id == factor_id)
    return float(conn.execute(stmt).scalar_one_or_none() or 0.0)


@dataclass(frozen=True)
class Projection:
    """Per shipped order: kg CO2e by part and in total, ¥ cost (packaging + last-mile
    energy)."""

    fixed_kg: float
    last_mile_kg: float
    packaging_kg: float
    co2e_kg: float
    packaging_cny: float
    last_mile_cny: float
    cost_cny: float


def _per_parcel(total: float, count: int) -> float:
    return total / count if count else 0.0


def _switch(b: Baseline, share: float) -> tuple[float, float]:
    """(kg CO2e, ¥) of the switchable parcels' last mile with `share` of them electric."""
    d_rate = b.diesel_lm_kg / b.diesel_lm_km if b.diesel_lm_km else b.diesel_kg_per_km
    e_rate = b.electric_lm_kg / b.electric_lm_km if b.electric_lm_km else b.electric_kg_per_km
    d_cny = CNY_PER_KM["diesel_van"]
    e_cny = b.electric_cost / b.electric_lm_km if b.electric_lm_km else \
        CNY_PER_KM["electric_van"]
    moved = share * b.switchable - b.electric  # > 0: diesel → electric; < 0: back to diesel
    km = moved * (_per_parcel(b.diesel_lm_km, b.diesel) if moved > 0
                  else _per_parcel(b.electric_lm_km, b.electric))
    kg = b.diesel_lm_kg + b.electric_lm_kg + km * (e_rate - d_rate)
    cny = b.diesel_lm_km * d_cny + b.electric_cost + km * (e_cny - d_cny)
    return kg, cny


def project(b: Baseline, s: Scenario) -> Projection:
    """CO2e and cost per order under scenario `s` (today's scenario gives today's figures)."""
    switch_kg, switch_cny = _switch(b, min(max(s.electric_share, 0.0), 1.0))
    consolidation = b.parcels_per_stop / max(s.parcels_per_stop, 1.0)
    lm_kg = (switch_kg + b.other_lm_kg) * consolidation
    lm_cny = (switch_cny + b.other_lm_km * CNY_PER_KM["diesel_van"]) * consolidation
    total = sum(s.packaging) or 1.0
    mix = [p / total for p in s.packaging]
    pack_kg = sum(m * k for m, k in zip(mix, b.pack_kg, strict=True))
    pack_cny = sum(m * c for m, c in zip(mix, b.pack_cost, strict=True))
    n = b.shipments
    fixed = b.fixed_kg / n
    return Projection(fixed, lm_kg / n, pack_kg, fixed + lm_kg / n + pack_kg, pack_cny,
                      lm_cny / n, pack_cny + lm_cny / n)
