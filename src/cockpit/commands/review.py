"""`python -m cockpit review`: write a week's review as PPTX and PDF, for scheduled runs."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

NAME = "review"
HELP = "write the weekly review of an ISO week as PPTX and PDF"
EXIT_BAD_ARGS = 2
EXIT_NO_DATA = 3
FILTER_KEYS = {"channel": "channels", "region": "regions", "city": "cities",
               "category": "categories", "platform": "platforms"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--week", default=None, metavar="YYYY-Www",
                        help="ISO week, e.g. 2024-W52 (default: the last complete week)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language (zh)")
    parser.add_argument("--filters", default="", metavar="QUERY",
                        help='dimension filters as in the app\'s URL, e.g. '
                             '"channel=live_stream&region=east"')
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="folder for review-<week>-<lang>.pptx and .pdf")
    parser.add_argument("--url", default=None, help="warehouse URL (default: COCKPIT_DB_URL)")


def parse_filters(text: str) -> dict[str, tuple[str, ...]]:
    """"channel=live_stream&region=east" -> {"channels": ("live_stream",), ...};
    ValueError naming an unknown key."""
    from urllib.parse import parse_qsl

    picked: dict[str, list[str]] = {}
    for key, value in parse_qsl(text, keep_blank_values=False, strict_parsing=bool(text)):
        if key not in FILTER_KEYS:
            raise ValueError(f"unknown filter {key!r} in --filters (use "
                             f"{', '.join(FILTER_KEYS)})")
        picked.setdefault(FILTER_KEYS[key], []).append(value)
    return {k: tuple(v) for k, v in picked.items()}


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from cockpit import facts
    from cockpit.appstore import app_engine
    from cockpit.appstore import review as store
    from cockpit.cli import check_message
    from cockpit.config import app_db_url
    from cockpit.filters import Filters
    from cockpit.names import dimension_name
    from cockpit.review.deck import write_deck
    from cockpit.review.report import NoData, build_review
    from cockpit.review.weeks import default_week, parse_week
    from cockpit.warehouse import WarehouseError, check_warehouse, read_engine
    from cockpit.warehouse.engine import connect

    started = time.perf_counter()
    try:
        picked = parse_filters(args.filters)
        week = parse_week(args.week) if args.week else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_ARGS
    try:
        engine = read_engine(args.url)
        check_warehouse(engine)  # missing tables (marts too) named, with what to do
        with connect(engine) as conn:
            first, last = facts.data_range(conn)
            week = week or default_week(last)
            review = build_review(conn, Filters(week.start, week.end, **picked), week)
    except NoData as exc:
        print(f"no data: {exc}; nothing written", file=sys.stderr)
        return EXIT_NO_DATA
    except ValueError as exc:
        if week is not None and "not within the data" in str(exc):
            print(f"no data: {exc}; nothing written", file=sys.stderr)
            return EXIT_NO_DATA
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_ARGS
    except WarehouseError as exc:
        message, status = check_message(exc)
        print(f"error: {message}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"error: cannot use the warehouse: {reason}", file=sys.stderr)
        return 1
    try:
        actions = store.actions(app_engine(app_db_url()), str(week))
    except SQLAlchemyError as exc:
        print(f"warning: no action items (app store unavailable: {exc})", file=sys.stderr)
        actions = None
    try:
        pptx, pdf = write_deck(review, args.out, args.lang, actions, dimension_name)
    except (OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {pptx} and {pdf} ({time.perf_counter() - started:.1f} s).")
    return 0
