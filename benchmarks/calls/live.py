"""Live-commerce replay: overview, one session, effectiveness, what-if, follow-through."""

from __future__ import annotations

from typing import Any

from cockpit.filters import Filters

from .base import Call, call, remembered


def _latest_live_session(conn: Any, filters: Filters) -> int | None:
    """The last session started in the window (one lookup on live_sessions)."""
    import sqlalchemy as sa

    from cockpit.live.sessions import period_conditions
    from cockpit.warehouse.schema import live_sessions as ls

    return conn.execute(sa.select(ls.c.live_session_id).where(*period_conditions(filters))
                        .order_by(ls.c.started_at.desc()).limit(1)).scalar()


def live_replay(conn: Any, filters: Filters) -> Any:
    """What opening one session costs: its row and minutes, funnel, sources, segment bands,
    drop-off detection and explanation windows (the latest session of the window)."""
    from cockpit.live import dropoff, replay, windows

    sid = _latest_live_session(conn, filters)
    info = replay.session_info(conn, sid)
    minutes = replay.session_minutes(conn, sid)
    replay.funnel(info), replay.traffic_sources(info), replay.segment_blocks(minutes)
    dropoff.detect(minutes)
    return windows.explanation_windows(minutes)


live_replay.module = "cockpit.live.replay"


def live_whatif(conn: Any, filters: Filters) -> Any:
    """What a what-if slider move costs: the per-minute rates are fitted on the first call
    only (the page caches them through query()), then only whatif.project recomputes."""
    from cockpit.live import effectiveness, whatif

    rates = remembered(effectiveness.rates, conn, filters)
    return whatif.project(rates, rates.base_minutes + [5.0, 0.0, 5.0])


live_whatif.module = "cockpit.live.whatif"


CALLS: list[tuple[str, Call]] = [
    ("sessions", call("cockpit.live.sessions", "sessions")),
    ("overview", call("cockpit.live.sessions", "overview")),
    ("channel_shares", call("cockpit.live.sessions", "channel_shares")),
    ("replay(one session)", live_replay),
    ("effectiveness", call("cockpit.live.effectiveness", "effectiveness")),
    ("what-if slider (whatif.project only)", live_whatif),
    ("followthrough.by_host", call("cockpit.live.followthrough", "by_host")),
    ("followthrough.by_session", call("cockpit.live.followthrough", "by_session")),
]
