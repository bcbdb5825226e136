"""Benchmark the demo build and every page's analysis calls on an embedded warehouse:
a DuckDB file, or ClickHouse in process (chDB), or both in one run, side by side.

    python benchmarks/run.py --scale default|large|small|N [--db PATH] [--reuse] [--repeat N]
                             [--engines duckdb clickhouse]

The build and each page run in their own process, so every page's first call is cold (fresh
process, fresh engine) and its peak RSS is its own. Results go to benchmarks/out/ as JSON and
replace this scale's (and engine's) section of the results in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from compare import render_comparison

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
README = HERE / "README.md"
RESULTS_START, RESULTS_END = "<!-- results:start -->", "<!-- results:end -->"
COUNTED_TABLES = ("orders", "order_items", "customers", "live_minutes", "shipments")
CHILD_TIMEOUT_S = 3 * 3600
ENGINES = {"duckdb": "DuckDB", "clickhouse": "ClickHouse (chDB)"}

log = logging.getLogger("benchmarks")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _scale(text: str) -> str | int:
    return int(text) if text.isdigit() else text


# ---- child processes: one build, or one page's calls; each prints one JSON line ----------

def child_build(url: str, scale: str, seed: int, end_date: str | None) -> dict[str, Any]:
    from cockpit.demo.build import build_demo

    started = time.perf_counter()
    report = build_demo(url, scale=_scale(scale), seed=seed,
                        end_date=date.fromisoformat(end_date) if end_date else None)
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": _peak_rss_mb(),
            "end_date": str(report.end_date)}


def _size(result: Any) -> int | None:
    try:
        return len(result)
    except TypeError:
        return None


def _time_call(engine, fn, filters) -> tuple[float, Any]:
    from cockpit.warehouse.engine import connect

    started = time.perf_counter()
    with connect(engine) as conn:
        result = fn(conn, filters)
    return time.perf_counter() - started, result


def _measure(url: str, fn, filters, repeat: int) -> dict[str, Any]:
    from cockpit.warehouse import read_engine

    engine = read_engine(url)  # a fresh engine per call: its first use is the cold one
    try:
        cold, result = _time_call(engine, fn, filters)
        warm = [_time_call(engine, fn, filters)[0] for _ in range(repeat)]
    except Exception as exc:  # report the failure in the row, time the other calls
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    finally:
        engine.dispose()
    return {"cold_ms": cold * 1000, "warm_ms": statistics.median(warm) * 1000,
            "rows": _size(result)}


def _preload(fns) -> None:
    """Import the analysis modules first: the app's launcher has them loaded before a page
    runs, so import time is not part of a page's cold call."""
    for fn in fns:
        try:
            importlib.import_module(getattr(fn, "module", "cockpit"))
        except ImportError:
            log.warning("cannot import %s; its calls will report the error", fn.module)


def child_page(url: str, page: str, windows: dict[str, list[str]], repeat: int
               ) -> dict[str, Any]:
    import pandas  # noqa: F401  (the app has these loaded before any page runs)
    import sqlalchemy  # noqa: F401
    from calls import CALLS

    from cockpit.filters import Filters

    _preload(fn for _, fn in CALLS[page])
    baseline = _rss_mb()
    rows = []
    for window, (start, end) in windows.items():
        filters = Filters(date.fromisoformat(start), date.fromisoformat(end))
        for name, fn in CALLS[page]:
            rows.append({"call": name, "window": window, **_measure(url, fn, filters, repeat)})
    return {"baseline_rss_mb": baseline, "peak_rss_mb": _peak_rss_mb(), "calls": rows}


def child_app(url: str, script: str, repeat: int) -> dict[str, Any]:
    """The whole page script in Streamlit's AppTest on the default filters: the first run
    (cold: empty caches, first queries) and reruns (warm: what a widget click that changes
    no query costs, served by st.cache_data)."""
    os.environ["COCKPIT_DB_URL"] = url
    from streamlit.testing.v1 import AppTest

    from cockpit.serve import preload_cockpit_modules, preload_heavy_modules

    preload_heavy_modules()  # as `python -m cockpit serve` does before the first session
    preload_cockpit_modules()
    at = AppTest.from_file(str(HERE.parent / "app.py"), default_timeout=CHILD_TIMEOUT_S)
    at.query_params["lang"] = "zh"
    at.switch_page(script)
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    problems = [str(e.value)[:200] for e in at.error] + [str(e.value)[:200]
                                                          for e in at.exception]
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    return {"cold_ms": cold * 1000, "warm_ms": statistics.median(warm) * 1000,
            "peak_rss_mb": _peak_rss_mb(), "problems": problems}


