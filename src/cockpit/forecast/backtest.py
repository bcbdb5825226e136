"""Rolling-origin backtests and the accuracy metrics MAPE, WAPE and MASE.

Each fold trains on the history up to an origin and forecasts the next `horizon` periods;
origins step back from the end of the history. MAPE and WAPE pool every fold's points; MASE
is the mean of the folds' MASE.
Definitions (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.8):
MAPE = mean |e| / y over points with y > 0; WAPE = Σ|e| / Σy; MASE = mean |e| divided by the
in-sample mean absolute seasonal-naive error of the training data (lag = the season).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

FitPredict = Callable[[pd.DataFrame, int], np.ndarray]
METRIC_COLUMNS = ["model", "mape", "wape", "mase"]


def mape(actual: np.ndarray, predicted: np.ndarray) -> float:
    """Mean absolute percentage error as a fraction, over points with actual > 0."""
    actual, predicted = np.asarray(actual, float), np.asarray(predicted, float)
    keep = actual > 0
    return float(np.mean(np.abs(actual[keep] - predicted[keep]) / actual[keep])) \
        if keep.any() else float("nan")


def wape(actual: np.ndarray, predicted: np.ndarray) -> float:
    """Weighted absolute percentage error: Σ|actual − predicted| / Σ actual, as a fraction."""
    actual, predicted = np.asarray(actual, float), np.asarray(predicted, float)
    total = actual.sum()
    return float(np.abs(actual - predicted).sum() / total) if total > 0 else float("nan")


def naive_scale(train: np.ndarray, season: int) -> float:
    """In-sample mean absolute error of the seasonal-naive forecast (lag `season`)."""
    train = np.asarray(train, float)
    lag = season if len(train) > season else 1
    diffs = np.abs(train[lag:] - train[:-lag])
    return float(diffs.mean()) if len(diffs) else float("nan")


def mase(actual: np.ndarray, predicted: np.ndarray, train: np.ndarray, season: int) -> float:
    """Mean absolute scaled error: MAE over the in-sample seasonal-naive MAE of `train`."""
    scale = naive_scale(train, season)
    err = np.abs(np.asarray(actual, float) - np.asarray(predicted, float)).mean()
    return float(err / scale) if scale > 0 else float("nan")


def origins(n: int, horizon: int, folds: int, min_train: int) -> list[int]:
    """Training lengths of the folds, last fold ending at the end of the history; folds whose
    training would be shorter than `min_train` are dropped."""
    cuts = [n - horizon * k for k in range(folds, 0, -1)]
    return [c for c in cuts if c >= min_train]


def rolling_origin(history: pd.DataFrame, models: dict[str, FitPredict], horizon: int,
                   folds: int, min_train: int, season: int) -> pd.DataFrame:
    """Backtest every model on the same folds: one row per model (model, mape, wape, mase),
    empty when the history is too short for one fold."""
    cuts = origins(len(history), horizon, folds, min_train)
    if not cuts:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    rows = []
    for name, fit_predict in models.items():
        actual, predicted, scaled = [], [], []
        for cut in cuts:
            train, test = history.iloc[:cut], history.iloc[cut:cut + horizon]
            guess = np.asarray(fit_predict(train, len(test)), float)
            actual.append(test["y"].to_numpy(float))
            predicted.append(guess)
            scaled.append(mase(actual[-1], guess, train["y"].to_numpy(float), season))
        a, p = np.concatenate(actual), np.concatenate(predicted)
        finite = [v for v in scaled if np.isfinite(v)]
        rows.append((name, mape(a, p), wape(a, p),
                     float(np.mean(finite)) if finite else float("nan")))
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)
