"""The benchmark harness measures every registered call and keeps other scales' results."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.config import PROJECT_ROOT

BENCH = PROJECT_ROOT / "benchmarks"


@pytest.fixture(scope="module")
def bench_run():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    sys.path.remove(str(BENCH))


def test_readme_section_is_replaced_and_other_scales_kept(bench_run, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Bench\n\nintro\n\n{bench_run.RESULTS_START}\n{bench_run.RESULTS_END}\n")
    bench_run.update_readme("default v1", "default", readme)
    bench_run.update_readme("large v1", "large", readme)
    bench_run.update_readme("default v2", "default", readme)
    text = readme.read_text()
    assert "default v1" not in text
    assert text.count("default v2") == 1 and text.count("large v1") == 1
    assert text.index("default v2") < text.index("large v1") < text.index(bench_run.RESULTS_END)
    assert text.startswith("# Bench\n\nintro\n")


def test_harness_times_every_call_on_the_demo_warehouse(demo_duckdb_path: Path,
                                                        tmp_path: Path, bench_run) -> None:
    args = [sys.executable, str(BENCH / "run.py"), "--scale", "small", "--db",
            str(demo_duckdb_path), "--reuse", "--out", str(tmp_path), "--no-readme",
            "--repeat", "2"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "results-small.json").read_text())
    assert results["rows"]["orders"] > 0
    assert set(results["pages"]) == set(bench_run_calls())
    for page, measured in results["pages"].items():
        assert measured["peak_rss_mb"] >= measured["baseline_rss_mb"] > 0
        expected = {(name, window) for name, _ in bench_run_calls()[page]
                    for window in results["windows"]}
        assert {(row["call"], row["window"]) for row in measured["calls"]} == expected
        for row in measured["calls"]:
            assert "error" not in row, row
            assert row["cold_ms"] > 0 and row["warm_ms"] > 0
    assert "| overview | kpis | 28d |" in done.stdout
    from cockpit.ui.registry import PAGES

    assert set(results["app"]) == {spec.key for spec in PAGES}
    for page, measured in results["app"].items():
        assert measured["problems"] == [], (page, measured["problems"])
        assert measured["cold_ms"] > 0 and measured["warm_ms"] > 0


def bench_run_calls() -> dict:
    from calls import CALLS

    return CALLS


def _measured(cold_ms: float, warm_calls_ms: list[float], failed: bool = False) -> dict:
    calls = [{"call": f"c{i}", "window": "28d", "warm_ms": ms, "cold_ms": ms}
             for i, ms in enumerate(warm_calls_ms)]
    if failed:
        calls.append({"call": "broken", "window": "all", "error": "Boom"})
    return {"scale": "small", "date": "2026-12-08", "build": {"seconds": 4.0}, "file_mb": 12.0,
            "pages": {"overview": {"calls": calls}},
            "app": {"overview": {"cold_ms": cold_ms, "warm_ms": 30.0}}}


def test_engines_side_by_side_sum_each_pages_calls_and_mark_failures(bench_run) -> None:
    from compare import render_comparison

    text = render_comparison({"duckdb": _measured(500, [10, 15]),
                              "clickhouse": _measured(900, [40, 2], failed=True)})
    row = next(line for line in text.splitlines() if line.startswith("| overview |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells == ["overview", "500 / 900", "30 / 30", "25 / 42", "– / –"]
    assert "DuckDB / chDB" in text and "chDB 4.0 s" in text
