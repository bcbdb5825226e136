"""`python -m cockpit users`: exit codes, one-line messages, the audit entries, and nothing
written on bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cockpit.access import audit
from cockpit.access.users import get_user, list_users
from cockpit.appstore import app_engine
from cockpit.cli import main
from cockpit.config import PROJECT_ROOT


@pytest.fixture
def store(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("COCKPIT_APP_DB_URL", url)
    return url


def test_add_list_remove_are_audited(store, capsys):
    assert main(["users", "add", "Li@Example.com", "--role", "region_manager",
                 "--regions", "east,north", "--by", "ops-lead"]) == 0
    assert capsys.readouterr().out.strip() == "added li@example.com as region_manager"
    assert main(["users", "add", "v@example.com", "--role", "viewer"]) == 0
    capsys.readouterr()
    assert main(["users", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:3] for line in listed] == [
        ["li@example.com", "region_manager", "east,north"], ["v@example.com", "viewer", "-"]]
    assert listed[0].split("\t")[4] == "ops-lead"
    assert main(["users", "remove", "LI@example.com", "--by", "ops-lead"]) == 0
    assert capsys.readouterr().out.strip() == "removed li@example.com"
    engine = app_engine(store)
    assert [u.email for u in list_users(engine)] == ["v@example.com"]
    log = audit.recent(engine)
    assert list(zip(log["action"], log["what"], log["who"], strict=True))[::2] == [
        ("user_remove", "li@example.com", "ops-lead"), ("user_add", "li@example.com",
                                                        "ops-lead")]
    assert log.iloc[2]["filters"]["regions"] == ["east", "north"]
    assert log.iloc[1]["who"]  # without --by: the OS user


def test_an_empty_list_says_how_to_add(store, capsys):
    assert main(["users", "list"]) == 0
    assert "users add EMAIL --role admin" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["add", "not-an-email", "--role", "viewer"], "not an e-mail address"),
    (["add", "a@b.com", "--role", "region_manager"], "needs --regions"),
    (["add", "a@b.com", "--role", "region_manager", "--regions", "mars"],
     "unknown region mars"),
    (["add", "a@b.com", "--role", "store_manager"], "needs --stores"),
    (["add", "a@b.com", "--role", "analyst", "--stores", "S01"], "sees every region"),
])
def test_bad_input_exits_2_and_writes_nothing(store, capsys, argv, message):
    assert main(["users", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and len(err.splitlines()) == 1
    engine = app_engine(store)
    assert list_users(engine) == [] and audit.recent(engine).empty


def test_adding_twice_and_removing_a_stranger(store, capsys):
    assert main(["users", "add", "a@b.com", "--role", "viewer"]) == 0
    assert main(["users", "add", "A@b.com", "--role", "admin"]) == 2
    assert "already a user" in capsys.readouterr().err
    assert get_user(app_engine(store), "a@b.com").role == "viewer"
    assert main(["users", "remove", "ghost@b.com"]) == 1
    assert "ghost@b.com is not a user" in capsys.readouterr().err
    assert len(audit.recent(app_engine(store))) == 1  # only the first add


def test_an_unknown_role_is_a_usage_error_without_traceback(store):
    done = subprocess.run([sys.executable, "-m", "cockpit", "users", "add", "a@b.com",
                           "--role", "owner"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "invalid choice: 'owner'" in done.stderr and "Traceback" not in done.stderr
    assert list_users(app_engine(store)) == []
