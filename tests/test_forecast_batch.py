"""Stored forecasts and the batch command: one transaction per run, read back as written,
and nothing written when a write fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.cli import main
from cockpit.forecast import batch, store
from cockpit.forecast.batch import Fitted
from cockpit.warehouse import read_engine
from cockpit.warehouse.schema import forecast_metrics, forecast_points, forecast_runs

END = date(2026, 11, 24)


def _fitted(level: float, horizon: int, model: str = "prophet") -> Fitted:
    days = pd.date_range("2026-11-25", periods=horizon, freq="D")
    forecast = pd.DataFrame({"ds": days, "yhat": level, "yhat_lower": level - 2.5632,
                             "yhat_upper": level + 2.5632})
    metrics = pd.DataFrame({"model": ["prophet", "seasonal_naive"], "mape": [0.2, 0.3],
                            "wape": [0.1, 0.2], "mase": [0.8, float("nan")]})
    return Fitted(forecast, model, metrics)


def _count(conn: sa.Connection, table: sa.Table) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_write_and_read_back(empty_warehouse) -> None:
    results = {"fresh|east": _fitted(10.0, 14), "SNK-000|4": _fitted(3.0, 14, "seasonal_naive")}
    first = store.write_run(empty_warehouse, "category_region", 14, END, results)
    second = store.write_run(empty_warehouse, "category_region", 14, END,
                             {"fresh|east": _fitted(20.0, 14)})
    assert second == first + 1
    with empty_warehouse.connect() as conn:
        run = conn.execute(sa.select(forecast_runs).where(forecast_runs.c.run_id == first)).one()
        assert (run.level, run.horizon_days, run.series_count) == ("category_region", 14, 2)
        assert _count(conn, forecast_points) == 3 * 14
        assert _count(conn, forecast_metrics) == 3 * 5  # the NaN mase is not stored
        latest = store.read_forecast(conn, "category_region", "fresh|east", 7)
        older = store.read_forecast(conn, "category_region", "SNK-000|4", 14)
        assert store.read_forecast(conn, "category_region", "fresh|east", 15) is None
        assert store.read_forecast(conn, "category_region", "nuts|west", 7) is None
        assert store.read_forecast(conn, "sku_warehouse", "fresh|east", 7) is None
        demand = store.stored_series_demand(conn, "category_region", 14).set_index("series_key")
        # asked for a given history end, only a run made with history to that day answers
        day_before = END - timedelta(days=1)
        assert store.read_forecast(conn, "category_region", "fresh|east", 7, END) is not None
        assert store.read_forecast(conn, "category_region", "fresh|east", 7, day_before) is None
        assert store.stored_series_demand(conn, "category_region", 14, day_before).empty
        assert len(store.stored_series_demand(conn, "category_region", 14, END)) == 1
    assert latest.model == "prophet" and len(latest.forecast) == 7
    assert latest.history_end == pd.Timestamp(END)
    assert latest.forecast["yhat"].tolist() == [20.0] * 7  # the newer run wins
    assert list(latest.forecast.columns) == ["ds", "yhat", "yhat_lower", "yhat_upper"]
    assert latest.forecast["ds"].iloc[0] == pd.Timestamp("2026-11-25")
    assert older.model == "seasonal_naive"
    metrics = older.metrics.set_index("model")
    assert metrics.loc["prophet", "wape"] == pytest.approx(0.1)
    assert pd.isna(metrics.loc["seasonal_naive", "mase"])
    # the 80% interval ±2.5632 is ±2 sd: the daily sd read back is 2
    assert demand.loc["fresh|east", "mean_units"] == pytest.approx(20.0)
    assert demand.loc["fresh|east", "sd_units"] == pytest.approx(2.5632 / store.Z80)


def test_failed_write_leaves_nothing(empty_warehouse, monkeypatch) -> None:
    real = store.append_frame

    def fail_on_metrics(conn, table, frame):
        if table is forecast_metrics:
            raise RuntimeError("disk full")
        real(conn, table, frame)

    monkeypatch.setattr(store, "append_frame", fail_on_metrics)
    with pytest.raises(RuntimeError, match="disk full"):
        store.write_run(empty_warehouse, "category_region", 7, END, {"a|b": _fitted(1.0, 7)})
    with empty_warehouse.connect() as conn:
        assert _count(conn, forecast_runs) == 0
        assert _count(conn, forecast_points) == 0


def test_missing_tables_read_as_no_forecast(empty_warehouse) -> None:
    with empty_warehouse.begin() as conn:
        for table in reversed(store.TABLES):
            conn.execute(sa.schema.DropTable(table))
    with empty_warehouse.connect() as conn:
        assert store.read_forecast(conn, "category_region", "a|b", 7) is None
        assert store.stored_pair_demand(conn, 7).empty
    store.write_run(empty_warehouse, "category_region", 7, END, {"a|b": _fitted(1.0, 7)})
    with empty_warehouse.connect() as conn:
        assert store.read_forecast(conn, "category_region", "a|b", 7) is not None


@pytest.fixture()
def demo_copy(demo_duckdb_path, tmp_path) -> str:
    path = tmp_path / "batch.duckdb"
    shutil.copy(demo_duckdb_path, path)
    return f"duckdb:///{path}"


def test_batch_command_writes_consistent_run(demo_copy) -> None:
    # its own interpreter, as users run it: spawned workers re-import the parent's __main__,
    # which other tests in this process (AppTest scripts) may have replaced
    done = subprocess.run([sys.executable, "-m", "cockpit", "forecast", "--url", demo_copy,
                           "--level", "category_region", "--horizon", "14", "--jobs", "2",
                           "--limit", "3", "--quiet"], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "series/s" in done.stdout
    engine = read_engine(demo_copy)
    with engine.connect() as conn:
        keys, end = batch.series_keys(conn, "category_region", 3)
        run = conn.execute(sa.select(forecast_runs)).one()
        points = pd.DataFrame(conn.execute(sa.select(forecast_points)).mappings().all())
        metrics = pd.DataFrame(conn.execute(sa.select(forecast_metrics)).mappings().all())
    engine.dispose()
    assert (run.series_count, run.horizon_days, run.history_end) == (3, 14, end)
    assert sorted(points["series_key"].unique()) == sorted(keys)
    assert points.groupby("series_key").size().eq(14).all()
    assert pd.to_datetime(points["ds"]).min() == pd.Timestamp(end) + pd.Timedelta(days=1)
    assert (points["yhat_lower"] <= points["yhat"]).all()
    assert (points["yhat"] <= points["yhat_upper"]).all()
    assert set(metrics["series_key"]) == set(keys)
    assert {"prophet_multiplicative", "auto_ets", "auto_theta", "auto_arima",
            "seasonal_naive"} <= set(metrics["model"])
    assert set(points["model"]) <= set(metrics["model"])  # the chosen one was backtested
    chosen = points.groupby("series_key")["model"].nunique()
    assert chosen.eq(1).all()  # one model per series


def test_batch_skips_a_failing_series(demo_copy, monkeypatch) -> None:
    from cockpit.forecast import selection

    real = selection.forecast_with_selection
    calls = []

    def flaky(history, horizon, *args, **kwargs):
        calls.append(len(history))
        if len(calls) == 2:
            raise ValueError("history too short")
        return real(history, horizon, *args, **kwargs)

    monkeypatch.setattr(selection, "forecast_with_selection", flaky)
    report = batch.run_batch(demo_copy, "category_region", horizon=7, jobs=1, limit=3,
                             progress=False)
    assert report.fitted == 2 and len(report.failed) == 1
    assert "history too short" in next(iter(report.failed.values()))
    assert report.series_per_second > 0
    engine = read_engine(demo_copy)
    with engine.connect() as conn:
        assert conn.execute(sa.select(forecast_runs.c.series_count)).scalar_one() == 2
        stored = set(conn.execute(sa.select(forecast_points.c.series_key).distinct()).scalars())
    engine.dispose()
    assert not stored & set(report.failed)


def test_batch_rejects_bad_arguments(demo_copy) -> None:
    with pytest.raises(ValueError, match="--horizon must be at least 1, got 0"):
        batch.run_batch(demo_copy, "category_region", horizon=0)
    with pytest.raises(ValueError, match="--limit must be at least 1, got -2"):
        batch.run_batch(demo_copy, "category_region", limit=-2)


def test_inventory_uses_stored_sku_forecasts(demo_copy) -> None:
    from cockpit.filters import Filters
    from cockpit.forecast import inventory
    from cockpit.warehouse import write_engine

    reader = read_engine(demo_copy)
    with reader.connect() as conn:
        stock = inventory.demand.latest_stock(conn, Filters(END, END))
        sku = conn.execute(sa.text("SELECT sku FROM products WHERE product_id = :p"),
                           {"p": int(stock["product_id"].iloc[0])}).scalar_one()
    reader.dispose()
    pair = (int(stock["warehouse_id"].iloc[0]), int(stock["product_id"].iloc[0]))
    writer = write_engine(demo_copy)
    store.write_run(writer, "sku_warehouse", 28, END, {f"{sku}|{pair[0]}": _fitted(5.0, 28),
                                                        "NO-SUCH-SKU|1": _fitted(9.0, 28)})
    writer.dispose()
    reader = read_engine(demo_copy)
    with reader.connect() as conn:
        plan = inventory.plan_inputs(conn, Filters(END, END), horizon=28)
    reader.dispose()
    row = plan.set_index(["warehouse_id", "product_id"]).loc[pair]
    assert row["source"] == "forecast"
    assert row["mean_units"] == pytest.approx(5.0)
    assert row["sd_units"] == pytest.approx(2.5632 / store.Z80)
    assert (plan["source"] == "forecast").sum() == 1  # the unknown SKU is ignored
    # a run made with history to END is not the forecast for an earlier end date
    reader = read_engine(demo_copy)
    earlier = END - timedelta(days=7)
    with reader.connect() as conn:
        older = inventory.plan_inputs(conn, Filters(earlier, earlier), horizon=28)
    reader.dispose()
    assert (older["source"] == "history").all()


def test_batch_command_reports_bad_arguments(demo_copy, capsys) -> None:
    assert main(["forecast", "--url", demo_copy, "--horizon", "0", "--quiet"]) == 2
    assert "--horizon must be at least 1, got 0" in capsys.readouterr().err
    missing = demo_copy.replace(".duckdb", "-missing.duckdb")
    assert main(["forecast", "--url", missing, "--limit", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "cannot use the warehouse" in err and "Traceback" not in err
