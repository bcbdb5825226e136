"""The Overview's headline numbers two ways on one warehouse: the cockpit's SQL, and a quick
pandas app (the issue's baseline), timed in the server process and with each one's peak RSS.

    python benchmarks/pandas_baseline.py --db PATH [--repeat 5] [--app-root PATH] [--label NAME]

The pandas app pulls the orders table into pandas once through DuckDB's Arrow path (the
columns the Overview needs: order_id, customer_id, ordered_at, order_date, channel, region,
status, total_cny, refunded_cny), adds each order's sale amount and finds every buyer's first
sale order once, then filters and groups in memory. It computes, for the period, the previous
period and the same period last year: GMV, orders, AOV, active customers, repurchase rate, live
share and new customers, and the daily GMV trend by channel, with the cockpit's definitions
(`cockpit.overview.kpis`, `cockpit.facts.order_amounts`: sale statuses only, the amount paid
less any refund, a new customer's first-ever sale order in the period and matching the
filters). The cockpit's `kpis` also computes CAC, AI resolution rate and CO2e per order (three
more tables), which the pandas side leaves out: the comparison favours pandas.

What is timed, each approach in its own child process (so each peak RSS, VmHWM from
/proc/self/status, is its own), on the Overview's default window (the last 28 days of data):

- **First view**. Cockpit: a fresh `read_engine`, then `facts.data_range`, `overview.kpis` and
  `overview.gmv_trend(day)`, each on its own short-lived connection as the app's `query` opens
  them. Pandas: connect, load the orders into a DataFrame, prepare (amounts, first orders), find
  the data end, compute the headline numbers and the trend. Each repeated `--repeat` times
  (the first is the first in the process; later ones find the file in the OS page cache).
- **Filter change** (channel = live_stream, then also region = east). Cockpit: `kpis` and
  `gmv_trend` again on the same engine (what the app runs when its cache misses). Pandas: the
  same numbers recomputed from the DataFrame already in memory.

Times are medians of the repeats, in the process (no browser, no Streamlit). Both sides'
GMV, orders, active and new customers are compared for every period and filter set (the run
fails when they differ). Output: Markdown on stdout, JSON in
benchmarks/out/pandas-baseline-LABEL.json (LABEL: --label, else the file's stem).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
WINDOW_DAYS = 28
LIVE_CHANNELS = ("live_stream", "short_video")  # as cockpit.overview.LIVE_CHANNELS
SALE_STATUSES = ("paid", "returned", "refunded")  # as cockpit.warehouse.schema.SALE_STATUSES
FILTER_CHANGES = (("channel = live_stream", {"channels": ("live_stream",)}),
                  ("+ region = east", {"channels": ("live_stream",), "regions": ("east",)}))
COLUMNS = ("order_id", "customer_id", "ordered_at", "order_date", "channel", "region", "status",
           "total_cny", "refunded_cny")
COMPARED = ("gmv", "orders", "active_customers", "new_customers", "aov", "repurchase_rate",
            "live_share")
CHILD_TIMEOUT_S = 3600


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _periods(start: date, end: date) -> dict[str, tuple[date, date]]:
    """The period, the one before it and the same days a year earlier (as cockpit.filters)."""
    days = (end - start).days + 1

    def minus_year(day: date) -> date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)

    return {"value": (start, end),
            "previous": (start - timedelta(days=days), start - timedelta(days=1)),
            "last_year": (minus_year(start), minus_year(end))}


def _ratio(num: float, den: float) -> float | None:
    return None if not den else num / den


# ---- the cockpit ---------------------------------------------------------------------------

def child_cockpit(url: str, repeat: int) -> dict[str, Any]:
    from cockpit import facts, overview
    from cockpit.filters import Filters
    from cockpit.warehouse import read_engine
    from cockpit.warehouse.engine import connect

    after_imports = _status_mb("VmRSS")

    def call(engine, fn, *args):
        with connect(engine) as conn:
            return fn(conn, *args)

    def headline(kpis, f) -> dict[str, Any]:
        table = kpis.set_index("kpi")
        out = {}
        for name in ("value", "previous", "last_year"):
            col = table[name]
            out[name] = {k: (None if math.isnan(col[k]) else float(col[k]))
                         for k in ("gmv", "orders", "aov", "active_customers", "repurchase_rate",
                                   "live_share")}
        return out

    first_view, f, breakdown = [], None, {}
    for _ in range(repeat):
        started = time.perf_counter()
        engine = read_engine(url)
        _, end = call(engine, facts.data_range)
        f = Filters(end - timedelta(days=WINDOW_DAYS - 1), end)
        kpis = call(engine, overview.kpis, f)
        trend = call(engine, overview.gmv_trend, f, "day")
        first_view.append(time.perf_counter() - started)
        engine.dispose()
    results = {"default": {**headline(kpis, f), "trend_rows": len(trend),
                           "trend_gmv": float(trend["gmv_cny"].sum())}}
    new = {"default": _cockpit_new_customers(engine, f)}
    changes = {}
    for label, dims in FILTER_CHANGES:
        g = Filters(f.start, f.end, **dims)
        times, parts = [], {"kpis": [], "gmv_trend": []}
        for _ in range(repeat):
            started = time.perf_counter()
            kpis = call(engine, overview.kpis, g)
            middle = time.perf_counter()
            trend = call(engine, overview.gmv_trend, g, "day")
            times.append(time.perf_counter() - started)
            parts["kpis"].append(middle - started)
            parts["gmv_trend"].append(times[-1] - (middle - started))
        changes[label] = times
        breakdown[label] = parts
        results[label] = {**headline(kpis, g), "trend_rows": len(trend),
                          "trend_gmv": float(trend["gmv_cny"].sum())}
        new[label] = _cockpit_new_customers(engine, g)
    for key, counts in new.items():
        for name, count in counts.items():
            results[key][name]["new_customers"] = count
    for label, _ in FILTER_CHANGES:  # the part of kpis that counts new customers
        g = Filters(f.start, f.end, **dict(FILTER_CHANGES)[label])
        breakdown[label]["new_customer_counts"] = [
            _timed_new_customers(engine, g)[1] for _ in range(repeat)]
    return {"window": [str(f.start), str(f.end)], "first_view_s": first_view,
            "filter_change_s": changes, "filter_change_parts_s": breakdown,
            "results": results, "rss_after_imports_mb": after_imports,
            "peak_rss_mb": _status_mb("VmHWM")}


def _timed_new_customers(engine, f) -> tuple[dict[str, int], float]:
    """New customers per period as `kpis` counts them (one query), and its seconds."""
    from cockpit import overview
    from cockpit.warehouse.engine import connect

    periods = [f, f.previous_period(), f.same_period_last_year()]
    started = time.perf_counter()
    with connect(engine) as conn:
        counts = overview.new_customer_counts(conn, periods)
    seconds = time.perf_counter() - started
    return dict(zip(("value", "previous", "last_year"), counts, strict=True)), seconds


def _cockpit_new_customers(engine, f) -> dict[str, int]:
    return _timed_new_customers(engine, f)[0]


# ---- the pandas app ------------------------------------------------------------------------

def load_orders(path: str):
    """The orders table as a DataFrame, through DuckDB's Arrow path, plus what every view
    needs once: the sale amount, the sale flag and each buyer's first sale order."""
    import duckdb

    with duckdb.connect(path, read_only=True) as conn:
        table = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM orders").to_arrow_table()
    frame = table.to_pandas(date_as_object=False)
    del table
    frame["sale"] = frame["status"].isin(SALE_STATUSES)
    frame["amount"] = frame["total_cny"].astype("float64") - \
        frame["refunded_cny"].astype("float64").fillna(0.0)
    first = (frame.loc[frame["sale"], ["customer_id", "ordered_at", "order_id", "order_date",
                                       "channel", "region"]]
             .sort_values(["customer_id", "ordered_at", "order_id"])
             .drop_duplicates("customer_id"))
    return frame, first


