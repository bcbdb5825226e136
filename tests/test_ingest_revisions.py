"""A later export restates orders already imported (paid → refunded, a new refund, a corrected
amount): the import updates them, keeps the values before in order_revisions, and an undo
puts them back; on DuckDB and PostgreSQL, read in memory and through the SQL (bulk) path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from test_ingest_bulk import _path
from test_ingest_corpus import GEN, IMPORT_TABLES, Target, _gmv, _read, lines, snapshot

from cockpit.ingest.problems import IngestError
from cockpit.ingest.undo import undo_import
from cockpit.warehouse.schema import external_ids, order_revisions, orders

WEEK_1 = lines(GEN, "R1,buyer-1,2024-03-01 10:00:00,100,paid",
               "R2,buyer-2,2024-03-02 11:00:00,50,paid",
               "R3,buyer-3,2024-03-03 12:00:00,30,unpaid")
# a week later: R1 refunded, R2 unchanged, R3 paid at a corrected amount, R4 new
WEEK_2 = lines(GEN, "R1,buyer-1,2024-03-01 10:00:00,100,refunded",
               "R2,buyer-2,2024-03-02 11:00:00,50,paid",
               "R3,buyer-3,2024-03-03 12:00:00,28.5,paid",
               "R4,buyer-1,2024-03-08 09:00:00,70,paid")


@pytest.fixture(params=["memory", "bulk"])
def shop(empty_warehouse: sa.Engine, tmp_path: Path, request,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Target]:
    """An empty warehouse whose imports all take one path (checked when the test ends)."""
    url = empty_warehouse.url.render_as_string(hide_password=False)
    empty_warehouse.dispose()
    folder = tmp_path / "files"
    folder.mkdir()
    seen: list[str] = []
    with _path(monkeypatch, request.param == "bulk", seen):
        yield Target(url, f"sqlite:///{tmp_path / 'app.sqlite'}", folder)
    assert set(seen) <= {"bulk"}, seen


def _state(conn: sa.Connection) -> dict[str, tuple]:
    """(status, total_cny, refunded_cny) per external order id."""
    stmt = (sa.select(external_ids.c.external_id, orders.c.status, orders.c.total_cny,
                      orders.c.refunded_cny)
            .join(orders, orders.c.order_id == external_ids.c.internal_id)
            .where(external_ids.c.entity == "order"))
    return {r[0]: (r[1], float(r[2]), None if r[3] is None else float(r[3]))
            for r in conn.execute(stmt)}


def _revisions(conn: sa.Connection) -> list[tuple]:
    stmt = sa.select(order_revisions.c.import_id, order_revisions.c.before_status,
                     order_revisions.c.after_status, order_revisions.c.before_total_cny,
                     order_revisions.c.after_total_cny).order_by(order_revisions.c.order_id)
    return [(r[0], r[1], r[2], float(r[3]), float(r[4])) for r in conn.execute(stmt)]


def test_a_later_export_updates_the_orders_it_restates(shop: Target) -> None:
    first, = shop.run("week1.csv", WEEK_1)
    gmv_before = _read(shop.url, lambda c: _gmv(c, first.import_id))
    assert gmv_before == 150.0  # R3 unpaid does not count
    second, = shop.run("week2.csv", WEEK_2)
    assert second.rows_written["orders"] == 1  # R4
    assert second.rows_written["order_revisions"] == 2  # R1 and R3
    assert second.already_imported == 1  # R2, unchanged, skipped
    assert _read(shop.url, _state) == {
        "R1": ("refunded", 100.0, None), "R2": ("paid", 50.0, None),
        "R3": ("paid", 28.5, None), "R4": ("paid", 70.0, None)}
    assert _read(shop.url, _revisions) == [
        (second.import_id, "paid", "refunded", 100.0, 100.0),
        (second.import_id, "unpaid", "paid", 30.0, 28.5)]
    # the orders stay the first import's rows: R1 refunded in full counts 100 − 0 as a sale
    # with status refunded; R3 now counts 28.5
    assert _read(shop.url, lambda c: _gmv(c, first.import_id)) == 100.0 + 50.0 + 28.5


def test_the_same_later_export_again_changes_nothing(shop: Target) -> None:
    shop.run("week1.csv", WEEK_1)
    shop.run("week2.csv", WEEK_2)
    before = snapshot(shop)
    again, = shop.run("week2-again.csv", WEEK_2)
    assert not any(again.rows_written.values()) and again.already_imported == 4
    assert _tables(snapshot(shop)) == _tables(before)


def test_a_file_without_status_keeps_the_statuses_and_an_empty_refund_keeps_the_refund(
        shop: Target) -> None:
    shop.run("week1.csv", lines("order_id,customer_id,ordered_at,total,refund,status",
                                "S1,b1,2024-03-01,100,40,refunded",
                                "S2,b2,2024-03-02,60,,closed"))
    later, = shop.run("amounts.csv", lines("order_id,customer_id,ordered_at,total,refund",
                                           "S1,b1,2024-03-01,100,",
                                           "S2,b2,2024-03-02,66,"))
    assert later.rows_written["order_revisions"] == 1 and later.already_imported == 1
    assert _read(shop.url, _state) == {"S1": ("refunded", 100.0, 40.0),
                                       "S2": ("closed", 66.0, None)}


def test_undo_puts_the_previous_values_back_and_waits_for_later_revisions(
        shop: Target) -> None:
    first, = shop.run("week1.csv", WEEK_1)
    after_first = snapshot(shop)
    second, = shop.run("week2.csv", WEEK_2)
    third, = shop.run("week3.csv", lines(GEN, "R3,buyer-3,2024-03-03 12:00:00,28.5,refunded"))
    assert third.rows_written["order_revisions"] == 1
    for blocked, later in ((first.import_id, second.import_id),
                           (second.import_id, third.import_id)):
        before = snapshot(shop)
        with pytest.raises(IngestError) as caught:
            undo_import(blocked, shop.url, shop.app_url)
        assert caught.value.errors[0].rule == "undo_dependents"
        assert f"undo {later}" in caught.value.report()
        assert snapshot(shop) == before
    assert undo_import(third.import_id, shop.url, shop.app_url)["order_revisions"] == 1
    assert _read(shop.url, _state)["R3"] == ("paid", 28.5, None)
    removed = undo_import(second.import_id, shop.url, shop.app_url)
    assert removed["orders"] == 1 and removed["order_revisions"] == 2
    assert _tables(snapshot(shop)) == _tables(after_first)


def _tables(state: dict) -> dict:
    """The snapshot's tables without warehouse_info (its last_import_at moves) or file bytes."""
    return {k: v for k, v in state.items() if k in IMPORT_TABLES and k != "warehouse_info"}
