"""The page's entry: one series' history, forecast (stored or fitted), and what-if inputs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.forecast.frequency import max_horizon
from cockpit.forecast.model import (
    PROPHET,
    ForecastResult,
    components_in_units,
    holiday_effects,
    prophet_fit_predict,
)
from cockpit.forecast.selection import (
    PROPHET_MODES,
    choice_of,
    forecast_with_selection,
    prophet_share,
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
    """A stored forecast plus festival components from one Prophet fit (no backtest), in the
    seasonality mode of the stored forecast's Prophet member when it has one."""
    choice = choice_of(stored.model, stored.metrics)
    modes = [PROPHET_MODES[m] for m in choice.members if m in PROPHET_MODES]
    fitted = forecast_components(history, horizon, modes[0] if modes else None)
    return replace(stored, mode=fitted.mode, components=fitted.components,
                   effects=fitted.effects, regressors=fitted.regressors,
                   history_end=history["ds"].iloc[-1], choice=choice)


def forecast_components(history: pd.DataFrame, horizon: int,
                        mode: str | None = None) -> ForecastResult:
    """Prophet's components and holiday effects for a daily history, without backtest."""
    from cockpit.forecast.model import active_regressors, choose_mode

    mode, regressors = mode or choose_mode(history["y"]), active_regressors(history)
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
               horizon: int, scope: Scope = EVERYTHING) -> SeriesForecast:
    """History to `end` (the orders in `scope` only) and a `horizon`-day forecast of one
    series: the stored batch forecast when one exists for it and the user is unscoped (batch
    runs fit every order), else a fit with backtest. `result` is None when the history is
    shorter than MIN_DAYS days; the horizon is cut to `frequency.max_horizon` (no more days
    than the history has)."""
    history = series_history(conn, level, series_key, end, scope)
    price, depth = recent_prices(history)
    if len(history) < MIN_DAYS:
        return SeriesForecast(history, None, False, Elasticity(None, None, 0, 0.0), price, depth)
    horizon = min(horizon, max_horizon("D", len(history)))
    stored = _stored(conn, level, series_key, horizon, end) if scope.unscoped else None
    if stored is not None:
        result, from_store = _with_components(stored, history, horizon), True
    else:
        result, from_store = forecast_with_selection(history, horizon, "D"), False
    return SeriesForecast(history, result, from_store, estimate_elasticity(history), price,
                          depth)


def scenario_forecast(fitted: SeriesForecast, scenario: Scenario) -> pd.DataFrame:
    """One row per forecast day: the fitted forecast under the what-if `scenario` (promotion,
    price, festival intensity, horizon), recomputed without refitting. The festival
    intensity scales the festival units Prophet contributes: all of them when the forecast is
    Prophet's, its weight's share in a combination, none when Prophet is not in it."""
    result = fitted.result
    share = prophet_share(result.model, result.metrics)
    fest = festival_contribution(result.components, result.forecast["ds"])
    fest = fest * share if fest is not None and share > 0 else None
    return apply_scenario(result.forecast, fest, scenario, fitted.elasticity.used,
                          fitted.promo_depth, fitted.unit_price)
