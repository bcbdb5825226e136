"""The week's headline KPIs against the previous week, the same ISO week last year (week 53
against week 52), the same lunar days last year around the Spring Festival, and the plan
(`monthly_targets`) where it was imported."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit import overview
from cockpit.calendar import spring_festival
from cockpit.filters import Filters
from cockpit.review.weeks import IsoWeek, week_of
from cockpit.warehouse.schema import monthly_targets

KPI_UNITS = {"gmv": "cny", "orders": "count", "aov": "cny", "active_customers": "count",
             "new_customers": "count", "live_share": "ratio"}
KPI_KEYS = tuple(KPI_UNITS)
PLANNED = ("gmv", "orders")  # the KPIs monthly_targets plans
LUNAR_WINDOW_DAYS = 21  # weeks starting within 3 weeks of the Spring Festival compare lunar days


@dataclass(frozen=True)
class Comparisons:
    """The periods a week is compared with. `last_year_note`: week 53 compared with week 52
    of a year without week 53. `lunar`: the same days relative to last year's Spring
    Festival (None outside the festival weeks)."""

    week: IsoWeek
    previous: IsoWeek
    last_year: IsoWeek
    last_year_note: bool
    lunar: tuple[date, date] | None


def week_from_filters(f: Filters) -> IsoWeek:
    """The ISO week `f` spans exactly; ValueError otherwise."""
    week = week_of(f.start)
    if f.start != week.start or f.end != week.end:
        raise ValueError(f"the period {f.start} to {f.end} is not one ISO week (Monday to "
                         "Sunday)")
    return week


def comparisons(week: IsoWeek) -> Comparisons:
    last_year, note = week.last_year()
    offset = (week.start - spring_festival(week.year)).days
    if -LUNAR_WINDOW_DAYS <= offset <= LUNAR_WINDOW_DAYS:
        lunar_start = spring_festival(week.year - 1) + timedelta(days=offset)
        lunar = (lunar_start, lunar_start + timedelta(days=6))
    else:
        lunar = None
    return Comparisons(week, week.previous(), last_year, note, lunar)


def _values(conn: sa.Connection, periods: list[Filters]) -> list[dict[str, float | None]]:
    """The KPI values of each period, from cockpit.overview's totals."""
    new = overview.new_customer_counts(conn, periods)
    out = []
    for p, n in zip(periods, new, strict=True):
        totals = overview.period_totals(conn, p)
        values = overview.derive_kpis(totals, n, None)
        values["new_customers"] = float(n)
        out.append({k: values[k] for k in KPI_KEYS})
    return out


def _plan_applies(f: Filters) -> bool:
    """Targets are by month and channel only: no plan for a region/city/category/platform,
    nor for a scoped user (the plan is platform-wide)."""
    return not (f.regions or f.cities or f.categories or f.platforms) and f.scope.unscoped


def targets(conn: sa.Connection, first: date, last: date) -> pd.DataFrame:
    """One row per month and channel of monthly_targets whose month overlaps [first, last]:
    month, channel, gmv_target_cny, orders_target."""
    t = monthly_targets
    stmt = sa.select(t.c.month, t.c.channel, t.c.gmv_target_cny, t.c.orders_target).where(
        t.c.month >= first.replace(day=1), t.c.month <= last)
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["month", "channel", "gmv_target_cny", "orders_target"])
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    for col in ("gmv_target_cny", "orders_target"):
        frame[col] = pd.to_numeric(frame[col].astype(object), errors="coerce").astype("float64")
    return frame


def week_plan(plan: pd.DataFrame, f: Filters) -> dict[str, float | None]:
    """The plan for the days of `f`: each day gets its month's target ÷ days in the month.
    Channels: the selected ones, else the 'all' rows, else the sum of every channel."""
    if plan.empty or not _plan_applies(f):
        return {k: None for k in PLANNED}
    if f.channels:
        rows = plan[plan["channel"].isin(f.channels)]
    elif (plan["channel"] == "all").any():
        rows = plan[plan["channel"] == "all"]
    else:
        rows = plan
    by_month = rows.groupby("month").agg(gmv=("gmv_target_cny", "sum"),
                                         orders=("orders_target", lambda s: s.sum(min_count=1)))
    out: dict[str, float | None] = {"gmv": 0.0, "orders": 0.0}
    day = f.start
    while day <= f.end:
        month = day.replace(day=1)
        if month not in by_month.index:
            return {k: None for k in PLANNED}  # a day of the week has no plan
        share = 1 / calendar.monthrange(day.year, day.month)[1]
        for key in PLANNED:
            target = by_month.at[month, key]
            out[key] = None if out[key] is None or pd.isna(target) else out[key] + target * share
        day += timedelta(days=1)
    return out


def week_kpis(conn: sa.Connection, f: Filters) -> tuple[pd.DataFrame, Comparisons]:
    """One row per KPI: kpi, unit, value (the week of `f`), previous (the week before),
    last_year (the same ISO week a year earlier), lunar (the same lunar days last year, NaN
    outside the Spring Festival weeks), plan (NaN without targets) and attainment
    (value ÷ plan). `f` must span one ISO week."""
    comp = comparisons(week_from_filters(f))
    periods = [f, comp.previous.filters(f), comp.last_year.filters(f)]
    if comp.lunar:
        periods.append(replace(f, start=comp.lunar[0], end=comp.lunar[1]))
    values = _values(conn, periods)
    plan = week_plan(targets(conn, f.start, f.end), f)
    frame = pd.DataFrame({
        "kpi": list(KPI_KEYS),
        "unit": [KPI_UNITS[k] for k in KPI_KEYS],
        "value": [values[0][k] for k in KPI_KEYS],
        "previous": [values[1][k] for k in KPI_KEYS],
        "last_year": [values[2][k] for k in KPI_KEYS],
        "lunar": [values[3][k] if comp.lunar else None for k in KPI_KEYS],
        "plan": [plan.get(k) for k in KPI_KEYS],
    })
    for col in ("value", "previous", "last_year", "lunar", "plan"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["attainment"] = frame["value"] / frame["plan"].where(frame["plan"] > 0)
    return frame, comp
