"""fit_series: a fit with backtest when nothing is stored, the stored batch forecast when a run
holds the series for the same history end (then festival components from one quick fit)."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pandas as pd
import pytest

from cockpit.facts import data_range
from cockpit.forecast.fitting import MIN_DAYS, fit_series
from cockpit.forecast.selection import MODE_NAMES, prophet_modes
from cockpit.warehouse import read_engine, write_engine

KEY = "snacks|all"


def test_fit_without_a_stored_run(demo_warehouse):
    with demo_warehouse.connect() as conn:
        end = data_range(conn)[1]
        fitted = fit_series(conn, "category_region", KEY, end, 14)
    result = fitted.result
    assert not fitted.stored
    assert len(result.forecast) == 14
    assert result.forecast["ds"].iloc[0] == pd.Timestamp(end) + pd.Timedelta(days=1)
    prophets = {MODE_NAMES[m] for m in prophet_modes(fitted.history["y"], None, "D")}
    candidates = prophets | {"auto_ets", "auto_theta", "auto_arima", "seasonal_naive"}
    assert candidates <= set(result.metrics["model"])
    assert result.model in set(result.metrics["model"])
    assert result.components["ds"].iloc[-1] == result.forecast["ds"].iloc[-1]
    assert fitted.unit_price > 0 and 0 <= fitted.promo_depth < 1


def test_short_history_gives_no_result(demo_warehouse):
    with demo_warehouse.connect() as conn:
        first = data_range(conn)[0]
        fitted = fit_series(conn, "category_region", KEY, first + pd.Timedelta(days=20), 14)
    assert fitted.result is None and len(fitted.history) < MIN_DAYS


def test_stored_run_is_read_back(demo_duckdb_path, tmp_path):
    store = pytest.importorskip("cockpit.forecast.store")
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_duckdb_path, path)
    url = f"duckdb:///{path}"
    engine = read_engine(url)
    with engine.connect() as conn:
        end = data_range(conn)[1]
        fresh = fit_series(conn, "category_region", KEY, end, 14)
    engine.dispose()
    day = pd.Timedelta(days=1)
    older = fresh.result.forecast.assign(yhat=77.0, ds=fresh.result.forecast["ds"] - day)
    store.write_run(write_engine(url), "category_region", 14, end - day,
                    {KEY: replace(fresh.result, forecast=older)})
    planted = replace(fresh.result, forecast=fresh.result.forecast.assign(yhat=123.0))
    store.write_run(write_engine(url), "category_region", 14, end, {KEY: planted})
    engine = read_engine(url)
    with engine.connect() as conn:
        stored = fit_series(conn, "category_region", KEY, end, 14)
        previous = fit_series(conn, "category_region", KEY, end - day, 14)  # an older run
        stale = fit_series(conn, "category_region", KEY, end - 2 * day, 14)
    engine.dispose()
    assert previous.stored and (previous.result.forecast["yhat"] == 77.0).all()
    assert stored.stored and (stored.result.forecast["yhat"] == 123.0).all()
    assert stored.result.model == fresh.result.model
    assert stored.result.effects is not None and not stored.result.effects.empty
    assert stored.result.components is not None
    assert not stale.stored  # a run for another history end is not used
    assert fresh.result.model in set(fresh.result.metrics["model"])
    assert stored.result.choice.label == fresh.result.model  # the page explains it alike
