"""On the demo data the model recovers the planted festivals: the Spring Festival run-up of nut
gift boxes, and the 618 and Double 11 peaks of the shopping categories (DuckDB and PostgreSQL).

Truth comes from the generator's constants (cockpit.demo.timing): which category the Spring
Festival run-up multiplies most, which categories the shopping festivals lift, and which
categories neither touches (the control)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cockpit.calendar import festival_days
from cockpit.demo import timing
from cockpit.facts import data_range
from cockpit.forecast.fitting import fit_series
from cockpit.forecast.holidays import FESTIVAL_HOLIDAYS
from cockpit.warehouse.schema import CATEGORIES

RUN_UP = "spring_festival:run_up"
SF_CATEGORY = max(timing.PHASE_CATEGORY[RUN_UP], key=timing.PHASE_CATEGORY[RUN_UP].get)
SHOP_CATEGORY = max(timing.PHASE_CATEGORY["618:peak"],
                    key=timing.PHASE_CATEGORY["618:peak"].get)
CONTROL = next(c for c in CATEGORIES if all(c not in m for m in timing.PHASE_CATEGORY.values()))


def _fit(demo_warehouse, category: str):
    with demo_warehouse.connect() as conn:
        end = data_range(conn)[1]
        return fit_series(conn, "category_region", f"{category}|all", end, 30)


def _uplift(fitted, holiday: str) -> float:
    return fitted.result.effects.set_index("holiday").at[holiday, "uplift"]


def observed_uplift(history: pd.DataFrame, festival: str, phase: str) -> float:
    """Mean units on the window's days over the median of normal days within 8 weeks."""
    days = festival_days(history["ds"].iloc[0].date(), history["ds"].iloc[-1].date())
    y = history.set_index("ds")["y"]
    normal = y.drop(pd.DatetimeIndex(days["ds"]), errors="ignore")
    window = days[(days["festival"] == festival) & (days["phase"] == phase)]
    base = [normal[d - pd.Timedelta(weeks=8): d + pd.Timedelta(weeks=8)].median()
            for d in window["ds"]]
    return float(y.reindex(window["ds"]).sum() / sum(base) - 1)


def test_generator_constants_name_the_categories():
    assert SF_CATEGORY == "nut_gifts"
    assert SHOP_CATEGORY == "appliances"
    assert CONTROL not in timing.PHASE_CATEGORY[RUN_UP]


def test_spring_festival_spike_of_nut_gift_boxes(demo_warehouse):
    nuts, control = _fit(demo_warehouse, SF_CATEGORY), _fit(demo_warehouse, CONTROL)
    fitted = _uplift(nuts, FESTIVAL_HOLIDAYS[("spring_festival", "run_up")])
    seen = observed_uplift(nuts.history, "spring_festival", "run_up")
    planted = timing.PHASE_CATEGORY[RUN_UP][SF_CATEGORY] * timing.PHASE_VOLUME[RUN_UP]
    assert seen > 1.0  # the data have the spike: more than double a normal day
    assert fitted == pytest.approx(seen, rel=0.35)  # the model captures it
    assert fitted < planted - 1  # and does not exceed the planted multiplier
    assert fitted > 3 * _uplift(control, "spring_festival_run_up")


@pytest.mark.parametrize("festival", ["618", "double_11"])
def test_shopping_festival_peaks(demo_warehouse, festival):
    shop, control = _fit(demo_warehouse, SHOP_CATEGORY), _fit(demo_warehouse, CONTROL)
    holiday = FESTIVAL_HOLIDAYS[(festival, "peak")]
    seen = observed_uplift(shop.history, festival, "peak")
    fitted = _uplift(shop, holiday)
    assert seen > timing.PHASE_VOLUME[f"{festival}:peak"] - 1  # volume × category lift
    assert fitted == pytest.approx(seen, rel=0.5)
    assert fitted > _uplift(control, holiday)
    # the fitted curve itself peaks: on peak days it is several times a normal day
    comp = shop.result.components.set_index("ds")
    peak_days = festival_days(date(2024, 1, 1), shop.history["ds"].iloc[-1].date())
    peak_days = peak_days[(peak_days["festival"] == festival) & (peak_days["phase"] == "peak")]
    on_peak = comp["yhat"].reindex(pd.DatetimeIndex(peak_days["ds"])).dropna().mean()
    assert on_peak > 2 * comp["base"].median()


def test_forecast_over_a_coming_festival_rises(demo_warehouse):
    """History ending before Double 11: the forecast lifts on the peak days."""
    with demo_warehouse.connect() as conn:
        fitted = fit_series(conn, "category_region", f"{SHOP_CATEGORY}|all",
                            date(2026, 10, 31), 20)
    # Prophet's own forecast (the components) lifts on the coming peak days, whichever model
    # the backtest picked; and the page's forecast does too when Prophet was picked
    curves = [fitted.result.components.set_index("ds")["yhat"]]
    if fitted.result.model.startswith("prophet"):
        curves.append(fitted.result.forecast.set_index("ds")["yhat"])
    for curve in curves:
        peak = curve.loc["2026-11-10":"2026-11-11"].mean()
        before = curve.loc["2026-11-01":"2026-11-05"].mean()
        assert peak > 1.5 * before
    festival = fitted.result.components.set_index("ds").loc["2026-11-10":"2026-11-11"]
    assert (festival["double_11_peak"] > 0).all()


def test_calendar_regressors_are_prophets_holiday_features():
    """The daily calendar enters Prophet as 0/1 regressors (faster than its `holidays`
    argument); they must be the very columns, order, prior scales and mode that `holidays`
    builds, so that a fit gives the same forecast as Prophet's own holiday handling."""
    import numpy as np
    from prophet import Prophet

    from cockpit.forecast.holidays import china_holidays
    from cockpit.forecast.model import calendar_columns, prophet_fit_predict

    days = pd.date_range("2024-12-01", "2025-12-31", freq="D")
    ours = calendar_columns(days)
    frame = china_holidays(days[0].date(), days[-1].date())
    theirs, scales, _ = Prophet(holidays=frame).make_holiday_features(pd.Series(days), frame)
    assert list(theirs.columns) == [f"{name}_delim_+0" for name in ours.columns]
    assert np.array_equal(theirs.to_numpy(), ours.to_numpy()) and ours.to_numpy().sum() > 30

    rng = np.random.default_rng(3)
    history = pd.DataFrame({"ds": days[:-30], "y": rng.poisson(30, len(days) - 30)
                            * (1 + ours["618_peak"].to_numpy()[:-30])})
    fast = prophet_fit_predict(history, 30, "D", "multiplicative", (), past=False)
    reference = Prophet(seasonality_mode="multiplicative", interval_width=0.8,
                        yearly_seasonality=False, daily_seasonality=False, holidays=frame,
                        uncertainty_samples=0).fit(history)
    expected = reference.predict(pd.DataFrame({"ds": days[-30:]}))
    assert np.allclose(fast["yhat"], expected["yhat"], rtol=1e-9, atol=1e-9)
