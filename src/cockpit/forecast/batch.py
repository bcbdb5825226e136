"""Batch forecasting: fit every series of a level in parallel processes and store the run.

The main process reads each series' history (SQL) and hands it to a `concurrent.futures`
executor: a local process pool, or a Dask distributed cluster's executor
(`distributed.Client(address).get_executor()`) when a scheduler address is given. Workers
get pandas frames and never connect to the warehouse. Fitted forecasts come back as they
finish and are written with `store.write_run` in one transaction after the last fit. A
series whose fit fails is skipped and reported; a failure while writing leaves the
warehouse unchanged.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.warehouse import read_engine, write_engine

log = logging.getLogger(__name__)

DEFAULT_HORIZON = 90
SCHEDULER_TIMEOUT = 10.0  # seconds to wait for a Dask scheduler to answer


class SchedulerUnreachable(Exception):
    """The Dask scheduler given with --scheduler did not answer within the timeout."""

    def __init__(self, address: str, timeout: float) -> None:
        super().__init__(f"no Dask scheduler answered at {address} within {timeout:g} s")
        self.address = address
        self.timeout = timeout


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
    jobs: int  # local processes, or the cluster's worker threads when it started
    fitted: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    run_id: int | None = None
    seconds: float = 0.0  # wall time: reading, fitting and writing
    scheduler: str | None = None  # the Dask scheduler's address, None for local processes

    @property
    def series_per_second(self) -> float:
        return self.fitted / self.seconds if self.seconds > 0 else 0.0


def fit_one(key: str, history: pd.DataFrame, horizon: int) -> tuple[str, Fitted | None, str]:
    """Fit one series (runs in a worker); a failure comes back as its message."""
    from cockpit.forecast.selection import forecast_with_selection

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
             executor: Executor | None, progress: bool) -> Iterator[tuple[str, Fitted | None, str]]:
    """Fitted series as they finish, with a tqdm bar; in-process when there is no executor."""
    from tqdm import tqdm

    bar = tqdm(total=len(keys), desc=f"forecast {level}", unit="series", disable=not progress)
    with bar:
        if executor is None:
            for key, history in _histories(conn, level, keys, end):
                yield fit_one(key, history, horizon)
                bar.update()
            return
        futures: list[Future] = [executor.submit(fit_one, key, history, horizon)
                                 for key, history in _histories(conn, level, keys, end)]
        for future in as_completed(futures):
            yield future.result()
            bar.update()


@contextlib.contextmanager
def _local_pool(jobs: int) -> Iterator[tuple[Executor | None, int]]:
    """`jobs` spawned worker processes (none when jobs == 1: fits run in this process)."""
    if jobs == 1:
        yield None, 1
        return
    context = multiprocessing.get_context("spawn")  # no forked DuckDB or Stan state
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield pool, jobs


def _check_address(address: str) -> None:
    """Raise ValueError unless `address` reads as a scheduler's [scheme://]host:port (checked
    before connecting: a Client that fails on a malformed address hangs at exit)."""
    from distributed.comm import get_address_host_port

    try:
        host, port = get_address_host_port(address)
    except ValueError as exc:
        reason = str(exc)
    else:
        if host and 0 < port < 65536:
            _check_tls(address)
            return
        reason = "no host" if not host else f"port {port} out of range"
    raise ValueError(f"--scheduler {address!r} is not a Dask scheduler address ({reason}); "
                     "give one like tcp://HOST:8786")


def _check_tls(address: str) -> None:
    """Raise ValueError for a tls:// address when the Dask config has no client TLS settings
    (the Client would fail with a TypeError)."""
    from distributed.comm import parse_address
    from distributed.security import Security

    scheme, _ = parse_address(address)
    if scheme == "tls" and Security().get_connection_args("client")["ssl_context"] is None:
        raise ValueError(f"--scheduler {address!r} uses TLS but the Dask config has no TLS "
                         "settings: set distributed.comm.tls.ca-file and client.cert/key "
                         "(or DASK_DISTRIBUTED__COMM__TLS__* variables)")


@contextlib.contextmanager
def _dask_executor(address: str, timeout: float) -> Iterator[tuple[Executor, int]]:
    """The executor of a Dask cluster and its worker threads now; raises ValueError for a
    malformed address and SchedulerUnreachable when no scheduler answers in `timeout` s."""
    from distributed import Client

    _check_address(address)
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except OSError as exc:
        raise SchedulerUnreachable(address, timeout) from exc
    with client, client.get_executor() as executor:
        yield executor, sum(client.nthreads().values())


def _executor(jobs: int, scheduler: str | None,
              timeout: float) -> contextlib.AbstractContextManager[tuple[Executor | None, int]]:
    """The Dask cluster's executor when a scheduler is given, else the local pool."""
    return _local_pool(jobs) if scheduler is None else _dask_executor(scheduler, timeout)


