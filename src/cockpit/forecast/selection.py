"""Which forecast a series gets: every candidate model backtested on the same rolling origins
(sized to the frequency), the best single model or combination by MASE (`combine`), its
forecast from final fits on the whole history, and an 80% interval from its backtest errors.

Candidates: Prophet with the China calendar (multiplicative and additive seasonality; additive
only for sparse series), statsforecast's AutoETS, AutoTheta and AutoARIMA, and seasonal naive.
Prophet is always fitted on the whole history too: its festival components feed the page's
festival effects and what-if, whichever forecast is chosen.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from cockpit.forecast import backtest, combine
from cockpit.forecast.checks import outlier_message, recent_outliers
from cockpit.forecast.classical import CLASSICAL, classical_forecast
from cockpit.forecast.frequency import (
    BACKTEST,
    CLASSICAL_WINDOW,
    fold_length,
    fold_min_train,
    fold_step,
    season_of,
)
from cockpit.forecast.intervals import calibrated_interval, recent_scale, scaled_errors
from cockpit.forecast.model import (
    BASELINE,
    FORECAST_COLUMNS,
    PROPHET,
    UNCERTAINTY_SAMPLES,
    ForecastResult,
    active_regressors,
    choose_mode,
    components_in_units,
    holiday_effects,
    prophet_fit_predict,
    seasonal_naive,
)

log = logging.getLogger(__name__)

PROPHET_MODES = {"prophet_multiplicative": "multiplicative", "prophet_additive": "additive"}
MODE_NAMES = {mode: name for name, mode in PROPHET_MODES.items()}


def prophet_modes(y: pd.Series, mode: str | None, freq: str) -> tuple[str, ...]:
    """The Prophet seasonality modes to try: `mode` when given; on daily data the one
    `choose_mode` picks (a daily Prophet fit is the costliest candidate, and the page fits
    it four times); additive alone for sparse counts (multiplicative seasonality on
    mostly-zero demand is unstable); else both."""
    if mode is not None:
        return (mode,)
    if freq == "D" or choose_mode(y) == "additive":
        return (choose_mode(y),)
    return ("multiplicative", "additive")


def prophet_share(label: str, metrics: pd.DataFrame | None = None) -> float:
    """The weight of Prophet in a forecast's label (1 for Prophet alone, 0 without it)."""
    kind, members = combine.parse_label(label)
    weights = combine.weights_for(kind, _member_mase(members, metrics))
    return float(sum(w for m, w in zip(members, weights, strict=True)
                     if m.startswith(PROPHET)))


def _member_mase(members: tuple[str, ...], metrics: pd.DataFrame | None) -> list[float]:
    if metrics is None or metrics.empty:
        return [1.0] * len(members)
    mase = metrics.set_index("model")["mase"]
    return [float(mase.get(m, 1.0)) for m in members]


def choice_of(label: str, metrics: pd.DataFrame) -> combine.Choice:
    """The Choice a label names, with weights and MASE from the backtest `metrics` (a stored
    run keeps only the label and the table)."""
    kind, members = combine.parse_label(label)
    mase = metrics.set_index("model")["mase"] if not metrics.empty else pd.Series(dtype=float)
    return combine.Choice(label, kind, members,
                          combine.weights_for(kind, _member_mase(members, metrics)),
                          float(mase.get(label, np.nan)))


def _fit_predict(name: str, freq: str, season: int, regressors: tuple[str, ...],
                 alias: str | None = None) -> backtest.FitPredict:
    """A candidate as (training frame, steps) → non-negative point forecast."""
    if name in PROPHET_MODES:
        def run(train: pd.DataFrame, h: int) -> np.ndarray:
            pred = prophet_fit_predict(train, h, freq, PROPHET_MODES[name], regressors,
                                       alias=alias, past=False)
            return pred["yhat"].to_numpy(float)
    elif name == BASELINE:
        def run(train: pd.DataFrame, h: int) -> np.ndarray:
            return seasonal_naive(train["y"].to_numpy(), h, season)["yhat"].to_numpy(float)
    else:
        window = CLASSICAL_WINDOW.get(freq)

        def run(train: pd.DataFrame, h: int) -> np.ndarray:
            y = train["y"].to_numpy(float)
            return classical_forecast(name, y[-window:] if window else y, h, season)
    return lambda train, h: np.maximum(run(train, h), 0.0)


