"""Green logistics, ESG tab: the period's figures with their definitions, downloadable."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import breakdown, cold_chain, esg, green, packaging, sustainable
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t


def esg_value(value: float | None, unit: str, lang: str) -> str:
    """A figure with its unit; small kg values keep three decimals."""
    if unit == "kg" and value is not None and abs(value) < 10:
        return f"{value:,.3f} kg"
    return fmt.value(value, unit, lang)


def render(f: Filters, lang: str) -> None:
    """One row per ESG figure: label, value with unit, definition; every row visible."""
    by_mode = query(breakdown.by_dimension, f, "mode")  # cached queries, as the other tabs
    summary = esg.summary(breakdown.totals(by_mode), green.from_modes(by_mode),
                          query(packaging.period, f), query(cold_chain.cold_chain, f),
                          query(sustainable.share, f))
    st.caption(t("logistics.esg.caption", lang))
    labels = [t(f"logistics.esg.{m}", lang) for m in summary["metric"]]
    definitions = [t(f"logistics.esg.{m}.help", lang) for m in summary["metric"]]
    metric_col, value_col = t("logistics.col.metric", lang), t("logistics.col.value", lang)
    definition_col = t("logistics.col.definition", lang)
    shown = pd.DataFrame({
        metric_col: labels,
        value_col: [esg_value(v, u, lang) for v, u in
                    zip(summary["value"], summary["unit"], strict=True)],
        definition_col: definitions,
    })
    raw = pd.DataFrame({
        metric_col: labels, value_col: summary["value"],
        t("col.unit", lang): [t(f"unit.{u}", lang) for u in summary["unit"]],
        definition_col: definitions,
        "metric": summary["metric"], "period_start": f.start, "period_end": f.end,
    })
    table(shown, f"logistics_esg_{f.start}_{f.end}", lang, raw=raw,
          height=35 * (len(shown) + 1) + 3,
          column_config={metric_col: st.column_config.TextColumn(width="medium"),
                         value_col: st.column_config.TextColumn(width="small"),
                         definition_col: st.column_config.TextColumn(width="large")})
