"""The shared filter values every analysis takes, and how they become SQL conditions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import sqlalchemy as sa

from cockpit.warehouse.schema import SALE_STATUSES, UNKNOWN, order_items, orders


@dataclass(frozen=True)
class Filters:
    """Date range (inclusive) plus optional platform, channel, region, city and category
    selections. An empty tuple means "all"; the code UNKNOWN selects rows where an export left
    that dimension empty (NULL)."""

    start: date
    end: date
    channels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous_period(self) -> Filters:
        """The same number of days immediately before."""
        return replace(self, start=self.start - timedelta(days=self.days),
                       end=self.start - timedelta(days=1))

    def same_period_last_year(self) -> Filters:
        return replace(self, start=_minus_year(self.start), end=_minus_year(self.end))


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def order_conditions(f: Filters, table: sa.Table = orders) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions on the orders table for date, platform, channel, region and city.
    Category is an order-line property: see `item_conditions`."""
    conds = [table.c.order_date >= f.start, table.c.order_date <= f.end]
    for name, chosen in (("platform", f.platforms), ("channel", f.channels),
                         ("region", f.regions), ("city", f.cities)):
        if chosen:
            conds.append(one_of(table.c[name], chosen))
    return conds


def item_conditions(f: Filters, table: sa.Table = order_items) -> list[sa.ColumnElement[bool]]:
    return [one_of(table.c.category, f.categories)] if f.categories else []


def one_of(column: sa.ColumnElement, chosen: tuple[str, ...]) -> sa.ColumnElement[bool]:
    """`column` is one of `chosen`; UNKNOWN among them also selects NULL."""
    known = [value for value in chosen if value != UNKNOWN]
    match = column.in_(known)
    return sa.or_(match, column.is_(None)) if UNKNOWN in chosen else match


def is_sale(table: sa.Table | sa.FromClause = orders) -> sa.ColumnElement[bool]:
    """The order counts as a sale (its amount is GMV): status one of SALE_STATUSES. Cancelled,
    unpaid and closed orders never count."""
    return table.c.status.in_(SALE_STATUSES)


def sale_amount(table: sa.Table | sa.FromClause = orders) -> sa.ColumnElement[float]:
    """What a sale order adds to GMV, CNY: the amount paid less any recorded refund."""
    return table.c.total_cny - sa.func.coalesce(table.c.refunded_cny, 0)
