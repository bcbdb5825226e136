"""Rolling-origin backtests and the accuracy metrics MAPE, WAPE and MASE.

Each fold trains on the history up to an origin and forecasts the next `horizon` periods;
origins step back from the end of the history, `step` periods apart (the horizon unless
given: folds that do not overlap). MAPE and WAPE pool every fold's points; MASE is the mean
of the folds' MASE.
Definitions (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.8):
MAPE = mean |e| / y over points with y > 0; WAPE = Σ|e| / Σy; MASE = mean |e| divided by the
in-sample mean absolute seasonal-naive error of the training data (lag = the season).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


def origins(n: int, horizon: int, folds: int, min_train: int, step: int | None = None
            ) -> list[int]:
    """Training lengths of the folds, `step` (default `horizon`) apart, the last fold ending
    at the end of the history; folds whose training would be shorter than `min_train` are
    dropped."""
    step = horizon if step is None else step
    cuts = [n - horizon - step * (k - 1) for k in range(folds, 0, -1)]
    return [c for c in cuts if c >= min_train]


@dataclass
class Folds:
    """Every model's forecasts on the same rolling origins: per fold the training length
    (`cuts`), the actual values, the in-sample seasonal-naive scale of its training data, and
    per model the forecast (`predicted[model][fold]`)."""

    cuts: list[int]
    actual: list[np.ndarray]
    scales: list[float]
    predicted: dict[str, list[np.ndarray]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.cuts


def run_folds(history: pd.DataFrame, models: dict[str, FitPredict], horizon: int,
              folds: int, min_train: int, season: int, step: int | None = None) -> Folds:
    """Fit every model on each fold's training data and forecast its `horizon` periods
    (origins `step` apart, `horizon` unless given)."""
    cuts = origins(len(history), horizon, folds, min_train, step)
    y = history["y"].to_numpy(float)
    out = Folds(cuts, [y[c:c + horizon] for c in cuts], [naive_scale(y[:c], season)
                                                          for c in cuts])
    for name, fit_predict in models.items():
        out.predicted[name] = [np.asarray(fit_predict(history.iloc[:c], len(a)), float)
                               for c, a in zip(cuts, out.actual, strict=True)]
    return out


def score(folds: Folds, predicted: list[np.ndarray]) -> tuple[float, float, float]:
    """(MAPE, WAPE, MASE) of one forecast per fold: MAPE and WAPE pooled over every fold's
    points, MASE the mean of the folds' MASE (each scaled by its own training data)."""
    a, p = np.concatenate(folds.actual), np.concatenate(predicted)
    scaled = [float(np.abs(act - pred).mean() / s) if s > 0 else float("nan")
              for act, pred, s in zip(folds.actual, predicted, folds.scales, strict=True)]
    finite = [v for v in scaled if np.isfinite(v)]
    return mape(a, p), wape(a, p), float(np.mean(finite)) if finite else float("nan")


def metrics_table(folds: Folds) -> pd.DataFrame:
    """One row per model of `folds`: model, mape, wape, mase."""
    rows = [(name, *score(folds, pred)) for name, pred in folds.predicted.items()]
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


def rolling_origin(history: pd.DataFrame, models: dict[str, FitPredict], horizon: int,
                   folds: int, min_train: int, season: int) -> pd.DataFrame:
    """Backtest every model on the same folds: one row per model (model, mape, wape, mase),
    empty when the history is too short for one fold."""
    found = run_folds(history, models, horizon, folds, min_train, season)
    if found.empty:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    return metrics_table(found)
