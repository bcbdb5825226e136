"""Uploads do not pile up: the upload folder's helpers (remove one upload, sweep old ones,
never touch anything outside it), and the Import page removing the session's previous upload
when another file is chosen or the upload is cleared, and a finished import's upload and
worker output."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import assert_clean, open_page

from cockpit.ui.import_data.review import save_upload, upload_dir
from cockpit.ui.import_data.uploads import (
    MAX_AGE_S,
    remove_files,
    remove_upload,
    sweep_uploads,
    touch_upload,
    upload_folder,
)

SCRIPT = "pages/import.py"
CSV_A = "订单号,客户ID,下单时间,实付金额,订单状态\nA1,c1,2026-11-01 10:00:00,120.50,交易成功\n"
CSV_B = "订单号,客户ID,下单时间,实付金额,订单状态\nB1,c2,2026-11-02 11:00:00,80,交易成功\n"


pytestmark = pytest.mark.usefixtures("import_stores")


def _age(path: Path, seconds: float) -> None:
    """Make `path` (and what it holds) look `seconds` old."""
    stamp = time.time() - seconds
    for item in [*path.rglob("*"), path] if path.is_dir() else [path]:
        os.utime(item, (stamp, stamp))


def _uploads() -> set[str]:
    """The upload folders there are (not the workers' output folder)."""
    root = upload_dir()
    return {p.name for p in root.iterdir() if p.name != "jobs"} if root.is_dir() else set()


def test_remove_upload_takes_its_folder_and_nothing_else(tmp_path):
    first, second = save_upload(b"a,b\n1,2\n", "a.csv"), save_upload(b"c,d\n3,4\n", "b.csv")
    (first.parent / "mapping-x.toml").write_text("", "utf-8")  # a review's mapping file
    assert upload_folder(first) == first.parent.resolve()
    assert remove_upload(first) and not first.parent.exists()
    assert second.exists() and not remove_upload(first)  # gone already: nothing to do
    outside = tmp_path / "elsewhere" / "orders.csv"
    outside.parent.mkdir()
    outside.write_text("x", "utf-8")
    assert upload_folder(outside) is None and not remove_upload(outside) and outside.exists()
    jobs = upload_dir() / "jobs" / "run.out"
    jobs.parent.mkdir()
    jobs.write_text("done", "utf-8")
    assert upload_folder(jobs) is None and not remove_upload(jobs) and jobs.exists()
    assert not remove_upload(upload_dir()) and upload_dir().exists()  # the root itself
    remove_files([jobs, jobs])
    assert not jobs.exists()


def test_sweep_removes_only_what_is_older_than_a_day():
    old, fresh = save_upload(b"old\n", "old.csv"), save_upload(b"fresh\n", "fresh.csv")
    started = save_upload(b"importing\n", "big.csv")
    jobs = upload_dir() / "jobs"
    jobs.mkdir()
    old_output, new_output = jobs / "1.out", jobs / "2.out"
    old_output.write_text("", "utf-8")
    new_output.write_text("", "utf-8")
    for path in (old.parent, started.parent, old_output):
        _age(path, MAX_AGE_S + 60)
    touch_upload(started)  # an import starts on it: not swept under the worker
    removed = sweep_uploads()
    assert set(removed) == {old.parent, old_output}
    assert not old.exists() and fresh.exists() and started.exists() and new_output.exists()
    assert sweep_uploads() == []
    later = sweep_uploads(now=time.time() + MAX_AGE_S + 60)  # a day later: the rest
    assert set(later) == {fresh.parent, started.parent, new_output}


def test_sweep_without_an_upload_folder_is_a_no_op():
    assert not upload_dir().exists() and sweep_uploads() == []


def _open(path: Path, monkeypatch) -> AppTest:
    return open_page(path, monkeypatch, SCRIPT, "en")


def _upload(at: AppTest, text: str, name: str) -> AppTest:
    at.file_uploader(key="import_upload").set_value((name, text.encode("utf-8"), "text/csv"))
    return assert_clean(at.run())


def test_a_new_upload_or_a_cleared_one_removes_the_previous(tmp_path, monkeypatch):
    at = _open(tmp_path / "fresh.duckdb", monkeypatch)
    _upload(at, CSV_A, "a.csv")
    [first] = _uploads()
    _upload(at, CSV_B, "b.csv")
    [second] = _uploads()
    assert second != first
    at.file_uploader(key="import_upload").set_value(None)
    assert_clean(at.run())
    assert _uploads() == set()


def test_the_page_sweeps_old_uploads_when_it_opens(tmp_path, monkeypatch):
    left = save_upload(CSV_A.encode(), "left_behind.csv")
    _age(left.parent, MAX_AGE_S + 60)
    _open(tmp_path / "fresh.duckdb", monkeypatch)
    assert not left.exists()


def test_an_import_removes_its_upload_and_output_when_the_worker_ends(tmp_path, monkeypatch):
    path = tmp_path / "fresh.duckdb"
    at = _open(path, monkeypatch)
    _upload(at, CSV_A, "a.csv")
    [before] = _uploads()
    saved = at.session_state["import_saved"][1]
    marker = saved.parent / "marker"  # goes when the folder is removed
    marker.write_text("", "utf-8")
    at.button(key="import_confirm").click().run()
    assert_clean(at)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM orders").fetchone() == (1,)
    assert list((upload_dir() / "jobs").iterdir()) == []  # the worker's output, read
    # removed, then saved again (a new file) since the page still shows it for its
    # review, with nothing new to import now ...
    assert _uploads() == {before} and saved.exists() and not marker.exists()
    assert at.button(key="import_confirm").disabled
    # ... and removed as soon as the page no longer shows it
    at.file_uploader(key="import_upload").set_value(None)
    assert_clean(at.run())
    assert _uploads() == set()


def test_two_sessions_uploading_the_same_bytes_keep_folders_of_their_own():
    data = b"order_id,total\n1,9.9\n"
    mine, theirs = save_upload(data, "a.csv", owner="file-1"), save_upload(data, "a.csv",
                                                                           owner="file-2")
    assert mine.parent != theirs.parent
    assert save_upload(data, "a.csv", owner="file-1") == mine  # saved once per session
    assert remove_upload(mine) and theirs.read_bytes() == data  # the other's stays
