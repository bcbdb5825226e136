"""Shared fixtures: a PostgreSQL server, empty warehouses and small demo warehouses per dialect.

Dialect-parametrized fixtures run every test on the embedded DuckDB file and on a real
PostgreSQL server. Without PostgreSQL installed the postgres cases are skipped, except
under CI=true, where they fail so a missing install step cannot hide.
"""

from __future__ import annotations

import datetime as dt
import glob
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

DIALECTS = ["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres),
            pytest.param("clickhouse", marks=pytest.mark.clickhouse)]
DEMO_SEED = 7
DEMO_END_DATE = dt.date(2026, 11, 24)
PG_CTL_GLOB = "/usr/lib/postgresql/*/bin/pg_ctl"
PG_USER = "postgres"
_db_counter = itertools.count()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def find_pg_ctl() -> Path | None:
    """The newest installed pg_ctl, or None."""
    found = [Path(p) for p in glob.glob(PG_CTL_GLOB) if Path(p).parts[-3].isdigit()]
    return max(found, key=lambda p: int(p.parts[-3]), default=None)


def _skip_or_fail(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests must run)", pytrace=False)
    pytest.skip(reason)


def _root_wrapper(pg_ctl: Path, base: Path) -> Path:
    """PostgreSQL refuses to run as root: run pg_ctl as the postgres user from `base`."""
    wrapper = base / "pg_ctl_as_postgres"
    wrapper.write_text(f'#!/bin/sh\ncd "{base}" || exit 1\n'
                       f'exec runuser -u {PG_USER} -- "{pg_ctl}" "$@"\n')
    wrapper.chmod(0o755)
    shutil.chown(base, user=PG_USER, group=PG_USER)
    return wrapper


@pytest.fixture(scope="session")
def postgresql_proc() -> Iterator:
    """A PostgreSQL server for the session: pytest-postgresql's executor on the installed
    binaries. Not its `factories.postgresql_proc`: that puts the data directory under
    pytest's private temp folder, which the postgres user cannot reach when the tests run
    as root (as CI does), and PostgreSQL refuses to run as root."""
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        _skip_or_fail(f"PostgreSQL is not installed (no {PG_CTL_GLOB})")
    from port_for import get_port
    from pytest_postgresql.executors import PostgreSQLExecutor

    base = Path(tempfile.mkdtemp(prefix="cockpit-pg-"))
    executable = _root_wrapper(pg_ctl, base) if os.geteuid() == 0 else pg_ctl
    executor = PostgreSQLExecutor(
        executable=str(executable), host="127.0.0.1", port=get_port(None),
        datadir=str(base / "data"), unixsocketdir=str(base), logfile=str(base / "server.log"),
        startparams="-w", dbname="cockpit", user=PG_USER, timeout=120,
        postgres_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
    )
    try:
        try:
            executor.start()
            executor.wait_for_postgres()
        except Exception as exc:
            log = base / "server.log"
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            pytest.fail(f"PostgreSQL did not start: {exc}\n{tail}", pytrace=False)
        yield executor
    finally:
        try:
            executor.stop()
        finally:
            shutil.rmtree(base, ignore_errors=True)


def _pg_url(proc, dbname: str) -> str:
    return f"postgresql+psycopg://{proc.user}@{proc.host}:{proc.port}/{dbname}"


def _janitor(proc, dbname: str):
    from pytest_postgresql.janitor import DatabaseJanitor

    return DatabaseJanitor(user=proc.user, host=proc.host, port=proc.port, dbname=dbname,
                           password=proc.password)


@pytest.fixture(params=DIALECTS)
def empty_warehouse(request, tmp_path) -> Iterator[sa.Engine]:
    """A write engine on a fresh warehouse with every table created and empty."""
    if request.param == "duckdb":
        yield from _empty(f"duckdb:///{tmp_path / 'empty.duckdb'}")
        return
    if request.param == "clickhouse":
        yield from _empty_clickhouse(request.getfixturevalue("chdb_path"))
        return
    proc = request.getfixturevalue("postgresql_proc")
    dbname = f"cockpit_empty_{next(_db_counter)}"
    with _janitor(proc, dbname):
        yield from _empty(_pg_url(proc, dbname))


def _empty(url: str) -> Iterator[sa.Engine]:
    from cockpit.warehouse import write_engine
    from cockpit.warehouse.load import create_schema

    engine = write_engine(url)
    with engine.begin() as conn:
        create_schema(conn)
    yield engine
    engine.dispose()


def _empty_clickhouse(path: str) -> Iterator[sa.Engine]:
    """A fresh database of this process's chDB, dropped afterwards."""
    from cockpit.warehouse import clickhouse, write_engine

    dbname = f"cockpit_empty_{next(_db_counter)}"
    url = chdb_url(path, dbname)
    engine = write_engine(url)
    clickhouse.create_database(engine)
    try:
        yield from _empty(url)
    finally:
        clickhouse.drop_database(engine, dbname)
        engine.dispose()


def _build(url: str) -> None:
    from cockpit.demo.build import build_demo

    build_demo(url, scale="small", seed=DEMO_SEED, end_date=DEMO_END_DATE)


@pytest.fixture(scope="session")
def demo_duckdb_path(tmp_path_factory) -> Path:
    """The small demo warehouse as a DuckDB file, built once per session."""
    path = tmp_path_factory.mktemp("demo") / "cockpit.duckdb"
    _build(f"duckdb:///{path}")
    return path


@pytest.fixture(scope="session")
def demo_postgres_url(request) -> Iterator[str]:
    """The small demo warehouse in its own PostgreSQL database, built once per session."""
    proc = request.getfixturevalue("postgresql_proc")
    with _janitor(proc, "cockpit_demo"):
        url = _pg_url(proc, "cockpit_demo")
        _build(url)
        yield url


@pytest.fixture(scope="session")
def chdb_path(tmp_path_factory) -> str:
    """The one chDB data folder of this test process (chDB runs one engine per process, on
    one path; each xdist worker has its own basetemp, hence its own path). Fixtures keep
    apart by database, not by path."""
    return str(tmp_path_factory.mktemp("chdb"))


def chdb_url(path: str, database: str) -> str:
    return f"clickhousedb:///{database}?interface=chdb&path={path}"


@pytest.fixture(scope="session")
def demo_clickhouse_url(chdb_path) -> str:
    """The small demo warehouse in database cockpit_demo of this process's chDB."""
    url = chdb_url(chdb_path, "cockpit_demo")
    _build(url)
    return url


@pytest.fixture(scope="session", params=DIALECTS)
def demo_warehouse(request) -> Iterator[sa.Engine]:
    """A read engine on the small demo warehouse (seed 7, ending 2026-11-24)."""
    from cockpit.warehouse import read_engine

    if request.param == "duckdb":
        url = f"duckdb:///{request.getfixturevalue('demo_duckdb_path')}"
    elif request.param == "clickhouse":
        url = request.getfixturevalue("demo_clickhouse_url")
    else:
        url = request.getfixturevalue("demo_postgres_url")
    engine = read_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def app_store_url(tmp_path_factory) -> str:
    """Tests (and the servers they start) keep their app store in a temporary SQLite file,
    never the project's data/app.sqlite."""
    url = f"sqlite:///{tmp_path_factory.mktemp('appstore') / 'app.sqlite'}"
    os.environ["COCKPIT_APP_DB_URL"] = url
    return url


@pytest.fixture
def import_stores(tmp_path, monkeypatch) -> None:
    """The Import page's app store and upload folder in this test's tmp, never under data/."""
    monkeypatch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.setenv("COCKPIT_UPLOAD_DIR", str(tmp_path / "uploads"))
