"""`python -m cockpit forecast`: fit every series of a level in parallel and store the run."""

from __future__ import annotations

import argparse
import os
import sys

NAME = "forecast"
HELP = "fit and store forecasts for every series of a level (batch, parallel)"
LEVELS = ("category_region", "sku_warehouse")  # cockpit.forecast.series.LEVELS, kept light


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--level", choices=LEVELS, default="category_region",
                        help="series level (default: category_region)")
    parser.add_argument("--horizon", type=int, default=90, metavar="DAYS",
                        help="days to forecast (default: 90)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="worker processes (default: all cores)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="only the N largest series (default: all)")
    parser.add_argument("--url", default=None, help="warehouse URL (default: COCKPIT_DB_URL)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from cockpit.forecast.batch import run_batch

    try:
        report = run_batch(args.url, args.level, args.horizon, args.jobs, args.limit,
                           progress=not args.quiet)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"error: cannot use the warehouse at {args.url}: {reason}", file=sys.stderr)
        return 2
    for key, error in sorted(report.failed.items()):
        print(f"skipped {key}: {error}", file=sys.stderr)
    if report.run_id is None:
        print("no series could be forecast; nothing written", file=sys.stderr)
        return 1
    print(f"Forecast run {report.run_id}: {report.fitted:,} {report.level} series, "
          f"{report.horizon} days ahead from {report.history_end}, in {report.seconds:.1f} s "
          f"on {report.jobs} processes ({report.series_per_second:.2f} series/s); "
          f"{len(report.failed)} skipped.")
    return 0
