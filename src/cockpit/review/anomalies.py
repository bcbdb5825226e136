"""Anomalies of the week: days and segments outside a robust baseline, and live drop-offs.

A day is compared with the same weekday of the BASELINE_WEEKS weeks before; the week and each
segment's week (channel, region, category) with the previous BASELINE_WEEKS weeks. On the log
scale (sales vary by factors): expected = the median, the range is expected × exp(± s) with
s = max(Z · 1.4826 · MAD of the logs, ln(1 + MIN_RELATIVE)) (the MAD scaled to a standard
deviation, with a floor so that quiet series do not flag noise). Outside
the range is a spike (above) or a dip (below), sized in CNY and in % of expected. Live
sessions of the week with a drop-off (cockpit.live.dropoff) are listed with the viewers lost.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.facts import order_amounts
from cockpit.filters import Filters, is_sale, item_conditions, order_conditions
from cockpit.live import dropoff
from cockpit.live.sessions import period_conditions
from cockpit.warehouse.schema import UNKNOWN, live_minutes, live_sessions, order_items, orders
from cockpit.warehouse.sql import date_trunc, fsum

BASELINE_WEEKS = 10
MIN_BASELINE = 4  # fewer earlier weeks with data: no baseline
Z = 2.25
MIN_RELATIVE = 0.3
MIN_EXPECTED_CNY = 500.0  # segments this small are not judged
SEGMENT_DIMENSIONS = ("channel", "region", "category")
COLUMNS = ["kind", "dimension", "segment", "day", "value", "expected", "low", "high",
           "deviation", "deviation_pct", "direction"]


def _span(f: Filters) -> Filters:
    """`f` widened back to cover the baseline weeks."""
    return Filters(f.start - timedelta(days=7 * BASELINE_WEEKS), f.end, f.channels, f.regions,
                   f.cities, f.categories, f.platforms, f.scope)


def daily_gmv(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per day with sales in `f` and its baseline weeks: day, gmv (CNY)."""
    ords = order_amounts(_span(f))
    stmt = (sa.select(ords.c.order_date, fsum(ords.c.amount_cny))
            .group_by(ords.c.order_date).order_by(ords.c.order_date))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["day", "gmv"])
    frame["day"] = pd.to_datetime(frame["day"])
    return frame.astype({"gmv": "float64"})


def weekly_segment_gmv(conn: sa.Connection, f: Filters, dimension: str) -> pd.DataFrame:
    """One row per week (Monday) and segment of `dimension` with sales in `f` and its
    baseline weeks: week, segment, gmv (CNY; categories: their order lines)."""
    span = _span(f)
    if dimension == "category":
        week = date_trunc("week", orders.c.order_date)
        seg = sa.func.coalesce(order_items.c.category, UNKNOWN)
        stmt = (sa.select(week, seg, fsum(order_items.c.amount_cny))
                .select_from(orders.join(order_items,
                                         order_items.c.order_id == orders.c.order_id))
                .where(*order_conditions(span), is_sale(), *item_conditions(span))
                .group_by(week, seg))
    else:
        ords = order_amounts(span)
        week = date_trunc("week", ords.c.order_date)
        seg = sa.func.coalesce(orders.c[dimension], UNKNOWN)
        stmt = (sa.select(week, seg, fsum(ords.c.amount_cny))
                .select_from(ords.join(orders, orders.c.order_id == ords.c.order_id))
                .group_by(week, seg))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["week", "segment", "gmv"])
    frame["week"] = pd.to_datetime(frame["week"])
    return frame.astype({"gmv": "float64"})


def judge(value: float, history: np.ndarray) -> dict[str, float] | None:
    """Expected value and range of `value` from its `history` (robust, on the log scale; see
    the module); None when the history is too short."""
    if len(history) < MIN_BASELINE:
        return None
    logs = np.log(np.maximum(history, 1.0))
    centre = float(np.median(logs))
    spread = max(Z * 1.4826 * float(np.median(np.abs(logs - centre))), np.log1p(MIN_RELATIVE))
    expected, low, high = np.exp(centre), np.exp(centre - spread), np.exp(centre + spread)
    deviation = value - expected
    return {"value": value, "expected": expected, "low": low, "high": high,
            "deviation": deviation, "deviation_pct": deviation / expected * 100,
            "direction": "spike" if value > high else "dip" if value < low else "normal"}


