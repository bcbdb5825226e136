"""`python -m cockpit clv`: BG/NBD + Gamma-Gamma CLV from an order export (CSV)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

NAME = "clv"
HELP = "fit BG/NBD + Gamma-Gamma on an order CSV; write params.json and customers.csv"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--orders", required=True, type=Path,
                        help="CSV with customer_id, order_date (date or timestamp), amount; "
                             "UTF-8 (BOM allowed) or GBK/GB18030")
    parser.add_argument("--calibration-end", required=True, type=_day,
                        help="last day of the data the models are fitted on, YYYY-MM-DD")
    parser.add_argument("--holdout-end", type=_day, default=None,
                        help="last day of a holdout window after --calibration-end: compare "
                             "predicted and actual repeat purchases in it (holdout.csv)")
    parser.add_argument("--horizon-days", type=int, default=90,
                        help="days ahead for expected purchases and CLV (default 90)")
    parser.add_argument("--out", required=True, type=Path, help="output directory")


def run(args: argparse.Namespace) -> int:
    from cockpit.clv.orders_csv import OrdersFileError, read_orders

    try:
        _check_dates(args)
        orders = read_orders(args.orders)
        files = _results(orders, args)
    except FileNotFoundError as exc:
        print(f"error: {exc.filename}: no such file", file=sys.stderr)
        return 2
    except (OrdersFileError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 2
    _write_all(args.out, files)
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
    files = {"customers.csv": customers.round(4).to_csv(index=False)}
    if args.holdout_end is not None:
        days = (args.holdout_end - args.calibration_end).days
        check = holdout_table(summary, fit, days)
        params["holdout"] = {"holdout_end": str(args.holdout_end), "days": days,
                             "predicted": float(check["predicted"].sum()),
                             "actual": float(check["actual"].sum())}
        files["holdout.csv"] = check.round(4).to_csv(index=False)
    files["params.json"] = json.dumps(params, indent=2, ensure_ascii=False) + "\n"
    return files


def _write_all(out: Path, files: dict[str, str]) -> None:
    """Write into a temporary directory beside `out`, then move the files in (each move
    atomic), so a failure leaves `out` as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        if not out.exists():
            os.replace(tmp, out)
            return
        for name in files:
            os.replace(tmp / name, out / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
