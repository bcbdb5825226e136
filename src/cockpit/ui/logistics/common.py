"""Helpers shared by the Green logistics page's sections: KPI cards, deltas, colours and
display names."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from cockpit.logistics import breakdown
from cockpit.ui import format as fmt
from cockpit.ui.i18n import name, t
from cockpit.ui.theme import TEMPLATE

PARTS = breakdown.COMPONENTS
PART_COLOURS = dict(zip(PARTS, ("#2F6FDE", "#F5A623", "#8C6D46", "#13A8A8"), strict=True))
PHASE_COLOURS = {"before": "#9AA5B1", "after": "#07C160"}
PACK_COLOURS = {"standard": "#9AA5B1", "minimal": "#2F6FDE", "degradable": "#07C160",
                "reusable": "#13A8A8"}
GREEN = "#07C160"


def metric(label: str, value: str, help_key: str, lang: str, **kw) -> None:
    """A bordered st.metric whose help is the string `help_key` (definition and unit)."""
    with st.container(border=True):
        st.metric(label, value, help=t(help_key, lang), **kw)


def change(now: float | None, before: float | None, unit: str, lang: str) -> str | None:
    """fmt.delta, but nothing for a change that rounds to zero (a what-if at today's values)."""
    rel = fmt.change(now, before)
    if unit != "ratio" and rel is not None and abs(rel) < 0.0005:
        return None
    return fmt.delta(now, before, unit, lang)


def kg_delta(now: float | None, before: float | None, lang: str) -> str | None:
    """A kg CO2e change, or nothing when it rounds to zero."""
    return change(now, before, "kg", lang)


def part_label(part: str, lang: str) -> str:
    """Display name of a CO2e component (line haul, last mile, ...)."""
    return t(f"logistics.part.{part}", lang)


def pack_name(kind: str, lang: str) -> str:
    """Display name of a packaging type."""
    return t(f"logistics.pack.{kind}", lang)


def key_label(dim: str, frame: pd.DataFrame, lang: str) -> list[str]:
    """Display names of `frame["key"]` for a split by mode, warehouse or region."""
    if dim == "warehouse":
        return frame["name_zh" if lang == "zh" else "name_en"].fillna(
            frame["key"].astype(str)).tolist()
    kind = "logistics.mode" if dim == "mode" else "region"
    return [name(kind, k, lang) for k in frame["key"]]


def share_trend(frame: pd.DataFrame, label: str, grain: str, key: str, height: int) -> None:
    """A green line of a share (column `share`, 0–1) by `period`, in percent."""
    fig = px.line(frame, x="period", y="share", markers=True, template=TEMPLATE,
                  labels={"period": "", "share": label})
    fig.update_traces(line_color=GREEN, hovertemplate="%{x|%Y-%m-%d} %{y:.1%}")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(tickformat="%Y-%m" if grain == "month" else "%m-%d")
    fig.update_layout(height=height)
    st.plotly_chart(fig, theme=None, key=key)