def _dims(frame, channels: tuple[str, ...], regions: tuple[str, ...]):
    mask = None
    for column, chosen in (("channel", channels), ("region", regions)):
        if chosen:
            hit = frame[column].isin(chosen)
            mask = hit if mask is None else mask & hit
    return mask


def _in_period(frame, lo: date, hi: date):
    days = frame["order_date"]
    return (days >= datetime.combine(lo, datetime.min.time())) & \
        (days <= datetime.combine(hi, datetime.min.time()))


def pandas_view(frame, first, start: date, end: date, channels: tuple[str, ...] = (),
                regions: tuple[str, ...] = ()) -> dict[str, Any]:
    """The Overview's headline numbers for the three periods and the daily trend."""
    out: dict[str, Any] = {}
    dims = _dims(frame, channels, regions)
    first_dims = _dims(first, channels, regions)
    for name, (lo, hi) in _periods(start, end).items():
        mask = frame["sale"] & _in_period(frame, lo, hi)
        if dims is not None:
            mask &= dims
        sub = frame.loc[mask, ["customer_id", "channel", "amount"]]
        gmv = float(sub["amount"].sum())
        per_customer = sub["customer_id"].value_counts()
        live = float(sub.loc[sub["channel"].isin(LIVE_CHANNELS), "amount"].sum())
        known = float(sub.loc[sub["channel"].notna(), "amount"].sum())
        new_mask = _in_period(first, lo, hi)
        if first_dims is not None:
            new_mask &= first_dims
        out[name] = {"gmv": gmv, "orders": float(len(sub)), "aov": _ratio(gmv, len(sub)),
                     "active_customers": float(len(per_customer)),
                     "repurchase_rate": _ratio(float((per_customer >= 2).sum()),
                                               len(per_customer)),
                     "live_share": _ratio(live, known), "new_customers": int(new_mask.sum())}
    mask = frame["sale"] & _in_period(frame, start, end)
    if dims is not None:
        mask &= dims
    trend = (frame.loc[mask].groupby(["order_date", "channel"], dropna=False)["amount"]
             .agg(["sum", "count"]))
    out["trend_rows"] = len(trend)
    out["trend_gmv"] = float(trend["sum"].sum())
    return out


