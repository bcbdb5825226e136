"""When demand happens: festival phases, weekday rhythm and per-phase category shifts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.calendar import festival_days
from cockpit.warehouse.schema import CATEGORIES

# order volume on a day of each phase, relative to a normal day
PHASE_VOLUME = {
    "normal": 1.0,
    "spring_festival:run_up": 1.25,
    "spring_festival:holiday": 0.6,
    "618:run_up": 1.35,
    "618:peak": 2.6,
    "double_11:run_up": 1.45,
    "double_11:peak": 3.2,
    "double_12:run_up": 1.1,
    "double_12:peak": 1.7,
}
_SHOPPING = {"appliances": 2.2, "beauty": 1.8, "apparel": 1.5, "sports": 1.4}
# category weight multipliers in each phase (1 when not listed)
PHASE_CATEGORY = {
    "spring_festival:run_up": {"nut_gifts": 7.0, "imported": 1.8},
    "spring_festival:holiday": {"fresh": 0.3, "nut_gifts": 2.0},
    "618:run_up": _SHOPPING,
    "618:peak": _SHOPPING,
    "double_11:run_up": _SHOPPING,
    "double_11:peak": _SHOPPING,
    "double_12:peak": {"beauty": 1.3, "imported": 1.3},
}
# mean promotion depth (share of list price) for orders with a coupon, by phase
PHASE_PROMO_DEPTH = {"normal": 0.10, "618:peak": 0.20, "double_11:peak": 0.22,
                     "618:run_up": 0.15, "double_11:run_up": 0.15, "double_12:peak": 0.18}
PHASE_COUPON_SHARE = {"normal": 0.25, "618:peak": 0.7, "double_11:peak": 0.75,
                      "618:run_up": 0.5, "double_11:run_up": 0.55, "double_12:peak": 0.6}


def day_phases(days: pd.DatetimeIndex) -> np.ndarray:
    """Phase name per day ('normal' outside festival windows)."""
    fest = festival_days(days[0].date(), days[-1].date())
    phase = pd.Series("normal", index=days, dtype=object)
    labels = fest["festival"] + ":" + fest["phase"]
    phase.loc[pd.DatetimeIndex(fest["ds"])] = labels.to_numpy()
    return phase.to_numpy()


def persona_day_weights(days: pd.DatetimeIndex, phases: np.ndarray, weekend_factor: float,
                        festival_factor: float) -> np.ndarray:
    """Relative order intensity per day for one persona."""
    volume = np.array([PHASE_VOLUME[p] for p in phases])
    festive = np.maximum(1.0 + (volume - 1.0) * festival_factor, 0.2)
    weekend = np.where(days.day_of_week >= 5, weekend_factor, 1.0)
    return festive * weekend


def category_multipliers(phase: str) -> np.ndarray:
    mult = PHASE_CATEGORY.get(phase, {})
    return np.array([mult.get(c, 1.0) for c in CATEGORIES])


def sample_days_in_windows(rng: np.random.Generator, weights: np.ndarray, lo: np.ndarray,
                           hi: np.ndarray) -> np.ndarray:
    """A day index in [lo, hi] per element, drawn with the given day weights (CDF inversion)."""
    cdf = np.concatenate([[0.0], np.cumsum(weights)])
    cdf /= cdf[-1]
    low, high = cdf[lo], cdf[hi + 1]
    target = low + rng.random(len(lo)) * (high - low)
    idx = np.searchsorted(cdf, target, side="right") - 1
    return np.clip(idx, lo, hi)
