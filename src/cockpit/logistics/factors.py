"""Emission factors: the packaged CSV, its validation, and which factor applies to what.

Every factor is kg CO2e (well-to-wheel) per unit of activity. Electric activities
(electric vans, e-bikes, cold-chain refrigeration) are stated at the national grid factor
(`grid_electricity_all`); CO2e queries rescale them by the warehouse's regional grid factor,
i.e. kWh × regional grid factor.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from cockpit.warehouse.schema import PACKAGING_TYPES, emission_factors

log = logging.getLogger(__name__)

FACTORS_PATH = Path(__file__).resolve().parent.parent / "data" / "emission_factors.csv"
COLUMNS = [c.name for c in emission_factors.columns]

GRID_ACTIVITY = "grid_electricity"
NATIONAL_REGION = "all"
NATIONAL_GRID_ID = "grid_electricity_all"
REFRIGERATION_ID = "refrigeration_parcel_hour"

# Line haul (origin to delivery station), kg CO2e per tonne-km, by shipment mode.
LINE_HAUL_FACTOR = {
    "diesel_van": "truck_line_haul_tkm",
    "electric_van": "truck_line_haul_tkm",
    "e_bike": "truck_line_haul_tkm",
    "cold_chain_truck": "truck_line_haul_tkm",
    "cross_border_air": "air_freight_tkm",
    "cross_border_sea": "sea_freight_tkm",
}
# Last mile, kg CO2e per vehicle-km attributed to the parcel. Cold-chain and cross-border
# parcels take a diesel courier van on the last leg (refrigeration is counted apart).
LAST_MILE_FACTOR = {
    "diesel_van": "diesel_van_vkm",
    "electric_van": "electric_van_vkm",
    "e_bike": "e_bike_vkm",
    "cold_chain_truck": "diesel_van_vkm",
    "cross_border_air": "diesel_van_vkm",
    "cross_border_sea": "diesel_van_vkm",
}
# Modes whose last-mile factor scales with the regional grid.
GRID_SCALED_MODES = ("electric_van", "e_bike")
# Packaging material, kg CO2e per kg of packaging.
PACKAGING_FACTOR = {p: f"packaging_{p}_kg" for p in PACKAGING_TYPES}

REQUIRED_FACTOR_IDS = frozenset(
    {NATIONAL_GRID_ID, REFRIGERATION_ID, *LINE_HAUL_FACTOR.values(), *LAST_MILE_FACTOR.values(),
     *PACKAGING_FACTOR.values()}
)


def load_emission_factors(path: str | Path | None = None) -> pd.DataFrame:
    """The `emission_factors` table from the CSV; ValueError naming the problem if malformed."""
    path = Path(path) if path is not None else FACTORS_PATH
    try:
        frame = pd.read_csv(path, encoding="utf-8", dtype={"factor_id": str})
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a readable emission-factor CSV ({exc})") from exc
    _check_columns(frame, path)
    _check_values(frame, path)
    frame["kg_co2e_per_unit"] = frame["kg_co2e_per_unit"].astype(float)
    frame["source_year"] = frame["source_year"].astype("int16")
    log.debug("loaded %d emission factors from %s", len(frame), path)
    return frame[COLUMNS]


def _check_columns(frame: pd.DataFrame, path: Path) -> None:
    if list(frame.columns) != COLUMNS:
        raise ValueError(f"{path}: columns must be exactly {COLUMNS}, got {list(frame.columns)}")


def _check_values(frame: pd.DataFrame, path: Path) -> None:
    empty = [c for c in COLUMNS if frame[c].isna().any()]
    if empty:
        raise ValueError(f"{path}: empty values in column(s) {empty}")
    dupes = frame.loc[frame["factor_id"].duplicated(), "factor_id"].tolist()
    if dupes:
        raise ValueError(f"{path}: duplicate factor_id {dupes}")
    for col in ("kg_co2e_per_unit", "source_year"):
        numeric = pd.to_numeric(frame[col], errors="coerce")
        bad = frame.loc[numeric.isna() | (numeric < 0), "factor_id"].tolist()
        if bad:
            raise ValueError(f"{path}: {col} must be a non-negative number (rows {bad})")
    missing = sorted(REQUIRED_FACTOR_IDS - set(frame["factor_id"]))
    if missing:
        raise ValueError(f"{path}: required factor_id(s) missing: {missing}")


def factor_values(factors: pd.DataFrame) -> dict[str, float]:
    """factor_id -> kg CO2e per unit."""
    return dict(zip(factors["factor_id"], factors["kg_co2e_per_unit"].astype(float), strict=True))


def grid_ratio(factors: pd.DataFrame) -> dict[str, float]:
    """Grid region -> regional grid factor / national grid factor (1.0 for 'all')."""
    grid = factors[factors["activity"] == GRID_ACTIVITY]
    national = factor_values(factors)[NATIONAL_GRID_ID]
    return {r: v / national for r, v in zip(grid["region"], grid["kg_co2e_per_unit"], strict=True)}


def factor_table(conn: sa.Connection) -> pd.DataFrame:
    """The `emission_factors` table as loaded in the warehouse (one row per factor), in
    factor_id order."""
    stmt = sa.select(emission_factors).order_by(emission_factors.c.factor_id)
    return pd.DataFrame(conn.execute(stmt).all(), columns=COLUMNS)
