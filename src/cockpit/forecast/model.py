"""Prophet with the China calendar and the seasonal-naive baseline, two of the candidate
models (`cockpit.forecast.selection.forecast_with_selection` chooses among all of them).

The fitted Prophet components are kept in units so that what-if changes (festival intensity,
price, promotion) recompute without a refit. Prophet is imported here at module level so that
the app's launcher loads it before any session renders; the choice among candidates lives in
`selection`.
"""

from __future__ import annotations

import logging
import threading
import warnings
from dataclasses import dataclass, field
from typing import Any

import holidays.countries.china  # noqa: F401  (the China calendar loads with Prophet, at startup)
import numpy as np
import pandas as pd
from cmdstanpy.utils import get_logger
from prophet import Prophet

from cockpit.forecast.frequency import BACKTEST, MIN_TRAIN, SEASONS, season_of  # noqa: F401
from cockpit.forecast.holidays import FESTIVALS, HOLIDAY_NAMES, china_holidays, festival_exposure

log = logging.getLogger(__name__)

DEFAULT_HORIZON = 90
INTERVAL_WIDTH = 0.8
UNCERTAINTY_SAMPLES = 300
SAMPLING_SEED = 20260125  # interval draws are seeded: a rerun gives the same band
_SAMPLING = threading.Lock()  # numpy's global generator: one seeded predict at a time
YEARLY_ORDER = {"D": 6, "W": 5, "M": 3, "Q": 2}
REGRESSORS = ("price", "promo_depth")
BASELINE = "seasonal_naive"
PROPHET = "prophet"
FORECAST_COLUMNS = ["ds", "yhat", "yhat_lower", "yhat_upper"]


@dataclass
class ForecastResult:
    """A forecast for the horizon (80% interval), the model or combination used (its label,
    see `combine`), and the backtest of every candidate and combination (`metrics`).

    `mode`: the seasonality mode of the Prophet fit whose components are kept. `choice`: the
    chosen forecast's members and weights (None when too short to backtest, or stored).
    `warnings`: sentences about the history (an outlier in its last periods). `components`
    (history and horizon, units): yhat, the festival contributions (one column per festival
    window) and base = yhat without them. `effects`: per holiday window, the
    fitted uplift on days in that window (fraction of the demand without it)."""

    forecast: pd.DataFrame
    model: str
    metrics: pd.DataFrame
    freq: str = "D"
    mode: str = "additive"
    components: pd.DataFrame | None = None
    effects: pd.DataFrame | None = None
    regressors: tuple[str, ...] = field(default_factory=tuple)
    history_end: pd.Timestamp | None = None
    choice: Any = None  # cockpit.forecast.combine.Choice
    warnings: tuple[str, ...] = ()


def quiet_stan() -> None:
    """Silence cmdstanpy's and Prophet's per-fit INFO messages."""
    get_logger().setLevel(logging.WARNING)  # cmdstanpy sets INFO on its first get_logger()
    logging.getLogger("prophet").setLevel(logging.WARNING)


def choose_mode(y: pd.Series) -> str:
    """Multiplicative seasonality when demand is mostly positive and large enough that
    festival and weekday effects scale with its level; additive for sparse, small counts."""
    y = pd.Series(y, dtype=float)
    return "multiplicative" if (y <= 0).mean() < 0.1 and y.median() >= 5 else "additive"


quiet_stan()
# Prophet 1.5 calls pandas' deprecated inplace= on every fit and predict
warnings.filterwarnings("ignore", message="The inplace keyword", module=r"prophet\.")


def future_dates(last: pd.Timestamp, horizon: int, freq: str, alias: str | None = None
                 ) -> pd.DatetimeIndex:
    """The `horizon` period dates after `last` (pandas alias for weekly/monthly steps)."""
    alias = alias or {"D": "D", "W": "W", "M": "MS", "Q": "QS-JAN"}[freq]
    return pd.date_range(last, periods=horizon + 1, freq=alias)[1:] if alias != "D" else \
        pd.date_range(last + pd.Timedelta(days=1), periods=horizon, freq="D")