def day_anomalies(daily: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """One row per day of the week (`f`) judged against its same weekdays before."""
    series = daily.set_index("day")["gmv"]
    rows = []
    day = f.start
    while day <= f.end:
        stamp = pd.Timestamp(day)
        past = [stamp - pd.Timedelta(days=7 * k) for k in range(1, BASELINE_WEEKS + 1)]
        history = series.reindex(past).dropna().to_numpy()
        verdict = judge(float(series.get(stamp, 0.0)), history)
        if verdict:
            rows.append({"kind": "day", "dimension": "total", "segment": "all",
                         "day": day, **verdict})
        day += timedelta(days=1)
    return pd.DataFrame(rows, columns=COLUMNS)


def week_anomaly(daily: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """One row: the week's total GMV judged against the BASELINE_WEEKS weeks before."""
    weekly = daily.assign(week=daily["day"] - pd.to_timedelta(daily["day"].dt.day_of_week,
                                                              unit="D"),
                          segment="all")
    found = segment_anomalies(weekly[["week", "segment", "gmv"]], f, "total")
    return found.assign(kind="week")


def segment_anomalies(weekly: pd.DataFrame, f: Filters, dimension: str) -> pd.DataFrame:
    """One row per segment of `dimension`: its week judged against its earlier weeks (a week
    without sales counts 0 once the segment has sold)."""
    table = weekly.pivot_table(index="week", columns="segment", values="gmv", aggfunc="sum")
    weeks = pd.date_range(pd.Timestamp(f.start) - pd.Timedelta(days=7 * BASELINE_WEEKS),
                          periods=BASELINE_WEEKS + 1, freq="7D")
    first_seen = table.notna().idxmax() if not table.empty else pd.Series(dtype=object)
    table = table.reindex(weeks).fillna(0.0)
    rows = []
    for segment in table.columns:
        history = table[segment].iloc[:-1]
        history = history[history.index >= first_seen[segment]].to_numpy()
        verdict = judge(float(table[segment].iloc[-1]), history)
        if verdict and verdict["expected"] >= MIN_EXPECTED_CNY:
            rows.append({"kind": "segment", "dimension": dimension, "segment": segment,
                         "day": None, **verdict})
    return pd.DataFrame(rows, columns=COLUMNS)


def week_minutes(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per minute on air of the sessions started in `f`: dropoff.COLUMNS."""
    lm = live_minutes
    stmt = (sa.select(*(lm.c[c] for c in dropoff.COLUMNS))
            .select_from(lm.join(live_sessions,
                                 live_sessions.c.live_session_id == lm.c.live_session_id))
            .where(*period_conditions(f)))
    return pd.DataFrame(conn.execute(stmt).all(), columns=list(dropoff.COLUMNS))


def live_dropoffs(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per session of the week with a flagged drop-off: live_session_id, title,
    started_at, minute_index, minute_at, viewers_lost, excess (share points above usual)."""
    drops = dropoff.detect(week_minutes(conn, f))
    if drops.empty:
        return pd.DataFrame(columns=["live_session_id", "title", "started_at", "minute_index",
                                     "minute_at", "viewers_lost", "excess"])
    ids = [int(i) for i in drops["live_session_id"]]
    info = pd.DataFrame(conn.execute(
        sa.select(live_sessions.c.live_session_id, live_sessions.c.title,
                  live_sessions.c.started_at)
        .where(live_sessions.c.live_session_id.in_(ids))).all(),
        columns=["live_session_id", "title", "started_at"])
    out = drops.merge(info, on="live_session_id")
    out["started_at"] = pd.to_datetime(out["started_at"])
    out["minute_at"] = out["started_at"] + pd.to_timedelta(out["minute_index"], unit="min")
    return (out[["live_session_id", "title", "started_at", "minute_index", "minute_at",
                 "viewers_lost", "excess"]]
            .sort_values("viewers_lost", ascending=False).reset_index(drop=True))


def anomalies(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """One row per flagged day or segment of the week `f` (see the module): kind (day or
    segment), dimension, segment, day, value, expected, low, high, deviation (CNY),
    deviation_pct, direction (spike or dip); largest |deviation_pct| first."""
    daily = daily_gmv(conn, f)
    parts = [day_anomalies(daily, f), week_anomaly(daily, f)]
    parts += [segment_anomalies(weekly_segment_gmv(conn, f, d), f, d)
              for d in SEGMENT_DIMENSIONS]
    parts = [p.astype({"day": object}) for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    found = pd.concat(parts, ignore_index=True)
    found = found[found["direction"] != "normal"]
    return (found.sort_values("deviation_pct", key=abs, ascending=False)
            .reset_index(drop=True))
