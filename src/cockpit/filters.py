"""The shared filter values every analysis takes, and how they become SQL conditions."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.warehouse.schema import SALE_STATUSES, UNKNOWN, order_items, orders


@dataclass(frozen=True)
class Filters:
    """Date range (inclusive) plus optional platform, channel, region, city and category
    selections. An empty tuple means "all"; the code UNKNOWN selects rows where an export left
    that dimension empty (NULL). `scope` is the user's data scope (cockpit.access.scope):
    every condition built from these filters keeps to it, and being a field it keys every
    cached result by scope."""

    start: date
    end: date
    channels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    scope: Scope = EVERYTHING

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


def order_conditions(f: Filters, table: sa.Table | sa.FromClause = orders
                     ) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions on the orders table (or a table with its columns) for date,
    platform, channel, region and city, and the user's scope when there is one (see
    `scope_of_rows`). Category is an order-line property: see `item_conditions`."""
    conds = [table.c.order_date >= f.start, table.c.order_date <= f.end]
    for name, chosen in (("platform", f.platforms), ("channel", f.channels),
                         ("region", f.regions), ("city", f.cities)):
        if chosen:
            conds.append(one_of(table.c[name], chosen))
    return conds + scope_conditions(f.scope, table)


def scope_conditions(scope: Scope, table: sa.Table | sa.FromClause = orders
                     ) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions keeping `table`'s rows to the orders of `scope` (`scope_of_rows`);
    none for an unscoped user."""
    return [] if scope.unscoped else [scope_of_rows(scope, table)]


def store_keys(scope: Scope) -> tuple[int, ...]:
    """The scope's stores as warehouse keys (stores.store_id): "S01", "s1" and "1" all
    name store 1; a token without digits names no store."""
    keys = []
    for token in scope.stores:
        digits = re.search(r"\d+$", token.strip())
        if digits:
            keys.append(int(digits.group()))
    return tuple(dict.fromkeys(keys))


def scope_condition(scope: Scope, region_col: sa.ColumnElement | None = None,
                    store_col: sa.ColumnElement | None = None) -> sa.ColumnElement[bool]:
    """The row is in `scope`: its region one of scope.regions or its store one of
    scope.stores (only the columns given count; a table with neither matches nothing).
    Always true for an unscoped user."""
    if scope.unscoped:
        return sa.true()
    parts = []
    if region_col is not None and scope.regions:
        parts.append(region_col.in_(scope.regions))
    stores = store_keys(scope)
    if store_col is not None and stores:
        parts.append(store_col.in_(stores))
    return sa.or_(*parts) if parts else sa.false()


def scope_of_rows(scope: Scope, table: sa.Table | sa.FromClause = orders
                  ) -> sa.ColumnElement[bool]:
    """`table`'s row belongs to an order in `scope`. The orders table (or one carrying both
    region and store_id) is checked directly; a table keyed by order_id without the order's
    store (marts, shipments) through the order itself; otherwise by region alone."""
    cols = table.c
    if "region" in cols and "store_id" in cols:
        return scope_condition(scope, cols.region, cols.store_id)
    if "order_id" in cols:
        in_scope = sa.select(orders.c.order_id).where(
            scope_condition(scope, orders.c.region, orders.c.store_id))
        return cols.order_id.in_(in_scope)
    return scope_condition(scope, cols.get("region"), cols.get("store_id"))


def serves_platform_wide(f: Filters) -> bool:
    """Whether tables with no region or store (platform-wide marketing spend) may be read
    for `f`: only for an unscoped user; a scoped user's page says why it shows none."""
    return f.scope.unscoped


def platform_wide(f: Filters) -> sa.ColumnElement[bool]:
    """WHERE condition for a table with no region or store: false for a scoped user."""
    return sa.true() if serves_platform_wide(f) else sa.false()


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
