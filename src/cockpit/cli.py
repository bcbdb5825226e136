"""`python -m cockpit ...`: the writing jobs and tools (the app itself only reads)."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from datetime import date
from types import ModuleType

from cockpit.config import db_url

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
    sub.add_parser("docs", help="regenerate docs/warehouse.md from the schema")
    check = sub.add_parser("check", help="check that the warehouse is reachable and complete")
    check.add_argument("--url", default=None)
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


def _progress_bar():
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(step: str, done: int, total: int) -> None:
        phase, _, name = step.partition(":")
        bar = bars.get(phase)
        if bar is None:
            bar = bars[phase] = tqdm(total=total, desc=phase, unit="step", file=sys.stderr)
        bar.set_postfix_str(name)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def _run_demo(args) -> int:
    from cockpit.demo.build import build_demo

    url = args.url or db_url()
    report = build_demo(url, scale=args.scale, seed=args.seed, end_date=args.end_date,
                        progress=_progress_bar())
    size = f", {report.file_bytes / 1e6:.0f} MB" if report.file_bytes else ""
    print(f"Built demo warehouse ({report.scale}, seed {report.seed}, history to "
          f"{report.end_date}): {report.rows['orders']:,} orders, "
          f"{report.rows['customers']:,} customers in {report.seconds:.1f} s{size}.")
    return 0


def _run_check(args) -> int:
    from cockpit.warehouse import WarehouseError, check_warehouse, read_engine

    try:
        check_warehouse(read_engine(args.url or db_url()))
    except WarehouseError as exc:
        print(f"warehouse not ready ({exc.code}): {exc.detail}", file=sys.stderr)
        return 1
    print("warehouse ok")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
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
        from cockpit.docs import DOC_PATH, write

        write()
        print(f"wrote {DOC_PATH}")
        return 0
    return _run_check(args)
