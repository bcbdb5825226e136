"""warehouse.fetch.read_frame against the rows SQLAlchemy returns, on every dialect: the same
values, names and order for bound parameters (a date, an expanding IN list, a string that
looks like SQL), NULLs, and an empty result; and it runs inside the caller's transaction."""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from cockpit.warehouse.fetch import read_frame
from cockpit.warehouse.schema import customers, orders


def _rows(conn: sa.Connection, stmt: sa.Select) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def _filtered(ids: list[int], name: str, since: date) -> sa.Select:
    return (sa.select(orders.c.customer_id, orders.c.order_id, orders.c.ordered_at,
                      (orders.c.total_cny / 2).label("half_cny"))
            .where(orders.c.order_id.in_(ids), orders.c.platform != name,
                   orders.c.ordered_at >= since)
            .order_by(orders.c.order_id))


def test_frame_equals_the_rows_of_the_statement(demo_warehouse):
    stmt = _filtered([3, 1, 8, 2, 400, 999_999], "x'; DROP TABLE orders; --",
                     date(2020, 1, 1))
    with demo_warehouse.connect() as conn:
        fast, rows = read_frame(conn, stmt), _rows(conn, stmt)
    assert list(fast.columns) == ["customer_id", "order_id", "ordered_at", "half_cny"]
    assert len(fast) == 5  # 999,999 is no order
    pd.testing.assert_frame_equal(fast.astype({"ordered_at": "datetime64[us]"}),
                                  rows.astype({"ordered_at": "datetime64[us]"}),
                                  check_dtype=False)


def test_nulls_and_an_empty_result(demo_warehouse):
    nulls = sa.select(customers.c.customer_id,
                      sa.case((customers.c.customer_id % 2 == 0, customers.c.customer_id))
                      .label("even")).order_by(customers.c.customer_id).limit(6)
    with demo_warehouse.connect() as conn:
        fast = read_frame(conn, nulls)
        assert fast["even"].isna().tolist() == [c % 2 == 1 for c in fast["customer_id"]]
        empty = read_frame(conn, _filtered([], "taobao", date(2020, 1, 1)))
    assert empty.empty and list(empty.columns) == ["customer_id", "order_id", "ordered_at",
                                                   "half_cny"]


def test_frame_sees_the_callers_uncommitted_rows(empty_warehouse):
    with empty_warehouse.begin() as conn:
        conn.execute(customers.insert(), [{"customer_id": i} for i in (1, 2, 3)])
        got = read_frame(conn, sa.select(customers.c.customer_id).order_by(customers.c.customer_id))
        assert got["customer_id"].tolist() == [1, 2, 3]
        conn.rollback()
