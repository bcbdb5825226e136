"""Synthetic series with known structure for the forecast tests (seeded)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def seasonal_trend(periods: int, freq: str, season: int, seed: int = 5, noise: float = 0.04,
                   start: str = "2010-01-01") -> pd.DataFrame:
    """ds, y: a trend of 1% a period times a season of ±30% times lognormal noise (sd `noise`),
    level about 100 at the start: the structure a seasonal model should find."""
    rng = np.random.default_rng(seed)
    t = np.arange(periods)
    shape = 1 + 0.3 * np.sin(2 * np.pi * t / season)
    y = 100 * 1.01 ** t * shape * np.exp(rng.normal(0, noise, periods))
    return pd.DataFrame({"ds": pd.date_range(start, periods=periods, freq=freq), "y": y})
