"""What-if: festival intensity, price and promotion through the elasticity, without refit."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from cockpit.forecast.holidays import FESTIVALS
from cockpit.forecast.whatif import (
    Scenario,
    apply_scenario,
    estimate_elasticity,
    festival_contribution,
    price_factor,
)


def _forecast() -> tuple[pd.DataFrame, np.ndarray]:
    ds = pd.date_range("2026-11-25", periods=10)
    yhat = np.full(10, 100.0)
    festival = np.zeros(10)
    festival[3:5] = 60.0  # two festival days, 60 of their units from the festival
    yhat[3:5] += 60
    frame = pd.DataFrame({"ds": ds, "yhat": yhat, "yhat_lower": yhat * 0.8,
                          "yhat_upper": yhat * 1.2})
    return frame, festival


@pytest.mark.parametrize("depth", [0.0, 0.1, 0.137, 0.6])
def test_neutral_scenario_is_the_forecast_exactly(depth):
    """Sliders at rest reproduce the base forecast bit for bit (no KPI delta, no what-if
    line), whatever the recent promotion depth and elasticity."""
    frame, festival = _forecast()
    frame = frame.assign(yhat=frame["yhat"] * 1.0371, yhat_upper=frame["yhat_upper"] * 1.0371)
    out = apply_scenario(frame, festival, Scenario(), -1.2, depth, 49.9)
    for col in ("yhat", "yhat_lower", "yhat_upper"):
        np.testing.assert_array_equal(out[col].to_numpy(), frame[col].to_numpy())
    np.testing.assert_array_equal(out["yhat"].to_numpy(), out["base_yhat"].to_numpy())
    np.testing.assert_array_equal(out["gmv_cny"].to_numpy(), out["base_gmv_cny"].to_numpy())
    assert price_factor(Scenario(), -1.2, depth) == (1.0, 1.0)


def test_festival_intensity_scales_only_the_festival_days():
    frame, festival = _forecast()
    none = apply_scenario(frame, festival, Scenario(festival_intensity=0.0), -1.0, 0.1, 1.0)
    double = apply_scenario(frame, festival, Scenario(festival_intensity=2.0), -1.0, 0.1, 1.0)
    assert np.allclose(none["yhat"], 100.0)
    assert np.allclose(double["yhat"].iloc[3:5], 220.0)
    assert np.allclose(double["yhat"].drop(index=[3, 4]), 100.0)
    assert np.allclose(double["yhat_lower"].iloc[3], 160 * 0.8 * 220 / 160)


def test_price_and_promotion_act_through_the_elasticity():
    frame, _ = _forecast()
    up = apply_scenario(frame, None, Scenario(price_change=0.10), -2.0, 0.0, 10.0)
    assert np.allclose(up["yhat"], frame["yhat"] * 1.1 ** -2.0)
    assert np.allclose(up["gmv_cny"], up["yhat"] * 10.0 * 1.1)
    units, paid = price_factor(Scenario(promo_pp=10), -1.5, 0.10)
    assert paid == pytest.approx(0.8 / 0.9)
    assert units == pytest.approx((0.8 / 0.9) ** -1.5)
    assert units > 1  # a deeper promotion sells more
    assert price_factor(Scenario(promo_pp=10), 0.0, 0.1)[0] == 1.0
    short = apply_scenario(frame, None, Scenario(horizon=4), -1.0, 0.1, 1.0)
    assert len(short) == 4


def test_elasticity_is_recovered_from_a_planted_history():
    rng = np.random.default_rng(11)
    n = 400
    price = 20 * np.exp(rng.normal(0, 0.1, n))
    depth = rng.uniform(0, 0.2, n)
    paid = price * (1 - depth)
    y = np.round(np.exp(6 - 1.5 * np.log(paid) + rng.normal(0, 0.05, n)) * 10)
    history = pd.DataFrame({"ds": pd.date_range("2025-01-01", periods=n), "y": y,
                            "price": price, "promo_depth": depth})
    found = estimate_elasticity(history)
    assert found.value == pytest.approx(-1.5, abs=0.1)
    assert found.significant and found.used == found.value and found.days == n
    flat = history.assign(price=20.0, promo_depth=0.0)
    assert estimate_elasticity(flat).value is None  # no price variation: nothing to say


def test_recompute_is_fast():
    frame, festival = _forecast()
    frame = pd.concat([frame] * 18, ignore_index=True)
    frame["ds"] = pd.date_range("2026-11-25", periods=len(frame))
    components = pd.DataFrame({"ds": frame["ds"], "yhat": frame["yhat"]})
    for name in FESTIVALS:
        components[name] = 0.0
    components.loc[3:4, "double_12_peak"] = 60.0
    started = time.perf_counter()
    for _ in range(20):
        fest = festival_contribution(components, frame["ds"])
        out = apply_scenario(frame, fest, Scenario(5, 0.1, 0.0, 60), -1.0, 0.1, 30.0)
    assert (time.perf_counter() - started) / 20 < 0.05
    assert fest[3] == 60.0 and len(out) == 60
