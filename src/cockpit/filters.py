"""The shared filter values every analysis takes, and how they become SQL conditions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import sqlalchemy as sa

from cockpit.warehouse.schema import order_items, orders


@dataclass(frozen=True)
class Filters:
    """Date range (inclusive) plus optional channel, region, city and category selections.
    An empty tuple means "all"."""

    start: date
    end: date
    channels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

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
    """WHERE conditions on the orders table for date, channel, region and city.
    Category is an order-line property: see `item_conditions`."""
    conds = [table.c.order_date >= f.start, table.c.order_date <= f.end]
    if f.channels:
        conds.append(table.c.channel.in_(f.channels))
    if f.regions:
        conds.append(table.c.region.in_(f.regions))
    if f.cities:
        conds.append(table.c.city.in_(f.cities))
    return conds


def item_conditions(f: Filters, table: sa.Table = order_items) -> list[sa.ColumnElement[bool]]:
    return [table.c.category.in_(f.categories)] if f.categories else []
