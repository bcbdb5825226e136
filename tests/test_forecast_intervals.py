"""The 80% interval calibrated on backtest errors: widths by hand, and coverage of held-out
points within 70-90% on a synthetic series whose noise is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cockpit.forecast import backtest
from cockpit.forecast.intervals import calibrated_interval, error_bands, scaled_errors
from cockpit.forecast.model import seasonal_naive


def test_bands_never_narrow_and_grow_past_the_folds():
    rng = np.random.default_rng(0)
    errors = rng.normal(0, 1, (3, 12)) * np.sqrt(np.arange(1, 13))
    lower, upper = error_bands(errors, 24)
    assert (np.diff(upper) >= 0).all() and (np.diff(lower) <= 0).all()
    assert (lower <= 0).all() and (upper >= 0).all()
    assert upper[23] == pytest.approx(np.sqrt(2) * upper[11])  # √(24 / 12) past step 12


def test_interval_is_floored_at_zero_and_holds_the_forecast():
    errors = np.array([[-5.0, -5.0], [5.0, 5.0], [-1.0, 1.0]])
    lo, hi = calibrated_interval(np.array([2.0, 20.0]), errors, scale=1.0)
    assert lo[0] == 0.0 and lo[1] < 20.0 < hi[1]
    assert scaled_errors([np.array([3.0])], [np.array([1.0])], [2.0]).tolist() == [[1.0]]


def test_coverage_on_a_known_noise_is_near_80_percent():
    """Daily demand with a weekly season and normal noise; at 40 origins the seasonal-naive
    forecast's band, calibrated on three backtest folds before each, covers 70-90% of the
    next 14 days."""
    rng = np.random.default_rng(42)
    n = 600
    y = 100 + 20 * np.sin(2 * np.pi * np.arange(n) / 7) + rng.normal(0, 8, n)
    history = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n), "y": y})

    def naive(train: pd.DataFrame, h: int) -> np.ndarray:
        return seasonal_naive(train["y"].to_numpy(), h, 7)["yhat"].to_numpy()

    inside = total = 0
    for cut in range(100, n - 14, 12):
        train = history.iloc[:cut]
        folds = backtest.run_folds(train, {"naive": naive}, 14, 3, 56, 7)
        errors = scaled_errors(folds.actual, folds.predicted["naive"], [1.0] * 3)
        yhat = naive(train, 14)
        lo, hi = calibrated_interval(yhat, errors, 1.0, floor=None)
        actual = y[cut:cut + 14]
        inside += int(((actual >= lo) & (actual <= hi)).sum())
        total += 14
    assert 0.70 <= inside / total <= 0.90
