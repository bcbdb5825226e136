"""Analyst commands of `python -m cockpit`, one module each, found by `cockpit.cli`.

A module here defines `NAME` (the subcommand), `HELP` (one line), `add_arguments(parser)` and
`run(args) -> int` (the exit code). Keep heavy imports inside `run`, so `--help` stays fast.
"""
