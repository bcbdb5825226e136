"""Drop-off detection: minutes where the room empties much faster than the session usually does.

Score of minute t: the two-minute exit share (exits in t and t+1 ÷ viewers available: the room
at t−1 plus entries in t and t+1) minus the session's median two-minute exit share. Minutes
before MIN_MINUTE (the opening rush) and rooms under MIN_ROOM viewers are ignored. The largest
score of a session is flagged when it reaches THRESHOLD. On the small demo this finds the
planted drops with precision and recall about 0.88 (tests/test_live_demo.py).
"""

from __future__ import annotations

import pandas as pd

MIN_MINUTE = 10
MIN_ROOM = 30
THRESHOLD = 0.22  # 22 percentage points above the session's usual two-minute exit share
COLUMNS = ("live_session_id", "minute_index", "online_viewers", "entries", "exits")


def exit_scores(minutes: pd.DataFrame) -> pd.DataFrame:
    """Per minute (any number of sessions): live_session_id, minute_index, room_before,
    exit_share_2min, usual_exit_share, excess; minutes that cannot be scored are left out."""
    m = minutes.loc[:, list(COLUMNS)].sort_values(["live_session_id", "minute_index"])
    g = m.groupby("live_session_id", sort=False)
    before = g["online_viewers"].shift(1)
    exits2 = m["exits"] + g["exits"].shift(-1)
    available = before + m["entries"] + g["entries"].shift(-1)
    out = pd.DataFrame({"live_session_id": m["live_session_id"],
                        "minute_index": m["minute_index"], "room_before": before,
                        "exit_share_2min": exits2 / available.where(available > 0)})
    out = out[(out["minute_index"] >= MIN_MINUTE) & (out["room_before"] >= MIN_ROOM)].dropna()
    usual = out.groupby("live_session_id")["exit_share_2min"].transform("median")
    return out.assign(usual_exit_share=usual, excess=out["exit_share_2min"] - usual)


def detect(minutes: pd.DataFrame) -> pd.DataFrame:
    """One row per session with a flagged drop-off: live_session_id, minute_index,
    room_before, viewers_lost (room before minus room two minutes later), exit_share_2min,
    usual_exit_share, excess. Works on one session's minutes or many."""
    scores = exit_scores(minutes)
    if scores.empty:
        return scores.assign(viewers_lost=pd.Series(dtype=float))
    worst = scores.loc[scores.groupby("live_session_id")["excess"].idxmax()]
    worst = worst[worst["excess"] >= THRESHOLD]
    room = minutes.set_index(["live_session_id", "minute_index"])["online_viewers"]
    after = room.reindex(list(zip(worst["live_session_id"], worst["minute_index"] + 1,
                                  strict=True))).to_numpy()
    return worst.assign(viewers_lost=worst["room_before"] - after).reset_index(drop=True)
