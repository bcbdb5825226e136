"""Script what-if: minutes of each segment type → projected GMV and WeCom adds per session.

Assumption (shown on the page): every minute of a segment type earns what that type earned per
minute on air in the period's sessions, for a room of the period's average size; segments do
not change each other's effect (no warm-up or fatigue carried across segments). The interval
is the 90% range over the cluster-bootstrap draws of the per-minute rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cockpit.live.effectiveness import CI, Rates

OUTCOMES = {"gmv_cny": "gmv_per_minute", "wecom_adds": "wecom_per_minute"}


@dataclass(frozen=True)
class Projection:
    """Projected value and interval of one outcome for a script, and for the baseline."""

    outcome: str
    value: float
    low: float
    high: float
    baseline: float

    @property
    def change(self) -> float:
        """Relative change against the baseline script; nan without a baseline."""
        return self.value / self.baseline - 1 if self.baseline else float("nan")


def _total(rate: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """Σ minutes × rate along the last axis; a segment with no rate contributes 0."""
    return np.nan_to_num(rate, nan=0.0) @ minutes


def project(r: Rates, minutes: Sequence[float], ci: float = CI) -> dict[str, Projection]:
    """Projected GMV (CNY) and WeCom adds of one session with `minutes` per segment type
    (LIVE_SEGMENTS order), against the period's average script (`r.base_minutes`)."""
    mins = np.asarray(minutes, dtype=float)
    if mins.shape != r.base_minutes.shape or (mins < 0).any():
        raise ValueError(f"minutes must be {len(r.base_minutes)} non-negative numbers")
    out = {}
    for outcome, measure in OUTCOMES.items():
        draws = _total(r.draws[measure], mins) if len(r.draws[measure]) else np.array([np.nan])
        lo, hi = np.nanquantile(draws, [(1 - ci) / 2, 1 - (1 - ci) / 2])
        out[outcome] = Projection(outcome, float(_total(r.point[measure], mins)), float(lo),
                                  float(hi), float(_total(r.point[measure], r.base_minutes)))
    return out
