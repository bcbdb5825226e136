"""The audit log: record and read back, newest first, filtered by action."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cockpit.access import audit
from cockpit.appstore import app_engine
from cockpit.filters import Filters


@pytest.fixture
def engine(tmp_path):
    return app_engine(f"sqlite:///{tmp_path / 'app.sqlite'}")


def test_record_and_recent(engine):
    before = datetime.now(UTC).replace(tzinfo=None)
    audit.record(engine, "li@example.com", "login", "header")
    f = Filters(date(2026, 10, 1), date(2026, 10, 28), channels=("live_stream",))
    audit.record(engine, "li@example.com", "export", "segments_audience.csv", f)
    audit.record(engine, "ops", "user_add", "wang@example.com", {"role": "viewer"})
    log = audit.recent(engine)
    assert list(log["action"]) == ["user_add", "export", "login"]
    export = log.iloc[1]
    assert export["what"] == "segments_audience.csv" and export["who"] == "li@example.com"
    assert export["filters"]["start"] == "2026-10-01"
    assert export["filters"]["channels"] == ["live_stream"]
    assert log.iloc[2]["filters"] == {}
    assert all(before <= at <= datetime.now(UTC).replace(tzinfo=None) for at in log["at"])
    only = audit.recent(engine, limit=5, action="export")
    assert list(only["what"]) == ["segments_audience.csv"]
    assert len(audit.recent(engine, limit=2)) == 2


def test_bad_entries_are_refused(engine):
    with pytest.raises(ValueError, match="unknown audit action 'delete'"):
        audit.record(engine, "x", "delete")
    with pytest.raises(ValueError, match="needs who"):
        audit.record(engine, " ", "login")
    with pytest.raises(ValueError, match="limit must be at least 1"):
        audit.recent(engine, limit=0)
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.recent(engine, action="nope")
    assert audit.recent(engine).empty
