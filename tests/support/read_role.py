"""A throwaway read-only PostgreSQL role for the row-level security tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from cockpit.warehouse import rls

PASSWORD = "app-role-test-password"
_roles = itertools.count()


@contextmanager
def read_role_url(owner_url: str) -> Iterator[str]:
    """The URL of a fresh login role granted read access by `rls.install` on the warehouse
    at `owner_url` (the tables' owner); the role is dropped afterwards."""
    role = f"cockpit_app_test_{next(_roles)}"
    owner = sa.create_engine(owner_url)
    with owner.begin() as conn:
        rls.create_read_role(conn, role, PASSWORD)
        rls.install(conn, role)
    try:
        yield make_url(owner_url).set(username=role, password=PASSWORD) \
            .render_as_string(hide_password=False)
    finally:
        with owner.begin() as conn:
            conn.execute(sa.text(f"DROP OWNED BY {role}"))
            conn.execute(sa.text(f"DROP ROLE {role}"))
        owner.dispose()
