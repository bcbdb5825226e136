"""Review notes and actions in the app store: optimistic concurrency and carry-over."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.appstore import app_engine
from cockpit.appstore import review as store


@pytest.fixture
def engine(tmp_path):
    return app_engine(f"sqlite:///{tmp_path / 'app.sqlite'}")


def test_stale_version_is_refused(engine):
    note = store.add_note(engine, "2026-W46", "Double 11 went well")
    assert store.update(engine, "note", note, 1, text="first browser") == 2
    with pytest.raises(store.StaleEdit, match="changed by someone else"):
        store.update(engine, "note", note, 1, text="second browser")
    assert list(store.notes(engine, "2026-W46")["text"]) == ["first browser"]


def test_open_actions_carry_into_later_weeks(engine):
    a = store.add_action(engine, "2026-W45", "Restock nuts", "Li", date(2026, 11, 20))
    b = store.add_action(engine, "2026-W45", "Fix banner", "Wang")
    store.update(engine, "action", b, 1, status="done")
    week46 = store.actions(engine, "2026-W46")
    assert list(week46["action_id"]) == [a] and week46["carried"].all()
    assert list(store.actions(engine, "2026-W45")["action_id"]) == [a, b]
    store.update(engine, "action", a, 1, status="dropped")
    assert store.actions(engine, "2026-W47").empty


def test_invalid_values(engine):
    with pytest.raises(ValueError, match="status"):
        a = store.add_action(engine, "2026-W45", "x", "Li")
        store.update(engine, "action", a, 1, status="maybe")
    with pytest.raises(ValueError, match="owner"):
        store.add_action(engine, "2026-W45", "x", " ")


def test_notes_survive_a_demo_rebuild(tmp_path):
    """The app store is not the warehouse: rebuilding the demo warehouse (which replaces the
    whole file) leaves the review's notes and actions as they were."""
    from cockpit.config import app_db_url
    from cockpit.demo.build import build_demo

    warehouse = f"duckdb:///{tmp_path / 'cockpit.duckdb'}"
    engine = app_engine(app_db_url())
    note = store.add_note(engine, "2026-W46", "rebuild-proof note")
    action = store.add_action(engine, "2026-W46", "rebuild-proof action", "Li")
    for seed in (1, 2):
        build_demo(warehouse, scale="small", seed=seed, end_date=date(2026, 11, 24))
        assert note in set(store.notes(engine, "2026-W46")["note_id"])
        assert action in set(store.actions(engine, "2026-W46")["action_id"])
