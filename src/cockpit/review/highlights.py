"""One highlight block per domain whose data exists: the week's best and worst live session
(with its worst drop-off), CO2e per order and green-delivery share, and tier migration. Each
calls the domain's own analysis (cockpit.live, cockpit.logistics, cockpit.segments)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from cockpit.coverage import tables_with_rows
from cockpit.filters import Filters
from cockpit.live import dropoff
from cockpit.live.sessions import sessions
from cockpit.logistics.co2e import co2e_per_order
from cockpit.logistics.green import green_delivery
from cockpit.review.anomalies import week_minutes
from cockpit.segments import migration

NEEDS = {"live": ("live_sessions", "live_minutes"),
         "logistics": ("shipments", "emission_factors"),
         "segments": ()}


@dataclass(frozen=True)
class Metric:
    """One figure of a block: key (its label), value, unit (cny, count, ratio, kg, text),
    previous (the week before; NaN when not compared)."""

    key: str
    value: float | str | None
    unit: str
    previous: float | None = math.nan


@dataclass(frozen=True)
class Highlight:
    """A block: `domain` (also the page it links to) and its metrics."""

    domain: str
    metrics: list[Metric] = field(default_factory=list)


def _num(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) \
        else float(value)


def live_block(conn: sa.Connection, f: Filters) -> Highlight | None:
    """Best and worst session of the week by GMV, and the worst drop-off among them."""
    frame = sessions(conn, f)
    if frame.empty:
        return None
    best, worst = frame.iloc[0], frame.iloc[-1]
    drops = dropoff.detect(week_minutes(conn, f))
    metrics = [Metric("sessions", float(len(frame)), "count"),
               Metric("best_session", str(best["title"]), "text"),
               Metric("best_gmv", float(best["gmv_cny"]), "cny"),
               Metric("worst_session", str(worst["title"]), "text"),
               Metric("worst_gmv", float(worst["gmv_cny"]), "cny")]
    if not drops.empty:
        top = drops.sort_values("viewers_lost", ascending=False).iloc[0]
        title = frame.set_index("live_session_id").at[top["live_session_id"], "title"]
        metrics += [Metric("dropoff_session", str(title), "text"),
                    Metric("dropoff_minute", float(top["minute_index"]), "count"),
                    Metric("dropoff_viewers", float(top["viewers_lost"]), "count")]
    return Highlight("live", metrics)


def logistics_block(conn: sa.Connection, f: Filters, previous: Filters) -> Highlight | None:
    """kg CO2e per shipped order and the green-delivery share, against the week before."""
    green, green_prev = green_delivery(conn, f), green_delivery(conn, previous)
    if not green.shipments:
        return None
    return Highlight("logistics", [
        Metric("co2e_per_order", _num(co2e_per_order(conn, f)), "kg",
               _num(co2e_per_order(conn, previous))),
        Metric("green_share", green.share, "ratio", green_prev.share),
        Metric("shipments", float(green.shipments), "count", float(green_prev.shipments)),
    ])


def segments_block(conn: sa.Connection, f: Filters) -> Highlight | None:
    """Customers whose lifecycle tier moved from the week before: up, down, in (new) and
    out, and those who became VIP."""
    moves = migration.moves(conn, f, "tier")
    if moves.empty:
        return None
    dirs = [migration.direction("tier", a, b)
            for a, b in zip(moves["source"], moves["target"], strict=True)]
    counts = pd.Series(dirs).value_counts()
    vip = int(((moves["target"] == "vip") & (moves["source"] != "vip")).sum())
    return Highlight("segments", [Metric(f"tier_{d}", float(counts.get(d, 0)), "count")
                                  for d in ("up", "down", "in", "out")]
                     + [Metric("new_vip", float(vip), "count")])


def highlights(conn: sa.Connection, f: Filters, previous: Filters) -> list[Highlight]:
    """The blocks whose domain data exists in the warehouse (and has something this week)."""
    present = tables_with_rows(conn)
    blocks = []
    for domain, tables in NEEDS.items():
        if not all(t in present for t in tables):
            continue
        if domain == "live":
            block = live_block(conn, f)
        elif domain == "logistics":
            block = logistics_block(conn, f, previous)
        else:
            block = segments_block(conn, f)
        if block is not None:
            blocks.append(block)
    return blocks
