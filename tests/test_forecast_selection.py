"""Choosing among candidates: MASE-ranked singles and combinations worked by hand, the chosen
forecast beating seasonal naive on planted structure, and batch and page choosing alike."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.forecast_series import seasonal_trend

from cockpit.forecast import backtest, combine
from cockpit.forecast.backtest import Folds


def _folds(predicted: dict[str, list[list[float]]]) -> Folds:
    actual = [np.array([10.0, 20.0]), np.array([30.0, 40.0])]
    return Folds(cuts=[4, 6], actual=actual, scales=[2.0, 4.0],
                 predicted={k: [np.array(p, float) for p in v] for k, v in predicted.items()})


def test_score_pools_mape_and_wape_and_averages_each_folds_mase():
    folds = _folds({"a": [[12.0, 17.0], [30.0, 44.0]]})
    mape, wape, mase = backtest.score(folds, folds.predicted["a"])
    # errors 2, 3 | 0, 4: MAPE (0.2 + 0.15 + 0 + 0.1) / 4; WAPE 9 / 100
    assert mape == pytest.approx(0.1125)
    assert wape == pytest.approx(0.09)
    # fold MASE: mean error 2.5 / scale 2 = 1.25; 2 / 4 = 0.5; mean 0.875
    assert mase == pytest.approx(0.875)


def test_weights_and_combinations_by_hand():
    assert combine.weights_for(combine.WEIGHTED, [0.5, 1.0]) == pytest.approx((2 / 3, 1 / 3))
    assert combine.weights_for(combine.MEDIAN, [0.5, 1.0, 2.0]) == pytest.approx((1 / 3,) * 3)
    forecasts = [np.array([1.0, 10.0]), np.array([3.0, 20.0]), np.array([8.0, 0.0])]
    assert combine.combine(forecasts, combine.MEDIAN, (1 / 3,) * 3).tolist() == [3.0, 10.0]
    weighted = combine.combine(forecasts[:2], combine.WEIGHTED, (0.75, 0.25))
    assert weighted.tolist() == pytest.approx([1.5, 12.5])
    label = combine.label_of(combine.WEIGHTED, ("auto_ets", "prophet_additive"))
    assert label == "weighted(auto_ets+prophet_additive)"
    assert combine.parse_label(label) == (combine.WEIGHTED, ("auto_ets", "prophet_additive"))
    assert combine.parse_label("auto_arima") == (combine.SINGLE, ("auto_arima",))


def test_errors_in_opposite_directions_make_the_combination_win():
    # a over-forecasts by 4, b under-forecasts by 4, c is far off: their median cancels out
    folds = _folds({"a": [[14, 24], [34, 44]], "b": [[6, 16], [26, 36]],
                    "c": [[30, 40], [50, 60]], "seasonal_naive": [[20, 20], [40, 40]]})
    metrics = backtest.metrics_table(folds)
    choice, per_fold, table = combine.choose(folds, metrics)
    assert choice.kind in (combine.MEDIAN, combine.WEIGHTED)
    assert set(choice.members) == {"a", "b", "seasonal_naive"}  # the best three by MASE
    assert choice.mase < metrics["mase"].min()
    assert set(table["model"]) >= {"a", "b", "c", choice.label}
    assert len(per_fold) == 2


def test_a_clearly_better_single_model_is_chosen_alone():
    # all three under-forecast: any mix is worse than `exact` alone
    folds = _folds({"exact": [[9.9, 20], [30, 39.9]], "b": [[6, 16], [26, 36]],
                    "c": [[4, 14], [24, 34]]})
    choice, per_fold, _ = combine.choose(folds, backtest.metrics_table(folds))
    assert (choice.kind, choice.label, choice.weights) == (combine.SINGLE, "exact", (1.0,))
    assert per_fold is folds.predicted["exact"]


def test_the_chosen_forecast_beats_seasonal_naive_on_planted_trend_and_season():
    """Monthly, multiplicative season on a 1%-a-month trend: seasonal naive lags the trend
    by a year; the chosen forecast must find it, in the backtest and on held-out months."""
    from cockpit.forecast import forecast_series

    series = seasonal_trend(96, "MS", 12)
    train, test = series.iloc[:84], series["y"].to_numpy()[84:]
    out = forecast_series(train, 12)
    metrics = pd.DataFrame(out.attrs["metrics"]).set_index("model")["mase"]
    assert metrics[out.attrs["model"]] < 0.7 * metrics["seasonal_naive"]
    scale = backtest.naive_scale(train["y"].to_numpy(), 12)
    held_out = np.abs(test - out["yhat"].to_numpy()).mean() / scale
    naive = np.abs(test - train["y"].to_numpy()[-12:]).mean() / scale
    assert held_out < 0.6 * naive
    assert sum(out.attrs["weights"]) == pytest.approx(1.0)
    assert set(out.attrs["members"]) <= set(metrics.index)


def test_batch_and_page_choose_the_same(demo_warehouse):
    from cockpit.facts import data_range
    from cockpit.forecast import batch, fitting
    from cockpit.forecast.series import series_history

    with demo_warehouse.connect() as conn:
        end = data_range(conn)[1]
        page = fitting.fit_series(conn, "category_region", "fresh|east", end, 14)
        history = series_history(conn, "category_region", "fresh|east", end)
    key, fitted, error = batch.fit_one("fresh|east", history, 14)
    assert error == ""
    assert fitted.model == page.result.model
    pd.testing.assert_frame_equal(fitted.forecast, page.result.forecast)
    pd.testing.assert_frame_equal(fitted.metrics, page.result.metrics)
