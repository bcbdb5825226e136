"""`python -m cockpit users add|list|remove`: who may sign in, with which role and scope.
Every change is written to the audit log as done by `--by` (default: the OS user)."""

from __future__ import annotations

import argparse
import getpass
import sys

from cockpit.access.roles import ROLES

NAME = "users"
HELP = "add, list or remove the users who may sign in (roles and scope)"
EXIT_BAD_INPUT = 2
EXIT_NOT_FOUND = 1


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (some containers)
        return "unknown"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="users_command", required=True)
    add = sub.add_parser("add", help="allow EMAIL to sign in with ROLE")
    add.add_argument("email", metavar="EMAIL")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--regions", default=None,
                     help="comma-separated sales regions (region_manager only)")
    add.add_argument("--stores", default=None,
                     help="comma-separated store ids (store_manager only)")
    sub.add_parser("list", help="list the users")
    remove = sub.add_parser("remove", help="no longer allow EMAIL to sign in")
    remove.add_argument("email", metavar="EMAIL")
    for command in (add, remove):
        command.add_argument("--by", default=None,
                             help="who makes the change, for the audit log (default: the "
                                  "OS user)")


def run(args: argparse.Namespace) -> int:
    from cockpit.access import audit
    from cockpit.access.users import UserError, add_user, list_users, remove_user
    from cockpit.appstore import app_engine
    from cockpit.config import app_db_url

    engine = app_engine(app_db_url())
    if args.users_command == "list":
        found = list_users(engine)
        for user in found:
            scope = ",".join(user.regions or user.stores) or "-"
            print(f"{user.email}\t{user.role}\t{scope}\t{user.added_at:%Y-%m-%d %H:%M} UTC"
                  f"\t{user.added_by}")
        if not found:
            print("no users yet: the app runs open unless a login is configured; add one "
                  "with `python -m cockpit users add EMAIL --role admin`")
        return 0
    by = (args.by or "").strip() or _os_user()
    try:
        if args.users_command == "add":
            user = add_user(engine, args.email, args.role, args.regions, args.stores, by=by)
            audit.record(engine, by, "user_add", user.email,
                         {"role": user.role, "regions": user.regions, "stores": user.stores})
            print(f"added {user.email} as {user.role}")
            return 0
        user = remove_user(engine, args.email)
    except UserError as exc:
        not_found = args.users_command == "remove" and "is not a user" in str(exc)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND if not_found else EXIT_BAD_INPUT
    audit.record(engine, by, "user_remove", user.email, {"role": user.role})
    print(f"removed {user.email}")
    return 0
