"""Stored forecasts: batch runs written in one transaction, the latest run read back."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol

import pandas as pd
import sqlalchemy as sa

from cockpit.warehouse import rls
from cockpit.warehouse.load import append_frame, create_table, head_order, removed_on_failure
from cockpit.warehouse.schema import forecast_metrics, forecast_points, forecast_runs

log = logging.getLogger(__name__)

TABLES = (forecast_runs, forecast_points, forecast_metrics)
METRICS = ("mape", "wape", "mase")
Z80 = 1.2815515655446004  # the 80% interval spans ±z80 standard deviations


class Fitted(Protocol):
    """What write_run needs of a fitted series (a ForecastResult has it)."""

    forecast: pd.DataFrame  # ds, yhat, yhat_lower, yhat_upper
    model: str
    metrics: pd.DataFrame  # model, mape, wape, mase


def has_tables(conn: sa.Connection) -> bool:
    """True when the warehouse has the forecast tables (an old warehouse may not)."""
    inspector = sa.inspect(conn)
    return all(inspector.has_table(t.name) for t in TABLES)


def ensure_tables(conn: sa.Connection) -> None:
    """Create missing forecast tables, in the loader's form for the dialect."""
    inspector = sa.inspect(conn)
    for table in TABLES:
        if not inspector.has_table(table.name):
            create_table(conn, table)


def _points(run_id: int, key: str, fit: Fitted) -> pd.DataFrame:
    frame = fit.forecast[["ds", "yhat", "yhat_lower", "yhat_upper"]].copy()
    frame["ds"] = pd.to_datetime(frame["ds"]).dt.date
    return frame.assign(run_id=run_id, series_key=key, model=fit.model)


def _metrics(run_id: int, key: str, fit: Fitted) -> pd.DataFrame:
    cols = [m for m in METRICS if m in fit.metrics.columns]
    long = fit.metrics.melt(id_vars="model", value_vars=cols, var_name="metric")
    long = long[long["value"].map(lambda v: v is not None and math.isfinite(float(v)))]
    return long.assign(run_id=run_id, series_key=key, value=long["value"].astype(float))


def write_run(engine: sa.Engine, level: str, horizon: int, history_end: date,
              results: Mapping[str, Fitted]) -> int:
    """Write one run (forecast_runs row, points and backtest metrics of every series) in a
    single transaction; return its run_id. Any failure writes nothing (ClickHouse, without
    transactions: the run row comes last, so readers never find a half-written run, and a
    failure deletes the points written)."""
    with engine.begin() as conn:
        ensure_tables(conn)
        run_id = int(conn.execute(sa.select(sa.func.coalesce(
            sa.func.max(forecast_runs.c.run_id), 0))).scalar_one()) + 1
        run = pd.DataFrame([{"run_id": run_id, "created_at": datetime.now().replace(microsecond=0),
                             "level": level, "horizon_days": int(horizon),
                             "history_end": history_end, "series_count": len(results)}])
        parts = [] if not results else [
            (forecast_points, pd.concat([_points(run_id, k, r) for k, r in results.items()],
                                        ignore_index=True)),
            (forecast_metrics, pd.concat([_metrics(run_id, k, r) for k, r in results.items()],
                                         ignore_index=True))]
        with removed_on_failure(conn, (forecast_points, forecast_metrics), "run_id", run_id):
            for table, frame in head_order(conn, (forecast_runs, run), parts):
                append_frame(conn, table, frame)
        rls.install_for_app(conn)  # PostgreSQL: new forecast tables get policies and grants
    log.info("forecast run %d: %s, %d series, horizon %d", run_id, level, len(results), horizon)
    return run_id


def latest_run(conn: sa.Connection, level: str, horizon: int,
               series_key: str | None = None, history_end: date | None = None) -> int | None:
    """run_id of the newest run of `level` covering at least `horizon` days (and the series,
    and whose history ends on `history_end`, when given); None when there is none or the
    tables are missing."""
    if not has_tables(conn):
        return None
    query = sa.select(sa.func.max(forecast_runs.c.run_id)).where(
        forecast_runs.c.level == level, forecast_runs.c.horizon_days >= horizon)
    if history_end is not None:
        query = query.where(forecast_runs.c.history_end == history_end)
    if series_key is not None:
        query = query.where(sa.exists().where(forecast_points.c.run_id == forecast_runs.c.run_id,
                                              forecast_points.c.series_key == series_key))
    return conn.execute(query).scalar_one()


