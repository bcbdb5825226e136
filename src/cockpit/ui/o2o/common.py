"""Helpers shared by the O2O page's sections: number formats and display names."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from cockpit.ui import format as fmt
from cockpit.ui.i18n import t

FEW_CUSTOMERS = 100
# Figures are built once per input and shared (read-only): st.plotly_chart only reads them, and
# building and validating plotly objects is most of a warm rerun's cost.
figure_cache = st.cache_resource(max_entries=64, show_spinner=False)


def pp(value: float, lang: str) -> str:
    """Rate points: 0.123 -> "+12.3 pp"."""
    return fmt.EMPTY if pd.isna(value) else f"{value * 100:+.1f}{t('unit.pp', lang)}"


def signed_pct(value: float) -> str:
    """A relative change: 0.123 -> "+12.3%"."""
    return fmt.EMPTY if pd.isna(value) else f"{value * 100:+.1f}%"


def store_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    """The stores' names in `lang` (frame has name_zh and name_en)."""
    return frame["name_zh"] if lang == "zh" else frame["name_en"]


def band_label(band: str, lang: str) -> str:
    """"0-3" -> "0–3 km"."""
    return t("o2o.band", lang, band=band.replace("-", "–"))


def interval(low: pd.Series, high: pd.Series, show: Callable[[float], str]) -> list[str]:
    """"low ~ high" for each row, each end formatted by `show`."""
    return [f"{show(lo)} ~ {show(hi)}" for lo, hi in zip(low, high, strict=True)]
