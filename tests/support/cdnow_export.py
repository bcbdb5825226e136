"""The CDNOW sample that the `lifetimes` package ships, written out as a shop's order export
and imported into a fresh DuckDB warehouse with the CLI, as a user would.

The export is the shape of an ERP dump of a US shop: UTF-8 with BOM, Chinese headers
(会员ID, 下单日期 as 1997/1/5, CD数量, 订单金额 in dollars, 币种 USD), one row per order and no
order id (so CDNOW's 21 exact duplicate lines stay, with a warning). Dollars become CNY
with `--fx USD=7` (a whole rate keeps every amount exact to the fen).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from support.cdnow import cdnow_transactions

FX_RATE = 7.0
HEADER = ("会员ID", "下单日期", "CD数量", "订单金额", "币种")
CLI_TIMEOUT_S = 300


@dataclass(frozen=True)
class ImportedCdnow:
    warehouse: Path
    app_store: Path
    export: Path
    orders: pd.DataFrame  # customer_id (text), order_date, amount_cny: what was exported
    stdout: str
    stderr: str


def export_frame() -> pd.DataFrame:
    raw = cdnow_transactions()
    day = raw["order_date"]
    return pd.DataFrame({
        HEADER[0]: raw["customer_id"].astype(str),
        HEADER[1]: day.dt.year.astype(str) + "/" + day.dt.month.astype(str) + "/"
                   + day.dt.day.astype(str),
        HEADER[2]: raw["cds"].astype(str),
        HEADER[3]: raw["amount"].map(lambda v: f"{v:.2f}"),
        HEADER[4]: "USD",
    })


def write_export(path: Path) -> pd.DataFrame:
    """Write the export; returns what it holds, in CNY, for computing expectations."""
    frame = export_frame()
    path.write_bytes(frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig"))
    raw = cdnow_transactions()
    return pd.DataFrame({"customer_id": raw["customer_id"].astype(str),
                         "order_date": raw["order_date"],
                         "amount_cny": (raw["amount"] * FX_RATE).round(2)})


def import_cdnow(folder: Path) -> ImportedCdnow:
    """Export CDNOW into `folder` and import it with `python -m cockpit import`."""
    folder.mkdir(parents=True, exist_ok=True)
    export = folder / "cdnow_orders_1997-1998.csv"
    warehouse = folder / "cdnow.duckdb"
    app_store = folder / "app.sqlite"
    expected = write_export(export)
    env = {**os.environ, "COCKPIT_DB_URL": f"duckdb:///{warehouse}",
           "COCKPIT_APP_DB_URL": f"sqlite:///{app_store}"}
    done = subprocess.run(
        [sys.executable, "-m", "cockpit", "import", str(export), "--fx", f"USD={FX_RATE:g}",
         "--platform", "other", "--quiet"],
        capture_output=True, text=True, env=env, timeout=CLI_TIMEOUT_S,
        stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise AssertionError(f"import exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return ImportedCdnow(warehouse, app_store, export, expected, done.stdout, done.stderr)
