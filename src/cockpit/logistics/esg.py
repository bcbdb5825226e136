"""The period's ESG summary: one row per figure with its unit; definitions live with the
page's strings (`logistics.esg.<metric>.help`)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.logistics import breakdown, cold_chain, green, packaging, sustainable
from cockpit.logistics.cold_chain import ColdChain
from cockpit.logistics.green import GreenDelivery

METRICS = (
    ("shipments", "count"), ("co2e_total", "kg"), ("co2e_per_order", "kg"),
    ("line_haul_kg", "kg"), ("last_mile_kg", "kg"), ("packaging_kg", "kg"),
    ("cold_chain_kg", "kg"), ("green_share", "ratio"), ("ev_saving", "kg"),
    ("ev_saving_per_order", "kg"), ("low_carbon_packaging_share", "ratio"),
    ("packaging_cost_per_order", "cny"), ("packaging_material_per_order", "kg"),
    ("cold_chain_compliance", "ratio"), ("cold_chain_excursion_rate", "ratio"),
    ("cold_chain_return_excursion", "ratio"), ("cold_chain_return_clean", "ratio"),
    ("sustainable_gmv", "cny"), ("sustainable_gmv_share", "ratio"),
)


def summary(totals: dict[str, float], delivery: GreenDelivery, pack: pd.DataFrame,
            cold: ColdChain, sustainable_share: pd.DataFrame) -> pd.DataFrame:
    """metric, value, unit (kg, ratio, cny or count) from the page's period results:
    `breakdown.totals`, `green.green_delivery`, `packaging.period`, `cold_chain.cold_chain`
    and `sustainable.share`."""
    p = pack.iloc[0]
    s = sustainable_share.set_index("period").loc["value"]
    values = {
        "shipments": totals["shipments"], "co2e_total": totals["total_kg"],
        "co2e_per_order": totals["kg_per_order"],
        **{k: totals[k] for k in ("line_haul_kg", "last_mile_kg", "packaging_kg",
                                  "cold_chain_kg")},
        "green_share": delivery.share, "ev_saving": delivery.saving_kg,
        "ev_saving_per_order": delivery.saving_kg_per_order,
        "low_carbon_packaging_share": p["low_carbon_share"],
        "packaging_cost_per_order": p["cost_per_order"],
        "packaging_material_per_order": p["material_kg_per_order"],
        "cold_chain_compliance": cold.compliance,
        "cold_chain_excursion_rate": cold.excursion_rate,
        "cold_chain_return_excursion": cold.return_rate_excursion,
        "cold_chain_return_clean": cold.return_rate_clean,
        "sustainable_gmv": s["sustainable_gmv"], "sustainable_gmv_share": s["share"],
    }
    rows = [(m, None if pd.isna(values[m]) else float(values[m]), unit) for m, unit in METRICS]
    return pd.DataFrame(rows, columns=["metric", "value", "unit"])


def period_summary(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """`summary` computed from the warehouse for `f` (the queries the page makes)."""
    by_mode = breakdown.by_dimension(conn, f, "mode")
    return summary(breakdown.totals(by_mode), green.from_modes(by_mode), packaging.period(conn, f),
                   cold_chain.cold_chain(conn, f), sustainable.share(conn, f))
