"""forecast_series: frequency inference, the forecast frame, and its ValueError messages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cockpit.forecast import forecast_series


def _series(periods: int, freq: str, start: str = "2023-01-02", seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.date_range(start, periods=periods, freq=freq)
    season = 10 * np.sin(2 * np.pi * np.arange(periods) / {"D": 7}.get(freq, 12))
    return pd.DataFrame({"ds": ds, "y": 100 + season + rng.normal(0, 2, periods)})


@pytest.mark.parametrize(("freq", "periods", "horizon", "step"), [
    ("D", 200, 14, pd.Timedelta(days=1)),
    ("W-MON", 120, 6, pd.Timedelta(days=7)),
    ("MS", 40, 4, None),
])
def test_frequency_is_inferred_and_the_horizon_follows_it(freq, periods, horizon, step):
    history = _series(periods, freq)
    out = forecast_series(history, horizon)
    assert list(out.columns) == ["ds", "yhat", "yhat_lower", "yhat_upper"]
    assert len(out) == horizon
    expected = pd.date_range(history["ds"].iloc[-1], periods=horizon + 1, freq=freq)[1:]
    assert list(out["ds"]) == list(expected)
    if step is not None:
        assert (out["ds"].diff().dropna() == step).all()
    assert out.attrs["freq"] == freq[0]
    assert (out["yhat_lower"] <= out["yhat"]).all() and (out["yhat"] <= out["yhat_upper"]).all()
    # level about 100: a sensible forecast, not zeros
    assert out["yhat"].mean() == pytest.approx(100, rel=0.2)


def test_the_chosen_forecast_has_the_lowest_backtest_mase():
    from cockpit.forecast.combine import SINGLE_MARGIN

    out = forecast_series(_series(120, "W-MON"), 6)
    mase = pd.DataFrame(out.attrs["metrics"]).set_index("model")["mase"]
    chosen = mase[out.attrs["model"]]
    combos = mase[mase.index.str.contains("(", regex=False)]
    assert chosen == mase.min() or (
        "(" in out.attrs["model"] and chosen == combos.min()
        and mase.min() >= (1 - SINGLE_MARGIN) * chosen)
    assert {"prophet_multiplicative", "prophet_additive", "auto_ets", "auto_theta",
            "auto_arima", "seasonal_naive"} <= set(mase.index)


def test_the_same_history_gives_the_same_forecast_and_band():
    history = _series(120, "D")
    state = np.random.get_state()
    first, second = forecast_series(history, 10), forecast_series(history, 10)
    pd.testing.assert_frame_equal(first, second)
    assert (first["yhat_upper"] > first["yhat_lower"]).all()
    # the seeded draws leave the caller's random state alone
    assert np.array_equal(np.random.get_state()[1], state[1])


def test_month_end_dates_and_explicit_freq():
    history = _series(36, "ME")
    out = forecast_series(history, 3, freq="M")
    assert list(out["ds"]) == list(pd.date_range("2026-01-31", periods=3, freq="ME"))


def test_dense_weekly_series_try_both_seasonality_modes_daily_and_sparse_ones_one():
    dense = forecast_series(_series(120, "W-MON"), 6)
    tried = {row["model"] for row in dense.attrs["metrics"]}
    assert {"prophet_multiplicative", "prophet_additive"} <= tried
    mase = {row["model"]: row["mase"] for row in dense.attrs["metrics"]}
    best = min(("multiplicative", "additive"), key=lambda m: mase[f"prophet_{m}"])
    assert dense.attrs["mode"] == best  # components come from the better Prophet
    # daily Prophet is the costliest fit: one mode, the one the level and zeros call for
    daily = forecast_series(_series(120, "D"), 7)
    assert daily.attrs["mode"] == "multiplicative"
    assert "prophet_additive" not in {row["model"] for row in daily.attrs["metrics"]}
    sparse = _series(120, "D").assign(y=lambda d: np.where(np.arange(120) % 3 == 0, 1.0, 0.0))
    out = forecast_series(sparse, 7)
    assert out.attrs["mode"] == "additive"
    assert "prophet_multiplicative" not in {row["model"] for row in out.attrs["metrics"]}


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.iloc[:20], "too short: 20 daily periods; need at least 60"),
    (lambda d: d.iloc[:0], "history is empty"),
    (lambda d: d.drop(index=[5, 6]), "missing dates: 2023-01-07, 2023-01-08 (2 of"),
    (lambda d: pd.concat([d, d.iloc[[3]]]), "duplicate dates in ds: 2023-01-05"),
    (lambda d: d.assign(y=d["y"].where(d.index != 4, -2.0)), "negative on 2023-01-06"),
    (lambda d: d.assign(y=d["y"].astype(object).where(d.index != 4, "n/a")),
     "not numbers: n/a (on 2023-01-06)"),
    (lambda d: d.assign(y=d["y"].where(d.index != 4, np.nan)), "not numbers: nan"),
    (lambda d: d.rename(columns={"y": "units"}), "columns 'ds' and 'y'"),
    (lambda d: d.assign(ds=d["ds"].astype(str).where(d.index != 2, "soon")), "not dates: soon"),
])
def test_bad_input_says_what_is_wrong(change, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        forecast_series(change(_series(100, "D")), 7)


def test_bad_horizon_freq_and_spacing():
    history = _series(100, "D")
    with pytest.raises(ValueError, match="horizon must be a positive whole number"):
        forecast_series(history, 0)
    with pytest.raises(ValueError, match="freq 'H' is not supported"):
        forecast_series(history, 3, freq="H")
    odd = history.iloc[::3].reset_index(drop=True)
    with pytest.raises(ValueError, match="dates are typically 3 days apart"):
        forecast_series(odd, 3)
    with pytest.raises(ValueError, match="history is empty"):
        forecast_series(history.iloc[:0], 3, freq="W")  # an explicit freq needs rows too
