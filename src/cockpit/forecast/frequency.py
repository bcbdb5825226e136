"""Frequencies a series can have (daily, weekly, monthly, quarterly): inference from the dates,
the grid check, the season length, the backtest's size and the horizon's bound."""

from __future__ import annotations

import numpy as np
import pandas as pd

FREQ_NAMES = {"D": "daily", "W": "weekly", "M": "monthly", "Q": "quarterly"}
PERIOD_WORDS = {"D": "days", "W": "weeks", "M": "months", "Q": "quarters"}
SEASONS = {"D": 7, "W": 52, "M": 12, "Q": 4}
MIN_TRAIN = {"D": 56, "W": 26, "M": 12, "Q": 8}
MIN_PERIODS = {freq: n + 4 for freq, n in MIN_TRAIN.items()}  # training plus a few to test
# rolling origins: (periods per fold, folds); one season for monthly and quarterly data, a
# quarter of a year for weekly, four weeks for daily: the horizons a manager plans on. Six
# folds where fits are cheap (weekly, monthly, quarterly: a few CPU-s in all), so the ranking,
# the combination weights and the interval rest on twice the errors; three on daily data,
# whose folds already hold 84 points and whose fits (Prophet on years of days) the page waits for.
# A longer weekly, monthly or quarterly horizon gets folds as long as itself (`fold_length`)
BACKTEST = {"D": (28, 3), "W": (13, 6), "M": (12, 6), "Q": (4, 6)}
# the farthest a forecast may reach: two years, and never more periods than the history has
# the classical models (AutoETS, AutoTheta, AutoARIMA) see at most the last year of daily data:
# their season is the week, which a year holds 52 times, and a longer history only slows the
# fit (AutoETS 1.3 CPU-s on 1,067 days, 0.45 on 364); the year's festivals are Prophet's
CLASSICAL_WINDOW = {"D": 364}
MAX_HORIZON = {"D": 730, "W": 104, "M": 24, "Q": 8}
_SHOWN = 5


def listed(values) -> str:
    """At most five values, as text, and how many more there are."""
    values = [str(pd.Timestamp(v).date()) if isinstance(v, (pd.Timestamp, np.datetime64))
              else str(v) for v in values]
    more = f" and {len(values) - _SHOWN} more" if len(values) > _SHOWN else ""
    return ", ".join(values[:_SHOWN]) + more


def infer_freq(ds: pd.Series) -> tuple[str, str]:
    """("D"|"W"|"M"|"Q", the pandas alias of the steps), from the most common gap between
    dates (sorted, one per period)."""
    if len(ds) < 3:
        raise ValueError(f"history is too short: {len(ds)} rows; need at least "
                         f"{MIN_PERIODS['D']} daily, {MIN_PERIODS['W']} weekly, "
                         f"{MIN_PERIODS['M']} monthly or {MIN_PERIODS['Q']} quarterly periods")
    gap = ds.diff().dt.days.dropna().median()
    if gap == 1:
        return "D", "D"
    if gap == 7:
        return "W", "W-" + ds.iloc[0].day_name()[:3].upper()
    if 28 <= gap <= 31:
        return "M", month_alias(ds)
    if 89 <= gap <= 92:
        return "Q", quarter_alias(ds)
    raise ValueError(f"cannot infer the frequency: dates are typically {gap:g} days apart; "
                     "use daily, weekly (7 days), monthly or quarterly dates, or pass freq")


def month_alias(ds: pd.Series) -> str:
    """MS for month starts, ME for month ends."""
    if (ds.dt.day == 1).all():
        return "MS"
    if ds.dt.is_month_end.all():
        return "ME"
    raise ValueError("monthly dates must all be month starts or all month ends")


def quarter_alias(ds: pd.Series) -> str:
    """QS-<month> for quarter starts, QE-<month> for quarter ends (the month of the first
    date names the quarters' anchor)."""
    anchor = pd.Timestamp(2001, (ds.iloc[0].month - 1) % 3 + 1, 1).strftime("%b").upper()
    if (ds.dt.day == 1).all():
        return f"QS-{anchor}"
    if ds.dt.is_month_end.all():
        last = pd.Timestamp(2001, (ds.iloc[0].month - 1) % 3 + 10, 1).strftime("%b").upper()
        return f"QE-{last}"
    raise ValueError("quarterly dates must all be quarter starts or all quarter ends")


