"""Users allowed to sign in, in the app store: add, list, get, remove, with validation.

A user is an e-mail (stored lower-case), a role (cockpit.access.roles) and, for the two scoped
roles, a data scope: a region_manager names sales regions (cockpit.warehouse.schema.REGIONS),
a store_manager store ids. Every other role, a manager too, is unscoped and takes neither."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from cockpit.access.roles import ROLES, SCOPED_ROLES
from cockpit.access.scope import Scope
from cockpit.appstore.schema import users
from cockpit.warehouse.schema import REGIONS

EMAIL = re.compile(r"^[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"'.]+$")
STORE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class UserError(ValueError):
    """A user cannot be added or removed as asked; the message says what to change."""


@dataclass(frozen=True)
class User:
    """One user who may sign in."""

    email: str
    role: str
    regions: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()
    added_at: datetime | None = None
    added_by: str = ""

    @property
    def scope(self) -> Scope:
        """The data this user may see: their regions or stores; unscoped for other roles."""
        return Scope(regions=self.regions, stores=self.stores)


def normalise_email(email: str) -> str:
    """`email` stripped and lower-cased; UserError unless it looks like name@domain.tld."""
    text = str(email).strip().lower()
    if not EMAIL.match(text):
        raise UserError(f"{email!r} is not an e-mail address (expected name@example.com)")
    return text


def _tokens(values: tuple[str, ...] | list[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    out: list[str] = []
    for value in values:
        value = str(value).strip()
        if value and value not in out:
            out.append(value)
    return tuple(out)


def validate(email: str, role: str, regions=None, stores=None) -> User:
    """The user as it would be stored (e-mail lower-case, lists de-duplicated), or UserError
    saying what is wrong: the e-mail, an unknown role or region, a scoped role without its
    list, a scope given to a role that takes none."""
    address = normalise_email(email)
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    regs, sts = _tokens(regions), _tokens(stores)
    unknown = [r for r in regs if r not in REGIONS]
    if unknown:
        raise UserError(f"unknown region {', '.join(unknown)}: use one of {', '.join(REGIONS)}")
    bad = [s for s in sts if not STORE_ID.match(s)]
    if bad:
        raise UserError(f"store id {bad[0]!r} is not a store id (letters, digits, _ . -)")
    needs = SCOPED_ROLES.get(role)
    if needs == "regions" and (not regs or sts):
        raise UserError("a region_manager needs --regions (e.g. --regions east,north) and "
                        "no --stores")
    if needs == "stores" and (not sts or regs):
        raise UserError("a store_manager needs --stores (e.g. --stores S01,S02) and "
                        "no --regions")
    if needs is None and (regs or sts):
        raise UserError(f"a {role} sees every region and store: drop --regions/--stores, or "
                        "use the role region_manager or store_manager")
    return User(address, role, regs, sts)


def _row_user(row) -> User:
    return User(row.email, row.role, tuple(row.regions or ()), tuple(row.stores or ()),
                row.added_at, row.added_by)


def add_user(engine: sa.Engine, email: str, role: str, regions=None, stores=None,
             by: str = "") -> User:
    """Store a new user (validated, see `validate`); UserError when the e-mail is listed."""
    user = validate(email, role, regions, stores)
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        if conn.execute(sa.select(users.c.email).where(users.c.email == user.email)).first():
            raise UserError(f"{user.email} is already a user: remove it first to change "
                            "the role or scope")
        conn.execute(users.insert().values(email=user.email, role=user.role,
                                           regions=list(user.regions),
                                           stores=list(user.stores), added_at=now,
                                           added_by=by))
    return User(user.email, user.role, user.regions, user.stores, now, by)


def get_user(engine: sa.Engine, email: str) -> User | None:
    """The user signing in as `email` (any case), or None when not listed or not an e-mail."""
    try:
        address = normalise_email(email)
    except UserError:
        return None
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == address)).first()
    return None if row is None else _row_user(row)


def list_users(engine: sa.Engine) -> list[User]:
    """Every user, by e-mail."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(users).order_by(users.c.email)).all()
    return [_row_user(row) for row in rows]


def remove_user(engine: sa.Engine, email: str) -> User:
    """Remove the user `email`; the user removed. UserError when there is none."""
    address = normalise_email(email)
    with engine.begin() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == address)).first()
        if row is None:
            raise UserError(f"{address} is not a user (see `python -m cockpit users list`)")
        conn.execute(users.delete().where(users.c.email == address))
    return _row_user(row)
