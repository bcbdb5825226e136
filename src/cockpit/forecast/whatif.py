"""What-if on a fitted forecast: promotion depth, price change, festival intensity, horizon.

Everything recomputes from the stored forecast and its festival components (no refit): a
price or promotion change acts through a price elasticity estimated from the history; a
festival-intensity change scales the festival windows' fitted contribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from cockpit.forecast.holidays import FESTIVALS, china_holidays

MIN_DAYS = 60
MIN_LOG_PRICE_SD = 0.005
ELASTICITY_BOUNDS = (-5.0, 0.0)


@dataclass(frozen=True)
class Elasticity:
    """Own-price elasticity of units to the paid price per unit (list price less discount).

    `value`/`se`: OLS estimate and its standard error (None when the history cannot say);
    `used`: what the what-if applies, the estimate bounded to [-5, 0] (a positive estimate
    means price moved with demand, not a price response; 0 then)."""

    value: float | None
    se: float | None
    days: int
    used: float

    @property
    def significant(self) -> bool:
        """True when the estimate is more than two standard errors away from zero."""
        return self.value is not None and self.se is not None and abs(self.value) > 2 * self.se


def _design(frame: pd.DataFrame) -> np.ndarray:
    """Intercept, log paid price, linear trend, weekdays and festival windows as controls."""
    days = pd.DatetimeIndex(frame["ds"])
    fest = china_holidays(days.min().date(), days.max().date(), public=False)
    window = fest.drop_duplicates("ds").set_index("ds")["holiday"].reindex(days)
    dummies = pd.get_dummies(pd.DataFrame({"weekday": days.day_of_week.astype(str),
                                           "window": window.fillna("normal").to_numpy()}),
                             drop_first=True, dtype=float)
    paid = frame["price"].to_numpy(float) * (1 - frame["promo_depth"].to_numpy(float))
    trend = np.arange(len(frame), dtype=float) / max(len(frame), 1)
    return np.column_stack([np.ones(len(frame)), np.log(paid), trend, dummies.to_numpy()])


def estimate_elasticity(history: pd.DataFrame) -> Elasticity:
    """log(units) on log(paid price) with trend, weekday and festival controls, on sale days."""
    need = {"ds", "y", "price", "promo_depth"}
    if not need <= set(history.columns):
        return Elasticity(None, None, 0, 0.0)
    sold = history[(history["y"] > 0) & (history["price"] > 0)].reset_index(drop=True)
    paid = sold["price"] * (1 - sold["promo_depth"])
    if len(sold) < MIN_DAYS or np.log(paid.clip(lower=1e-9)).std() < MIN_LOG_PRICE_SD:
        return Elasticity(None, None, len(sold), 0.0)
    x = _design(sold)
    y = np.log(sold["y"].to_numpy(float))
    # one BLAS thread: for a least squares this small, BLAS threads only wait on each other,
    # and on a busy machine that wait took 60-120 ms instead of under 1 ms
    with threadpool_limits(1, user_api="blas"):
        coef, _, rank, _ = np.linalg.lstsq(x, y, rcond=None)
        dof = len(y) - rank
        if dof <= 0:
            return Elasticity(None, None, len(sold), 0.0)
        sigma2 = float(((y - x @ coef) ** 2).sum() / dof)
        se = float(np.sqrt(sigma2 * np.linalg.pinv(x.T @ x)[1, 1]))
    value = float(coef[1])
    return Elasticity(value, se, len(sold), float(np.clip(value, *ELASTICITY_BOUNDS)))


@dataclass(frozen=True)
class Scenario:
    """promo_pp: extra promotion depth in percentage points of list price; price_change: list
    price change as a fraction; festival_intensity: 1 = festivals as fitted, 0 = none,
    2 = twice the fitted festival effect; horizon: days shown (None = all)."""

    promo_pp: float = 0.0
    price_change: float = 0.0
    festival_intensity: float = 1.0
    horizon: int | None = None


def price_factor(scenario: Scenario, elasticity: float, base_depth: float) -> tuple[float, float]:
    """(units multiplier, paid-price multiplier): promotion deepens the discount on list price,
    so both levers change the paid price, and units follow it with the elasticity."""
    depth = min(max(base_depth, 0.0), 0.95)
    new_depth = min(max(depth + scenario.promo_pp / 100.0, 0.0), 0.95)
    paid = (1.0 + scenario.price_change) * (1.0 - new_depth) / (1.0 - depth)
    return float(paid ** elasticity), float(paid)


def apply_scenario(forecast: pd.DataFrame, festival: np.ndarray | None, scenario: Scenario,
                   elasticity: float, base_depth: float, unit_price: float) -> pd.DataFrame:
    """The forecast under `scenario`: ds, yhat, yhat_lower, yhat_upper (units), gmv_cny, and
    base_yhat, base_gmv_cny as forecast. `festival` holds the festival windows' contribution
    in units per forecast day (None when the model used has no festival term)."""
    frame = forecast.iloc[:scenario.horizon] if scenario.horizon else forecast
    yhat = frame["yhat"].to_numpy(float)
    new = yhat.copy()
    if festival is not None:
        new = np.maximum(new + (scenario.festival_intensity - 1.0) * festival[:len(yhat)], 0.0)
    ratio = np.divide(new, yhat, out=np.ones_like(new), where=yhat > 0)
    units, paid = price_factor(scenario, elasticity, base_depth)
    out = pd.DataFrame({"ds": frame["ds"].to_numpy(), "yhat": new * units,
                        "yhat_lower": frame["yhat_lower"].to_numpy(float) * ratio * units,
                        "yhat_upper": frame["yhat_upper"].to_numpy(float) * ratio * units})
    out["gmv_cny"] = out["yhat"] * unit_price * paid
    out["base_yhat"] = yhat
    out["base_gmv_cny"] = yhat * unit_price
    return out


def festival_contribution(components: pd.DataFrame | None, dates: pd.Series) -> np.ndarray | None:
    """Sum of the festival windows' contributions (units) on `dates`, from fitted components."""
    if components is None:
        return None
    fest = components.set_index("ds")[list(FESTIVALS)].sum(axis=1)
    return fest.reindex(pd.DatetimeIndex(dates)).fillna(0.0).to_numpy(float)