def alias_for(freq: str, ds: pd.Series) -> tuple[str, str]:
    """The code and pandas alias of an explicit `freq` ('D', 'W', 'W-SUN', 'M', 'Q', ...)."""
    code = freq.upper()[:1]
    if code not in FREQ_NAMES:
        raise ValueError(f"freq {freq!r} is not supported; use 'D', 'W', 'M' or 'Q' (or None)")
    if code == "D":
        return "D", "D"
    if code == "W":
        return "W", freq.upper() if "-" in freq else "W-" + ds.iloc[0].day_name()[:3].upper()
    if code == "Q":
        return "Q", quarter_alias(ds)
    return "M", month_alias(ds)


def check_regular(ds: pd.Series, freq: str, alias: str) -> None:
    """Every period between the first and last date present, on the grid of `alias`."""
    expected = pd.date_range(ds.iloc[0], ds.iloc[-1], freq=alias)
    if len(expected) == 0 or expected[0] != ds.iloc[0]:
        raise ValueError(f"dates are not on a {FREQ_NAMES[freq]} grid ({alias})")
    off_grid = ds[~ds.isin(expected)]
    if len(off_grid):
        raise ValueError(f"dates off the {FREQ_NAMES[freq]} grid ({alias}): {listed(off_grid)}")
    missing = expected.difference(pd.DatetimeIndex(ds))
    if len(missing):
        raise ValueError(f"missing dates: {listed(missing)} ({len(missing)} of "
                         f"{len(expected)} {FREQ_NAMES[freq]} dates absent); "
                         "add them, with y = 0 if nothing was sold")


def max_horizon(freq: str, n: int) -> int:
    """The longest horizon allowed: MAX_HORIZON periods, and no more than the history's
    `n` periods (beyond that a forecast only extrapolates what it has never seen)."""
    return max(1, min(MAX_HORIZON[freq], n))


def check_horizon(horizon: int, freq: str, n: int) -> None:
    """A ValueError saying the bound when `horizon` is longer than `max_horizon`."""
    bound = max_horizon(freq, n)
    if horizon > bound:
        words = PERIOD_WORDS[freq]
        raise ValueError(
            f"horizon {horizon} is too long for {FREQ_NAMES[freq]} data: at most {bound} "
            f"{words} (the lesser of {MAX_HORIZON[freq]} {words} and the history's {n} "
            f"{words}); shorten the horizon or give a longer history")


def fold_length(freq: str, horizon: int, n: int, season: int) -> int:
    """Periods per backtest fold for a `horizon`-period forecast from `n` periods of seasonal
    lag `season`: BACKTEST's length, and on weekly, monthly and quarterly data up to the
    horizon itself when it is longer, as far as the history still holds BACKTEST's number of
    folds (origins BACKTEST's length apart, `fold_step`) each trained on at least two seasons
    (and MIN_TRAIN). The errors that choose the model and size the interval are then those of
    the steps asked for rather than extrapolated from shorter folds, without losing a fold or
    moving the origins further back. Never more than the horizon. Daily data keeps BACKTEST's
    four weeks: the page's fits stay as they are."""
    base, folds = BACKTEST[freq]
    if freq == "D" or horizon <= base:
        return min(horizon, base)
    room = n - base * (folds - 1) - max(MIN_TRAIN[freq], 2 * season)
    return max(base, min(horizon, room))


def fold_step(freq: str, fold: int) -> int:
    """Periods between backtest origins for folds of `fold` periods: the fold itself when it
    is no longer than BACKTEST's (folds side by side), else BACKTEST's length (a fold grown to
    the horizon overlaps the next, and the origins stay where BACKTEST's folds put them, so
    the earliest fold still trains on nearly as much history as the final fit)."""
    return min(fold, BACKTEST[freq][0])


def fold_min_train(freq: str, n: int, season: int, fold: int | None = None) -> int:
    """The shortest training a backtest fold of `fold` periods may have: MIN_TRAIN, raised to
    two seasons when the history still holds three folds after them (of BACKTEST's length;
    of `fold` periods, `fold_step` apart, when `fold` is longer), so a shorter fold drops none
    of BACKTEST's folds (a seasonal model fitted on one season is no guide to the final fit on
    many)."""
    base = BACKTEST[freq][0]
    fold = base if fold is None else max(fold, base)
    return max(MIN_TRAIN[freq], min(2 * season, n - fold - 2 * base))


def season_of(freq: str, n: int) -> int:
    """Seasonal lag: a week for daily data, a year for weekly, monthly and quarterly data when
    two years exist, else 1 (no season)."""
    season = SEASONS[freq]
    return season if n >= 2 * season else 1
