"""Warehouse keys for parsed orders: external ids (kept as text) looked up in external_ids,
new integer keys for what is new, and the rows each warehouse table receives. Orders whose
id was imported before are not written again, so a re-import changes nothing; those a later
export restates (a refund, a new status) become order_revisions (`ingest.revisions`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.ingest.orders import ParsedOrders
from cockpit.ingest.revisions import CENT, REVISED
from cockpit.warehouse.schema import customers, external_ids, order_revisions, orders, products

LOOKUP_CHUNK = 5_000  # order ids per bound IN list


@dataclass(frozen=True)
class KeyedBatch:
    """Rows per warehouse table (schema columns; `line` kept aside for reports) and how many
    orders of the file were already in the warehouse as the file states them (skipped)."""

    frames: dict[str, pd.DataFrame]
    lines: dict[str, pd.Series]
    known_orders: int


def known_ids(conn: sa.Connection, entity: str, platform: str) -> pd.Series:
    """internal_id by external_id for one entity and platform (one row per external id)."""
    stmt = (sa.select(external_ids.c.external_id, external_ids.c.internal_id)
            .where(external_ids.c.entity == entity, external_ids.c.platform == platform))
    rows = conn.execute(stmt).all()
    return pd.Series([r[1] for r in rows], index=[r[0] for r in rows], dtype="int64")


def _next_id(conn: sa.Connection, column: sa.Column) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(column), 0))).one()[0]) + 1


def _new_keys(values: pd.Series, known: pd.Series, start: int) -> tuple[pd.Series, pd.Series]:
    """Keys for `values`: known ones looked up, the others numbered from `start` (one key per
    distinct value). Returns (keys, the new values with their keys)."""
    fresh = pd.Index(values[~values.isin(known.index)].unique())
    new = pd.Series(np.arange(start, start + len(fresh), dtype="int64"), index=fresh)
    return values.map(pd.concat([known, new])).astype("int64"), new


def assign_keys(conn: sa.Connection, parsed: ParsedOrders, platform: str,
                import_id: int, states_status: bool = True) -> KeyedBatch:
    """The rows `parsed` adds to orders, order_items, customers, products, external_ids and
    order_revisions (`states_status`: the file has a status of its own, not the default)."""
    known_orders = known_ids(conn, "order", platform)
    incoming = parsed.orders
    is_known = incoming["ext_order_id"].isin(known_orders.index)
    fresh = incoming[~is_known].reset_index(drop=True)
    order_keys = pd.Series(np.arange(len(fresh), dtype="int64") + _next_id(conn,
                           orders.c.order_id), index=fresh["order_key"])
    cust_keys, new_customers = _new_keys(fresh["ext_customer_id"],
                                         known_ids(conn, "customer", platform),
                                         _next_id(conn, customers.c.customer_id))
    lines = parsed.lines[parsed.lines["order_key"].isin(order_keys.index)]
    product_rows, product_keys = _products(conn, lines, import_id)
    frames = {
        "orders": _orders(fresh, order_keys, cust_keys, platform, import_id),
        "customers": _customers(new_customers, import_id),
        "products": product_rows,
        "order_items": _items(lines, order_keys, product_keys, import_id),
        "external_ids": _external(platform, import_id, fresh, order_keys, new_customers),
        "order_revisions": _revisions(conn, incoming[is_known], known_orders, import_id,
                                      states_status),
    }
    revised = frames["order_revisions"]
    return KeyedBatch(frames, {"orders": fresh["line"], "order_items": lines["line"],
                               "order_revisions": revised.pop("line")},
                      int(is_known.sum()) - len(revised))


def _current(conn: sa.Connection, order_ids: list[int]) -> pd.DataFrame:
    """The warehouse's revisable values of `order_ids` (one row per order)."""
    stmt = sa.select(orders.c.order_id, orders.c.status, orders.c.total_cny,
                     orders.c.refunded_cny).where(
        orders.c.order_id.in_(sa.bindparam("ids", expanding=True)))
    rows = [r for start in range(0, len(order_ids), LOOKUP_CHUNK)
            for r in conn.execute(stmt, {"ids": order_ids[start:start + LOOKUP_CHUNK]})]
    return pd.DataFrame(rows, columns=["order_id", "status", "total_cny", "refunded_cny"])


