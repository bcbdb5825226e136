"""CLV on the warehouse: the per-customer summary in SQL (non-cancelled orders, one purchase
per customer and day), the fitted models, scores for every customer and the holdout check."""

from __future__ import annotations

import logging
from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.clv.model import (
    DEFAULT_HORIZON_DAYS,
    SCORE_COLUMNS,
    ClvFit,
    fit_summary,
    holdout_table,
    score,
)
from cockpit.clv.summary import COLUMNS, DAYS_PER_WEEK
from cockpit.filters import is_sale, sale_amount, scope_condition
from cockpit.warehouse.fetch import read_frame
from cockpit.warehouse.schema import orders
from cockpit.warehouse.sql import days_between, fsum, safe_ratio

log = logging.getLogger(__name__)

CLV_HORIZON_DAYS = 365  # the segments page values customers over the next year
MIN_CUSTOMERS = 20  # fewer buyers than this cannot support a four-parameter fit


def _purchase_days(until: date, after: date | None = None,
                   scope: Scope = EVERYTHING) -> sa.Subquery:
    """One row per customer and purchase day with the day's amount paid (¥), summed as an
    exact decimal: a float sum in parallel is not repeatable to the last bit. A scoped
    user's customers are scored on their orders in `scope` only."""
    conds = [is_sale(), orders.c.order_date <= until,
             scope_condition(scope, orders.c.region, orders.c.store_id)]
    if after is not None:
        conds.append(orders.c.order_date > after)
    return (sa.select(orders.c.customer_id, orders.c.order_date.label("day"),
                      sa.func.sum(sale_amount()).label("amount"))
            .where(*conds).group_by(orders.c.customer_id, orders.c.order_date)
            .subquery("purchase_days"))


def summary_query(calibration_end: date, scope: Scope = EVERYTHING) -> sa.Select:
    """customer_id, frequency, recency, T (weeks), monetary_value (¥ per repeat purchase
    day) for every customer with a non-cancelled order on or before calibration_end."""
    d = _purchase_days(calibration_end, scope=scope)
    first = sa.func.min(d.c.day).over(partition_by=d.c.customer_id)
    w = sa.select(*d.c, first.label("first_day")).subquery("with_first")
    repeat_amount = fsum(sa.case((w.c.day > w.c.first_day, w.c.amount), else_=0))
    per = (sa.select(w.c.customer_id, (sa.func.count() - 1).label("frequency"),
                     sa.func.min(w.c.day).label("first_day"),
                     sa.func.max(w.c.day).label("last_day"), repeat_amount.label("repeat_cny"))
           .group_by(w.c.customer_id).subquery("per_customer"))
    weeks = sa.literal(DAYS_PER_WEEK, sa.Double)
    end = sa.literal(calibration_end, sa.Date)
    return (sa.select(
        per.c.customer_id, per.c.frequency,
        (sa.cast(days_between(per.c.first_day, per.c.last_day), sa.Double) / weeks)
        .label("recency"),
        (sa.cast(days_between(per.c.first_day, end), sa.Double) / weeks).label("T"),
        sa.func.coalesce(safe_ratio(per.c.repeat_cny, per.c.frequency), 0.0)
        .label("monetary_value"))
        .order_by(per.c.customer_id))


def customer_summary(conn: sa.Connection, calibration_end: date,
                     scope: Scope = EVERYTHING) -> pd.DataFrame:
    """One row per customer who bought on or before calibration_end: frequency (repeat
    purchase days), recency and T (weeks), monetary_value (¥ per repeat purchase day)."""
    frame = read_frame(conn, summary_query(calibration_end, scope))
    frame.columns = list(COLUMNS)
    return frame.astype({"customer_id": "int64", "frequency": "int64", "recency": float,
                         "T": float, "monetary_value": float})


def clv_fit(conn: sa.Connection, as_of: date, scope: Scope = EVERYTHING) -> ClvFit:
    """BG/NBD and Gamma-Gamma fitted on the summary at as_of (a seeded sample of at most
    20,000 customers)."""
    return fit_summary(customer_summary(conn, as_of, scope), as_of)


def customer_clv(conn: sa.Connection, as_of: date,
                 horizon_days: int = DEFAULT_HORIZON_DAYS,
                 scope: Scope = EVERYTHING) -> pd.DataFrame:
    """One row per customer who bought on or before as_of: the summary plus p_alive,
    expected_purchases (purchase days in the next horizon_days), expected_aov (¥ per
    purchase day, Gamma-Gamma) and clv (¥): expected purchases × expected_aov per 30-day
    step, discounted at 10 % a year. Revenue (amount paid), not margin. Empty (same
    columns) with fewer than MIN_CUSTOMERS buyers, too few to fit the models on."""
    summary = customer_summary(conn, as_of, scope)
    if len(summary) < MIN_CUSTOMERS:
        log.info("only %d customers bought by %s: no CLV", len(summary), as_of)
        return summary.iloc[:0].assign(**{c: pd.Series(dtype=float) for c in SCORE_COLUMNS})
    return score(summary, fit_summary(summary, as_of), horizon_days)


def clv_by_customer(conn: sa.Connection, as_of: date,
                    horizon_days: int = CLV_HORIZON_DAYS,
                    scope: Scope = EVERYTHING) -> pd.Series:
    """One value per customer_id: expected CLV (CNY, next `horizon_days`) at `as_of`, on
    the orders in `scope`."""
    return customer_clv_series(customer_clv(conn, as_of, horizon_days, scope))


def customer_clv_series(scores: pd.DataFrame) -> pd.Series:
    """The `clv` column of `customer_clv` scores, indexed by customer_id, as floats."""
    return scores.set_index("customer_id")["clv"].astype("float64")


def holdout_check(conn: sa.Connection, calibration_end: date,
                  holdout_end: date, scope: Scope = EVERYTHING) -> pd.DataFrame:
    """One row per calibration frequency bucket: customers, predicted and actual repeat
    purchase days in (calibration_end, holdout_end], models fitted up to calibration_end."""
    if holdout_end <= calibration_end:
        raise ValueError(f"holdout_end {holdout_end} must be after {calibration_end}")
    summary = customer_summary(conn, calibration_end, scope)
    d = _purchase_days(holdout_end, after=calibration_end, scope=scope)
    counts = read_frame(conn, sa.select(d.c.customer_id, sa.func.count().label("days"))
                        .group_by(d.c.customer_id)).set_index("customer_id")["days"]
    summary["frequency_holdout"] = summary["customer_id"].map(counts).fillna(0).astype(int)
    fit = fit_summary(summary, calibration_end)
    return holdout_table(summary, fit, (holdout_end - calibration_end).days)
