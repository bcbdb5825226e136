"""What the benchmark times: for each page, the analysis calls a page run makes.

Each entry is (name, callable(conn, filters)); one module per page lists its calls. Functions
are imported when first called, so a missing function fails in its own row, not at import
time. Add a page's module here when the page lands.
"""

from __future__ import annotations

from . import forecast, live, logistics, o2o, overview, review, segments
from .base import WINDOWS, Call, call

CALLS: dict[str, list[tuple[str, Call]]] = {
    "overview": overview.CALLS,
    "segments": segments.CALLS,
    "live": live.CALLS,
    "o2o": o2o.CALLS,
    "forecast": forecast.CALLS,
    "logistics": logistics.CALLS,
    "review": review.CALLS,
}

__all__ = ["CALLS", "WINDOWS", "Call", "call"]
