"""`python -m cockpit forecast`: fit every series of a level in parallel and store the run,
on local processes or on a Dask distributed cluster (`--scheduler`)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.forecast.batch import BatchReport

NAME = "forecast"
HELP = "fit and store forecasts for every series of a level (batch, parallel)"
LEVELS = ("category_region", "sku_warehouse")  # cockpit.forecast.series.LEVELS, kept light
EXIT_NOTHING_FORECAST = 1  # every series failed: nothing written
EXIT_BAD_ARGS = 2  # a bad option (a malformed --scheduler address included) or the warehouse
EXIT_UNREACHABLE = 4  # the Dask scheduler did not answer (as `check` for a database server)
EXIT_CODES = ("exit status: 0 the run is stored; 1 no series could be forecast; 2 a bad option "
              "or the warehouse cannot be used; 4 the Dask scheduler cannot be reached. "
              "Nothing is written unless the status is 0.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options (and its exit codes in --help)."""
    parser.epilog = EXIT_CODES
    parser.add_argument("--level", choices=LEVELS, default="category_region",
                        help="series level (default: category_region)")
    parser.add_argument("--horizon", type=int, default=90, metavar="DAYS",
                        help="days to forecast (default: 90)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="local worker processes (default: all cores); not with --scheduler")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="only the N largest series (default: all)")
    parser.add_argument("--scheduler", default=None, metavar="tcp://HOST:8786",
                        help="run the fits on the Dask distributed cluster of this scheduler "
                             "(default: local processes)")
    parser.add_argument("--scheduler-timeout", type=float, default=None, metavar="SECONDS",
                        help="how long to wait for the scheduler to answer (default: 10)")
    parser.add_argument("--url", default=None, help="warehouse URL (default: COCKPIT_DB_URL)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def _jobs(args: argparse.Namespace) -> int | str:
    """The local processes to use, or the message refusing --jobs with --scheduler."""
    if args.scheduler is None:
        if args.scheduler_timeout is not None:
            return "--scheduler-timeout only applies with --scheduler"
        return args.jobs if args.jobs is not None else os.cpu_count() or 1
    if args.jobs is not None:
        return ("--jobs sets local processes and cannot be used with --scheduler: the "
                "cluster's workers run the fits (size them with `dask worker --nworkers N`)")
    return 1


def run(args: argparse.Namespace) -> int:
    """Run the batch; every failure is one `error:` line on stderr and an exit status."""
    from sqlalchemy.exc import SQLAlchemyError

    from cockpit.forecast.batch import SCHEDULER_TIMEOUT, SchedulerUnreachable, run_batch

    jobs = _jobs(args)
    if isinstance(jobs, str):
        print(f"error: {jobs}", file=sys.stderr)
        return EXIT_BAD_ARGS
    timeout = args.scheduler_timeout if args.scheduler_timeout is not None else SCHEDULER_TIMEOUT
    try:
        report = run_batch(args.url, args.level, args.horizon, jobs, args.limit,
                           progress=not args.quiet, scheduler=args.scheduler,
                           scheduler_timeout=timeout)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_ARGS
    except SchedulerUnreachable as exc:
        print(f"error: cannot reach the Dask scheduler at {exc.address} (no answer within "
              f"{exc.timeout:g} s): start it with `dask scheduler` and workers with `dask "
              f"worker {exc.address}`, check the address and port, or leave out --scheduler "
              "to run on local processes; nothing written", file=sys.stderr)
        return EXIT_UNREACHABLE
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"error: cannot use the warehouse at {args.url}: {reason}", file=sys.stderr)
        return EXIT_BAD_ARGS
    return _report(report)


def _report(report: BatchReport) -> int:
    """Print the skipped series and the summary line; the exit status."""
    for key, error in sorted(report.failed.items()):
        print(f"skipped {key}: {error}", file=sys.stderr)
    if report.run_id is None:
        print("no series could be forecast; nothing written", file=sys.stderr)
        return EXIT_NOTHING_FORECAST
    where = (f"on {report.jobs} processes" if report.scheduler is None else
             f"on the Dask cluster at {report.scheduler} ({report.jobs} worker threads)")
    print(f"Forecast run {report.run_id}: {report.fitted:,} {report.level} series, "
          f"{report.horizon} days ahead from {report.history_end}, in {report.seconds:.1f} s "
          f"{where} ({report.series_per_second:.2f} series/s); "
          f"{len(report.failed)} skipped.")
    return 0