def read_points(conn: sa.Connection, run_id: int, series_key: str,
                horizon: int) -> pd.DataFrame:
    """The first `horizon` forecast days of one series in a run."""
    p = forecast_points.c
    rows = conn.execute(sa.select(p.ds, p.yhat, p.yhat_lower, p.yhat_upper, p.model).where(
        p.run_id == run_id, p.series_key == series_key).order_by(p.ds).limit(horizon))
    frame = pd.DataFrame(rows.mappings().all(),
                         columns=["ds", "yhat", "yhat_lower", "yhat_upper", "model"])
    return frame.assign(ds=pd.to_datetime(frame["ds"]))


def read_metrics(conn: sa.Connection, run_id: int, series_key: str) -> pd.DataFrame:
    """Backtest metrics of one series in a run: one row per model, columns mape, wape, mase."""
    m = forecast_metrics.c
    rows = conn.execute(sa.select(m.model, m.metric, m.value).where(
        m.run_id == run_id, m.series_key == series_key)).mappings().all()
    long = pd.DataFrame(rows, columns=["model", "metric", "value"])
    wide = long.pivot_table(index="model", columns="metric", values="value", aggfunc="first")
    wide = wide.reindex(columns=list(METRICS))
    wide.columns.name = None
    return wide.reset_index()


def read_forecast(conn: sa.Connection, level: str, series_key: str, horizon: int,
                  history_end: date | None = None) -> Any:
    """The series' forecast from the latest run covering `horizon` days (with history to
    `history_end`, when given), as a `cockpit.forecast.model.ForecastResult`; None when no
    stored run has it."""
    run_id = latest_run(conn, level, horizon, series_key, history_end)
    if run_id is None:
        return None
    points = read_points(conn, run_id, series_key, horizon)
    if len(points) < horizon:
        return None
    from cockpit.forecast.model import ForecastResult

    end = conn.execute(sa.select(forecast_runs.c.history_end).where(
        forecast_runs.c.run_id == run_id)).scalar_one()
    return ForecastResult(forecast=points.drop(columns="model"),
                          model=str(points["model"].iloc[0]),
                          metrics=read_metrics(conn, run_id, series_key),
                          history_end=pd.Timestamp(end))


def stored_series_demand(conn: sa.Connection, level: str, horizon: int,
                         history_end: date | None = None) -> pd.DataFrame:
    """Per series of the latest run of `level` covering `horizon` days (with history to
    `history_end`, when given): mean daily yhat and the daily sd implied by the 80% interval,
    over the first `horizon` days."""
    run_id = latest_run(conn, level, horizon, history_end=history_end)
    cols = ["series_key", "mean_units", "sd_units"]
    if run_id is None:
        return pd.DataFrame(columns=cols)
    p = forecast_points.c
    first = sa.select(sa.func.min(p.ds)).where(p.run_id == run_id).scalar_subquery()
    rank = sa.select(p.series_key, p.yhat, (p.yhat_upper - p.yhat_lower).label("width"),
                     p.ds).where(p.run_id == run_id).subquery()
    from cockpit.warehouse.sql import days_between

    query = (sa.select(rank.c.series_key, sa.cast(sa.func.avg(rank.c.yhat), sa.Double),
                       sa.cast(sa.func.avg(rank.c.width * rank.c.width), sa.Double))
             .where(days_between(first, rank.c.ds) < horizon)
             .group_by(rank.c.series_key))
    frame = pd.DataFrame(conn.execute(query).all(), columns=["series_key", "mean_units", "w2"])
    sd = (frame.pop("w2").astype(float) ** 0.5) / (2 * Z80)
    return frame.assign(mean_units=frame["mean_units"].clip(lower=0), sd_units=sd)[cols]


def stored_pair_demand(conn: sa.Connection, horizon: int,
                       history_end: date | None = None) -> pd.DataFrame:
    """stored_series_demand of the sku_warehouse level (keys "<sku>|<warehouse_id>") keyed by
    warehouse_id and product_id; keys that match no product are dropped."""
    from cockpit.warehouse.schema import products

    frame = stored_series_demand(conn, "sku_warehouse", horizon, history_end)
    cols = ["warehouse_id", "product_id", "mean_units", "sd_units"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    parts = frame["series_key"].str.partition("|")
    ids = dict(conn.execute(sa.select(products.c.sku, products.c.product_id)).all())
    frame["product_id"] = parts[0].map(ids)
    frame["warehouse_id"] = pd.to_numeric(parts[2], errors="coerce")
    frame = frame.dropna(subset=["warehouse_id", "product_id"])
    return frame.astype({"warehouse_id": "int64", "product_id": "int64"})[cols]
