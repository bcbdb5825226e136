"""Users in the app store: add, list, get, remove, and what is refused (nothing written)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cockpit.access.scope import Scope
from cockpit.access.users import (
    UserError,
    add_user,
    get_user,
    list_users,
    normalise_email,
    remove_user,
    validate,
)
from cockpit.appstore import app_engine
from cockpit.appstore.schema import users


@pytest.fixture
def engine(tmp_path) -> sa.Engine:
    return app_engine(f"sqlite:///{tmp_path / 'app.sqlite'}")


def _count(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()


def test_add_list_get_remove(engine):
    added = add_user(engine, "  Li.Na@Example.COM ", "region_manager", "east,north",
                     by="ops")
    add_user(engine, "wang@example.com", "store_manager", stores=["S01", "S02", "S01"])
    add_user(engine, "boss@example.com", "admin")
    assert added.email == "li.na@example.com" and added.added_by == "ops"
    assert [u.email for u in list_users(engine)] == ["boss@example.com", "li.na@example.com",
                                                    "wang@example.com"]
    found = get_user(engine, "LI.NA@example.com")
    assert found is not None and found.role == "region_manager"
    assert found.scope == Scope(regions=("east", "north"))
    assert get_user(engine, "wang@example.com").scope == Scope(stores=("S01", "S02"))
    assert get_user(engine, "boss@example.com").scope.unscoped
    assert get_user(engine, "nobody@example.com") is None
    assert get_user(engine, "not an email") is None
    assert remove_user(engine, "Wang@Example.com").role == "store_manager"
    assert get_user(engine, "wang@example.com") is None
    assert _count(engine) == 2


@pytest.mark.parametrize(("args", "message"), [
    (("nobody", "viewer"), "not an e-mail address"),
    (("a@b", "viewer"), "not an e-mail address"),
    (("a@b.com", "owner"), "unknown role 'owner': use one of admin"),
    (("a@b.com", "region_manager"), "needs --regions"),
    (("a@b.com", "region_manager", "east", "S01"), "needs --regions .* and no --stores"),
    (("a@b.com", "region_manager", "atlantis"), "unknown region atlantis: use one of north"),
    (("a@b.com", "store_manager"), "needs --stores"),
    (("a@b.com", "store_manager", None, "S 01"), "is not a store id"),
    (("a@b.com", "manager", "east"), "a manager sees every region"),
    (("a@b.com", "viewer", None, "S01"), "a viewer sees every region"),
])
def test_bad_users_are_refused_and_nothing_is_written(engine, args, message):
    with pytest.raises(UserError, match=message):
        add_user(engine, *args)
    assert _count(engine) == 0


def test_a_user_is_added_once(engine):
    add_user(engine, "a@b.com", "viewer")
    with pytest.raises(UserError, match="already a user: remove it first"):
        add_user(engine, "A@B.com", "admin")
    assert get_user(engine, "a@b.com").role == "viewer"


def test_removing_someone_not_listed_says_so(engine):
    with pytest.raises(UserError, match="is not a user"):
        remove_user(engine, "ghost@example.com")


def test_validate_normalises_without_writing():
    user = validate("X@Y.ORG", "store_manager", stores=" S01 , S02,")
    assert (user.email, user.stores, user.regions) == ("x@y.org", ("S01", "S02"), ())
    assert normalise_email(" Q@W.io ") == "q@w.io"