def _revisions(conn: sa.Connection, known: pd.DataFrame, known_orders: pd.Series,
               import_id: int, states_status: bool) -> pd.DataFrame:
    """One row per known order whose status, amount paid or refund the file restates
    differently, with the values before and after (and the file `line`). A refund the file
    leaves empty, or a status it does not have, keeps the warehouse's value."""
    ids = known_orders[known["ext_order_id"]]
    before = _current(conn, ids.tolist()).rename(columns=lambda c: _side("before", c))
    now = known[["line", *REVISED]].rename(columns=lambda c: _side("after", c))
    both = now.assign(order_id=ids.to_numpy()).merge(before, on="order_id")
    if not states_status:
        both["after_status"] = both["before_status"]
    both["after_refunded_cny"] = both["after_refunded_cny"].astype("float64").fillna(
        both["before_refunded_cny"].astype("float64"))
    changed = (both["after_status"] != both["before_status"]) | _moved(both, "total_cny") \
        | _moved(both, "refunded_cny")
    return both[changed].assign(import_id=import_id)[
        [c.name for c in order_revisions.columns] + ["line"]].reset_index(drop=True)


def _side(side: str, column: str) -> str:
    return f"{side}_{column}" if column in REVISED else column


def _moved(both: pd.DataFrame, money: str) -> pd.Series:
    """The amount differs by a cent or more (no refund recorded counts as none)."""
    after = both[f"after_{money}"].astype("float64").fillna(0.0)
    return (after - both[f"before_{money}"].astype("float64").fillna(0.0)).abs() > CENT


def _orders(fresh: pd.DataFrame, order_keys: pd.Series, cust_keys: pd.Series, platform: str,
            import_id: int) -> pd.DataFrame:
    return pd.DataFrame({
        "order_id": order_keys.to_numpy(), "customer_id": cust_keys.to_numpy(),
        "ordered_at": fresh["ordered_at"], "order_date": fresh["ordered_at"].dt.normalize(),
        "platform": platform, "channel": fresh["channel"], "city": fresh["city"],
        "region": fresh["region"], "item_count": fresh["item_count"],
        "total_cny": fresh["total_cny"], "refunded_cny": fresh["refunded_cny"],
        "status": fresh["status"], "import_id": import_id,
    })


def _customers(new: pd.Series, import_id: int) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": new.to_numpy(), "import_id": import_id})


def _products(conn: sa.Connection, lines: pd.DataFrame, import_id: int
              ) -> tuple[pd.DataFrame, pd.Series]:
    """New product rows (one per new sku, named by its first line) and product_id by sku."""
    known = dict(conn.execute(sa.select(products.c.sku, products.c.product_id)).all())
    firsts = lines.drop_duplicates("sku")
    fresh = firsts[~firsts["sku"].isin(known)]
    start = _next_id(conn, products.c.product_id)
    new_ids = np.arange(start, start + len(fresh), dtype="int64")
    rows = pd.DataFrame({
        "product_id": new_ids, "sku": fresh["sku"].to_numpy(),
        "name_zh": fresh["product_name"].to_numpy(), "category": fresh["category"].to_numpy(),
        "is_sustainable": False, "is_c2m": False, "needs_cold_chain": False,
        "import_id": import_id})
    keys = pd.Series({**known, **dict(zip(fresh["sku"], new_ids, strict=True))}, dtype="int64")
    return rows, keys


def _items(lines: pd.DataFrame, order_keys: pd.Series, product_keys: pd.Series,
           import_id: int) -> pd.DataFrame:
    return pd.DataFrame({
        "order_id": lines["order_key"].map(order_keys).astype("int64").to_numpy(),
        "line_number": lines["line_number"].to_numpy(),
        "product_id": lines["sku"].map(product_keys).astype("int64").to_numpy(),
        "category": lines["category"].to_numpy(), "quantity": lines["quantity"].to_numpy(),
        "unit_price_cny": lines["unit_price_cny"].to_numpy(),
        "amount_cny": lines["amount_cny"].to_numpy(), "import_id": import_id,
    })


def _external(platform: str, import_id: int, fresh: pd.DataFrame, order_keys: pd.Series,
              new_customers: pd.Series) -> pd.DataFrame:
    with_ids = fresh["ext_order_id"].notna()
    parts = [
        pd.DataFrame({"entity": "order", "external_id": fresh.loc[with_ids, "ext_order_id"],
                      "internal_id": order_keys.to_numpy()[with_ids.to_numpy()]}),
        pd.DataFrame({"entity": "customer", "external_id": new_customers.index.astype(str),
                      "internal_id": new_customers.to_numpy()}),
    ]
    frame = pd.concat(parts, ignore_index=True)
    return frame.assign(platform=platform, import_id=import_id)[
        [c.name for c in external_ids.columns]]


__all__ = ["KeyedBatch", "assign_keys", "known_ids"]