def _check_arguments(horizon: int, jobs: int, limit: int | None, scheduler: str | None,
                     timeout: float) -> None:
    """Raise ValueError, naming the option, for a value the batch cannot use."""
    for option, value in (("--horizon", horizon), ("--jobs", jobs), ("--limit", limit)):
        if value is not None and value < 1:
            raise ValueError(f"{option} must be at least 1, got {value}")
    if scheduler is not None and not scheduler.strip():
        raise ValueError("--scheduler needs the Dask scheduler's address, like tcp://HOST:8786")
    if timeout <= 0:
        raise ValueError(f"--scheduler-timeout must be positive, got {timeout:g}")


def run_batch(url: str, level: str, horizon: int = DEFAULT_HORIZON, jobs: int = 1,
              limit: int | None = None, progress: bool = True, scheduler: str | None = None,
              scheduler_timeout: float = SCHEDULER_TIMEOUT) -> BatchReport:
    """Forecast every series of `level` (the `limit` largest, if given) `horizon` days ahead
    and store the run in one transaction. The fits run on `jobs` local processes, or on the
    Dask cluster whose scheduler is at `scheduler` (then `jobs` is not used).

    Raises ValueError for a bad argument (a malformed scheduler address included) and
    SchedulerUnreachable when the scheduler does not answer; nothing is written then."""
    _check_arguments(horizon, jobs, limit, scheduler, scheduler_timeout)
    started = time.perf_counter()
    with _executor(jobs, scheduler, scheduler_timeout) as (executor, slots):
        report, results = _fit_level(url, level, horizon, limit, executor, progress)
    report.jobs, report.scheduler = slots, scheduler
    if results:
        _write(url, report, results)
    report.fitted = len(results)
    report.seconds = time.perf_counter() - started
    return report


def _fit_level(url: str, level: str, horizon: int, limit: int | None,
               executor: Executor | None, progress: bool) -> tuple[BatchReport, dict[str, Fitted]]:
    """Read the histories, fit them on `executor` and collect the results and failures."""
    results: dict[str, Fitted] = {}
    reader = read_engine(url)
    try:
        with reader.connect() as conn:
            keys, end = series_keys(conn, level, limit)
            report = BatchReport(level, horizon, end, jobs=0)
            for key, fitted, error in _fit_all(conn, level, keys, end, horizon, executor,
                                               progress):
                if fitted is None:
                    report.failed[key] = error
                    log.warning("series %s not forecast: %s", key, error)
                else:
                    results[key] = fitted
    finally:
        reader.dispose()  # DuckDB: the writer below must be the file's only connection
    return report, results


def _write(url: str, report: BatchReport, results: dict[str, Fitted]) -> None:
    from cockpit.forecast.store import write_run

    writer = write_engine(url)
    try:
        report.run_id = write_run(writer, report.level, report.horizon, report.history_end,
                                  dict(sorted(results.items())))
    finally:
        writer.dispose()
