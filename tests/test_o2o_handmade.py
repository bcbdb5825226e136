"""O2O analyses on hand-made tiny warehouses with known answers (DuckDB and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa
from support.handmade import load

from cockpit.filters import Filters
from cockpit.o2o import attribution, halo, omni, stores

KM_LAT = 1 / 110.574  # degrees of latitude per km


def _load(engine: sa.Engine, **tables: list[dict]) -> None:
    load(engine, tables, filler_day=date(2023, 1, 1))


def _customer(cid: int, city: str = "上海", tier: str = "regular", lat: float = 31.2,
              lon: float = 121.5) -> dict:
    return dict(customer_id=cid, city=city, region="east", member_tier=tier,
                signup_date=date(2023, 6, 1), home_latitude=lat, home_longitude=lon)


def _order(oid: int, cid: int, at: datetime, category: str, amount: float = 100.0,
           channel: str = "app", status: str = "paid", store_id: int | None = None
           ) -> tuple[dict, dict]:
    order = dict(order_id=oid, customer_id=cid, ordered_at=at, order_date=at.date(),
                 channel=channel, city="上海", region="east", store_id=store_id,
                 total_cny=amount, subtotal_cny=amount, discount_cny=0.0, status=status)
    item = dict(order_id=oid, line_number=1, product_id=1, category=category, quantity=1,
                unit_price_cny=amount, discount_cny=0.0, amount_cny=amount)
    return order, item


VISIT_AT = datetime(2024, 3, 1, 10, 0)


@pytest.fixture
def shop(empty_warehouse) -> sa.Engine:
    """One Shanghai store. A (regular) tries appliances on 1 March and buys them online after
    4 days; B (regular, never visits) buys them after 11 days; C (regular) buys snacks;
    D lives in Beijing; E (gold) tries beauty and has no comparable non-visitor."""
    def days(d: int, h: int = 0) -> datetime:
        return VISIT_AT + timedelta(days=d, hours=h)

    pairs = [
        _order(1, 1, days(1), "appliances", status="cancelled"),
        _order(2, 1, days(4), "appliances", amount=3000.0),
        _order(3, 1, days(2), "appliances", amount=500.0, channel="offline_store", store_id=1),
        _order(4, 2, days(11, 2), "appliances"),
        _order(5, 3, days(3), "snacks"),
        _order(6, 4, days(2), "appliances"),
        _order(7, 2, datetime(2024, 6, 30, 12), "fresh"),
    ]
    _load(empty_warehouse, products=[dict(product_id=1, category="fresh")],
          stores=[dict(store_id=1, name_zh="上海店", name_en="Shanghai", city="上海",
                       latitude=31.2, longitude=121.5, store_format="experience",
                       opened_on=date(2023, 1, 1), floor_area_sqm=900.0)],
          customers=[_customer(1), _customer(2), _customer(3), _customer(4, city="北京"),
                     _customer(5, tier="gold")],
          store_visits=[
              dict(visit_id=1, store_id=1, customer_id=1, visited_at=VISIT_AT,
                   category_experienced="appliances", is_bought_offline=True),
              dict(visit_id=2, store_id=1, customer_id=5, visited_at=VISIT_AT,
                   category_experienced="beauty"),
              dict(visit_id=3, store_id=1, customer_id=None, visited_at=VISIT_AT,
                   category_experienced="appliances")],
          orders=[o for o, _ in pairs], order_items=[i for _, i in pairs])
    return empty_warehouse


PERIOD = Filters(date(2024, 1, 1), date(2024, 6, 30))


@pytest.mark.parametrize(("window", "visitor", "control"), [(14, 1.0, 0.5), (7, 1.0, 0.0),
                                                            (3, 0.0, 0.0)])
def test_attribution_known_answers(shop, window, visitor, control):
    with shop.connect() as conn:
        res = attribution.summary(conn, PERIOD, window)
    cat = res["category"].set_index("category")
    row = cat.loc["appliances"]
    assert (row["visits"], row["matched"], row["controls"]) == (1, 1, 2)
    assert row["visitor_rate"] == pytest.approx(visitor)
    assert row["control_rate"] == pytest.approx(control)
    assert row["lift"] == pytest.approx(visitor - control)
    assert row["lift_low"] < row["lift"] < row["lift_high"]
    beauty = cat.loc["beauty"]  # the gold visitor has no comparable non-visitor
    assert (beauty["visits"], beauty["matched"]) == (1, 0) and pd.isna(beauty["lift"])
    store = res["store"].set_index("store_id").loc[1]
    assert (store["visits"], store["matched"]) == (2, 1)


def test_attribution_measures_visits_whose_window_ends_in_the_period(shop):
    late = Filters(date(2024, 3, 1), date(2024, 3, 10))  # windows ending 1-10 March: none
    with shop.connect() as conn:
        assert attribution.summary(conn, late, 14)["category"].empty
        cells = attribution.cells(conn, Filters(date(2024, 3, 1), date(2024, 3, 31)), 14)
    assert set(cells["grp"]) == {"visitor", "control"}
    assert cells.loc[cells["grp"] == "visitor", "n"].sum() == 2


def test_store_summary_known_answers(shop):
    with shop.connect() as conn:
        summary = stores.store_summary(conn, Filters(date(2024, 3, 1), date(2024, 6, 30)), 14)
    row = summary.set_index("store_id").loc[1]
    assert (row["visits"], row["identified_visits"], row["experiences"]) == (3, 2, 3)
    assert (row["offline_orders"], row["offline_gmv_cny"]) == (1, pytest.approx(500.0))
    # only A's paid online appliances order follows a visit of the same customer and category
    assert (row["attributed_orders"], row["attributed_gmv_cny"]) == (1, pytest.approx(3000.0))
    assert row["days_open"] == 122
    with shop.connect() as conn:
        short = stores.store_summary(conn, Filters(date(2024, 3, 1), date(2024, 6, 30)), 3)
    assert short.set_index("store_id").at[1, "attributed_orders"] == 0


def test_omni_customers_counted_once(shop):
    with shop.connect() as conn:
        segs = omni.segments(conn, PERIOD).set_index("segment")
        heads = omni.channel_headcount(conn, PERIOD)
    # customer 1 bought in the store and online (twice, one cancelled): one omni customer
    assert segs.at["omni", "customers"] == 1
    assert segs.at["omni", "orders"] == 2
    assert segs.at["omni", "gmv_cny"] == pytest.approx(3500.0)
    assert segs.at["online_only", "customers"] == 3  # customers 2, 3 and 4
    assert segs.at["offline_only", "customers"] == 0
    assert segs["customers"].sum() == heads["unique"] == 4
    assert heads["summed"] == 5
    assert segs["customer_share"].sum() == pytest.approx(1.0)


OPENED = date(2024, 6, 1)


@pytest.fixture
def halo_shop(empty_warehouse) -> sa.Engine:
    """A store opening on 1 June 2024; A lives 1 km away, B 4 km, C 7 km, D and E far away."""
    lat, lon = 31.0, 121.0

    def at(d: int) -> datetime:
        return datetime.combine(OPENED + timedelta(days=d), datetime.min.time()) + timedelta(
            hours=12)

    plan = {1: ([-31], [9, 19, 30]), 2: ([-40, -10], [5, 50]), 4: ([-60, -20], [10, 20]),
            5: ([-80, -5], [1, 2, 3, 80])}
    pairs, oid = [], 0
    for cid, (pre, post) in plan.items():
        for d in pre + post:
            oid += 1
            pairs.append(_order(oid, cid, at(d), "fresh"))
    for d, kw in ((-150, {}), (200, {}), (10, {"channel": "offline_store", "store_id": 1}),
                  (11, {"status": "cancelled"}), (-100, {}), (95, {})):
        oid += 1
        pairs.append(_order(oid, 1 if kw else 4, at(d), "fresh", **kw))
    _load(empty_warehouse, products=[dict(product_id=1, category="fresh")],
          stores=[dict(store_id=1, name_zh="店", name_en="Store", city="上海", latitude=lat,
                       longitude=lon, store_format="standard", opened_on=OPENED,
                       floor_area_sqm=300.0)],
          customers=[_customer(1, lat=lat + 1 * KM_LAT, lon=lon),
                     _customer(2, lat=lat + 4 * KM_LAT, lon=lon),
                     _customer(3, lat=lat + 7 * KM_LAT, lon=lon),
                     _customer(4, lat=lat + 1.0, lon=lon), _customer(5, lat=lat + 2.0, lon=lon)],
          orders=[o for o, _ in pairs], order_items=[i for _, i in pairs])
    return empty_warehouse


def test_halo_cells_and_did_on_handmade_warehouse(halo_shop):
    f = Filters(date(2024, 1, 1), date(2024, 12, 31))
    with halo_shop.connect() as conn:
        assert halo.eligible_stores(conn, f, 90) == [1]
        assert halo.eligible_stores(conn, f, 160) == []
        cells = halo.cells(conn, f, 90).set_index("band")
    assert cells.at["0-3", "pre_orders"] == 1 and cells.at["0-3", "post_orders"] == 3
    assert cells.at["3-5", "pre_orders"] == 2 and cells.at["3-5", "post_orders"] == 2
    assert "5-10" not in cells.index  # C never ordered
    assert cells.at["none", "pre_orders"] == 4 and cells.at["none", "post_orders"] == 6
    assert cells.at["none", "customers"] == 2 and cells.at["0-3", "customers"] == 1
    assert cells.at["0-3", "post2_orders"] == 9
    assert cells.at["none", "cross_orders"] == 2 * 2 + 2 * 4
    est = halo.did(cells.reset_index(), "orders").set_index("band")
    # control grew 1.5×: A's 1 order would have become 1.5, A placed 3 -> +100%
    assert est.at["0-3", "expected"] == pytest.approx(1.5)
    assert est.at["0-3", "uplift"] == pytest.approx(1.0)
    assert est.at["3-5", "uplift"] == pytest.approx(2 / 3 - 1)
    assert est.at["0-3", "extra"] == pytest.approx(1.5)
    gmv = halo.did(cells.reset_index(), "gmv").set_index("band")
    assert gmv.at["0-3", "uplift"] == pytest.approx(1.0)  # every order is ¥100
