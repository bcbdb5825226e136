"""`forecast_series`: the forecasting function users call on their own daily, weekly or monthly
series, with the page's model selection (Prophet with the China calendar vs seasonal naive)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.forecast.model import MIN_TRAIN, forecast_with_selection

FREQ_NAMES = {"D": "daily", "W": "weekly", "M": "monthly"}
MIN_PERIODS = {freq: n + 4 for freq, n in MIN_TRAIN.items()}  # training plus a few to test
_SHOWN = 5


def _listed(values) -> str:
    values = [str(pd.Timestamp(v).date()) if isinstance(v, (pd.Timestamp, np.datetime64))
              else str(v) for v in values]
    more = f" and {len(values) - _SHOWN} more" if len(values) > _SHOWN else ""
    return ", ".join(values[:_SHOWN]) + more


def clean_history(history: pd.DataFrame) -> pd.DataFrame:
    """ds as dates and y as non-negative numbers, sorted, or a ValueError saying what is wrong."""
    if not isinstance(history, pd.DataFrame) or not {"ds", "y"} <= set(history.columns):
        got = list(history.columns) if isinstance(history, pd.DataFrame) else type(history)
        raise ValueError(f"history must be a DataFrame with columns 'ds' and 'y'; got {got}")
    ds = pd.to_datetime(history["ds"], errors="coerce")
    if ds.isna().any():
        bad = history.loc[ds.isna(), "ds"].tolist()
        raise ValueError(f"ds has missing values or values that are not dates: {_listed(bad)}")
    y = pd.to_numeric(history["y"], errors="coerce")
    if y.isna().any():
        bad = history.loc[y.isna(), "y"].tolist()
        raise ValueError(f"y must be numeric with no gaps; not numbers: {_listed(bad)} "
                         f"(on {_listed(ds[y.isna()])})")
    if not np.isfinite(y.to_numpy(float)).all():
        raise ValueError("y has infinite values")
    if (y < 0).any():
        raise ValueError(f"y must not be negative; negative on {_listed(ds[y < 0])}")
    dupes = ds[ds.duplicated()].unique()
    if len(dupes):
        raise ValueError(f"duplicate dates in ds: {_listed(dupes)}; give one row per period")
    out = pd.DataFrame({"ds": ds.dt.normalize(), "y": y.astype(float)})
    for col in ("price", "promo_depth"):
        if col in history:
            out[col] = pd.to_numeric(history[col], errors="coerce").to_numpy()
    return out.sort_values("ds", ignore_index=True)


def infer_freq(ds: pd.Series) -> tuple[str, str]:
    """("D"|"W"|"M", the pandas alias of the steps), from the most common gap between dates."""
    if len(ds) < 3:
        raise ValueError(f"history is too short: {len(ds)} rows; need at least "
                         f"{MIN_PERIODS['D']} daily, {MIN_PERIODS['W']} weekly or "
                         f"{MIN_PERIODS['M']} monthly periods")
    gap = ds.diff().dt.days.dropna().median()
    if gap == 1:
        return "D", "D"
    if gap == 7:
        return "W", "W-" + ds.iloc[0].day_name()[:3].upper()
    if 28 <= gap <= 31:
        return "M", _month_alias(ds)
    raise ValueError(f"cannot infer the frequency: dates are typically {gap:g} days apart; "
                     "use daily, weekly (7 days) or monthly dates, or pass freq")


def _month_alias(ds: pd.Series) -> str:
    if (ds.dt.day == 1).all():
        return "MS"
    if ds.dt.is_month_end.all():
        return "ME"
    raise ValueError("monthly dates must all be month starts or all month ends")


def _alias_for(freq: str, ds: pd.Series) -> tuple[str, str]:
    code = freq.upper()[:1]
    if code not in FREQ_NAMES:
        raise ValueError(f"freq {freq!r} is not supported; use 'D', 'W' or 'M' (or None)")
    if code == "D":
        return "D", "D"
    if code == "W":
        return "W", freq.upper() if "-" in freq else "W-" + ds.iloc[0].day_name()[:3].upper()
    return "M", _month_alias(ds)


def check_regular(ds: pd.Series, freq: str, alias: str) -> None:
    """Every period between the first and last date present, on the grid of `alias`."""
    expected = pd.date_range(ds.iloc[0], ds.iloc[-1], freq=alias)
    if len(expected) == 0 or expected[0] != ds.iloc[0]:
        raise ValueError(f"dates are not on a {FREQ_NAMES[freq]} grid ({alias})")
    off_grid = ds[~ds.isin(expected)]
    if len(off_grid):
        raise ValueError(f"dates off the {FREQ_NAMES[freq]} grid ({alias}): {_listed(off_grid)}")
    missing = expected.difference(pd.DatetimeIndex(ds))
    if len(missing):
        raise ValueError(f"missing dates: {_listed(missing)} ({len(missing)} of "
                         f"{len(expected)} {FREQ_NAMES[freq]} dates absent); "
                         "add them, with y = 0 if nothing was sold")


def forecast_series(history: pd.DataFrame, horizon: int, freq: str | None = None,
                    mode: str | None = None) -> pd.DataFrame:
    """Forecast the `horizon` periods after `history` (columns ds, y; optional price and
    promo_depth regressors) at daily, weekly or monthly frequency (inferred when None).

    Returns ds, yhat, yhat_lower, yhat_upper (80% interval). Seasonality is multiplicative for
    dense series, additive for sparse ones (or `mode`). The model is Prophet with China's
    holidays and shopping festivals unless a seasonal-naive forecast was more accurate in a
    rolling-origin backtest; `result.attrs` holds "model", "mode" and "metrics"."""
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"horizon must be a positive whole number of periods; got {horizon!r}")
    if mode not in (None, "additive", "multiplicative"):
        raise ValueError(f"mode must be 'additive', 'multiplicative' or None; got {mode!r}")
    frame = clean_history(history)
    if frame.empty:
        raise ValueError("history is empty: it has columns ds and y but no rows")
    code, alias = infer_freq(frame["ds"]) if freq is None else _alias_for(freq, frame["ds"])
    check_regular(frame["ds"], code, alias)
    if len(frame) < MIN_PERIODS[code]:
        raise ValueError(f"history is too short: {len(frame)} {FREQ_NAMES[code]} periods; need "
                         f"at least {MIN_PERIODS[code]}")
    result = forecast_with_selection(frame, int(horizon), code, mode=mode, alias=alias)
    out = result.forecast.copy()
    out.attrs.update(model=result.model, mode=result.mode, freq=code,
                     metrics=result.metrics.to_dict("records"))
    return out
