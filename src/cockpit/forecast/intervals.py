"""The 80% interval from the backtest's own errors (split-conformal style), not from a model's
assumptions: how far the chosen forecast missed, step by step ahead, on the rolling origins.

Errors are scaled by the seasonal-naive error of the last seasons before each origin (the
MASE scale, but recent: a growing series' errors grow with its level), so folds pool; at step
j the band takes the 10% and 90% quantiles of the scaled errors at steps near j (a window of
a quarter of the fold), widened for the small sample, never narrowing with the steps ahead,
and growing with √(j / fold length) past the folds.
"""

from __future__ import annotations

import numpy as np

LOWER, UPPER = 0.1, 0.9
RECENT_SEASONS = 3


def recent_scale(y: np.ndarray, season: int, fold: int) -> float:
    """Mean |y_t − y_(t−season)| over the last RECENT_SEASONS seasons (at least two folds'
    length) of `y`: the error scale of the interval."""
    y = np.asarray(y, float)
    lag = season if len(y) > season else 1
    window = max(RECENT_SEASONS * lag, 2 * fold)
    tail = y[-(window + lag):]
    diffs = np.abs(tail[lag:] - tail[:-lag])
    return float(diffs.mean()) if len(diffs) else float("nan")


def scaled_errors(actual: list[np.ndarray], predicted: list[np.ndarray],
                  scales: list[float]) -> np.ndarray:
    """(folds × steps) of (actual − forecast) / scale; folds with no scale are dropped."""
    rows = [(a - p) / s for a, p, s in zip(actual, predicted, scales, strict=True)
            if s > 0 and np.isfinite(s)]
    steps = min((len(r) for r in rows), default=0)
    return np.vstack([r[:steps] for r in rows]) if rows and steps else np.empty((0, 0))


def _quantiles(errors: np.ndarray) -> tuple[float, float]:
    """10% and 90% quantiles, pushed outwards as a conformal set of n points needs (the
    ⌈(n+1)·0.9⌉-th of n values rather than the 0.9·n-th)."""
    n = len(errors)
    hi = min(1.0, np.ceil((n + 1) * UPPER) / n)
    lo = max(0.0, np.floor((n + 1) * LOWER) / n - 1.0 / n)
    return float(np.quantile(errors, lo)), float(np.quantile(errors, hi))


def error_bands(errors: np.ndarray, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Scaled lower and upper offsets for steps 1..horizon (lower ≤ 0 ≤ upper)."""
    folds, steps = errors.shape
    window = max(1, steps // 4)
    lower, upper = np.zeros(steps), np.zeros(steps)
    for j in range(steps):
        near = errors[:, max(0, j - window):j + window + 1].ravel()
        lower[j], upper[j] = _quantiles(near)
    lower = np.minimum.accumulate(np.minimum(lower, 0.0))
    upper = np.maximum.accumulate(np.maximum(upper, 0.0))
    if horizon <= steps:
        return lower[:horizon], upper[:horizon]
    grow = np.sqrt(np.arange(steps + 1, horizon + 1) / steps)
    return (np.concatenate([lower, lower[-1] * grow]),
            np.concatenate([upper, upper[-1] * grow]))


def calibrated_interval(yhat: np.ndarray, errors: np.ndarray, scale: float,
                        floor: float | None = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(yhat_lower, yhat_upper) around `yhat` from the backtest's scaled `errors` and the
    final history's `scale`; bounded below by `floor` (demand is never negative)."""
    lower, upper = error_bands(errors, len(yhat))
    lo, hi = yhat + lower * scale, yhat + upper * scale
    if floor is not None:
        lo = np.maximum(lo, floor)
    return np.minimum(lo, yhat), np.maximum(hi, yhat)
