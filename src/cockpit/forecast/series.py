"""Demand series from the warehouse: which series a level has, and one series' daily history.

Levels: `category_region` (key "<category>|<region>", region "all" for every region together)
and `sku_warehouse` (key "<sku>|<warehouse_id>"): demand is units on the lines of sale orders;
`orders` (one series, key "all|all"): demand is sale orders a day, which an export without order
lines still serves.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.filters import (
    Filters,
    is_sale,
    item_conditions,
    one_of,
    order_conditions,
    sale_amount,
    scope_conditions,
)
from cockpit.warehouse.schema import UNKNOWN, order_items, orders, products, warehouses
from cockpit.warehouse.sql import fsum

LEVELS = ("category_region", "sku_warehouse", "orders")
ORDERS_KEY = "all|all"
ALL_REGIONS = "all"
SERIES_COLUMNS = ["series_key", "label_zh", "label_en", "units", "gmv_cny"]
HISTORY_COLUMNS = ["ds", "y", "gmv_cny", "price", "promo_depth"]


def split_key(level: str, series_key: str) -> tuple[str, str]:
    """The two parts of a series key: (category, region) or (sku, warehouse_id as text)."""
    _check_level(level)
    first, sep, second = series_key.partition("|")
    if not sep or not first or not second:
        raise ValueError(f"series key {series_key!r} is not '<a>|<b>' for level {level}")
    return first, second


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")


def _sold() -> sa.FromClause:
    return orders.join(order_items, order_items.c.order_id == orders.c.order_id)


def _measures() -> list[sa.ColumnElement]:
    return [sa.cast(sa.func.sum(order_items.c.quantity), sa.Double).label("units"),
            fsum(order_items.c.amount_cny).label("gmv_cny")]


def list_series(conn: sa.Connection, level: str, f: Filters) -> pd.DataFrame:
    """One row per series with sales under `f` (dates, channels, regions, cities,
    categories): series_key, label_zh, label_en, units, gmv_cny; largest volume first."""
    _check_level(level)
    conds = [*order_conditions(f), *item_conditions(f), is_sale()]
    if level == "orders":
        frame = _orders_series(conn, f)
    elif level == "category_region":
        frame = _category_series(conn, conds, not (f.regions or f.cities))
    else:
        frame = _sku_series(conn, conds)
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame = frame.sort_values(["units", "series_key"], ascending=[False, True])
    return frame[SERIES_COLUMNS].reset_index(drop=True)


def _category_series(conn: sa.Connection, conds: list, with_totals: bool) -> pd.DataFrame:
    cat, region = order_items.c.category, orders.c.region
    stmt = sa.select(cat.label("a"), region.label("b"), *_measures()).select_from(_sold())
    frame = pd.DataFrame(conn.execute(stmt.where(*conds).group_by(cat, region)).mappings().all(),
                         columns=["a", "b", "units", "gmv_cny"])
    frame[["a", "b"]] = frame[["a", "b"]].fillna(UNKNOWN)  # an export without them
    if with_totals and not frame.empty:
        totals = frame.groupby("a", as_index=False)[["units", "gmv_cny"]].sum()
        frame = pd.concat([frame, totals.assign(b=ALL_REGIONS)], ignore_index=True)
    frame["series_key"] = frame["a"] + "|" + frame["b"]
    frame["label_zh"] = frame["label_en"] = frame["a"] + " · " + frame["b"]
    return frame


def _orders_series(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """The one `orders` series: sale orders ("units") and GMV under the filters' dates,
    platforms, channels, regions and cities (one row, or none without orders)."""
    stmt = sa.select(sa.cast(sa.func.count(), sa.Double).label("units"),
                     fsum(sale_amount()).label("gmv_cny")).where(*order_conditions(f), is_sale())
    units, gmv = conn.execute(stmt).one()
    if not units:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    return pd.DataFrame({"series_key": [ORDERS_KEY], "label_zh": ["全部订单"],
                         "label_en": ["All orders"], "units": [units], "gmv_cny": [gmv]})


def _orders_history(end: date, scope: Scope) -> sa.Select:
    """One row per day with sale orders in `scope` up to `end`: ds, units (orders), gmv_cny,
    listed (= GMV: the average order value is the "price"), discount (0: no line discounts)."""
    day = orders.c.order_date
    gmv = fsum(sale_amount())
    return (sa.select(day.label("ds"), sa.cast(sa.func.count(), sa.Double).label("units"),
                      gmv.label("gmv_cny"), gmv.label("listed"),
                      sa.literal(0.0).label("discount"))
            .where(is_sale(), day <= end, *scope_conditions(scope)).group_by(day))


def _sku_series(conn: sa.Connection, conds: list) -> pd.DataFrame:
    keys = (products.c.sku, orders.c.warehouse_id, products.c.name_zh, products.c.name_en,
            warehouses.c.name_zh.label("wh_zh"), warehouses.c.name_en.label("wh_en"))
    joined = (_sold().join(products, products.c.product_id == order_items.c.product_id)
              .join(warehouses, warehouses.c.warehouse_id == orders.c.warehouse_id))
    stmt = sa.select(*keys, *_measures()).select_from(joined).where(*conds).group_by(*keys)
    frame = pd.DataFrame(conn.execute(stmt).mappings().all(),
                         columns=[k.name for k in keys] + ["units", "gmv_cny"])
    frame["series_key"] = frame["sku"] + "|" + frame["warehouse_id"].astype(str)
    frame["label_zh"] = frame["sku"] + " " + frame["name_zh"] + " · " + frame["wh_zh"]
    frame["label_en"] = frame["sku"] + " " + frame["name_en"] + " · " + frame["wh_en"]
    return frame


def _series_conditions(level: str, series_key: str) -> tuple[sa.FromClause, list]:
    first, second = split_key(level, series_key)
    if level == "category_region":
        conds = [one_of(order_items.c.category, (first,))]
        if second != ALL_REGIONS:
            conds.append(one_of(orders.c.region, (second,)))
        return _sold(), conds
    if not second.isdigit():
        raise ValueError(f"warehouse id {second!r} in {series_key!r} is not a number")
    joined = _sold().join(products, products.c.product_id == order_items.c.product_id)
    return joined, [products.c.sku == first, orders.c.warehouse_id == int(second)]


def series_history(conn: sa.Connection, level: str, series_key: str, end: date,
                   scope: Scope = EVERYTHING) -> pd.DataFrame:
    """One row per day from the series' first sale to `end`, zero-filled: ds, y (units),
    gmv_cny, price (list price per unit, CNY) and promo_depth (discount share of list value).
    Only the orders in the user's `scope` count (a region manager's "all regions" is theirs)."""
    if level == "orders":
        split_key(level, series_key)
        stmt = _orders_history(end, scope)
    else:
        stmt = _line_history(level, series_key, end, scope)
    rows = pd.DataFrame(conn.execute(stmt).mappings().all(),
                        columns=["ds", "units", "gmv_cny", "listed", "discount"])
    if rows.empty:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    return _daily(rows, end)


def _line_history(level: str, series_key: str, end: date, scope: Scope) -> sa.Select:
    """One row per day with sales of the series in `scope` up to `end`: ds, units, gmv_cny,
    listed (list value), discount."""
    source, conds = _series_conditions(level, series_key)
    day = orders.c.order_date
    return (sa.select(day.label("ds"), *_measures(),
                      fsum(order_items.c.unit_price_cny * order_items.c.quantity).label("listed"),
                      fsum(order_items.c.discount_cny).label("discount"))
            .select_from(source)
            .where(*conds, is_sale(), day <= end, *scope_conditions(scope))
            .group_by(day))


def _daily(rows: pd.DataFrame, end: date) -> pd.DataFrame:
    """Zero-fill the days without sales; carry price and promotion depth over them."""
    rows["ds"] = pd.to_datetime(rows["ds"])
    rows = rows.set_index("ds").sort_index()
    days = pd.date_range(rows.index[0], pd.Timestamp(end), freq="D", name="ds")
    rows = rows.reindex(days)
    listed = rows["listed"].where(rows["units"] > 0)
    frame = pd.DataFrame({
        "y": rows["units"].fillna(0.0),
        "gmv_cny": rows["gmv_cny"].fillna(0.0),
        "price": (listed / rows["units"]).ffill().bfill(),
        "promo_depth": (rows["discount"] / listed).ffill().bfill().clip(0.0, 1.0),
    }, index=days)
    return frame.reset_index()[HISTORY_COLUMNS]
