"""Segment effectiveness across sessions: per script segment type, GMV and WeCom adds per
minute on air, orders and WeCom adds per 1,000 viewer-minutes, and viewer retention, with 90%
confidence intervals from a cluster bootstrap over sessions (minutes of one session are not
independent, so whole sessions are resampled)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters
from cockpit.live.sessions import period_conditions
from cockpit.warehouse.schema import LIVE_SEGMENTS, live_minutes, live_sessions

REPS = 1000
SEED = 20261124
CI = 0.90
QUANTITIES = ("minutes", "viewer_minutes", "gmv_cny", "orders_created", "wecom_adds", "exits",
              "available")
# measure -> (numerator, denominator, scale); retention is 1 − exits / available
MEASURES = {
    "gmv_per_minute": ("gmv_cny", "minutes", 1.0),
    "wecom_per_minute": ("wecom_adds", "minutes", 1.0),
    "orders_per_1k_viewer_minutes": ("orders_created", "viewer_minutes", 1000.0),
    "wecom_per_1k_viewer_minutes": ("wecom_adds", "viewer_minutes", 1000.0),
    "retention": ("exits", "available", 1.0),
}


def segment_table(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per session and segment type in the period: live_session_id, segment and the
    sums QUANTITIES (available = viewers in the room before the minute plus entries =
    online_viewers + exits)."""
    lm = live_minutes
    sums = {
        "minutes": sa.func.count(), "viewer_minutes": sa.func.sum(lm.c.online_viewers),
        "gmv_cny": sa.func.sum(lm.c.gmv_cny), "orders_created": sa.func.sum(lm.c.orders_created),
        "wecom_adds": sa.func.sum(lm.c.wecom_adds), "exits": sa.func.sum(lm.c.exits),
        "available": sa.func.sum(lm.c.online_viewers + lm.c.exits),
    }
    stmt = (sa.select(lm.c.live_session_id, lm.c.segment,
                      *(sa.cast(v, sa.Double).label(k) for k, v in sums.items()))
            .select_from(lm.join(live_sessions,
                                 live_sessions.c.live_session_id == lm.c.live_session_id))
            .where(*period_conditions(f)).group_by(lm.c.live_session_id, lm.c.segment))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["live_session_id", "segment",
                                                             *sums])
    return frame.astype({k: "float64" for k in sums})


@dataclass(frozen=True)
class Rates:
    """Point estimates (one per LIVE_SEGMENTS entry) and bootstrap draws (REPS × segments) of
    every measure, over `sessions` sessions."""

    sessions: int
    point: dict[str, np.ndarray]
    draws: dict[str, np.ndarray]
    base_minutes: np.ndarray  # mean minutes on air per session, per segment type


def _cube(table: pd.DataFrame) -> dict[str, np.ndarray]:
    """QUANTITIES as session × segment arrays (0 where a session lacks a segment)."""
    wide = table.pivot_table(index="live_session_id", columns="segment", values=list(QUANTITIES),
                             aggfunc="sum", fill_value=0.0)
    return {q: wide[q].reindex(columns=list(LIVE_SEGMENTS), fill_value=0.0).to_numpy(float)
            for q in QUANTITIES}


def _ratio(num: np.ndarray, den: np.ndarray, scale: float, measure: str) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(den > 0, num / den, np.nan)
    return 1.0 - r if measure == "retention" else r * scale


def _resample_sums(cube: dict[str, np.ndarray], n: int, reps: int,
                   seed: int) -> dict[str, np.ndarray]:
    """Per quantity, `reps` sums over n sessions drawn with replacement (reps × segments):
    each draw's session counts times the session × segment array."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(reps, n)) + (np.arange(reps) * n)[:, None] if n else None
    counts = (np.bincount(picks.ravel(), minlength=reps * n).reshape(reps, n).astype(float)
              if n else np.zeros((reps, 0)))
    stacked = counts @ np.hstack([cube[q] for q in QUANTITIES])
    width = len(LIVE_SEGMENTS)
    return {q: stacked[:, i * width:(i + 1) * width] for i, q in enumerate(QUANTITIES)}


def bootstrap_rates(table: pd.DataFrame, reps: int = REPS, seed: int = SEED) -> Rates:
    """Ratio-of-sums rates per segment and their cluster-bootstrap draws (sessions resampled
    with replacement, `reps` times, fixed seed)."""
    cube = _cube(table)
    n = len(next(iter(cube.values())))
    resampled = _resample_sums(cube, n, reps, seed)
    point, draws = {}, {}
    for measure, (num, den, scale) in MEASURES.items():
        point[measure] = _ratio(cube[num].sum(axis=0), cube[den].sum(axis=0), scale, measure)
        draws[measure] = _ratio(resampled[num], resampled[den], scale, measure)
    base = cube["minutes"].mean(axis=0) if n else np.zeros(len(LIVE_SEGMENTS))
    return Rates(n, point, draws, base)


def rates(conn: sa.Connection, f: Filters) -> Rates:
    """Bootstrap `Rates` for the sessions of the period."""
    return bootstrap_rates(segment_table(conn, f))


def summarise(r: Rates, ci: float = CI) -> pd.DataFrame:
    """One row per segment and measure: segment, measure, value, ci_low, ci_high."""
    lo_q, hi_q = (1 - ci) / 2, 1 - (1 - ci) / 2
    rows = []
    for measure in MEASURES:
        draws = r.draws[measure]
        for i, segment in enumerate(LIVE_SEGMENTS):
            col = draws[:, i][~np.isnan(draws[:, i])] if len(draws) else np.array([])
            lo, hi = (np.quantile(col, [lo_q, hi_q]) if len(col) else (np.nan, np.nan))
            rows.append({"segment": segment, "measure": measure,
                         "value": r.point[measure][i], "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def effectiveness(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """`summarise(rates(conn, f))`: per segment type and measure, value and 90% interval."""
    return summarise(rates(conn, f))
