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


def test_origins_may_be_closer_than_the_folds_are_long():
    # folds of 4 whose origins are 2 apart, the last ending at the end of the history
    assert backtest.origins(20, 4, 3, 8, step=2) == [12, 14, 16]
    assert backtest.origins(20, 4, 3, 8) == backtest.origins(20, 4, 3, 8, step=4) == [8, 12, 16]
    history = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.)})
    found = backtest.run_folds(history, {"x": lambda t, h: np.zeros(h)}, 4, 3, 8, 1, step=2)
    assert found.cuts == [12, 14, 16]
    assert [a.tolist() for a in found.actual] == [[12, 13, 14, 15], [14, 15, 16, 17],
                                                  [16, 17, 18, 19]]


def test_folds_are_as_long_as_the_horizon_when_the_history_allows():
    from cockpit.forecast.frequency import BACKTEST, fold_length, fold_min_train, fold_step

    # two years of quarters ahead from 60 quarters: six folds of eight, their origins a year
    # apart as BACKTEST's folds of four are, so the earliest still trains on 32 quarters
    assert fold_length("Q", 8, 60, 4) == 8 and fold_step("Q", 8) == 4
    assert backtest.origins(60, 8, BACKTEST["Q"][1], fold_min_train("Q", 60, 4, 8),
                            fold_step("Q", 8)) == [32, 36, 40, 44, 48, 52]
    # a horizon no longer than the frequency's fold is backtested on itself, side by side
    assert fold_length("Q", 3, 60, 4) == 3 and fold_length("M", 12, 200, 12) == 12
    assert fold_step("Q", 3) == 3 and fold_step("M", 12) == 12
    # ... and keeps the minimum training of BACKTEST's folds, so it loses none of them
    assert fold_min_train("W", 105, 52, 2) == fold_min_train("W", 105, 52) == 105 - 3 * 13
    assert len(backtest.origins(105, 2, 6, fold_min_train("W", 105, 52, 2))) == 6
    # two years of months ahead: folds of 24 from ten years, of 18 from 8.5 (the longest
    # that keeps six folds, a year apart, trained on two years each), of 12 from six
    assert fold_length("M", 24, 120, 12) == 24
    assert fold_length("M", 24, 102, 12) == 18
    assert fold_length("M", 24, 72, 12) == BACKTEST["M"][0] == 12
    # daily data keeps its four-week folds whatever the horizon (the page's fits)
    assert fold_length("D", 90, 1000, 7) == BACKTEST["D"][0] == 28 == fold_step("D", 28)
    assert fold_length("D", 14, 1000, 7) == 14 == fold_step("D", 14)


@pytest.mark.parametrize("freq", ["W", "M", "Q"])
def test_longer_folds_never_cost_a_fold(freq):
    """Whenever the folds grow past the frequency's length, every one of BACKTEST's folds
    still trains on at least fold_min_train periods, and the last ends with the history."""
    from cockpit.forecast.frequency import (
        BACKTEST,
        SEASONS,
        fold_length,
        fold_min_train,
        fold_step,
    )

    base, folds = BACKTEST[freq]
    grown = 0
    for n in range(20, 400, 7):
        season = SEASONS[freq] if n >= 2 * SEASONS[freq] else 1
        for horizon in (base + 1, 2 * base, 3 * base):
            fold = fold_length(freq, horizon, n, season)
            assert base <= fold <= horizon
            if fold > base:
                grown += 1
                cuts = backtest.origins(n, fold, folds, fold_min_train(freq, n, season, fold),
                                        fold_step(freq, fold))
                assert len(cuts) == folds and cuts[-1] + fold == n
    assert grown > 0
