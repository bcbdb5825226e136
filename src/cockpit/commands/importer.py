"""`python -m cockpit import`: load order exports into the warehouse, validated, all or
nothing; `--undo ID` removes one import; `--history` lists them."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from cockpit.commands.clv import add_date_options

NAME = "import"
HELP = "import order exports (Taobao, Douyin, Shopify, generic CSV/Excel/Parquet)"
EXIT_INVALID = 3
# How the result names the rows a table received, where the table name alone would not say.
WRITTEN_NAMES = {"order_revisions": "orders updated (a new status, amount or refund; "
                                    "--undo puts the old values back)"}
EXIT_CODES = {  # docs/import.md and --help list them
    0: "every file imported (with --dry-run: checked), or the undo or history done",
    1: "any other failure (a file that cannot be opened, a warehouse that cannot be reached)",
    2: "a bad command line (an unknown option or value, no file given)",
    EXIT_INVALID: "validation failed: the report names each problem's column and line, and "
                  "nothing was written",
}
log = logging.getLogger(__name__)


def _rate(text: str) -> tuple[str, float]:
    currency, _, rate = text.partition("=")
    try:
        value = float(rate)
    except ValueError:
        value = float("nan")
    if len(currency) != 3 or not currency.isalpha() or not value > 0:
        raise argparse.ArgumentTypeError(f"expected CUR=RATE (CNY per unit, e.g. USD=7.2), "
                                         f"got {text!r}")
    return currency.upper(), value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from cockpit.ingest.profiles import PROFILE_NAMES
    from cockpit.ingest.tables import TABLE_CHOICES

    parser.epilog = "exit status: " + "; ".join(f"{code} {text}"
                                                for code, text in EXIT_CODES.items())
    parser.add_argument("files", nargs="*", type=Path, help="export files (CSV/TSV in UTF-8, "
                        "UTF-16 or GBK, Excel .xlsx/.xls, Parquet)")
    parser.add_argument("--table", choices=TABLE_CHOICES, default="orders",
                        help="what the files hold: orders (with or without order lines, "
                             "the default), or the rows of one other table, with the "
                             "schema's column names (docs/import.md)")
    parser.add_argument("--profile", choices=PROFILE_NAMES, default="generic",
                        help="the platform export's column mapping (default generic)")
    parser.add_argument("--mapping", type=Path, default=None,
                        help="a TOML mapping file for anything else (docs/import.md)")
    parser.add_argument("--mode", choices=("append", "replace"), default="append",
                        help="append (default), or replace: the tables this import writes, "
                             "or a fresh warehouse over demo data (several files replace "
                             "them together)")
    parser.add_argument("--platform", default=None, help="platform the orders were sold on "
                        "(taobao, douyin, shopify, own_app, ...; default: the profile's)")
    parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    add_date_options(parser)
    parser.add_argument("--fx", type=_rate, action="append", default=[], metavar="CUR=RATE",
                        help="exchange rate to CNY for a currency column other than CNY")
    parser.add_argument("--hash-customer-ids", action="store_true",
                        help="store salted hashes instead of buyer ids")
    parser.add_argument("--strict", action="store_true", help="warnings block the import too")
    parser.add_argument("--undo", type=int, default=None, metavar="IMPORT_ID",
                        help="remove the rows one import wrote")
    parser.add_argument("--history", action="store_true", help="list the imports")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--url", default=None, help="warehouse URL (default: COCKPIT_DB_URL)")


def run(args: argparse.Namespace) -> int:
    from cockpit.config import app_db_url
    from cockpit.ingest.problems import IngestError

    try:
        if args.history:
            return _history(args.url, app_db_url())
        if args.undo is not None:
            return _undo(args.undo, args.url, app_db_url())
        if not args.files:
            print("error: give export files to import, or --undo ID, or --history",
                  file=sys.stderr)
            return 2
        return _import(args, app_db_url())
    except IngestError as exc:
        print(exc.report(), file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # noqa: BLE001 - a command prints one line, never a traceback
        log.debug("import failed", exc_info=True)
        print(f"error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
              file=sys.stderr)
        return 1


def _import(args: argparse.Namespace, app_url: str) -> int:
    from cockpit.ingest.cells import ReadOptions
    from cockpit.ingest.pipeline import ImportOptions, run_import
    from cockpit.ingest.table_import import run_table_import
    from cockpit.progress import progress_bar

    options = ImportOptions(
        profile=args.profile, mapping_file=str(args.mapping) if args.mapping else None,
        mode=args.mode, platform=args.platform, dry_run=args.dry_run,
        read=ReadOptions(dayfirst=args.dayfirst, timezone=args.timezone, fx=dict(args.fx)),
        hash_customer_ids=args.hash_customer_ids, strict=args.strict)
    progress = None if args.quiet else progress_bar("file")
    if args.table == "orders":
        results = run_import(args.files, options, args.url, app_url, progress=progress)
    else:
        results = run_table_import(args.table, args.files, options, args.url, app_url,
                                   progress=progress)
    for result in results:
        _print_result(result, "orders were already imported" if args.table == "orders"
                      else f"{args.table} rows were already in the warehouse (skipped)")
    return 0


def _print_result(result, known: str) -> None:
    verb = "would write" if result.dry_run else f"import {result.import_id} wrote"
    written = ", ".join(f"{n:,} {WRITTEN_NAMES.get(table, table)}"
                        for table, n in result.rows_written.items() if n)
    print(f"{result.path}: {result.rows_read:,} rows read; {verb} {written or 'nothing new'}"
          + (f"; {result.already_imported:,} {known}"
             if result.already_imported else ""))
    print("  columns: " + ", ".join(f"{k} ← {v}" for k, v in result.mapping.items()))
    if because := result.in_memory_because:
        print(f"  read whole in memory, not streamed: {because}")
    for warning in result.warnings:
        print(f"  warning: {warning.describe()}")


def _undo(import_id: int, url: str, app_url: str) -> int:
    from cockpit.ingest.undo import undo_import

    deleted = undo_import(import_id, url, app_url)
    print(f"undid import {import_id}: removed "
          + ", ".join(f"{n:,} {table}" for table, n in deleted.items() if n))
    return 0


def _history(url: str, app_url: str) -> int:
    from cockpit.ingest.history import imports, warehouse_label

    frame = imports(app_url, warehouse_label(url))
    if frame.empty:
        print("no imports into this warehouse yet")
        return 0
    for row in frame.itertuples():
        print(f"{row.import_id:>4}  {row.imported_at:%Y-%m-%d %H:%M}  {row.status:<8}  "
              f"{row.file_name}  ({row.rows_read:,} rows, {row.profile})")
    return 0
