"""Facts about the warehouse that every page and several domains share: the span of the
data, the values the filters offer, city names, and each matching order's amount."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.filters import (
    Filters,
    is_sale,
    item_conditions,
    order_conditions,
    sale_amount,
    scope_condition,
)
from cockpit.warehouse.schema import (
    CATEGORIES,
    CHANNELS,
    PLATFORMS,
    REGIONS,
    UNKNOWN,
    cities,
    customer_facts,
    order_items,
    orders,
    products,
    warehouse_info,
)


def data_range(conn: sa.Connection) -> tuple[date, date]:
    """First and last orders.order_date; ValueError when there are no orders."""
    first, last = conn.execute(
        sa.select(sa.func.min(orders.c.order_date), sa.func.max(orders.c.order_date))
    ).one()
    if first is None:
        raise ValueError("the orders table is empty")
    return _as_date(first), _as_date(last)


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _distinct(conn: sa.Connection, column: sa.ColumnElement, known: tuple[str, ...] = ()
              ) -> list[str]:
    """The column's values, known codes first in their order, then the rest sorted, then
    UNKNOWN when some rows leave it empty."""
    return _known_first(set(conn.execute(sa.select(column).distinct()).scalars()), known)


def _known_first(present: set, known: tuple[str, ...] = ()) -> list[str]:
    """`present` values: known codes first in their order, the rest sorted, UNKNOWN for None."""
    ordered = [v for v in known if v in present]
    unknown = [UNKNOWN] if None in present else []
    return ordered + sorted(present - set(known) - {None}) + unknown


def filter_options(conn: sa.Connection, scope: Scope = EVERYTHING) -> dict[str, list[str]]:
    """Values present in the warehouse: platforms, channels, regions, cities (Chinese names),
    categories. Known codes come in schema order, cities sorted by region then name; UNKNOWN
    last where an export left the dimension empty. Regions and cities are those of the
    orders in `scope` (a region manager is offered their regions and those regions' cities)."""
    rank = {r: i for i, r in enumerate(REGIONS)}
    pairs = conn.execute(sa.select(orders.c.region, orders.c.city).distinct().where(
        scope_condition(scope, orders.c.region, orders.c.store_id))).all()
    pairs = sorted(pairs, key=lambda rc: (rank.get(rc[0], len(rank)), rc[0] or "",
                                          rc[1] or ""))
    city_list = list(dict.fromkeys(city or UNKNOWN for _, city in pairs))
    if UNKNOWN in city_list:
        city_list = [c for c in city_list if c != UNKNOWN] + [UNKNOWN]
    return {
        "platforms": _distinct(conn, orders.c.platform, PLATFORMS),
        "channels": _distinct(conn, orders.c.channel, CHANNELS),
        "regions": _known_first({region for region, _ in pairs}, REGIONS),
        "cities": city_list,
        "categories": _distinct(conn, products.c.category, CATEGORIES),
    }


def city_names(conn: sa.Connection) -> dict[str, str]:
    """Chinese city name -> English name, from the cities table (one row per city)."""
    return dict(conn.execute(sa.select(cities.c.city, cities.c.city_en)).all())


def order_amounts(f: Filters) -> sa.Subquery:
    """One row per non-cancelled order matching `f`: order_id, customer_id, channel,
    order_date, amount_cny (the order total, or with a category filter the sum of its
    matching lines; orders without a matching line drop out)."""
    conds = [*order_conditions(f), is_sale()]
    keys = (orders.c.order_id, orders.c.customer_id, orders.c.channel, orders.c.order_date)
    if not f.categories:
        stmt = sa.select(*keys, sale_amount().label("amount_cny")).where(*conds)
    else:
        stmt = (
            sa.select(*keys, sa.func.sum(order_items.c.amount_cny).label("amount_cny"))
            .select_from(orders.join(order_items, order_items.c.order_id == orders.c.order_id))
            .where(*conds, *item_conditions(f))
            .group_by(*keys)
        )
    return stmt.subquery("order_amounts")


def warehouse_facts(conn: sa.Connection) -> dict[str, str]:
    """The warehouse's own facts (one per key of warehouse_info): kind (demo or imported),
    built_at, last_import_at (ISO 8601, UTC)."""
    return dict(conn.execute(sa.select(warehouse_info.c.key, warehouse_info.c.value)).all())


def first_orders(scope: Scope = EVERYTHING) -> sa.Subquery:
    """One row per buyer: their first-ever sale order from the customer_facts mart, under the
    orders table's column names (customer_id, order_id, ordered_at, order_date, platform,
    channel, region, city), so that `order_conditions` applies to it unchanged. For a
    scoped user, each buyer's first sale order among the orders in scope, ranked from the
    orders table (the mart ranks every order, in scope or not)."""
    if not scope.unscoped:
        return _first_orders_in(scope)
    cf = customer_facts.c
    return sa.select(
        cf.customer_id, cf.first_order_id.label("order_id"),
        cf.first_ordered_at.label("ordered_at"), cf.first_order_date.label("order_date"),
        cf.first_platform.label("platform"), cf.first_channel.label("channel"),
        cf.first_region.label("region"), cf.first_city.label("city"),
    ).subquery("first_orders")


def _first_orders_in(scope: Scope) -> sa.Subquery:
    """`first_orders` over the sale orders in `scope` only (ties broken as the mart does)."""
    o = orders.c
    rank = sa.func.row_number().over(partition_by=o.customer_id,
                                     order_by=(o.ordered_at, o.order_id)).label("rank")
    ranked = sa.select(o.customer_id, o.order_id, o.ordered_at, o.order_date, o.platform,
                       o.channel, o.region, o.city, o.store_id, rank).where(
        is_sale(), scope_condition(scope, o.region, o.store_id)).subquery("ranked")
    r = ranked.c
    return sa.select(r.customer_id, r.order_id, r.ordered_at, r.order_date, r.platform,
                     r.channel, r.region, r.city, r.store_id).where(r.rank == 1
                                                                   ).subquery("first_orders")
