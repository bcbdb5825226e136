"""What every O2O analysis shares: online channels, time bounds and the store selection."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.access.scope import Scope
from cockpit.filters import Filters, scope_condition, store_keys
from cockpit.warehouse.schema import CHANNELS, cities, customers, orders, stores

OFFLINE = "offline_store"
ONLINE_CHANNELS = tuple(c for c in CHANNELS if c != OFFLINE)


def online_channels(f: Filters) -> tuple[str, ...]:
    """The online channels the filters keep (all online channels when none is chosen)."""
    return tuple(c for c in (f.channels or CHANNELS) if c != OFFLINE)


def period_bounds(f: Filters) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) for timestamp columns."""
    return (datetime.combine(f.start, time.min),
            datetime.combine(f.end + timedelta(days=1), time.min))


def data_end(conn: sa.Connection) -> datetime:
    """Midnight after the last order: windows that run past it are incomplete."""
    last = conn.execute(sa.select(sa.func.max(orders.c.order_date))).scalar_one()
    if last is None:
        raise ValueError("the orders table is empty")
    last = last.date() if isinstance(last, datetime) else last
    return datetime.combine(last + timedelta(days=1), time.min)


def data_start(conn: sa.Connection) -> date:
    """The first order date."""
    first = conn.execute(sa.select(sa.func.min(orders.c.order_date))).scalar_one()
    if first is None:
        raise ValueError("the orders table is empty")
    return first.date() if isinstance(first, datetime) else first


def store_conditions(f: Filters, table: sa.Table = stores) -> list[sa.ColumnElement[bool]]:
    """Stores in the chosen cities and regions (region of the store's city), and in the
    user's scope: one of its stores, or in one of its regions."""
    conds = []
    if not f.scope.unscoped:
        parts = [table.c.store_id.in_(keys)] if (keys := store_keys(f.scope)) else []
        if f.scope.regions:
            parts.append(table.c.city.in_(
                sa.select(cities.c.city).where(cities.c.region.in_(f.scope.regions))))
        conds.append(sa.or_(*parts) if parts else sa.false())
    if f.cities:
        conds.append(table.c.city.in_(f.cities))
    if f.regions:
        conds.append(table.c.city.in_(
            sa.select(cities.c.city).where(cities.c.region.in_(f.regions))))
    return conds


def customer_scope(scope: Scope) -> list[sa.ColumnElement[bool]]:
    """For a scoped user: customers living in a region of the scope or with an order in it
    (the rule of PostgreSQL's policy on customers); none added for an unscoped one."""
    if scope.unscoped:
        return []
    in_scope = sa.select(orders.c.customer_id).where(
        scope_condition(scope, orders.c.region, orders.c.store_id))
    return [sa.or_(scope_condition(scope, customers.c.region),
                   customers.c.customer_id.in_(in_scope))]


def city_scope(scope: Scope) -> list[sa.ColumnElement[bool]]:
    """For a scoped user: cities in a region of the scope or holding one of its stores."""
    if scope.unscoped:
        return []
    with_store = sa.select(stores.c.city).where(stores.c.store_id.in_(store_keys(scope)))
    return [sa.or_(cities.c.region.in_(scope.regions), cities.c.city.in_(with_store))]


def with_store_names(conn: sa.Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (with store_id) plus the stores' name_zh and name_en."""
    names = pd.DataFrame(conn.execute(sa.select(stores.c.store_id, stores.c.name_zh,
                                                stores.c.name_en)).all(),
                         columns=["store_id", "name_zh", "name_en"])
    return frame.merge(names, on="store_id", how="left")


def km_squared(lat1, lon1, lat2, lon2) -> sa.ColumnElement:
    """Squared distance in km² (equirectangular; within 0.1% of great-circle below 50 km)."""
    dy = (lat1 - lat2) * 110.574
    dx = (lon1 - lon2) * 111.320 * sa.func.cos(sa.func.radians(lat2))
    return dy * dy + dx * dx
