"""`forecast_series`: the forecasting function users call on their own daily, weekly, monthly
or quarterly series, with the page's model selection (`cockpit.forecast.selection`)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from cockpit.forecast.frequency import (
    FREQ_NAMES,
    MIN_PERIODS,
    alias_for,
    check_horizon,
    check_regular,
    infer_freq,
    listed,
)
from cockpit.forecast.selection import forecast_with_selection

__all__ = ["FREQ_NAMES", "MIN_PERIODS", "check_regular", "clean_history", "forecast_series",
           "infer_freq"]


class HistoryWarning(UserWarning):
    """Something in the history the forecast carries forward (an outlier in its last periods)."""


def _same_day(ds: pd.Series) -> None:
    """A ValueError naming the first days that hold more than one timestamp."""
    day = ds.dt.normalize()
    clash = day[day.duplicated(keep=False)]
    if clash.empty:
        return
    first = clash.iloc[0]
    stamps = ds[day == first].dt.strftime("%Y-%m-%d %H:%M:%S").tolist()
    raise ValueError(f"{clash.nunique()} days have more than one row in ds, e.g. "
                     f"{first.date()}: {listed(stamps)}; give one row per period (sum or "
                     "average the values of a day first)")


def clean_history(history: pd.DataFrame) -> pd.DataFrame:
    """ds as dates and y as non-negative numbers, sorted, or a ValueError saying what is wrong."""
    if not isinstance(history, pd.DataFrame) or not {"ds", "y"} <= set(history.columns):
        got = list(history.columns) if isinstance(history, pd.DataFrame) else type(history)
        raise ValueError(f"history must be a DataFrame with columns 'ds' and 'y'; got {got}")
    ds = pd.to_datetime(history["ds"], errors="coerce")
    if ds.isna().any():
        bad = history.loc[ds.isna(), "ds"].tolist()
        raise ValueError(f"ds has missing values or values that are not dates: {listed(bad)}")
    y = pd.to_numeric(history["y"], errors="coerce")
    if y.isna().any():
        bad = history.loc[y.isna(), "y"].tolist()
        raise ValueError(f"y must be numeric with no gaps; not numbers: {listed(bad)} "
                         f"(on {listed(ds[y.isna()])})")
    if not np.isfinite(y.to_numpy(float)).all():
        raise ValueError("y has infinite values")
    if (y < 0).any():
        raise ValueError(f"y must not be negative; negative on {listed(ds[y < 0])}")
    dupes = ds[ds.duplicated()].unique()
    if len(dupes):
        raise ValueError(f"duplicate dates in ds: {listed(dupes)}; give one row per period")
    _same_day(ds)
    out = pd.DataFrame({"ds": ds.dt.normalize().to_numpy(), "y": y.astype(float).to_numpy()})
    for col in ("price", "promo_depth"):
        if col in history:
            out[col] = pd.to_numeric(history[col], errors="coerce").to_numpy()
    return out.sort_values("ds", ignore_index=True)


def forecast_series(history: pd.DataFrame, horizon: int, freq: str | None = None,
                    mode: str | None = None) -> pd.DataFrame:
    """Forecast the `horizon` periods after `history` (columns ds, y; optional price and
    promo_depth regressors) at daily, weekly, monthly or quarterly frequency (inferred when
    None).

    Returns ds, yhat, yhat_lower, yhat_upper (80% interval, calibrated on the backtest's
    errors). Candidates are Prophet with China's holidays and shopping festivals
    (multiplicative and additive seasonality, or only `mode`), AutoETS, AutoTheta, AutoARIMA
    and seasonal naive; the forecast is the single model, or the median or inverse-MASE
    weighted mean of the best three, with the lowest MASE over rolling origins.
    `result.attrs` holds "model" (its label), "members", "weights", "mode", "freq",
    "metrics" (every candidate's and combination's backtest) and "warnings"; an outlier in
    the last periods is also raised as a HistoryWarning."""
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"horizon must be a positive whole number of periods; got {horizon!r}")
    if mode not in (None, "additive", "multiplicative"):
        raise ValueError(f"mode must be 'additive', 'multiplicative' or None; got {mode!r}")
    frame = clean_history(history)
    if frame.empty:
        raise ValueError("history is empty: it has columns ds and y but no rows")
    code, alias = infer_freq(frame["ds"]) if freq is None else alias_for(freq, frame["ds"])
    check_regular(frame["ds"], code, alias)
    if len(frame) < MIN_PERIODS[code]:
        raise ValueError(f"history is too short: {len(frame)} {FREQ_NAMES[code]} periods; need "
                         f"at least {MIN_PERIODS[code]}")
    check_horizon(int(horizon), code, len(frame))
    result = forecast_with_selection(frame, int(horizon), code, mode=mode, alias=alias)
    for message in result.warnings:
        warnings.warn(message, HistoryWarning, stacklevel=2)
    out = result.forecast.copy()
    choice = result.choice
    out.attrs.update(model=result.model, mode=result.mode, freq=code,
                     members=list(choice.members) if choice else [result.model],
                     weights=list(choice.weights) if choice else [1.0],
                     metrics=result.metrics.to_dict("records"), warnings=list(result.warnings))
    return out
