"""statsforecast's AutoETS, AutoTheta and AutoARIMA as candidate models: arrays in, point
forecasts and 80% bounds out (seasonal naive lives with the Prophet code in `model`)."""

from __future__ import annotations

import logging
import warnings

import numpy as np

from cockpit.forecast.compiled import enable_compile_cache

enable_compile_cache()

from statsforecast.models import AutoARIMA, AutoETS, AutoTheta  # noqa: E402  (after the cache)

log = logging.getLogger(__name__)

AUTO_ETS = "auto_ets"
AUTO_THETA = "auto_theta"
AUTO_ARIMA = "auto_arima"
CLASSICAL = (AUTO_ETS, AUTO_THETA, AUTO_ARIMA)
# seasonal ARIMA at lag 52 takes minutes per weekly fit: ARIMA sees weekly data without a
# season (ETS and Theta keep it)
ARIMA_MAX_SEASON = 24
# R's auto.arima default (Hyndman & Khandakar 2008): search orders by the conditional-sum-of-
# squares approximation on long or high-frequency series, then fit the chosen one exactly;
# on a year of daily data this cuts a fit from 2.3 to 0.14 CPU-s
APPROXIMATE_AFTER, APPROXIMATE_SEASON = 150, 12
_MODELS = {AUTO_ETS: AutoETS, AUTO_THETA: AutoTheta, AUTO_ARIMA: AutoARIMA}


def _season_for(name: str, season: int) -> int:
    return 1 if name == AUTO_ARIMA and season > ARIMA_MAX_SEASON else season


def _model(name: str, n: int, season: int):
    season = _season_for(name, season)
    if name == AUTO_ARIMA:
        return AutoARIMA(season_length=season,
                         approximation=n > APPROXIMATE_AFTER or season > APPROXIMATE_SEASON)
    return _MODELS[name](season_length=season)


def classical_forecast(name: str, y: np.ndarray, horizon: int, season: int) -> np.ndarray:
    """Fit `name` (auto_ets, auto_theta or auto_arima) on `y` and return its point forecast
    of the `horizon` periods after it (intervals come from the backtest, `intervals`). A fit
    that fails falls back to the last value (logged), so one odd series cannot sink a
    backtest."""
    y = np.asarray(y, float)
    model = _model(name, len(y), season)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mean = np.asarray(model.fit(y).predict(h=horizon)["mean"], float)
        if not np.isfinite(mean).all():
            raise ValueError("non-finite forecast")
    except Exception as exc:  # statsforecast raises many kinds on degenerate series
        log.warning("%s failed (%s: %s); using the last value", name, type(exc).__name__, exc)
        return np.repeat(y[-1], horizon)
    return mean
