"""The batch on a Dask distributed cluster: the same stored run as the local process pool, and
one `error:` line (never a traceback, nothing written) for a scheduler that cannot be used."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.cli import main
from cockpit.commands.forecast import EXIT_BAD_ARGS, EXIT_UNREACHABLE
from cockpit.warehouse import read_engine
from cockpit.warehouse.schema import forecast_metrics, forecast_points, forecast_runs

# The cluster runs in its own interpreter, as the batch command does in these tests: spawned
# workers re-import the parent's __main__, which other tests in this process (AppTest scripts)
# may have replaced. It prints its scheduler's address, then lives until its stdin closes.
CLUSTER = """
import sys
from distributed import LocalCluster

if __name__ == "__main__":
    with LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                      dashboard_address=None) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()
"""
SERIES = ["--level", "category_region", "--horizon", "7", "--limit", "2", "--quiet"]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local two-worker Dask cluster, one per module."""
    proc = subprocess.Popen([sys.executable, "-c", CLUSTER], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("tcp://"), f"the cluster did not start: {address!r}"
        yield address
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _copy(demo_duckdb_path: Path, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.duckdb"
    shutil.copy(demo_duckdb_path, path)
    return f"duckdb:///{path}"


def _forecast(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """`python -m cockpit forecast ARGS` in its own interpreter, and its wall time."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cockpit", "forecast", *args],
                          capture_output=True, text=True, timeout=600, check=False)
    return done, time.perf_counter() - started


def _stored(url: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The run's points and metrics, without the run id, in key order."""
    engine = read_engine(url)
    with engine.connect() as conn:
        points = pd.DataFrame(conn.execute(sa.select(forecast_points)).mappings().all())
        metrics = pd.DataFrame(conn.execute(sa.select(forecast_metrics)).mappings().all())
    engine.dispose()
    points = points.drop(columns="run_id").sort_values(["series_key", "ds"])
    metrics = metrics.drop(columns="run_id").sort_values(["series_key", "model", "metric"])
    return points.reset_index(drop=True), metrics.reset_index(drop=True)


def _runs(url: str) -> int:
    """Stored runs (0 when the forecast tables were never created)."""
    engine = read_engine(url)
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(forecast_runs.name):
            count = 0
        else:
            count = conn.execute(sa.select(sa.func.count()).select_from(forecast_runs)).scalar()
    engine.dispose()
    return count


def _assert_same(local: pd.DataFrame, dask: pd.DataFrame, keys: list[str],
                 values: list[str]) -> None:
    assert len(local) == len(dask) > 0
    pd.testing.assert_frame_equal(local[keys], dask[keys])
    np.testing.assert_allclose(dask[values].to_numpy(float), local[values].to_numpy(float),
                               rtol=1e-9, atol=0)


def test_dask_cluster_stores_the_same_run_as_the_pool(scheduler, demo_duckdb_path,
                                                      tmp_path) -> None:
    pool_url = _copy(demo_duckdb_path, tmp_path, "pool")
    dask_url = _copy(demo_duckdb_path, tmp_path, "dask")
    pool, pool_wall = _forecast("--url", pool_url, "--jobs", "2", *SERIES)
    dask, dask_wall = _forecast("--url", dask_url, "--scheduler", scheduler, *SERIES)
    assert pool.returncode == 0, pool.stderr[-2000:]
    assert dask.returncode == 0, dask.stderr[-2000:]
    assert "on 2 processes" in pool.stdout
    assert f"on the Dask cluster at {scheduler} (2 worker threads)" in dask.stdout
    seconds = [float(re.search(r" in ([\d.]+) s ", d.stdout)[1]) for d in (pool, dask)]
    print(f"\n2 series, 7 days: pool --jobs 2 {seconds[0]:.1f} s in the command "
          f"({pool_wall:.1f} s with interpreter start), LocalCluster 2x1 {seconds[1]:.1f} s "
          f"({dask_wall:.1f} s)")
    (pool_points, pool_metrics), (dask_points, dask_metrics) = _stored(pool_url), _stored(dask_url)
    assert pool_points["series_key"].nunique() == 2
    _assert_same(pool_points, dask_points, ["series_key", "ds", "model"],
                 ["yhat", "yhat_lower", "yhat_upper"])
    _assert_same(pool_metrics, dask_metrics, ["series_key", "model", "metric"], ["value"])
    assert _runs(pool_url) == _runs(dask_url) == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_scheduler_is_one_error_line(demo_duckdb_path, tmp_path) -> None:
    url = _copy(demo_duckdb_path, tmp_path, "unreachable")
    address = f"tcp://127.0.0.1:{_free_port()}"
    done, wall = _forecast("--url", url, "--scheduler", address, "--scheduler-timeout", "1",
                           *SERIES)
    assert done.returncode == EXIT_UNREACHABLE
    assert done.stderr.startswith(f"error: cannot reach the Dask scheduler at {address}")
    assert "dask scheduler" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stdout == ""
    assert wall < 60
    assert _runs(url) == 0


@pytest.mark.parametrize("address, reason", [
    ("localhost", "is not a Dask scheduler address (missing port number"),
    ("http://localhost:8786", "is not a Dask scheduler address (unknown address scheme 'http'"),
    ("tcp://localhost:99999", "is not a Dask scheduler address (port 99999 out of range)"),
    ("tls://localhost:8786", "uses TLS but the Dask config has no TLS settings"),
])
def test_malformed_scheduler_address_is_one_error_line(demo_duckdb_path, tmp_path, address,
                                                       reason) -> None:
    url = _copy(demo_duckdb_path, tmp_path, "malformed")
    done, _ = _forecast("--url", url, "--scheduler", address, *SERIES)
    assert done.returncode == EXIT_BAD_ARGS
    assert done.stderr.startswith(f"error: --scheduler {address!r} {reason}")
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr  # no exit-time traceback
    assert _runs(url) == 0


def test_jobs_with_scheduler_is_refused(capsys) -> None:
    assert main(["forecast", "--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2",
                 "--quiet"]) == EXIT_BAD_ARGS
    err = capsys.readouterr().err
    assert err.startswith("error: --jobs sets local processes and cannot be used with "
                          "--scheduler")
    assert main(["forecast", "--scheduler", " ", "--quiet"]) == EXIT_BAD_ARGS
    assert "needs the Dask scheduler's address" in capsys.readouterr().err