def child_pandas(path: str, repeat: int) -> dict[str, Any]:
    import pandas as pd  # noqa: F401  (imported before the clock, as the app would)
    import pyarrow  # noqa: F401

    after_imports = _status_mb("VmRSS")
    first_view, frame, first, start, end = [], None, None, None, None
    for _ in range(repeat):
        frame = first = None
        gc.collect()
        started = time.perf_counter()
        frame, first = load_orders(path)
        end = frame["order_date"].max().date()
        start = end - timedelta(days=WINDOW_DAYS - 1)
        view = pandas_view(frame, first, start, end)
        first_view.append(time.perf_counter() - started)
    results = {"default": view}
    changes = {}
    for label, dims in FILTER_CHANGES:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            view = pandas_view(frame, first, start, end, **dims)
            times.append(time.perf_counter() - started)
        changes[label] = times
        results[label] = view
    return {"window": [str(start), str(end)], "first_view_s": first_view,
            "filter_change_s": changes, "results": results, "rows_loaded": len(frame),
            "frame_mb": float(frame.memory_usage(deep=True).sum()) / 2**20,
            "rss_after_imports_mb": after_imports, "peak_rss_mb": _status_mb("VmHWM")}


# ---- parent --------------------------------------------------------------------------------

def run_child(kind: str, db: Path, repeat: int, app_root: Path) -> dict[str, Any]:
    path = os.pathsep.join(p for p in (str(app_root / "src"), os.environ.get("PYTHONPATH"))
                           if p)
    env = {**os.environ, "PYTHONPATH": path}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--db", str(db),
               "--repeat", str(repeat)]
    done = subprocess.run(command, cwd=app_root, env=env, capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(cockpit: dict[str, Any], pandas_: dict[str, Any]) -> list[str]:
    """Differences between the two sides' GMV, orders, active and new customers, trend."""
    found = []
    for key, theirs in pandas_["results"].items():
        ours = cockpit["results"][key]
        for period in ("value", "previous", "last_year"):
            for name in COMPARED:
                a, b = ours[period][name], theirs[period][name]
                if (a is None) != (b is None) or (
                        a is not None and not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)):
                    found.append(f"{key} {period} {name}: cockpit {a} pandas {b}")
        for name in ("trend_rows", "trend_gmv"):
            if not math.isclose(ours[name], theirs[name], rel_tol=1e-9, abs_tol=1e-6):
                found.append(f"{key} {name}: cockpit {ours[name]} pandas {theirs[name]}")
    return found


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:,.0f}"