def _run_child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT_S, cwd=HERE)
    if done.returncode != 0:
        raise RuntimeError(f"child {args[:2]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- the parent: build or reuse, measure pages, write results ----------------------------

def _warehouse_facts(url: str) -> dict[str, Any]:
    import sqlalchemy as sa

    from cockpit.facts import data_range
    from cockpit.warehouse import clickhouse, read_engine
    from cockpit.warehouse.engine import connect

    engine = read_engine(url)
    with connect(engine) as conn:
        first, last = data_range(conn)
        rows = {t: conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one()
                for t in COUNTED_TABLES}
    engine.dispose()
    clickhouse.release(url)  # chDB: the page processes open the folder after this one
    return {"first_day": str(first), "last_day": str(last), "rows": rows}


def _windows(first: str, last: str) -> dict[str, list[str]]:
    from calls import WINDOWS

    out = {}
    for name, days in WINDOWS.items():
        start = first if days is None else str(max(date.fromisoformat(first),
                                                   date.fromisoformat(last)
                                                   - timedelta(days=days - 1)))
        out[name] = [start, last]
    return out


def _build_or_reuse(args, db: Path, url: str, engine: str) -> dict[str, Any]:
    previous = Path(args.out) / _results_name(args.scale, engine)
    if args.reuse and db.exists():
        log.info("reusing %s", db)
        if previous.exists():
            return json.loads(previous.read_text()).get("build", {}) | {"reused": True}
        return {"reused": True}
    log.info("building %s (scale %s, seed %d)", db, args.scale, args.seed)
    extra = [args.end_date] if args.end_date else []
    return _run_child(["--child-build", url, args.scale, str(args.seed), *extra])


def _label(scale: str) -> str:
    return f"{int(scale):,} orders" if scale.isdigit() else scale


def _section_label(scale: str, engine: str) -> str:
    """The README section's name: the scale alone for DuckDB (the sections kept from before
    engines were compared), the scale and the engine for ClickHouse."""
    return _label(scale) if engine == "duckdb" else f"{_label(scale)}, {ENGINES[engine]}"


def _machine(engine: str) -> str:
    import duckdb

    versions = f"DuckDB {duckdb.__version__}"
    if engine == "clickhouse":
        import chdb

        versions = f"chDB {chdb.__version__}"
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {versions}")


def _target(args, engine: str) -> tuple[Path, str]:
    """Where this engine's warehouse lives (a DuckDB file, a chDB folder) and its URL."""
    out = Path(args.out)
    if engine == "clickhouse":
        folder = Path(args.db or out / f"chdb-{args.scale}").resolve()
        return folder, f"clickhousedb:///cockpit?interface=chdb&path={folder}"
    db = Path(args.db or out / f"cockpit-{args.scale}.duckdb").resolve()
    return db, f"duckdb:///{db}"


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def run(args, engine: str = "duckdb") -> dict[str, Any]:
    from calls import CALLS

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db, url = _target(args, engine)
    results: dict[str, Any] = {"scale": args.scale, "engine": engine, "db": str(db),
                               "machine": _machine(engine), "date": str(date.today()),
                               "repeat": args.repeat}
    results["build"] = _build_or_reuse(args, db, url, engine)
    results["file_mb"] = _size_mb(db)
    results |= _warehouse_facts(url)
    windows = _windows(results["first_day"], results["last_day"])
    results["windows"] = windows
    results["pages"] = {}
    for page in [p for p in args.pages or CALLS if p in CALLS]:  # pages with analysis calls
        log.info("measuring page %s", page)
        results["pages"][page] = _run_child(["--child-page", url, page, json.dumps(windows),
                                             str(args.repeat)])
    results["app"] = {}
    for spec in _registered_pages(args.pages):
        log.info("running page %s in AppTest", spec.key)
        results["app"][spec.key] = _run_child(["--child-app", url, spec.script,
                                               str(args.repeat)])
    (out / _results_name(args.scale, engine)).write_text(json.dumps(results, indent=2))
    return results


def _results_name(scale: str, engine: str) -> str:
    return f"results-{_label(scale)}.json" if engine == "duckdb" else \
        f"results-{_label(scale)}-{engine}.json"


def _registered_pages(only: list[str] | None) -> list[Any]:
    from cockpit.ui.registry import PAGES

    return [spec for spec in PAGES if not only or spec.key in only]


def _fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def render(results: dict[str, Any]) -> str:
    """This scale's README section as Markdown."""
    build = results["build"]
    label = _section_label(results["scale"], results.get("engine", "duckdb"))
    rows = ", ".join(f"{t} {n:,}" for t, n in results["rows"].items())
    built = (f"{_fmt(build.get('seconds'), 1)} s, peak RSS {_fmt(build.get('peak_rss_mb'))} MB"
             if "seconds" in build else "reused an existing warehouse")
    lines = [
        f"### Scale: {label}", "",
        f"Measured {results['date']} on {results['machine']}. Data {results['first_day']} to "
        f"{results['last_day']}; {rows}.", "",
        f"Build: {built}. On disk: {_fmt(results['file_mb'])} MB.", "",
        "| page | call | window | result rows | cold ms | "
        f"warm ms (median of {results['repeat']}) |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for page, measured in results["pages"].items():
        for row in measured["calls"]:
            if "error" in row:
                lines.append(f"| {page} | {row['call']} | {row['window']} | "
                             f"error: {row['error'][:80]} | | |")
                continue
            lines.append(f"| {page} | {row['call']} | {row['window']} | {_fmt(row['rows'])} | "
                         f"{_fmt(row['cold_ms'], 1)} | {_fmt(row['warm_ms'], 1)} |")
    lines += _render_app(results.get("app", {}), results["repeat"])
    lines += ["", "| page process | RSS after imports MB | peak RSS MB |", "| --- | ---: | ---: |"]
    lines += [f"| {page} | {_fmt(m['baseline_rss_mb'])} | {_fmt(m['peak_rss_mb'])} |"
              for page, m in results["pages"].items()]
    return "\n".join(lines)


def _render_app(app: dict[str, Any], repeat: int) -> list[str]:
    if not app:
        return []
    lines = ["", "Whole page script in AppTest, default filters (last 28 days), Chinese:", "",
             f"| page | cold ms | warm rerun ms (median of {repeat}) | peak RSS MB | problems |",
             "| --- | ---: | ---: | ---: | --- |"]
    for page, m in app.items():
        problems = "; ".join(m["problems"])[:120] or "none"
        lines.append(f"| {page} | {_fmt(m['cold_ms'], 0)} | {_fmt(m['warm_ms'], 1)} | "
                     f"{_fmt(m['peak_rss_mb'])} | {problems} |")
    return lines


def update_readme(section: str, label: str, readme: Path = README) -> None:
    """Replace (or add) this scale's section between the results markers."""
    text = readme.read_text() if readme.exists() else ""
    if RESULTS_START not in text:
        text += f"\n## Results\n\n{RESULTS_START}\n{RESULTS_END}\n"
    start, end = f"<!-- bench:{label}:start -->", f"<!-- bench:{label}:end -->"
    block = f"{start}\n{section}\n{end}"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.replace(RESULTS_END, f"{block}\n\n{RESULTS_END}")
    readme.write_text(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="default", help="small, default, large or N orders")
    parser.add_argument("--db", help="DuckDB file or chDB folder (default benchmarks/out/"
                        "cockpit-SCALE.duckdb, benchmarks/out/chdb-SCALE)")
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), default=["duckdb"],
                        help="warehouses to measure; two give a side-by-side table too")
    parser.add_argument("--reuse", action="store_true", help="reuse the file if it exists")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--end-date", help="last day of history, YYYY-MM-DD")
    parser.add_argument("--repeat", type=int, default=5, help="warm repetitions per call")
    parser.add_argument("--pages", nargs="*", help="only these pages (default: all)")
    parser.add_argument("--out", default=str(OUT), help="folder for files and JSON results")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite README.md")
    return parser


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child-build"]:
        print(json.dumps(child_build(*argv[1:4], argv[4] if len(argv) > 4 else None)))
        return 0
    if argv[:1] == ["--child-page"]:
        url, page, windows, repeat = argv[1:5]
        print(json.dumps(child_page(url, page, json.loads(windows), int(repeat))))
        return 0
    if argv[:1] == ["--child-app"]:
        url, script, repeat = argv[1:4]
        print(json.dumps(child_app(url, script, int(repeat))))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args = _parser().parse_args(argv)
    if args.db and len(args.engines) > 1:
        raise SystemExit("--db names one warehouse: give it with one engine only")
    measured = {}
    for engine in args.engines:
        measured[engine] = results = run(args, engine)
        _publish(args, render(results), _section_label(args.scale, engine))
    if len(measured) > 1:
        _publish(args, render_comparison(measured), f"{_label(args.scale)}, engines")
    return 0


def _publish(args, section: str, label: str) -> None:
    print(section)
    if not args.no_readme:
        update_readme(section, label)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
