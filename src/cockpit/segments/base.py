"""Shared building blocks of the segment queries: order history windows as subqueries."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta

import sqlalchemy as sa

from cockpit.facts import order_amounts
from cockpit.filters import Filters

log = logging.getLogger(__name__)

EPOCH = date(1900, 1, 1)
LOOKBACK_DAYS = 365  # RFM, VIP spend and acquisition cohorts look back one year


def history(f: Filters, since: date | None = None) -> sa.Subquery:
    """Non-cancelled orders matching f's channel/region/city/category selections from
    `since` (default: the beginning) to f.end: order_id, customer_id, channel, order_date,
    amount_cny."""
    return order_amounts(replace(f, start=since or EPOCH))


def lookback_start(f: Filters, days: int = LOOKBACK_DAYS) -> date:
    """The last `days` days to f.end, or the selected period when it is longer."""
    return min(f.start, f.end - timedelta(days=days - 1))


