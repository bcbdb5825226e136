"""The page's entry: one series' history, forecast (stored or fitted), and what-if inputs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.forecast.model import (
    PROPHET,
    ForecastResult,
    components_in_units,
    forecast_with_selection,
    holiday_effects,
    prophet_fit_predict,
)
from cockpit.forecast.series import series_history
from cockpit.forecast.store import read_forecast
from cockpit.forecast.whatif import (
    Elasticity,
    Scenario,
    apply_scenario,
    estimate_elasticity,
    festival_contribution,
)

log = logging.getLogger(__name__)

RECENT_DAYS = 28
MIN_DAYS = 60


@dataclass
class SeriesForecast:
    """Everything the page shows for one series: daily history (ds, y, gmv_cny, price,
    promo_depth), the forecast result, whether it came from a stored batch run, the price
    elasticity, and the recent paid price per unit (CNY) and promotion depth (fraction)."""

    history: pd.DataFrame
    result: ForecastResult | None
    stored: bool
    elasticity: Elasticity
    unit_price: float
    promo_depth: float


def _stored(conn: sa.Connection, level: str, series_key: str, horizon: int,
            end: date) -> ForecastResult | None:
    """The batch forecast of this series when one starts the day after `end`."""
    found = read_forecast(conn, level, series_key, horizon, end)
    if found is None or found.forecast.empty:
        return None
    first = pd.Timestamp(found.forecast["ds"].iloc[0])
    return found if first == pd.Timestamp(end) + pd.Timedelta(days=1) else None


def _with_components(stored: ForecastResult, history: pd.DataFrame, horizon: int
                     ) -> ForecastResult:
    """A stored forecast plus festival components from one Prophet fit (no backtest)."""
    fitted = forecast_components(history, horizon)
    return replace(stored, mode=fitted.mode, components=fitted.components,
                   effects=fitted.effects, regressors=fitted.regressors,
                   history_end=history["ds"].iloc[-1])


def forecast_components(history: pd.DataFrame, horizon: int) -> ForecastResult:
    """Prophet's components and holiday effects for a daily history, without backtest."""
    from cockpit.forecast.model import active_regressors, choose_mode

    mode, regressors = choose_mode(history["y"]), active_regressors(history)
    pred = prophet_fit_predict(history, horizon, "D", mode, regressors)
    components = components_in_units(pred, mode)
    last = history["ds"].iloc[-1]
    return ForecastResult(forecast=pd.DataFrame(), model=PROPHET, metrics=pd.DataFrame(),
                          mode=mode, components=components,
                          effects=holiday_effects(components, last), regressors=regressors,
                          history_end=last)


def recent_prices(history: pd.DataFrame) -> tuple[float, float]:
    """(paid price per unit in CNY, promotion depth) over the last sale days."""
    sold = history[history["y"] > 0].tail(RECENT_DAYS)
    if sold.empty:
        return 0.0, 0.0
    units = sold["y"].sum()
    depth = float((sold["promo_depth"] * sold["y"]).sum() / units)
    return float(sold["gmv_cny"].sum() / units), depth


def fit_series(conn: sa.Connection, level: str, series_key: str, end: date,
               horizon: int) -> SeriesForecast:
    """History to `end` and a `horizon`-day forecast of one series: the stored batch forecast
    when one exists for it, else a fit with backtest. `result` is None when the history is
    shorter than MIN_DAYS days."""
    history = series_history(conn, level, series_key, end)
    price, depth = recent_prices(history)
    if len(history) < MIN_DAYS:
        return SeriesForecast(history, None, False, Elasticity(None, None, 0, 0.0), price, depth)
    stored = _stored(conn, level, series_key, horizon, end)
    if stored is not None:
        result, from_store = _with_components(stored, history, horizon), True
    else:
        result, from_store = forecast_with_selection(history, horizon, "D"), False
    return SeriesForecast(history, result, from_store, estimate_elasticity(history), price,
                          depth)


def scenario_forecast(fitted: SeriesForecast, scenario: Scenario) -> pd.DataFrame:
    """One row per forecast day: the fitted forecast under the what-if `scenario` (promotion,
    price, festival intensity, horizon), recomputed without refitting."""
    result = fitted.result
    fest = (festival_contribution(result.components, result.forecast["ds"])
            if result.model == PROPHET else None)
    return apply_scenario(result.forecast, fest, scenario, fitted.elasticity.used,
                          fitted.promo_depth, fitted.unit_price)
