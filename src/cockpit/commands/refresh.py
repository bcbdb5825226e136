"""`python -m cockpit refresh`: derive the marts (cockpit.marts) again from the
base tables, all or nothing. Every load already does this; the command serves a warehouse
written by an older version of the app, whose marts are missing."""

from __future__ import annotations

import argparse
import logging
import sys
import time

NAME = "refresh"
HELP = "derive the summary tables (marts) again from the warehouse's orders"
EXIT_NO_WAREHOUSE = 1

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", default=None, help="warehouse URL (default: COCKPIT_DB_URL)")


def run(args: argparse.Namespace) -> int:
    from cockpit.cli import check_message
    from cockpit.ingest.warehouse_state import read_state
    from cockpit.ingest.writer import write_transaction

    started = time.perf_counter()
    try:
        if not read_state(args.url).exists:
            print(f"error: no warehouse with orders at {args.url}: build one with "
                  "`python -m cockpit demo` or import your data first", file=sys.stderr)
            return EXIT_NO_WAREHOUSE
        with write_transaction(args.url):
            pass  # the marts are derived as the transaction commits
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line
        log.debug("refresh failed", exc_info=True)
        message, status = check_message(exc)
        print(f"error: {message}", file=sys.stderr)
        return status
    print(f"Derived the marts again in {time.perf_counter() - started:.1f} s.")
    return 0
