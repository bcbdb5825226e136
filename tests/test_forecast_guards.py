"""What forecast_series refuses or warns about: two timestamps on one day, a horizon past its
bound, an outlier in the last periods; and quarterly series are accepted."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.forecast_series import seasonal_trend

from cockpit.forecast import forecast_series
from cockpit.forecast.api import HistoryWarning
from cockpit.forecast.checks import recent_outliers
from cockpit.forecast.frequency import check_horizon, infer_freq, max_horizon


def _daily(n: int = 100) -> pd.DataFrame:
    rng = np.random.default_rng(2)
    return pd.DataFrame({"ds": pd.date_range("2025-04-01", periods=n, freq="D"),
                         "y": 50 + rng.normal(0, 3, n)})


def test_two_timestamps_on_one_day_is_a_clear_error():
    history = _daily()
    history.loc[10, "ds"] = history.loc[9, "ds"] + pd.Timedelta(hours=13)
    with pytest.raises(ValueError, match=r"1 days have more than one row in ds, e\.g\. "
                                         r"2025-04-10: 2025-04-10 00:00:00, 2025-04-10 13:00"):
        forecast_series(history, 7)


def test_horizon_is_bounded_with_the_reason():
    with pytest.raises(ValueError, match=r"horizon 120 is too long for daily data: at most "
                                         r"100 days \(the lesser of 730 days and the "
                                         r"history's 100 days\)"):
        forecast_series(_daily(), 120)
    assert max_horizon("M", 200) == 24 and max_horizon("D", 70) == 70
    check_horizon(24, "M", 200)  # at the bound is fine
    with pytest.raises(ValueError, match="at most 24 months"):
        check_horizon(25, "M", 200)


def test_outlier_in_the_last_periods_is_found():
    history = _daily()
    assert recent_outliers(history, "D", 7).empty
    history.loc[98, "y"] = 400.0
    found = recent_outliers(history, "D", 7)
    assert found["ds"].tolist() == [history.loc[98, "ds"]]
    assert found["expected"].iloc[0] == pytest.approx(history.loc[91, "y"], abs=5)
    history.loc[98, "y"] = 0.0  # a collapse counts too
    assert len(recent_outliers(history, "D", 7)) == 1


def test_an_outlier_is_warned_about_not_silently_forecast():
    series = seasonal_trend(40, "QS-JAN", 4)
    series.loc[39, "y"] *= 3
    with pytest.warns(HistoryWarning, match=r"outlier in the last periods: 2019-10-01"):
        out = forecast_series(series, 4)
    assert out.attrs["warnings"] and "2019-10-01" in out.attrs["warnings"][0]


@pytest.mark.parametrize(("freq", "alias"), [("QS-JAN", "QS-JAN"), ("QE-DEC", "QE-DEC"),
                                             ("QS-FEB", "QS-FEB")])
def test_quarterly_dates_are_inferred(freq, alias):
    ds = pd.Series(pd.date_range("2001-01-01", periods=12, freq=freq))
    assert infer_freq(ds) == ("Q", alias)


def test_quarterly_series_are_forecast():
    series = seasonal_trend(40, "QS-JAN", 4)
    out = forecast_series(series, 6)
    assert out.attrs["freq"] == "Q"
    assert list(out["ds"]) == list(pd.date_range("2020-01-01", periods=6, freq="QS-JAN"))
    assert (out["yhat_lower"] <= out["yhat"]).all() and (out["yhat"] <= out["yhat_upper"]).all()
    # the season is found: the forecast's quarters follow the planted shape (peak in Q2)
    assert out["yhat"].iloc[1] > out["yhat"].iloc[3]
    assert not out.attrs["warnings"]


def test_quarterly_backtest_folds_are_as_long_as_the_horizon(monkeypatch):
    """Two years ahead from 15 years of quarters: the candidates are backtested on six folds
    of eight quarters (the steps asked for), a year apart, not on folds of four extrapolated
    to eight."""
    from cockpit.forecast import backtest, selection

    seen = []
    real = backtest.run_folds

    def spy(history, models, horizon, folds, min_train, season, step=None):
        found = real(history, models, horizon, folds, min_train, season, step)
        seen.append((horizon, found.cuts, [len(a) for a in found.actual]))
        return found

    monkeypatch.setattr(selection.backtest, "run_folds", spy)
    out = forecast_series(seasonal_trend(60, "QS-JAN", 4), 8)
    assert seen == [(8, [32, 36, 40, 44, 48, 52], [8] * 6)]
    assert len(out) == 8 and (out["yhat_lower"] <= out["yhat_upper"]).all()
