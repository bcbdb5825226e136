"""The weekly review's store-driven online sales and next-week stock-out blocks (DuckDB and
PostgreSQL): the store-driven figures are the O2O page's own, the stock-out list is ordered by
risk with days of cover and shortfall recomputed here from the warehouse, the blocks are absent
without stores or stock, and the deck holds one slide per highlight."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from pptx import Presentation
from support import handmade
from support.apptest import open_page

from cockpit.filters import Filters
from cockpit.forecast.inventory import HISTORY_DAYS
from cockpit.o2o.stores import store_views
from cockpit.review import tables
from cockpit.review.deck import write_pptx
from cockpit.review.highlights import NEXT_WEEK_DAYS, TOP_SKUS
from cockpit.review.labels import word
from cockpit.review.report import build_review
from cockpit.review.weeks import parse_week
from cockpit.warehouse import write_engine
from cockpit.warehouse.load import create_schema
from cockpit.warehouse.schema import SALE_STATUSES

DOUBLE_11 = parse_week("2026-W46")
HANDMADE_WEEK = parse_week("2026-W10")  # 2026-03-02 to 2026-03-08
OLD_SNAPSHOT = date(2026, 3, 5)  # stock data ends before the week's Sunday


def _review(engine, week, **dims):
    with engine.connect() as conn:
        return build_review(conn, Filters(week.start, week.end, **dims), week)


def _block(r, domain):
    found = [b for b in r.highlights if b.domain == domain]
    assert found, [b.domain for b in r.highlights]
    return found[0]


def _metrics(block) -> dict:
    return {m.key: m for m in block.metrics}


# --- store-driven online sales ----------------------------------------------------------

SQL_ONLINE_GMV = """
    select sum(i.amount_cny) from orders o join order_items i on i.order_id = o.order_id
    where o.channel <> 'offline_store' and o.status in :sale
      and o.ordered_at >= :start and o.ordered_at < :stop"""


@pytest.mark.parametrize("dims", [{}, {"regions": ("east",), "categories": ("apparel",)}])
def test_store_driven_sales_are_the_o2o_pages_figures(demo_warehouse, dims):
    r = _review(demo_warehouse, DOUBLE_11, **dims)
    m = _metrics(_block(r, "o2o"))
    prev = r.comparisons.previous.filters(r.f)
    with demo_warehouse.connect() as conn:
        page = store_views(conn, r.f)["summary"]  # what the O2O page shows for the week
        before = store_views(conn, prev)["summary"]
        online = conn.execute(sa.text(SQL_ONLINE_GMV).bindparams(
            sa.bindparam("sale", expanding=True)), {
                "sale": list(SALE_STATUSES),
                "start": datetime.combine(r.f.start, datetime.min.time()),
                "stop": datetime.combine(r.f.end + timedelta(days=1), datetime.min.time())}
        ).scalar_one()
    assert m["store_driven_gmv"].value == pytest.approx(page["attributed_gmv_cny"].sum())
    assert m["store_driven_gmv"].previous == pytest.approx(before["attributed_gmv_cny"].sum())
    assert m["store_driven_gmv"].value > 0
    if not dims:  # the share's denominator: every online line of the week
        assert m["online_gmv"].value == pytest.approx(float(online))
    share = m["store_driven_share"]
    assert share.value == pytest.approx(m["store_driven_gmv"].value / m["online_gmv"].value)
    assert 0 < share.value < 1
    top = page[page["attributed_gmv_cny"] > 0].sort_values(
        ["attributed_gmv_cny", "store_id"], ascending=[False, True]).head(len(_block(r, "o2o")
                                                                              .items))
    items = _block(r, "o2o").items
    assert items["store_id"].tolist() == top["store_id"].tolist()
    assert items["attributed_gmv_cny"].tolist() == pytest.approx(
        top["attributed_gmv_cny"].tolist())


# --- next-week stock-out risk -----------------------------------------------------------

SQL_STOCK = """
    select i.on_hand_units from inventory_daily i
    join products p on p.product_id = i.product_id
    join warehouses w on w.warehouse_id = i.warehouse_id
    where p.sku = :sku and w.name_en = :warehouse and i.snapshot_date = :day"""
SQL_UNITS = """
    select coalesce(sum(i.quantity), 0) from orders o
    join order_items i on i.order_id = o.order_id
    join products p on p.product_id = i.product_id
    join warehouses w on w.warehouse_id = o.warehouse_id
    where p.sku = :sku and w.name_en = :warehouse and o.status in :sale
      and o.order_date > :first and o.order_date <= :last"""


def _recomputed(conn, row, day: date, end: date) -> tuple[float, float]:
    """(stock on `day`, mean daily units of the HISTORY_DAYS to `end`) from the warehouse."""
    key = {"sku": row["sku"], "warehouse": row["warehouse_en"]}
    stock = conn.execute(sa.text(SQL_STOCK), {**key, "day": day}).scalar_one()
    units = conn.execute(sa.text(SQL_UNITS).bindparams(sa.bindparam("sale", expanding=True)),
                         {**key, "sale": list(SALE_STATUSES),
                          "first": end - timedelta(days=HISTORY_DAYS), "last": end}
                         ).scalar_one()
    return float(stock), float(units) / HISTORY_DAYS


def test_stockout_risk_is_ordered_and_its_cover_is_stock_over_demand(demo_warehouse):
    r = _review(demo_warehouse, DOUBLE_11)
    block = _block(r, "forecast")
    m, items = _metrics(block), block.items
    assert m["stock_date"].value == DOUBLE_11.end.isoformat()  # the demo has stock that day
    assert 0 < len(items) <= TOP_SKUS
    risks = items["stockout_risk"].tolist()
    assert risks == sorted(risks, reverse=True) and risks[0] > 0.5
    assert set(items["source"]) == {"history"}  # the test demo stores no batch forecast
    with demo_warehouse.connect() as conn:
        for row in items.to_dict("records"):
            stock, demand = _recomputed(conn, row, DOUBLE_11.end, DOUBLE_11.end)
            assert row["on_hand_units"] == stock
            assert row["mean_units"] == pytest.approx(demand)
            assert row["days_of_cover"] == pytest.approx(stock / demand)
            assert row["shortfall_units"] == pytest.approx(
                max(0.0, NEXT_WEEK_DAYS * demand - stock))
    shown = tables.highlight_items(block, "en")  # units in the column names
    assert shown["Days of cover (days)"].tolist() == [f"{v:,.1f}" for v in items["days_of_cover"]]
    assert "Expected shortfall (units)" in shown and "Stock (units)" in shown


def _stock_rows(with_stock: bool) -> dict[str, list[dict]]:
    """Two products shipped from one warehouse every day of the 56 to the week's Sunday: 2
    and 1 units a day; stock (when `with_stock`) only up to OLD_SNAPSHOT: 9 and 100 units."""
    end = HANDMADE_WEEK.end
    orders, lines = [], []
    for k in range(HISTORY_DAYS):
        day = end - timedelta(days=k)
        for pid, qty in ((1, 2), (2, 1)):
            oid = len(orders) + 1
            orders.append({**handmade.order(oid, 1, datetime.combine(day, datetime.min.time())
                                            + timedelta(hours=10)), "warehouse_id": 1})
            lines.append({**handmade.line(oid, 1, pid, "snacks"), "quantity": qty})
    rows = {  # in the order the keys need
        "products": [{"product_id": p, "sku": f"SKU-{p}", "name_zh": f"商品{p}",
                      "name_en": f"Product {p}", "category": "snacks"} for p in (1, 2)],
        "warehouses": [{"warehouse_id": 1, "name_zh": "上海仓", "name_en": "Shanghai DC",
                        "warehouse_type": "central", "city": "上海", "lead_time_days": 3.0,
                        "lead_time_sd_days": 1.0, "holding_cost_cny_per_unit_day": 0.1}],
        "customers": [{"customer_id": 1}], "orders": orders, "order_items": lines,
    }
    if with_stock:
        rows["inventory_daily"] = [
            {"snapshot_date": OLD_SNAPSHOT - timedelta(days=d), "warehouse_id": 1,
             "product_id": p, "on_hand_units": units}
            for d in (0, 1) for p, units in ((1, 9), (2, 100))]
    return rows


@pytest.mark.parametrize("with_stock", [True, False])
def test_handmade_stock_older_than_the_week_and_no_stores(empty_warehouse, with_stock):
    handmade.load(empty_warehouse, _stock_rows(with_stock))
    r = _review(empty_warehouse, HANDMADE_WEEK)
    domains = [b.domain for b in r.highlights]
    assert "o2o" not in domains  # no stores: no block, not a zero
    if not with_stock:
        assert "forecast" not in domains
        return
    block = _block(r, "forecast")
    m = _metrics(block)
    assert "stock_date" not in m and m["stock_date_old"].value == OLD_SNAPSHOT.isoformat()
    first, second = block.items.to_dict("records")
    assert (first["sku"], second["sku"]) == ("SKU-1", "SKU-2")  # riskiest first
    assert first["days_of_cover"] == pytest.approx(9 / 2)
    assert first["shortfall_units"] == pytest.approx(7 * 2 - 9)
    assert first["stockout_risk"] == 1.0
    assert second["days_of_cover"] == pytest.approx(100.0)
    assert second["shortfall_units"] == 0 and second["stockout_risk"] == 0
    assert m["pairs_short"].value == 1 and m["shortfall_total"].value == pytest.approx(5.0)
    for lang in ("zh", "en"):
        notes = tables.highlight_notes(block, lang, r.week.end)
        assert OLD_SNAPSHOT.isoformat() in notes[0] and r.week.end.isoformat() in notes[0]
        assert tables.highlight_rows(block, lang).iloc[0, 1] == OLD_SNAPSHOT.isoformat()


# --- the deck and the page ----------------------------------------------------------------

def test_the_deck_holds_one_slide_per_highlight(demo_duckdb_path, tmp_path):
    from cockpit.warehouse import read_engine

    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    r = _review(engine, DOUBLE_11)
    engine.dispose()
    assert {b.domain for b in r.highlights} == {"live", "o2o", "forecast", "logistics",
                                                "segments"}
    for lang in ("zh", "en"):
        slides = list(Presentation(write_pptx(r, tmp_path / f"{lang}.pptx", lang)).slides)
        titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
        for block in r.highlights:
            assert titles.count(word(f"block.{block.domain}", lang)) == 1, block.domain
        stock = slides[titles.index(word("block.forecast", lang))]
        cells = [[c.text for c in row.cells] for shape in stock.shapes if shape.has_table
                 for row in shape.table.rows]
        shown = tables.highlight_items(_block(r, "forecast"), lang)
        assert list(shown.columns) in cells  # the SKU table, as the page shows it
        assert shown.iloc[0].tolist() in cells


@pytest.fixture(scope="module")
def no_stores_path(tmp_path_factory):
    """A DuckDB warehouse with orders and lines but no stores and no stock."""
    path = tmp_path_factory.mktemp("nostock") / "nostock.duckdb"
    engine = write_engine(f"duckdb:///{path}")
    with engine.begin() as conn:
        create_schema(conn)
    handmade.load(engine, _stock_rows(with_stock=False))
    engine.dispose()
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_shows_the_blocks_only_with_their_data(demo_duckdb_path, no_stores_path,
                                                    monkeypatch, tmp_path, lang):
    monkeypatch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    titles = {d: f"**{word(f'block.{d}', lang)}**" for d in ("o2o", "forecast")}
    at = open_page(demo_duckdb_path, monkeypatch, "pages/review.py", lang, week="2026-W46")
    markdown = [m.value for m in at.markdown]
    assert all(title in markdown for title in titles.values())
    at = open_page(no_stores_path, monkeypatch, "pages/review.py", lang,
                   week=str(HANDMADE_WEEK))
    markdown = [m.value for m in at.markdown]
    assert not any(title in markdown for title in titles.values())

