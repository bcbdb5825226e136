"""Hand-made warehouse rows for tests: give the columns a test cares about, the rest are
filled with type-correct values, and load them through the real bulk path."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa

from cockpit.marts import refresh_marts
from cockpit.warehouse.load import append_frame
from cockpit.warehouse.schema import METADATA

FILLER_DAY = date(2026, 1, 1)


def _filler(column: sa.Column, day: date) -> object:
    if column.nullable:
        return None
    kind = column.type.python_type
    return {str: "x", int: 1, float: 1.0, bool: False, date: day,
            datetime: datetime(day.year, day.month, day.day)}[kind]


def frame(table: str, rows: list[dict], filler_day: date = FILLER_DAY) -> pd.DataFrame:
    """Rows with every schema column; unspecified columns get a type-correct filler."""
    cols = METADATA.tables[table].columns
    return pd.DataFrame([{c.name: row.get(c.name, _filler(c, filler_day)) for c in cols}
                         for row in rows])


def load(engine: sa.Engine, tables: dict[str, list[dict]],
         filler_day: date = FILLER_DAY) -> None:
    """Append every table's rows in one transaction, then derive the marts as every load
    does."""
    with engine.begin() as conn:
        for name, rows in tables.items():
            append_frame(conn, METADATA.tables[name], frame(name, rows, filler_day))
        refresh_marts(conn)


def order(oid: int, cid: int, at: datetime, channel: str = "app", status: str = "paid",
          total: float = 100.0) -> dict:
    return dict(order_id=oid, customer_id=cid, ordered_at=at, order_date=at.date(),
                channel=channel, status=status, total_cny=total, subtotal_cny=total,
                city="上海", region="east")


def line(oid: int, n: int, pid: int, category: str) -> dict:
    return dict(order_id=oid, line_number=n, product_id=pid, category=category, quantity=1,
                unit_price_cny=50.0, discount_cny=0.0, amount_cny=50.0)
