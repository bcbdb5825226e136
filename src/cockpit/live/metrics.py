"""Live-room metric definitions in one place: each ratio's numerator, denominator and unit.

SQL (`Metric.sql`) and Python (`Metric.value`) evaluate the same definition, and the page's
tooltips name the same keys (`live.metric.<key>.help`). Definitions follow Douyin 电商罗盘:
GPM = GMV × 1000 / views (场观人次); UV value = GMV / unique viewers; average watch time =
total watch time / unique viewers (source: /work/shared/REFERENCE.md, "Live-commerce replay").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from cockpit.warehouse.schema import live_minutes
from cockpit.warehouse.sql import safe_ratio

# Additive totals of a session (or several): what every ratio below is built from.
# minutes: minutes on air; views: entries into the room (场观人次); viewer_minutes: the sum of
# online viewers over the minutes (total watch time, minutes); unique_viewers and impressions
# come from live_sessions, the rest are sums of the live_minutes column of the same name.
MINUTE_SUMS = {
    "gmv_cny": live_minutes.c.gmv_cny,
    "orders": live_minutes.c.orders,
    "orders_created": live_minutes.c.orders_created,
    "views": live_minutes.c.entries,
    "exits": live_minutes.c.exits,
    "viewer_minutes": live_minutes.c.online_viewers,
    "comments": live_minutes.c.comments,
    "likes": live_minutes.c.likes,
    "shares": live_minutes.c.shares,
    "product_exposures": live_minutes.c.product_exposures,
    "product_clicks": live_minutes.c.product_clicks,
    "new_followers": live_minutes.c.new_followers,
    "wecom_adds": live_minutes.c.wecom_adds,
    "entries_feed": live_minutes.c.entries_feed,
    "entries_paid": live_minutes.c.entries_paid,
    "entries_short_video": live_minutes.c.entries_short_video,
    "entries_followers": live_minutes.c.entries_followers,
}
SESSION_TOTALS = ("unique_viewers", "impressions")
TOTALS = ("minutes", *MINUTE_SUMS, *SESSION_TOTALS)


@dataclass(frozen=True)
class Metric:
    """A ratio of totals: sum(numerator) × scale / denominator, in `unit`."""

    key: str
    unit: str  # cny, ratio, minutes
    numerator: tuple[str, ...]
    denominator: str
    scale: float = 1.0

    def value(self, totals: Mapping[str, float]) -> float | None:
        """The metric from Python totals; None when the denominator is 0 or missing."""
        den = totals.get(self.denominator)
        if not den:
            return None
        return sum(float(totals[n]) for n in self.numerator) * self.scale / float(den)

    def sql(self, totals: Mapping[str, sa.ColumnElement]) -> sa.ColumnElement:
        """The metric as a SQL expression over total columns (a double; NULL when den is 0)."""
        num = sum((sa.cast(totals[n], sa.Double) for n in self.numerator[1:]),
                  sa.cast(totals[self.numerator[0]], sa.Double))
        return safe_ratio(num * self.scale, totals[self.denominator])


METRICS: dict[str, Metric] = {m.key: m for m in (
    Metric("gpm", "cny", ("gmv_cny",), "views", 1000.0),
    Metric("uv_value", "cny", ("gmv_cny",), "unique_viewers"),
    Metric("avg_watch_minutes", "minutes", ("viewer_minutes",), "unique_viewers"),
    Metric("interaction_rate", "ratio", ("comments", "shares"), "unique_viewers"),
    Metric("conversion", "ratio", ("orders",), "unique_viewers"),
    Metric("aov", "cny", ("gmv_cny",), "orders"),
    Metric("entry_rate", "ratio", ("views",), "impressions"),
    Metric("click_through", "ratio", ("product_clicks",), "product_exposures"),
)}


def metric_value(key: str, totals: Mapping[str, float]) -> float | None:
    """METRICS[key] evaluated on Python totals."""
    return METRICS[key].value(totals)


def minute_sum_columns() -> list[sa.ColumnElement]:
    """SUM of every live_minutes total as a double, labelled, plus the count of minutes."""
    return [sa.func.count().label("minutes"),
            *(sa.cast(sa.func.sum(col), sa.Double).label(name)
              for name, col in MINUTE_SUMS.items())]


def metric_columns(totals: Mapping[str, sa.ColumnElement],
                   keys: tuple[str, ...] = tuple(METRICS)) -> list[sa.ColumnElement]:
    """Each metric in `keys` as a labelled SQL expression over `totals`."""
    return [METRICS[k].sql(totals).label(k) for k in keys]
