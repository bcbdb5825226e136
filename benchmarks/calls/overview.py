"""Overview: headline KPIs and the GMV trend."""

from __future__ import annotations

from .base import Call, call

CALLS: list[tuple[str, Call]] = [
    ("kpis", call("cockpit.overview", "kpis")),
    ("gmv_trend(week)", call("cockpit.overview", "gmv_trend", "week")),
]
