"""`python -m cockpit clv`: BG/NBD + Gamma-Gamma CLV from an order export (CSV, Excel, Parquet)."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

NAME = "clv"
HELP = "fit BG/NBD + Gamma-Gamma on an order export; write params.json and customers.csv"
OUTPUTS = ("customers.csv", "holdout.csv", "params.json")  # all --out may ever hold
DEFAULT_TIMEZONE = "Asia/Shanghai"  # cockpit.ingest.values.LOCAL_TIMEZONE, without pandas


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from exc


def _timezone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r} (for example "
                                         "Asia/Shanghai or UTC)") from exc
    return text


def add_date_options(parser: argparse.ArgumentParser) -> None:
    """--dayfirst / --monthfirst and --timezone, as every command that reads exports has them."""
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="dayfirst", action="store_true", default=None,
                       help="read dates like 03-01-2024 as 3 January 2024")
    order.add_argument("--monthfirst", dest="dayfirst", action="store_false", default=None,
                       help="read dates like 03-01-2024 as March 1, 2024")
    parser.add_argument("--timezone", type=_timezone, default=DEFAULT_TIMEZONE,
                        help="local time of the shop: timestamps with an offset are converted "
                             f"to it, those without are taken as local (default "
                             f"{DEFAULT_TIMEZONE})")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--orders", required=True, type=Path,
                        help="order export with customer_id, order_date (date or timestamp), "
                             "amount (or 客户ID, 下单时间, 金额, ...): CSV/TSV in UTF-8, "
                             "UTF-16 or GBK/GB18030, Excel .xlsx/.xls, or Parquet")
    parser.add_argument("--calibration-end", required=True, type=_day,
                        help="last day of the data the models are fitted on, YYYY-MM-DD")
    parser.add_argument("--holdout-end", type=_day, default=None,
                        help="last day of a holdout window after --calibration-end: compare "
                             "predicted and actual repeat purchases in it (holdout.csv)")
    parser.add_argument("--horizon-days", type=int, default=90,
                        help="days ahead for expected purchases and CLV (default 90)")
    add_date_options(parser)
    parser.add_argument("--out", required=True, type=Path,
                        help="output directory; replaced as a whole by the new results (it "
                             "may hold only earlier outputs of this command)")


def run(args: argparse.Namespace) -> int:
    from cockpit.clv.orders_csv import read_orders
    from cockpit.ingest.problems import IngestError

    try:
        _check_dates(args)
        _check_out(args.out)
        read = read_orders(args.orders, dayfirst=args.dayfirst, timezone=args.timezone)
        for problem in read.warnings:
            print(f"warning: {args.orders}: {problem.describe()}", file=sys.stderr)
        files = _results(read.orders, args)
    except FileNotFoundError as exc:
        print(f"error: {exc.filename}: no such file", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or args.orders}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (IngestError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 2
    try:
        _write_all(args.out, files)
    except (OSError, ValueError) as exc:
        print(f"error: cannot write {args.out}: {exc}", file=sys.stderr)
        return 1
    params = json.loads(files["params.json"])
    print(f"fitted on {params['fit']['customers']:,} customers "
          f"({params['fit']['repeat_customers']:,} with repeat purchases): "
          + ", ".join(f"{k}={params[k]:.4g}" for k in ("r", "alpha", "a", "b", "p", "q",
                                                          "gamma")))
    print(f"wrote {', '.join(sorted(files))} to {args.out}")
    return 0


def _check_dates(args: argparse.Namespace) -> None:
    if args.horizon_days <= 0:
        raise ValueError(f"--horizon-days must be positive, got {args.horizon_days}")
    if args.holdout_end is not None and args.holdout_end <= args.calibration_end:
        raise ValueError(f"--holdout-end {args.holdout_end} must be after --calibration-end "
                         f"{args.calibration_end}")


def _results(orders, args: argparse.Namespace) -> dict[str, str]:
    """File name -> text of every output file, computed before anything is written."""
    from cockpit.clv.model import ANNUAL_DISCOUNT_RATE, fit_summary, holdout_table, score
    from cockpit.clv.summary import rfm_summary
    from cockpit.exports import safe_csv

    first = orders["order_date"].min().date()
    summary = rfm_summary(orders, args.calibration_end, args.holdout_end)
    if summary.empty:
        raise ValueError(f"no orders on or before --calibration-end {args.calibration_end} "
                         f"(the file starts on {first})")
    fit = fit_summary(summary, args.calibration_end)
    customers = score(summary, fit, args.horizon_days)
    params = {**fit.params(), "fit": {
        "calibration_end": str(args.calibration_end), "customers": fit.customers,
        "repeat_customers": fit.repeat_customers, "customers_total": fit.customers_total,
        "log_likelihood_bgnbd": float(fit.log_likelihood_bgnbd),
        "log_likelihood_gamma_gamma": float(fit.log_likelihood_gg),
        "time_unit": "week", "horizon_days": args.horizon_days,
        "annual_discount_rate": ANNUAL_DISCOUNT_RATE}}
    files = {"customers.csv": safe_csv(customers.round(4))}
    if args.holdout_end is not None:
        days = (args.holdout_end - args.calibration_end).days
        check = holdout_table(summary, fit, days)
        params["holdout"] = {"holdout_end": str(args.holdout_end), "days": days,
                             "predicted": float(check["predicted"].sum()),
                             "actual": float(check["actual"].sum())}
        files["holdout.csv"] = safe_csv(check.round(4))
    files["params.json"] = json.dumps(params, indent=2, ensure_ascii=False) + "\n"
    return files


def _check_out(out: Path) -> None:
    """`out` must be absent or a folder of earlier outputs only: it is replaced as a whole."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ValueError(f"--out {out} exists and is not a folder")
    other = sorted(p.name for p in out.iterdir() if p.name not in OUTPUTS)
    if other:
        raise ValueError(f"--out {out} holds files this command did not write ("
                         + ", ".join(other[:5]) + (", ..." if len(other) > 5 else "")
                         + "); the folder is replaced by the new results, so choose a new "
                           "or empty folder")


def _write_all(out: Path, files: dict[str, str]) -> None:
    """Write every file into a new folder beside `out`, then swap it in by renames, so `out`
    ends with exactly these files (nothing stale) and a failure leaves it as it was."""
    out = Path(os.path.realpath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    new, old = (out.parent / f".{out.name}.{token}.{kind}" for kind in ("new", "old"))
    new.mkdir()
    try:
        for name, text in files.items():
            (new / name).write_text(text, encoding="utf-8", newline="")  # CSVs end in CRLF
        if not out.exists():
            os.replace(new, out)
            return
        _check_out(out)
        os.replace(out, old)
        try:
            os.replace(new, out)
        except OSError:
            os.replace(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(new, ignore_errors=True)
