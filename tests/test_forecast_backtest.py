"""Backtest metrics and rolling origins on tiny hand-made series, worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cockpit.forecast import backtest
from cockpit.forecast.model import seasonal_naive


def test_metrics_on_four_points():
    actual = np.array([10.0, 20.0, 0.0, 40.0])
    predicted = np.array([12.0, 15.0, 5.0, 40.0])
    # MAPE skips the zero: (2/10 + 5/20 + 0/40) / 3
    assert backtest.mape(actual, predicted) == pytest.approx(0.15)
    # WAPE: (2 + 5 + 5 + 0) / 70
    assert backtest.wape(actual, predicted) == pytest.approx(12 / 70)
    # MASE: MAE 3 over the naive (lag 1) MAE of the training data |3-1|,|2-3|,|6-2| = 7/3
    train = np.array([1.0, 3.0, 2.0, 6.0])
    assert backtest.mase(actual, predicted, train, season=1) == pytest.approx(9 / 7)
    # lag 2: |2-1|, |6-3| -> scale 2, MASE 1.5
    assert backtest.mase(actual, predicted, train, season=2) == pytest.approx(1.5)


def test_metrics_undefined_without_demand():
    zeros = np.zeros(3)
    assert np.isnan(backtest.mape(zeros, np.ones(3)))
    assert np.isnan(backtest.wape(zeros, np.ones(3)))


def test_rolling_origin_folds_and_pooled_metrics():
    y = [1.0, 2, 3, 4, 5, 6, 8, 10]
    history = pd.DataFrame({"ds": pd.date_range("2026-01-01", periods=8), "y": y})
    assert backtest.origins(8, 2, 3, 3) == [4, 6]  # the 2-day training fold is dropped

    def last_value(train: pd.DataFrame, h: int) -> np.ndarray:
        return np.repeat(train["y"].iloc[-1], h)

    metrics = backtest.rolling_origin(history, {"last": last_value}, horizon=2, folds=3,
                                      min_train=3, season=1).set_index("model")
    # fold 1: train 1..4, forecast 4,4 for 5,6 -> errors 1,2; fold 2: train to 6,
    # forecast 6,6 for 8,10 -> errors 2,4
    assert metrics.at["last", "wape"] == pytest.approx((1 + 2 + 2 + 4) / (5 + 6 + 8 + 10))
    assert metrics.at["last", "mape"] == pytest.approx((1 / 5 + 2 / 6 + 2 / 8 + 4 / 10) / 4)
    # in-sample naive MAE is 1 in fold 1 and 1 in fold 2 (diffs 1,1,1,1,1)
    assert metrics.at["last", "mase"] == pytest.approx(((1 + 2) / 2 + (2 + 4) / 2) / 2)


def test_rolling_origin_too_short_is_empty():
    history = pd.DataFrame({"ds": pd.date_range("2026-01-01", periods=5), "y": 1.0})
    out = backtest.rolling_origin(history, {"x": lambda t, h: np.ones(h)}, 3, 2, 10, 1)
    assert out.empty and list(out.columns) == backtest.METRIC_COLUMNS


def test_seasonal_naive_repeats_the_last_season():
    y = np.array([5, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7], float)
    out = seasonal_naive(y, 9, 7)
    assert out["yhat"].tolist() == [1, 2, 3, 4, 5, 6, 7, 1, 2]
    assert (out["yhat_lower"] <= out["yhat"]).all() and (out["yhat"] <= out["yhat_upper"]).all()


def test_backtest_folds_are_sized_to_the_frequency():
    from cockpit.forecast.frequency import BACKTEST, MIN_TRAIN, fold_min_train

    # eight years of months: six yearly folds, each trained on at least two years
    fold, folds = BACKTEST["M"]
    assert fold_min_train("M", 96, 12) == 24
    assert backtest.origins(96, fold, folds, fold_min_train("M", 96, 12)) == [24, 36, 48, 60,
                                                                             72, 84]
    # a short history keeps MIN_TRAIN (a year), or too few folds would remain
    assert fold_min_train("M", 40, 12) == MIN_TRAIN["M"]
    assert backtest.origins(40, fold, folds, MIN_TRAIN["M"]) == [16, 28]
    # daily data: three four-week folds (the page's costliest fits)
    assert fold_min_train("D", 365, 7) == MIN_TRAIN["D"]
    assert backtest.origins(365, *BACKTEST["D"], MIN_TRAIN["D"]) == [281, 309, 337]
    # quarterly: six folds of a year
    assert backtest.origins(60, *BACKTEST["Q"], fold_min_train("Q", 60, 4)) == [36, 40, 44, 48,
                                                                              52, 56]
