"""Time and peak memory of `python -m cockpit import` on a generated order export.

Writes a UTF-8 (or GBK) CSV of N order lines in the generic profile's Chinese headers
(订单号, 客户ID, 下单时间, 实付金额, 订单状态, 省份), then runs the import into a fresh DuckDB
warehouse (or, `--engine clickhouse`, a fresh chDB folder) in a child process and reports wall
seconds and the child's peak RSS (getrusage RUSAGE_CHILDREN). Nothing here is timed inside the
cockpit's own code.

    .venv/bin/python benchmarks/import_bench.py --rows 1000000 [--gbk] [--written] [--keep]
                                                [--engine duckdb|clickhouse]

`--written` writes dates as 2024/3/5 9:05 and amounts as ¥1,234.50 (forms the SQL path
reads through its macros, against plain ISO dates and amounts).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HEADER = ["订单号", "客户ID", "下单时间", "实付金额", "订单状态", "省份"]
PROVINCES = ["广东省", "浙江省", "上海市", "北京市", "四川省", "湖北省", "江苏省", "山东省"]
STATUSES = ["交易成功", "交易成功", "交易成功", "交易关闭", "退款成功"]
CHUNK_ROWS = 500_000


def write_export(path: Path, rows: int, encoding: str, seed: int = 7,
                 written: bool = False) -> int:
    """Write `rows` order lines in chunks (`written`: slashed dates, ¥ and thousands
    commas); returns the file size in bytes."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01").value // 10**9
    with open(path, "w", encoding=encoding, newline="") as out:
        out.write(",".join(HEADER) + "\n")
        for first in range(0, rows, CHUNK_ROWS):
            n = min(CHUNK_ROWS, rows - first)
            ids = np.arange(first, first + n) + 10**15
            stamps = pd.to_datetime(start + rng.integers(0, 700 * 86400, n), unit="s")
            amounts = rng.gamma(2.0, 80.0, n).round(2)
            chunk = pd.DataFrame({
                "订单号": ids.astype(str),
                "客户ID": "buyer_" + rng.integers(0, max(rows // 8, 1), n).astype(str),
                "下单时间": (stamps.strftime("%Y/%-m/%-d %-H:%M") if written
                          else stamps.strftime("%Y-%m-%d %H:%M:%S")),
                "实付金额": ([f"¥{a * 10:,.2f}" for a in amounts] if written
                          else amounts.astype(str)),
                "订单状态": rng.choice(STATUSES, n),
                "省份": rng.choice(PROVINCES, n),
            })
            chunk.to_csv(out, header=False, index=False)
    return path.stat().st_size


WAREHOUSE_URLS = {
    "duckdb": "duckdb:///{folder}/warehouse.duckdb",
    "clickhouse": "clickhousedb:///cockpit?interface=chdb&path={folder}/chdb",
}


def run_import(export: Path, folder: Path, engine: str = "duckdb") -> tuple[float, float, int]:
    """Wall seconds, child peak RSS in MB and the exit code of one import."""
    env = {**os.environ, "COCKPIT_APP_DB_URL": f"sqlite:///{folder / 'app.sqlite'}"}
    command = [sys.executable, "-m", "cockpit", "import", str(export), "--quiet",
               "--url", WAREHOUSE_URLS[engine].format(folder=folder)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
    return seconds, peak_mb, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--gbk", action="store_true", help="write the export in GBK")
    parser.add_argument("--written", action="store_true",
                        help="dates as 2024/3/5 9:05, amounts as ¥1,234.50")
    parser.add_argument("--keep", action="store_true", help="keep the files")
    parser.add_argument("--engine", choices=list(WAREHOUSE_URLS), default="duckdb",
                        help="the warehouse imported into")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cockpit-import-bench-"))
    export = folder / "orders.csv"
    size = write_export(export, args.rows, "gbk" if args.gbk else "utf-8",
                        written=args.written)
    seconds, peak_mb, code = run_import(export, folder, args.engine)
    print(f"{args.engine}  rows {args.rows:,}  file {size / 1e6:,.0f} MB  "
          f"{'GBK' if args.gbk else 'UTF-8'}  "
          f"{'written forms  ' if args.written else ''}import {seconds:,.1f} s  "
          f"peak RSS {peak_mb:,.0f} MB  exit {code}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