def markdown(result: dict[str, Any]) -> str:
    c, p = result["cockpit"], result["pandas"]
    rows = ["| step | cockpit ms | pandas ms | pandas ÷ cockpit |", "| --- | ---: | ---: | ---: |"]

    def row(label: str, ours: list[float], theirs: list[float]) -> None:
        ratio = statistics.median(theirs) / statistics.median(ours)
        rows.append(f"| {label} | {_ms(ours)} | {_ms(theirs)} | {ratio:.1f}× |")

    n = result["repeat"]
    row("first view, first in the process", c["first_view_s"][:1], p["first_view_s"][:1])
    row(f"first view (median of {n})", c["first_view_s"], p["first_view_s"])
    for label, _ in FILTER_CHANGES:
        row(f"filter change: {label} (median of {n})", c["filter_change_s"][label],
            p["filter_change_s"][label])
    parts = c["filter_change_parts_s"][FILTER_CHANGES[0][0]]
    shares = ", ".join(f"`{name}` {_ms(values)} ms" for name, values in parts.items())
    rows.append(f"| peak RSS of the process, MB | {c['peak_rss_mb']:,.0f} | "
                f"{p['peak_rss_mb']:,.0f} | {p['peak_rss_mb'] / c['peak_rss_mb']:.1f}× |")
    rows.append(f"| RSS after imports, MB | {c['rss_after_imports_mb']:,.0f} | "
                f"{p['rss_after_imports_mb']:,.0f} | |")
    v = c["results"]["default"]["value"]
    checks = ", ".join(f"{k} {v[k]:,.0f}" for k in COMPARED[:4])
    return "\n".join([
        f"Measured {result['measured_at']} on {result['machine']}, cockpit at commit "
        f"{result['commit']}; warehouse {Path(result['db']).name} "
        f"({p['rows_loaded']:,} orders); window {c['window'][0]} to {c['window'][1]}; "
        f"load average {result['load_before']} before, {result['load_after']} after.",
        "",
        *rows,
        "",
        f"Same numbers on both sides for every period and filter set ({checks} in the "
        f"default window). The pandas DataFrame of {p['rows_loaded']:,} orders holds "
        f"{p['frame_mb']:,.0f} MB. The cockpit's first filter change, by call (medians): "
        f"{shares} (`new_customer_counts` is part of `kpis`, timed apart).",
    ])


def commit_of(app_root: Path) -> str:
    if (app_root / "COMMIT").is_file():  # an unpacked archive: `git rev-parse HEAD > COMMIT`
        return (app_root / "COMMIT").read_text().strip()
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=app_root,
                          capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                           cwd=app_root, capture_output=True, text=True).stdout.strip()
    return (done.stdout.strip() or "unknown") + ("+changes" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="DuckDB warehouse file")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="the project checkout whose cockpit package is measured")
    parser.add_argument("--label", help="name of the JSON file (default: the file's stem)")
    parser.add_argument("--child", choices=("cockpit", "pandas"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    db = args.db.resolve()
    if args.child == "cockpit":
        print(json.dumps(child_cockpit(f"duckdb:///{db}", args.repeat)))
        return 0
    if args.child == "pandas":
        print(json.dumps(child_pandas(str(db), args.repeat)))
        return 0
    if not db.is_file():
        parser.error(f"{db} does not exist")
    app_root = args.app_root.resolve()
    result: dict[str, Any] = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "db": str(db), "repeat": args.repeat, "commit": commit_of(app_root),
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    result["cockpit"] = run_child("cockpit", db, args.repeat, app_root)
    result["pandas"] = run_child("pandas", db, args.repeat, app_root)
    result["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    result["differences"] = compare(result["cockpit"], result["pandas"])
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"pandas-baseline-{args.label or db.stem}.json"
    out.write_text(json.dumps(result, indent=2))
    print(markdown(result))
    print(f"\nJSON: {out.relative_to(ROOT)}", file=sys.stderr)
    if result["differences"]:
        print("DIFFERENT RESULTS:\n" + "\n".join(result["differences"]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