def candidates(freq: str, season: int, modes: tuple[str, ...], regressors: tuple[str, ...],
               alias: str | None = None) -> dict[str, backtest.FitPredict]:
    """Every candidate model of a series, by name."""
    names = [MODE_NAMES[m] for m in modes] + list(CLASSICAL) + [BASELINE]
    return {name: _fit_predict(name, freq, season, regressors, alias) for name in names}


def _prophet_only(history: pd.DataFrame, horizon: int, freq: str, mode: str,
                  regressors: tuple[str, ...], alias: str | None) -> ForecastResult:
    """Too short to backtest: Prophet alone, with its own (seeded) interval."""
    pred = prophet_fit_predict(history, horizon, freq, mode, regressors,
                               samples=UNCERTAINTY_SAMPLES, alias=alias)
    last = history["ds"].iloc[-1]
    forecast = pred[pred["ds"] > last][FORECAST_COLUMNS].reset_index(drop=True)
    components = components_in_units(pred, mode)
    return ForecastResult(forecast=forecast, model=PROPHET,
                          metrics=pd.DataFrame(columns=backtest.METRIC_COLUMNS), freq=freq,
                          mode=mode, components=components,
                          effects=holiday_effects(components, last), regressors=regressors,
                          history_end=last)


def forecast_with_selection(history: pd.DataFrame, horizon: int, freq: str = "D",
                            mode: str | None = None, alias: str | None = None
                            ) -> ForecastResult:
    """Backtest every candidate, choose the single model or combination with the lowest
    MASE, forecast `horizon` periods with it and give it an interval from its backtest."""
    history = history.sort_values("ds", ignore_index=True)
    history["ds"] = pd.to_datetime(history["ds"])
    y = history["y"].to_numpy(float)
    season = season_of(freq, len(history))
    modes, regressors = prophet_modes(history["y"], mode, freq), active_regressors(history)
    notes = _warnings(history, freq, season)
    fold_h, folds = fold_length(freq, horizon, len(history), season), BACKTEST[freq][1]
    models = candidates(freq, season, modes, regressors, alias)
    found = backtest.run_folds(history, models, fold_h, folds,
                               fold_min_train(freq, len(history), season, fold_h), season,
                               fold_step(freq, fold_h))
    metrics = backtest.metrics_table(found) if not found.empty else None
    if metrics is None or not combine.ranked(metrics):
        result = _prophet_only(history, horizon, freq, mode or choose_mode(history["y"]),
                               regressors, alias)
        if metrics is not None:
            result.metrics = metrics
        result.warnings = notes
        return result
    choice, per_fold, table = combine.choose(found, metrics)
    mase = metrics.set_index("model")["mase"]
    best_mode = min(modes, key=lambda m: (np.nan_to_num(mase[MODE_NAMES[m]], nan=np.inf)))
    pred = prophet_fit_predict(history, horizon, freq, best_mode, regressors, alias=alias)
    last = history["ds"].iloc[-1]
    future = pred[pred["ds"] > last].reset_index(drop=True)
    finals = [_final(m, history, horizon, future, best_mode, models) for m in choice.members]
    yhat = np.maximum(combine.combine(finals, choice.kind, choice.weights), 0.0)
    fold_len = len(found.actual[0])
    scales = [recent_scale(y[:cut], season, fold_len) for cut in found.cuts]
    errors = scaled_errors(found.actual, per_fold, scales)
    scale = recent_scale(y, season, fold_len)
    if errors.size and scale > 0:
        lower, upper = calibrated_interval(yhat, errors, scale)
    else:
        lower = upper = yhat
    forecast = pd.DataFrame({"ds": future["ds"], "yhat": yhat, "yhat_lower": lower,
                             "yhat_upper": upper})
    components = components_in_units(pred, best_mode)
    return ForecastResult(forecast=forecast, model=choice.label, metrics=table, freq=freq,
                          mode=best_mode, components=components,
                          effects=holiday_effects(components, last), regressors=regressors,
                          history_end=last, choice=choice, warnings=notes)


def _final(name: str, history: pd.DataFrame, horizon: int, future: pd.DataFrame,
           fitted_mode: str, models: dict[str, backtest.FitPredict]) -> np.ndarray:
    """A member's forecast from the whole history (the Prophet fit already made is reused)."""
    if PROPHET_MODES.get(name) == fitted_mode:
        return np.maximum(future["yhat"].to_numpy(float), 0.0)
    return models[name](history, horizon)


def _warnings(history: pd.DataFrame, freq: str, season: int) -> tuple[str, ...]:
    found = recent_outliers(history, freq, season)
    if found.empty:
        return ()
    message = outlier_message(found)
    log.warning("%s", message)
    return (message,)
