"""A corrupt warehouse file (random bytes, a folder, an empty file, a truncated DuckDB file)
is explained on the page and by `python -m cockpit check`, never as a traceback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from cockpit import cli
from cockpit.ui.guard import corrupt_message, literal
from cockpit.ui.i18n import t
from cockpit.warehouse import WarehouseCorrupt, WarehouseError, check_warehouse, read_engine
from cockpit.warehouse.engine import connect, file_problem, summary
from cockpit.warehouse.schema import REQUIRED_TABLES

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT_S = 120
RAW_MARKERS = ("Traceback", "sqlalche.me", "IOException", "IO Error", "OperationalError",
               "Background on this error")


def _random_bytes(path: Path, demo: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _folder(path: Path, demo: Path) -> None:
    path.mkdir()
    (path / "something.txt").write_text("not a warehouse")


def _empty(path: Path, demo: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path, demo: Path) -> None:
    data = demo.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # a copy cut short: the header is intact


def _sqlite(path: Path, demo: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(4080))  # DuckDB would fetch an extension


CASES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "random_bytes": (_random_bytes, "not_duckdb"),
    "folder": (_folder, "folder"),
    "empty": (_empty, "empty"),
    "truncated": (_truncated, "damaged"),
    "sqlite_file": (_sqlite, "not_duckdb"),
}


@pytest.fixture(params=list(CASES))
def corrupt(request, tmp_path, demo_duckdb_path) -> tuple[Path, str]:
    """A corrupt warehouse at `path` and the reason the message should give."""
    make, reason = CASES[request.param]
    path = tmp_path / "cockpit.duckdb"
    make(path, demo_duckdb_path)
    return path, reason


def test_the_file_is_looked_at_before_duckdb(tmp_path, demo_duckdb_path) -> None:
    assert file_problem(demo_duckdb_path) is None
    for name, (make, reason) in CASES.items():
        path = tmp_path / name
        make(path, demo_duckdb_path)
        assert file_problem(path) == (None if reason == "damaged" else reason), name


def test_every_case_is_warehouse_corrupt_with_the_driver_text_kept_for_the_log(
        corrupt) -> None:
    path, reason = corrupt
    engine = read_engine(f"duckdb:///{path}")
    with pytest.raises(WarehouseCorrupt) as caught:
        check_warehouse(engine)
    exc = caught.value
    assert isinstance(exc, WarehouseError)
    assert exc.code == "warehouse_corrupt"
    assert (exc.path, exc.reason) == (str(path), reason)
    if reason == "damaged":  # what was found stays in `detail` (logged, not shown)
        assert any(word in exc.detail for word in ("Could not read", "checksum", "blocks of"))
    for lang in ("zh", "en"):
        shown = corrupt_message(exc, lang)
        assert not [marker for marker in RAW_MARKERS if marker in shown]
    if reason != "damaged":  # a page's query too (a cut copy: see the test below)
        with pytest.raises(WarehouseCorrupt), connect(engine) as conn:
            conn.execute(sa.text("SELECT 1"))


def test_a_truncated_file_is_caught_by_the_check_and_by_the_page_queries(
        tmp_path, demo_duckdb_path) -> None:
    path = tmp_path / "cut.duckdb"
    _truncated(path, demo_duckdb_path)
    engine = read_engine(f"duckdb:///{path}")
    with pytest.raises(WarehouseCorrupt) as caught:
        check_warehouse(engine)
    # found by the size check when the catalogue survived the cut, else by DuckDB's reader
    detail = caught.value.detail
    assert caught.value.reason == "damaged"
    assert "blocks of" in detail or "Could not read enough bytes" in detail, detail
    with pytest.raises(WarehouseCorrupt), connect(engine) as conn:  # data blocks are gone
        for table in REQUIRED_TABLES:
            conn.execute(sa.text(f'SELECT * FROM "{table}"')).fetchall()


def test_a_file_duckdb_shortened_itself_is_not_truncated(tmp_path) -> None:
    import duckdb

    from cockpit.warehouse.engine import _truncated as truncated

    path = tmp_path / "shrunk.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE kept AS SELECT range AS i FROM range(10)")
        con.execute("CREATE TABLE big AS SELECT range AS i, repeat('x', 100) AS s "
                    "FROM range(2000000)")
        con.execute("CHECKPOINT")
        con.execute("DROP TABLE big")
        con.execute("CHECKPOINT")  # trailing free blocks are cut off the file
    engine = read_engine(f"duckdb:///{path}")
    with connect(engine) as conn:
        assert truncated(conn, path) is None


def test_a_corrupt_block_met_by_a_query_is_corrupt_too(tmp_path) -> None:
    from cockpit.warehouse.engine import _classify

    path = tmp_path / "cockpit.duckdb"
    path.write_bytes(b"x")
    text = ("(_duckdb.Error) Corrupt database file: computed checksum 1 does not match "
            "stored checksum 2 in block at location 12288")
    mapped = _classify(RuntimeError(text), path)
    assert isinstance(mapped, WarehouseCorrupt)
    assert (mapped.reason, mapped.detail) == ("not_duckdb", text)
    named = _classify(RuntimeError(f'IO Error: Could not read from file "{tmp_path}": Is a '
                                   "directory"))
    assert isinstance(named, WarehouseCorrupt) and named.reason == "folder"


def test_summary_is_the_first_line_without_the_driver_prefix() -> None:
    exc = RuntimeError('(psycopg.OperationalError) connection failed: port 1 failed\n\tIs the '
                       "server running?\n(Background on this error at: https://sqlalche.me/)")
    assert summary(exc) == "connection failed: port 1 failed"
    assert summary(WarehouseError("")) == "warehouse_error"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_says_what_is_wrong_and_what_to_do(corrupt, lang, monkeypatch) -> None:
    path, reason = corrupt
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{path}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("overview.title", lang)
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    message = errors[0]
    what = t("guard.corrupt", lang, path=literal(str(path)), why=t(f"guard.corrupt_{reason}", lang))
    assert message == f"{what} {t('guard.corrupt_fix', lang)}"
    assert "python -m cockpit demo" in message and "COCKPIT_DB_URL" in message
    shown = " ".join(str(el.value) for kind in ("error", "caption", "markdown", "info")
                     for el in getattr(at, kind))
    assert not [marker for marker in RAW_MARKERS if marker in shown]
    assert not at.metric  # the page body did not run


@pytest.mark.parametrize("case", ["folder", "empty", "random_bytes"])
def test_first_start_never_builds_over_a_corrupt_default_file(case, tmp_path, demo_duckdb_path,
                                                               monkeypatch) -> None:
    import cockpit.demo.build
    import cockpit.ui.firstrun

    target = tmp_path / "data" / "cockpit.duckdb"
    target.parent.mkdir()
    make, reason = CASES[case]
    make(target, demo_duckdb_path)
    calls = []
    monkeypatch.setattr(cockpit.ui.firstrun, "DEFAULT_DB_PATH", target)
    monkeypatch.setattr(cockpit.demo.build, "build_demo", lambda *a, **k: calls.append(a))
    assert not cockpit.ui.firstrun.needs_demo(f"duckdb:///{target}")
    monkeypatch.setenv("COCKPIT_DB_URL", f"duckdb:///{target}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert calls == []
    assert t(f"guard.corrupt_{reason}", "en") in at.error[0].value
    assert target.exists() and file_problem(target) == reason  # left as it was


def test_first_start_never_builds_over_a_dangling_link(tmp_path) -> None:
    import cockpit.ui.firstrun

    target = tmp_path / "cockpit.duckdb"
    target.symlink_to(tmp_path / "gone.duckdb")
    original = cockpit.ui.firstrun.DEFAULT_DB_PATH
    try:
        cockpit.ui.firstrun.DEFAULT_DB_PATH = target
        assert not cockpit.ui.firstrun.needs_demo(f"duckdb:///{target}")
    finally:
        cockpit.ui.firstrun.DEFAULT_DB_PATH = original


def _check(url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COCKPIT_DB_URL": url}
    return subprocess.run([sys.executable, "-m", "cockpit", "check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_explains_a_corrupt_file_in_one_line(corrupt) -> None:
    path, reason = corrupt
    done = _check(f"duckdb:///{path}")
    assert done.returncode == cli.EXIT_CORRUPT == 3
    assert "Traceback" not in done.stderr + done.stdout
    what = t("guard.corrupt", "en", path=str(path), why=t(f"guard.corrupt_{reason}", "en"))
    assert done.stderr.strip() == (f"warehouse not ready (warehouse_corrupt): {what} "
                                   f"{t('guard.corrupt_fix', 'en')}")
    assert not [marker for marker in RAW_MARKERS if marker in done.stderr]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_check_on_an_unreachable_server_is_one_line() -> None:
    done = _check(f"postgresql+psycopg://nobody@127.0.0.1:{_closed_port()}/cockpit"
                  "?connect_timeout=5")
    assert done.returncode == cli.EXIT_UNREACHABLE == 4
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("warehouse not ready (warehouse_unreachable): "
                               f"{t('guard.unreachable', 'en')} "
                               f"{t('guard.unreachable_fix', 'en')} Detail: ")
    assert "Connection refused" in lines[0] and "sqlalche.me" not in lines[0]


@pytest.mark.parametrize("url", ["not a url", "nosuchdialect://host/db"])
def test_check_on_an_unusable_url_is_one_line(url) -> None:
    done = _check(url)
    assert done.returncode == cli.EXIT_BAD_URL == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("error: the warehouse URL (COCKPIT_DB_URL or --url)")


def test_check_on_a_missing_file_and_a_good_one(tmp_path, demo_duckdb_path) -> None:
    missing = _check(f"duckdb:///{tmp_path / 'absent.duckdb'}")
    assert missing.returncode == cli.EXIT_NOT_READY == 1
    assert missing.stderr.startswith(f"warehouse not ready (warehouse_missing): "
                                     f"{t('guard.missing', 'en')} {t('guard.missing_fix', 'en')}")
    copy = tmp_path / "copy.duckdb"
    shutil.copy(demo_duckdb_path, copy)
    ok = _check(f"duckdb:///{copy}")
    assert (ok.returncode, ok.stdout.splitlines()[0], ok.stderr) == (0, "warehouse ok", "")
    assert "pages, tabs and cards served fully" in ok.stdout  # then what it serves


def test_the_cli_speaks_the_apps_english() -> None:
    for key, text in cli.GUARD_EN.items():
        assert text == t(f"guard.{key}", "en"), key
    assert set(WarehouseCorrupt.REASONS) == {k.removeprefix("corrupt_") for k in cli.GUARD_EN
                                             if k.startswith("corrupt_") and k != "corrupt_fix"}
    for reason in WarehouseCorrupt.REASONS:
        assert t(f"guard.corrupt_{reason}", "zh") != f"guard.corrupt_{reason}"