def active_regressors(history: pd.DataFrame) -> tuple[str, ...]:
    """Price and promotion depth when the history has them and they vary."""
    out = []
    for col in REGRESSORS:
        if col in history and history[col].notna().all():
            values = history[col].astype(float)
            if values.std() > 0.01 * max(abs(values.mean()), 1e-9):
                out.append(col)
    return tuple(out)


def _festival_of_day(days: pd.DatetimeIndex) -> np.ndarray:
    """The festival window of each day (Prophet holiday name), "normal" outside them."""
    fest = china_holidays(days.min().date(), days.max().date(), public=False)
    named = fest.drop_duplicates("ds").set_index("ds")["holiday"].reindex(days)
    return named.fillna("normal").to_numpy()


def unusual_regressors(history: pd.DataFrame, dates: pd.DatetimeIndex,
                       regressors: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Price and promotion depth as deviations from their usual level in the same festival
    window (or on normal days), for the history and the future dates.

    Festivals come with deeper promotions, so raw depth would steal the festival effect. As
    deviations, the festival effect includes its usual promotion and the regressor measures
    what is unusual. The plan for the future is the usual level: deviation 0 (so backtests
    never see future promotions)."""
    windows = _festival_of_day(pd.DatetimeIndex(history["ds"]))
    past = pd.DataFrame(index=history.index)
    for col in regressors:
        values = history[col].astype(float)
        past[col] = values - values.groupby(windows).transform("mean")
    return past, pd.DataFrame(0.0, index=range(len(dates)), columns=list(regressors))


def _prophet(history: pd.DataFrame, freq: str, mode: str, regressors: tuple[str, ...],
             calendar: tuple[str, ...], samples: int):
    """Prophet with the price/promotion regressors and the calendar's 0/1 (daily) or share
    (weekly/monthly) columns as unstandardized regressors. Daily calendar columns come first,
    sorted by name: exactly the columns, order, prior scale and mode that Prophet's `holidays`
    argument builds (so the fit is the same), without its per-day Python loop on every fit
    and predict."""
    span = (history["ds"].iloc[-1] - history["ds"].iloc[0]).days
    model = Prophet(seasonality_mode=mode, interval_width=INTERVAL_WIDTH,
                    yearly_seasonality=YEARLY_ORDER[freq] if span >= 700 else False,
                    weekly_seasonality=freq == "D", daily_seasonality=False,
                    uncertainty_samples=samples)
    first, then = (calendar, regressors) if freq == "D" else (regressors, calendar)
    for col in first + then:
        model.add_regressor(col, standardize="auto" if col in regressors else False)
    return model


def calendar_columns(days: pd.DatetimeIndex) -> pd.DataFrame:
    """1 on the days of each China holiday window between the first and last of `days`
    (sorted), else 0; one column per window name, sorted by name."""
    cal = china_holidays(days[0].date(), days[-1].date())
    names = sorted(cal["holiday"].unique())
    values = np.zeros((len(days), len(names)))
    rows = days.get_indexer(pd.DatetimeIndex(cal["ds"]))
    cols = pd.Index(names).get_indexer(cal["holiday"])
    values[rows[rows >= 0], cols[rows >= 0]] = 1.0
    return pd.DataFrame(values, columns=names)


def _design(history: pd.DataFrame, dates: pd.DatetimeIndex, freq: str,
            regressors: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, ...]]:
    """Training and prediction frames with the regressors and the calendar: holiday windows
    (daily) or festival shares (weekly/monthly); and the calendar's column names."""
    past, future = unusual_regressors(history, dates, regressors)
    train = pd.concat([history[["ds", "y"]], past], axis=1)
    future.insert(0, "ds", dates)
    every = pd.concat([train.drop(columns="y"), future], ignore_index=True)
    if freq == "D":
        cal = calendar_columns(pd.DatetimeIndex(every["ds"]))
        names = tuple(cal.columns)
    else:
        cal = festival_exposure(pd.DatetimeIndex(every["ds"]), freq).reset_index(drop=True)
        names = tuple(c for c in FESTIVALS if cal[c].iloc[:len(train)].gt(0).any())
    every[list(cal.columns)] = cal.to_numpy()
    train[list(cal.columns)] = cal.to_numpy()[:len(train)]
    return train, every, names


def _predict_seeded(model, frame: pd.DataFrame) -> pd.DataFrame:
    """Prophet's predict with its interval draws (numpy's global generator) seeded, so the
    same history gives the same band; the caller's random state is restored. Streamlit
    sessions run in threads: the lock keeps two seeded draws from interleaving."""
    if not model.uncertainty_samples:
        return model.predict(frame)
    with _SAMPLING:
        state = np.random.get_state()
        np.random.seed(SAMPLING_SEED)
        try:
            return model.predict(frame)
        finally:
            np.random.set_state(state)


def prophet_fit_predict(history: pd.DataFrame, horizon: int, freq: str, mode: str,
                        regressors: tuple[str, ...], samples: int = 0,
                        alias: str | None = None, past: bool = True) -> pd.DataFrame:
    """Fit Prophet on `history` and predict the `horizon` periods after it, and the history
    too when `past` (Prophet's frame). Intervals (with `samples` draws) only for the future."""
    last = history["ds"].iloc[-1]
    dates = future_dates(last, horizon, freq, alias)
    train, every, calendar = _design(history, dates, freq, regressors)
    model = _prophet(train, freq, mode, regressors, calendar, samples)
    model.fit(train)
    ahead = _predict_seeded(model, every.iloc[len(train):])
    if not past:
        return ahead
    model.uncertainty_samples = 0
    before = model.predict(every.iloc[:len(train)])
    return pd.concat([before, ahead], ignore_index=True)


def seasonal_naive(y: np.ndarray, horizon: int, season: int) -> pd.DataFrame:
    """Repeat the last season; 80% band from the spread of past season-on-season changes,
    widening with the number of seasons ahead. Columns yhat, yhat_lower, yhat_upper."""
    y = np.asarray(y, float)
    season = season if len(y) > season else 1
    steps = np.arange(horizon)
    yhat = y[len(y) - season + steps % season]
    diffs = y[season:] - y[:-season]
    lo, hi = np.quantile(diffs, [0.1, 0.9]) if len(diffs) else (0.0, 0.0)
    widen = np.sqrt(steps // season + 1)
    return pd.DataFrame({"yhat": yhat, "yhat_lower": np.maximum(yhat + lo * widen, 0.0),
                         "yhat_upper": yhat + hi * widen})


def components_in_units(pred: pd.DataFrame, mode: str) -> pd.DataFrame:
    """ds, yhat, base and each holiday window's contribution in units (trend-scaled when
    multiplicative), so that yhat = base + Σ festival contributions."""
    scale = pred["trend"] if mode == "multiplicative" else 1.0
    out = pd.DataFrame({"ds": pred["ds"], "yhat": pred["yhat"]})
    for name in HOLIDAY_NAMES:
        out[name] = pred[name] * scale if name in pred else 0.0
    out["base"] = out["yhat"] - out[list(FESTIVALS)].sum(axis=1)
    return out


def holiday_effects(components: pd.DataFrame, last: pd.Timestamp) -> pd.DataFrame:
    """Per holiday window seen in the history: uplift = extra units over the demand without the
    window, on its days; extra units per day; number of days."""
    past = components[components["ds"] <= last]
    rows = []
    for name in HOLIDAY_NAMES:
        days = past[name] != 0
        if not days.any():
            continue
        extra = past.loc[days, name]
        without = (past.loc[days, "yhat"] - extra).clip(lower=1e-9)
        rows.append((name, float(extra.sum() / without.sum()), float(extra.mean()),
                     int(days.sum())))
    return pd.DataFrame(rows, columns=["holiday", "uplift", "extra_units_per_day", "days"])
