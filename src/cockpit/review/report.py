"""Everything the weekly review shows, computed once: for the page, the deck and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit import facts
from cockpit.filters import Filters
from cockpit.review.anomalies import anomalies, live_dropoffs
from cockpit.review.bridge import Bridge, gmv_bridge
from cockpit.review.highlights import Highlight, highlights
from cockpit.review.kpis import Comparisons, week_kpis
from cockpit.review.weeks import IsoWeek, check_in_data


class NoData(ValueError):
    """The week has no sales matching the filters."""


@dataclass(frozen=True)
class Review:
    """One week's review: the week's filters `f`, its comparisons, the KPI frame
    (cockpit.review.kpis), the bridge against the previous week, the flagged anomalies and
    live drop-offs, the highlight blocks and the data's last day."""

    week: IsoWeek
    f: Filters
    comparisons: Comparisons
    kpis: pd.DataFrame
    bridge: Bridge
    anomalies: pd.DataFrame
    dropoffs: pd.DataFrame
    highlights: list[Highlight]
    data_last_day: date


def build_review(conn: sa.Connection, f: Filters, week: IsoWeek) -> Review:
    """The review of `week` with the dimension selections of `f` (its dates are replaced).
    ValueError when the week lies outside the data; NoData when it has no matching sale."""
    first, last = facts.data_range(conn)
    check_in_data(week, first, last)
    wf = week.filters(f)
    kpis, comp = week_kpis(conn, wf)
    if not kpis.set_index("kpi").at["orders", "value"]:
        raise NoData(f"week {week} has no orders matching the filters")
    prev = comp.previous.filters(f)
    return Review(week, wf, comp, kpis, gmv_bridge(conn, wf, prev), anomalies(conn, wf),
                  live_dropoffs(conn, wf), highlights(conn, wf, prev), last)
