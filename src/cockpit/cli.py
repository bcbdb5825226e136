"""`python -m cockpit ...`: the writing jobs and tools (the app itself only reads)."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from datetime import date
from types import ModuleType

from cockpit.config import db_url, write_db_url

log = logging.getLogger(__name__)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cockpit")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="build the demo warehouse at COCKPIT_DB_URL")
    demo.add_argument("--scale", default="default",
                      help="small, default, large, or a number of orders")
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--end-date", type=_parse_date, default=None,
                      help="last day of history, YYYY-MM-DD (default: yesterday)")
    demo.add_argument("--url", default=None, help="warehouse URL (default: COCKPIT_DB_URL)")
    serve = sub.add_parser("serve", help="start the cockpit app")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="localhost")
    sub.add_parser("docs", help="regenerate docs/warehouse.md and docs/import.md from the code")
    check = sub.add_parser("check", help="check that the warehouse is reachable and complete",
                           epilog=CHECK_EXIT_CODES)
    check.add_argument("--url", default=None, help="warehouse URL (default: COCKPIT_DB_URL)")
    for module in _command_modules():
        command = sub.add_parser(module.NAME, help=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def _command_modules() -> list[ModuleType]:
    """The modules of cockpit.commands, in name order."""
    from cockpit import commands

    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    return [importlib.import_module(f"{commands.__name__}.{n}") for n in names]


def _run_demo(args) -> int:
    from cockpit.demo.build import build_demo
    from cockpit.progress import progress_bar

    report = build_demo(args.url, scale=args.scale, seed=args.seed, end_date=args.end_date,
                        progress=progress_bar())
    size = f", {report.file_bytes / 1e6:.0f} MB" if report.file_bytes else ""
    print(f"Built demo warehouse ({report.scale}, seed {report.seed}, history to "
          f"{report.end_date}): {report.rows['orders']:,} orders, "
          f"{report.rows['customers']:,} customers in {report.seconds:.1f} s{size}.")
    return 0


# `check` exit status, for scripts and health checks.
EXIT_NOT_READY = 1  # missing file or tables, a writer holds the file, or another failure
EXIT_BAD_URL = 2  # the URL cannot be parsed or names a driver that is not installed
EXIT_CORRUPT = 3  # the embedded file is empty, a folder, not DuckDB or damaged
EXIT_UNREACHABLE = 4  # the database server cannot be reached or refuses the login
CHECK_EXIT_CODES = ("exit status: 0 the warehouse is ready; 1 not ready (missing file or "
                    "tables, busy, other failure); 2 the URL cannot be used; 3 the warehouse "
                    "file is corrupt; 4 the database server cannot be reached")

# The English of the app's guard messages (`guard.*` in cockpit/ui/strings.py): the CLI does
# not import cockpit.ui, which imports Streamlit. tests/test_warehouse_corrupt.py keeps the
# two equal.
GUARD_EN = {
    "corrupt": "The warehouse file {path} is not a readable DuckDB warehouse: {why}",
    "corrupt_empty": "it is empty (0 bytes).",
    "corrupt_folder": "it is a folder.",
    "corrupt_not_duckdb": "it is not a DuckDB file.",
    "corrupt_damaged": "it is damaged or incomplete (for example a copy or a write that was "
                       "cut short).",
    "corrupt_fix": "Move it aside, then run `python -m cockpit demo` to build the demo data or "
                   "import your data again; if another warehouse was meant, check "
                   "COCKPIT_DB_URL.",
    "missing": "The warehouse was not found.",
    "missing_tables": "The warehouse lacks these tables: {tables}.",
    "missing_fix": "Run `python -m cockpit demo` to build the demo data, `python -m "
                   "cockpit refresh` when only summary tables (marts: customer_facts, "
                   "shipment_co2e) are missing, "
                   "or check COCKPIT_DB_URL.",
    "unreachable": "The warehouse cannot be reached.",
    "unreachable_fix": "Check COCKPIT_DB_URL (host, port, user, password) and that the "
                       "database server is running.",
    "busy": "The warehouse is being updated; retry in a moment.",
}


def check_message(exc: Exception) -> tuple[str, int]:
    """One English line saying what is wrong with the warehouse and what to do (the app's
    message, with the driver's first line where it helps), and the exit status."""
    from cockpit.warehouse import (
        WarehouseBusy,
        WarehouseCorrupt,
        WarehouseMissing,
        WarehouseUnreachable,
    )
    from cockpit.warehouse.engine import summary

    if isinstance(exc, WarehouseCorrupt):
        what = GUARD_EN["corrupt"].format(path=exc.path,
                                          why=GUARD_EN[f"corrupt_{exc.reason}"])
        return f"{what} {GUARD_EN['corrupt_fix']}", EXIT_CORRUPT
    if isinstance(exc, WarehouseMissing):
        if exc.missing:
            what = GUARD_EN["missing_tables"].format(tables=", ".join(exc.missing))
            return f"{what} {GUARD_EN['missing_fix']}", EXIT_NOT_READY
        return (f"{GUARD_EN['missing']} {GUARD_EN['missing_fix']} Detail: {summary(exc)}",
                EXIT_NOT_READY)
    if isinstance(exc, WarehouseUnreachable):
        return (f"{GUARD_EN['unreachable']} {GUARD_EN['unreachable_fix']} "
                f"Detail: {summary(exc)}", EXIT_UNREACHABLE)
    if isinstance(exc, WarehouseBusy):
        return GUARD_EN["busy"], EXIT_NOT_READY
    return f"{type(exc).__name__}: {summary(exc)}", EXIT_NOT_READY


def _run_check(args) -> int:
    """Exit status: see CHECK_EXIT_CODES. Never a traceback: every failure is one line on
    stderr (the driver's full text goes to the log at DEBUG)."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from cockpit import coverage
    from cockpit.warehouse import WarehouseError, check_warehouse, read_engine
    from cockpit.warehouse.engine import connect

    try:
        engine = read_engine(args.url)
        check_warehouse(engine)
        with connect(engine) as conn:  # which pages and tabs have their data
            present = coverage.tables_with_rows(conn)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        print(f"error: the warehouse URL (COCKPIT_DB_URL or --url) cannot be used: {exc}",
              file=sys.stderr)
        return EXIT_BAD_URL
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line
        log.debug("warehouse check failed", exc_info=True)
        message, status = check_message(exc)
        code = exc.code if isinstance(exc, WarehouseError) else "check_failed"
        print(f"warehouse not ready ({code}): {message}", file=sys.stderr)
        return status
    print("warehouse ok")
    print("\n".join(coverage.report_lines(present)))
    return 0  # usable, even when some pages lack their data


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    if hasattr(args, "url"):  # the one place a command reads the warehouse URL: `check`
        # checks the app's; the others write, or read as an operator, as the tables' owner
        args.url = args.url or (db_url() if args.command == "check" else write_db_url())
    if hasattr(args, "run"):
        return args.run(args)
    if args.command == "demo":
        try:
            return _run_demo(args)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.command == "serve":
        from cockpit.serve import serve

        serve(port=args.port, address=args.address)
        return 0
    if args.command == "docs":
        from cockpit.docs import write

        for path in write():
            print(f"wrote {path}")
        return 0
    return _run_check(args)
