"""Filter scopes: before/after comparisons look at the whole history, not only the period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cockpit.filters import Filters

HISTORY_START = date(1900, 1, 1)
HISTORY_END = date(9999, 12, 31)


def whole_history(f: Filters) -> Filters:
    """`f` with its channel/region/city/category selections but every date."""
    return replace(f, start=HISTORY_START, end=HISTORY_END)
