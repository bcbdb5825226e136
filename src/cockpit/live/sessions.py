"""Sessions in a period: one row per session with its totals and metrics, the period overview
against the previous period and the team's own median and top-quartile session, host split,
and the live / short-video share of all GMV."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.facts import order_amounts
from cockpit.filters import Filters, platform_wide
from cockpit.live.metrics import (
    METRICS,
    MINUTE_SUMS,
    SESSION_TOTALS,
    TOTALS,
    metric_columns,
    minute_sum_columns,
)
from cockpit.warehouse.schema import live_minutes, live_sessions
from cockpit.warehouse.sql import fsum

BENCHMARK_DAYS = 90  # the team's own sessions in the 90 days to the period's end
INFO_COLUMNS = ("live_session_id", "title", "host_name", "host_type", "started_at", "ended_at")
# KPI -> (unit, additive): additive KPIs are summed over sessions, the rest are METRICS ratios
KPIS = {
    "sessions": ("count", True),
    "hours_live": ("hours", True),
    "gmv_cny": ("cny", True),
    "orders": ("count", True),
    "views": ("count", True),
    "unique_viewers": ("count", True),
    "avg_watch_minutes": ("minutes", False),
    "gpm": ("cny", False),
    "uv_value": ("cny", False),
    "conversion": ("ratio", False),
    "interaction_rate": ("ratio", False),
    "wecom_adds": ("count", True),
}


def period_conditions(f: Filters) -> list[sa.ColumnElement[bool]]:
    """Sessions that started within the period; none when a channel filter excludes live,
    and none for a scoped user (live sessions have no region or store: platform-wide)."""
    lo = datetime.combine(f.start, time.min)
    hi = datetime.combine(f.end + timedelta(days=1), time.min)
    conds = [live_sessions.c.started_at >= lo, live_sessions.c.started_at < hi,
             platform_wide(f)]
    if f.channels and "live_stream" not in f.channels:
        conds.append(sa.false())
    return conds


def session_totals(conds: list[sa.ColumnElement[bool]]) -> sa.Subquery:
    """One row per session matching `conds`: INFO_COLUMNS and every total in TOTALS."""
    ls = live_sessions
    sums = (sa.select(live_minutes.c.live_session_id, *minute_sum_columns())
            .select_from(live_minutes.join(ls, ls.c.live_session_id
                                           == live_minutes.c.live_session_id))
            .where(*conds).group_by(live_minutes.c.live_session_id).subquery("sums"))
    return (sa.select(*(ls.c[c] for c in INFO_COLUMNS),
                      *(sums.c[t] for t in ("minutes", *MINUTE_SUMS)),
                      *(sa.cast(ls.c[t], sa.Double).label(t) for t in SESSION_TOTALS))
            .select_from(ls.join(sums, sums.c.live_session_id == ls.c.live_session_id))
            .subquery("session_totals"))


def _frame(conn: sa.Connection, stmt: sa.Select) -> pd.DataFrame:
    result = conn.execute(stmt)
    frame = pd.DataFrame(result.all(), columns=list(result.keys()))
    for col in frame.columns:
        if col in TOTALS or col in METRICS:
            frame[col] = frame[col].astype("float64")
    return frame


def sessions_where(conn: sa.Connection, conds: list[sa.ColumnElement[bool]]) -> pd.DataFrame:
    """One row per session matching `conds`: info, totals, metrics and gmv_rank (1 = most
    GMV), sorted by GMV (highest first)."""
    st = session_totals(conds)
    stmt = (sa.select(st, *metric_columns(st.c))
            .order_by(st.c.gmv_cny.desc(), st.c.started_at))
    frame = _frame(conn, stmt)
    frame["started_at"] = pd.to_datetime(frame["started_at"])
    frame["ended_at"] = pd.to_datetime(frame["ended_at"])
    frame["gmv_rank"] = np.arange(1, len(frame) + 1)
    return frame


def sessions(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per session started in the period (see `sessions_where`), GMV rank order."""
    return sessions_where(conn, period_conditions(f))


def period_totals(conn: sa.Connection, f: Filters) -> dict[str, float]:
    """The period's totals (TOTALS plus sessions) and METRICS over all its sessions."""
    st = session_totals(period_conditions(f))
    sums = sa.select(sa.func.count().label("sessions"),
                     *(fsum(st.c[t]).label(t) for t in TOTALS)).subquery("period")
    row = conn.execute(sa.select(sums, *metric_columns(sums.c))).mappings().one()
    empty = 0.0 if not row["sessions"] else np.nan
    return {k: float(v) if v is not None else (empty if k in TOTALS else np.nan)
            for k, v in row.items()}


def _kpi_value(key: str, totals: dict[str, float]) -> float:
    if key == "hours_live":
        return totals["minutes"] / 60.0
    return totals.get(key, np.nan)


def benchmark_window(f: Filters) -> Filters:
    """The BENCHMARK_DAYS days ending with the period's last day (same channel filter and
    data scope)."""
    return Filters(f.end - timedelta(days=BENCHMARK_DAYS - 1), f.end, channels=f.channels,
                   scope=f.scope)


def overview(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per KPI: kpi, unit, value (period), previous (period before), per_session
    (additive KPIs: value ÷ sessions; ratios: value), median and top_quartile (the team's
    sessions over the BENCHMARK_DAYS to the period's end; empty for the session count)."""
    now, before = period_totals(conn, f), period_totals(conn, f.previous_period())
    bench = sessions(conn, benchmark_window(f)).assign(hours_live=lambda d: d["minutes"] / 60)
    rows = []
    for key, (unit, additive) in KPIS.items():
        value = _kpi_value(key, now)
        per = value / now["sessions"] if additive and now["sessions"] else value
        column = bench[key] if key in bench and key != "sessions" else pd.Series(dtype=float)
        rows.append({"kpi": key, "unit": unit, "value": value,
                     "previous": _kpi_value(key, before),
                     "per_session": np.nan if key == "sessions" else per,
                     "median": column.median(), "top_quartile": column.quantile(0.75)})
    return pd.DataFrame(rows)


def host_split(frame: pd.DataFrame) -> pd.DataFrame:
    """From `sessions` output: one row per host_type with sessions, gmv_cny, gmv_share,
    views, unique_viewers, gpm and uv_value."""
    sums = frame.groupby("host_type")[["gmv_cny", "views", "unique_viewers"]].sum()
    sums.insert(0, "sessions", frame.groupby("host_type").size())
    total = sums["gmv_cny"].sum()
    sums["gmv_share"] = sums["gmv_cny"] / total if total else np.nan
    for key in ("gpm", "uv_value"):
        sums[key] = [METRICS[key].value(row) for row in sums.to_dict("records")]
    return sums.reset_index()


def channel_shares(conn: sa.Connection, f: Filters) -> dict[str, float]:
    """GMV of all orders matching `f` (total) and the live-stream and short-video shares."""
    ords = order_amounts(f)
    rows = dict(conn.execute(sa.select(ords.c.channel, fsum(ords.c.amount_cny))
                             .group_by(ords.c.channel)).all())
    total = float(sum(v or 0 for v in rows.values()))
    share = {c: (float(rows.get(c) or 0) / total if total else np.nan)
             for c in ("live_stream", "short_video")}
    return {"total_gmv_cny": total, **share}
