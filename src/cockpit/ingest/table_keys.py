"""Warehouse keys for a table file (cockpit.ingest.tables), at the grain of one file row:
external ids of orders and customers mapped through external_ids (per platform), products
by their SKU, other references checked against the rows the warehouse holds; new customers
and products numbered; rows whose own key the warehouse already holds left out, so that a
re-import changes nothing. Then the schema's rules on every row about to be written."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.ingest.keys import known_ids
from cockpit.ingest.orders import hashed
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.rules import check_rows
from cockpit.ingest.tables import ENTITIES, ParsedTable, file_columns, reference
from cockpit.warehouse.schema import customers, external_ids, products

SEPARATOR = "\x1f"


@dataclass(frozen=True)
class KeyedTable:
    """Rows to append per table (the imported table, and external_ids for new customers),
    the file line of each imported row, and how many rows the warehouse already held."""

    frames: dict[str, pd.DataFrame]
    lines: pd.Series
    known: int


def key_table(conn: sa.Connection, parsed: ParsedTable, platform: str, import_id: int,
              salt: str | None) -> KeyedTable:
    """The rows `parsed` adds; IngestError naming every unknown reference or broken rule."""
    table, frame = parsed.table, parsed.frame.copy()
    frames: dict[str, pd.DataFrame] = {}
    if table.name == "customers":
        frame, frames["external_ids"] = _new_customers(conn, frame, platform, import_id, salt)
    elif table.name == "products":
        frame = _new_products(conn, frame)
    frame, problems = _references(conn, parsed, frame, platform, salt)
    if table.name not in ("customers", "products") and not problems:
        frame = frame[~_present(conn, table, frame)]
    frame = frame.assign(import_id=import_id)
    unknown = {f"{table.name}.{c}" for c, h in parsed.mapping.items()
               if any(p.column == h for p in problems)}
    problems += [p for p in check_rows(table, frame, pd.Series(frame.index, index=frame.index))
                 if not (p.rule == "not_null" and p.column in unknown)]  # reported as unknown
    if problems:
        raise IngestError(problems)
    frames = {table.name: frame.reset_index(drop=True), **frames}
    return KeyedTable(frames, pd.Series(frame.index), len(parsed.frame) - len(frame))


def _next_id(conn: sa.Connection, column: sa.Column) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(column), 0))).one()[0]) + 1


def _new_customers(conn: sa.Connection, frame: pd.DataFrame, platform: str, import_id: int,
                   salt: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of customers the warehouse does not know yet, keyed, and their external ids."""
    ids = hashed(frame["customer_id"], salt) if salt else frame["customer_id"]
    fresh = ~ids.isin(known_ids(conn, "customer", platform).index)
    keys = np.arange(len(ids[fresh]), dtype="int64") + _next_id(conn, customers.c.customer_id)
    mapped = pd.DataFrame({"entity": "customer", "platform": platform,
                           "external_id": ids[fresh].to_numpy(), "internal_id": keys,
                           "import_id": import_id})
    return frame[fresh].assign(customer_id=keys), mapped[[c.name for c in external_ids.c]]


def _new_products(conn: sa.Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of products whose SKU the warehouse does not hold yet, keyed."""
    known = set(conn.execute(sa.select(products.c.sku)).scalars())
    fresh = frame[~frame["sku"].isin(known)]
    start = _next_id(conn, products.c.product_id)
    return fresh.assign(product_id=np.arange(len(fresh), dtype="int64") + start)


def _entity_keys(conn: sa.Connection, target: str, platform: str, frame: pd.DataFrame,
                 own: str) -> pd.Series:
    """internal key by external id for the rows of `target` (orders, customers: through
    external_ids; products: by SKU, with the SKUs of this file when it holds products)."""
    if target != "products":
        return known_ids(conn, ENTITIES[target], platform)
    rows = conn.execute(sa.select(products.c.sku, products.c.product_id)).all()
    keys = pd.Series([r[1] for r in rows], index=[r[0] for r in rows], dtype="int64")
    if own == "products":
        keys = pd.concat([keys, pd.Series(frame["product_id"].to_numpy(), index=frame["sku"])])
    return keys


def _references(conn: sa.Connection, parsed: ParsedTable, frame: pd.DataFrame,
                platform: str, salt: str | None) -> tuple[pd.DataFrame, list[Problem]]:
    """Every column naming another table's rows, as warehouse keys; unknown ones reported."""
    table, problems = parsed.table, []
    for column in file_columns(table):
        target = reference(table, column)
        if target is None or column.name not in frame or target == table.name == "customers":
            continue
        values = frame[column.name]
        given = values.notna() & (values.astype(str) != "")
        if target in ENTITIES:
            lookup = hashed(values, salt) if salt and target == "customers" else values
            keys = lookup.map(_entity_keys(conn, target, platform, frame, table.name))
        else:
            target_column = next(iter(column.foreign_keys)).column
            held = set(conn.execute(sa.select(target_column)).scalars())
            keys = values.where(values.isin(list(held)))
        unknown = given & keys.isna()
        if unknown.any():
            problems.append(Problem.rows(
                "unknown_reference", f"name {target} rows that the warehouse does not hold",
                parsed.cells.loc[unknown[unknown].index, column.name],
                column=parsed.mapping[column.name],
                hint=f"import {target} first (python -m cockpit import FILE --table {target}"
                     f"{' --platform ' + platform if target in ('orders', 'customers') else ''}"
                     "), or correct the ids"))
        frame[column.name] = keys.astype("Int64")
    return frame, problems


def _present(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> pd.Series:
    """Which rows' primary key the warehouse already holds."""
    key = [c.name for c in table.primary_key]
    held = pd.DataFrame(conn.execute(sa.select(*(table.c[k] for k in key))).all(), columns=key)
    return _key_text(table, frame, key).isin(set(_key_text(table, held, key)))


def _key_text(table: sa.Table, frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """Each row's key as one text, alike for parsed rows and rows read from the warehouse."""
    parts = []
    for name in key:
        values, kind = frame[name], table.c[name].type
        if isinstance(kind, (sa.Date, sa.DateTime)):
            parts.append(pd.to_datetime(values).dt.strftime("%Y-%m-%d %H:%M:%S"))
        elif isinstance(kind, sa.Integer):
            parts.append(values.astype("Int64").astype(str))
        else:
            parts.append(values.astype(str))
    if not parts or frame.empty:
        return pd.Series([], dtype=str)
    return pd.concat(parts, axis=1).agg(SEPARATOR.join, axis=1)


__all__ = ["KeyedTable", "key_table"]
