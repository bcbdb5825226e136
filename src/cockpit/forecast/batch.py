"""Batch forecasting: fit every series of a level in parallel processes and store the run.

The main process reads each series' history (SQL) and hands it to a process pool
(concurrent.futures); fitted forecasts come back as they finish and are written with
`store.write_run` in one transaction after the last fit. A series whose fit fails is
skipped and reported; a failure while writing leaves the warehouse unchanged.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.warehouse import read_engine, write_engine

log = logging.getLogger(__name__)

DEFAULT_HORIZON = 90


@dataclass(frozen=True)
class Fitted:
    """What a worker sends back: the forecast, the model used and the backtest metrics."""

    forecast: pd.DataFrame
    model: str
    metrics: pd.DataFrame


@dataclass
class BatchReport:
    """Outcome of one batch run."""

    level: str
    horizon: int
    history_end: date
    jobs: int
    fitted: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    run_id: int | None = None
    seconds: float = 0.0  # wall time: reading, fitting and writing

    @property
    def series_per_second(self) -> float:
        return self.fitted / self.seconds if self.seconds > 0 else 0.0


def fit_one(key: str, history: pd.DataFrame, horizon: int) -> tuple[str, Fitted | None, str]:
    """Fit one series (runs in a worker); a failure comes back as its message."""
    from cockpit.forecast.model import forecast_with_selection

    try:
        result = forecast_with_selection(history, horizon)
    except Exception as exc:  # one bad series must not sink the run: report it instead
        return key, None, f"{type(exc).__name__}: {exc}"
    return key, Fitted(result.forecast, result.model, result.metrics), ""


def series_keys(conn: sa.Connection, level: str, limit: int | None) -> tuple[list[str], date]:
    """The level's series over all history (largest volume first) and the last order day."""
    from cockpit.facts import data_range
    from cockpit.forecast.series import list_series

    first, last = data_range(conn)
    keys = list_series(conn, level, Filters(first, last))["series_key"].tolist()
    return (keys[:limit] if limit is not None else keys), last


def _histories(conn: sa.Connection, level: str, keys: list[str],
               end: date) -> Iterator[tuple[str, pd.DataFrame]]:
    from cockpit.forecast.series import series_history

    for key in keys:
        yield key, series_history(conn, level, key, end)


def _fit_all(conn: sa.Connection, level: str, keys: list[str], end: date, horizon: int,
             jobs: int, progress: bool) -> Iterator[tuple[str, Fitted | None, str]]:
    """Fitted series as they finish, with a tqdm bar; in-process when jobs == 1."""
    from tqdm import tqdm

    bar = tqdm(total=len(keys), desc=f"forecast {level}", unit="series", disable=not progress)
    with bar:
        if jobs == 1:
            for key, history in _histories(conn, level, keys, end):
                yield fit_one(key, history, horizon)
                bar.update()
            return
        context = multiprocessing.get_context("spawn")  # no forked DuckDB or Stan state
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures: list[Future] = [pool.submit(fit_one, key, history, horizon)
                                     for key, history in _histories(conn, level, keys, end)]
            for future in as_completed(futures):
                yield future.result()
                bar.update()


def run_batch(url: str, level: str, horizon: int = DEFAULT_HORIZON, jobs: int = 1,
              limit: int | None = None, progress: bool = True) -> BatchReport:
    """Forecast every series of `level` (the `limit` largest, if given) `horizon` days ahead
    on `jobs` processes and store the run in one transaction."""
    for option, value in (("--horizon", horizon), ("--jobs", jobs), ("--limit", limit)):
        if value is not None and value < 1:
            raise ValueError(f"{option} must be at least 1, got {value}")
    started = time.perf_counter()
    results: dict[str, Fitted] = {}
    reader = read_engine(url)
    try:
        with reader.connect() as conn:
            keys, end = series_keys(conn, level, limit)
            report = BatchReport(level, horizon, end, jobs)
            for key, fitted, error in _fit_all(conn, level, keys, end, horizon, jobs, progress):
                if fitted is None:
                    report.failed[key] = error
                    log.warning("series %s not forecast: %s", key, error)
                else:
                    results[key] = fitted
    finally:
        reader.dispose()  # DuckDB: the writer below must be the file's only connection
    if results:
        _write(url, report, results)
    report.fitted = len(results)
    report.seconds = time.perf_counter() - started
    return report


def _write(url: str, report: BatchReport, results: dict[str, Fitted]) -> None:
    from cockpit.forecast.store import write_run

    writer = write_engine(url)
    try:
        report.run_id = write_run(writer, report.level, report.horizon, report.history_end,
                                  dict(sorted(results.items())))
    finally:
        writer.dispose()
