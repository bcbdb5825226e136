"""Playbooks: association rules with known support/confidence/lift on hand-made baskets, the
audience export, tier audiences on the demo; both dialects."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
import sqlalchemy as sa
from support.handmade import line, load, order

from cockpit.filters import Filters
from cockpit.segments import playbooks
from cockpit.segments.lifecycle import TIERS, tier_query

# Six paid baskets and a cancelled one (which must not count):
#   o1 {1,2}  o2 {1,2}  o3 {1,2,3}  o4 {1}  o5 {3,4}  o6 {2}   (o7 {1,4} cancelled)
# n(1)=4, n(2)=4, n(3)=2, n(4)=1, N=6; pairs: {1,2}=3, {1,3}=1, {2,3}=1, {3,4}=1.
BASKETS = {1: (1, [1, 2]), 2: (1, [1, 2]), 3: (2, [1, 2, 3]), 4: (2, [1]), 5: (3, [3, 4]),
           6: (3, [2]), 7: (1, [1, 4])}
CATEGORY = {1: "fresh", 2: "snacks", 3: "baby", 4: "home"}

MARCH = Filters(date(2026, 3, 1), date(2026, 3, 31))


def _baskets() -> dict[str, list[dict]]:
    orders, lines = [], []
    for oid, (cid, items) in BASKETS.items():
        orders.append(order(oid, cid, datetime(2026, 3, oid, 10), status="cancelled"
                            if oid == 7 else "paid", total=50.0 * len(items)))
        lines += [line(oid, n, pid, CATEGORY[pid]) for n, pid in enumerate(items, start=1)]
    return {
        "customers": [dict(customer_id=1, city="上海", region="east", member_tier="gold",
                           wecom_joined_at=datetime(2026, 1, 5)),
                      dict(customer_id=2, city="北京", region="north",
                           wecom_joined_at=datetime(2026, 4, 1)),  # joined after f.end
                      dict(customer_id=3, city="广州", region="south")],
        "products": [dict(product_id=p, sku=f"s{p}", category=c, name_zh=f"商品{p}",
                          name_en=f"Product {p}") for p, c in CATEGORY.items()],
        "orders": orders,
        "order_items": lines,
    }


@pytest.fixture
def baskets(empty_warehouse) -> sa.Engine:
    load(empty_warehouse, _baskets())
    return empty_warehouse


def _rules(engine: sa.Engine, ids=None, min_pair_orders: int = 1) -> pd.DataFrame:
    with engine.connect() as conn:
        return playbooks.association_rules(conn, MARCH, ids, min_pair_orders=min_pair_orders)


def test_rules_support_confidence_lift(baskets):
    rules = _rules(baskets)
    pairs = list(zip(rules["antecedent_id"], rules["consequent_id"], strict=True))
    # one direction per pair (the more confident one), strongest lift first
    assert pairs == [(4, 3), (1, 2), (3, 1), (3, 2)]
    r = rules.set_index(["antecedent_id", "consequent_id"])
    assert (r["baskets"] == 6).all()
    assert r.loc[(4, 3), ["support", "confidence", "lift"]].tolist() == pytest.approx(
        [1 / 6, 1.0, 1.0 / (2 / 6)])
    assert r.loc[(1, 2), ["support", "confidence", "lift"]].tolist() == pytest.approx(
        [3 / 6, 3 / 4, (3 / 4) / (4 / 6)])
    assert r.loc[(3, 1), ["confidence", "lift"]].tolist() == pytest.approx([1 / 2, 0.75])
    assert r.loc[(1, 2), "orders_both"] == 3
    assert r.loc[(1, 2), "antecedent_zh"] == "商品1" and r.loc[(1, 2), "consequent_en"] == \
        "Product 2"


def test_rules_threshold_and_audience(baskets):
    assert list(_rules(baskets, min_pair_orders=2)["antecedent_id"]) == [1]
    # customer 3 only: baskets o5 {3,4} and o6 {2}; both directions are certain, the lower
    # antecedent id is kept
    only = _rules(baskets, ids=(3,)).set_index(["antecedent_id", "consequent_id"])
    assert list(only.index) == [(3, 4)]
    assert only.loc[(3, 4), ["support", "confidence", "lift"]].tolist() == pytest.approx(
        [1 / 2, 1.0, 2.0])
    assert _rules(baskets, ids=()).empty


def test_audience_export(baskets):
    f = MARCH
    with baskets.connect() as conn:
        fields = playbooks.customer_fields(conn, f)
    fields = fields.set_index("customer_id")
    assert fields.loc[1, "orders"] == 2  # o7 is cancelled
    assert fields.loc[1, "gmv_cny"] == pytest.approx(200.0)
    assert fields.loc[2, "last_order_date"] == date(2026, 3, 4)
    assert bool(fields.loc[1, "wecom_member"]) and not fields.loc[2, "wecom_member"]
    assert fields.loc[1, "member_tier"] == "gold"
    clv = pd.DataFrame({"customer_id": [1, 2, 3], "p_alive": [0.9, 0.5, 0.2],
                        "clv": [300.0, 100.0, 10.0]})
    export = playbooks.audience_export(fields.reset_index(), (1, 3), clv,
                                       {"persona": "深夜零食客群"}, f.end)
    assert list(export["customer_id"]) == [1, 3]
    assert list(export.columns[:2]) == ["customer_id", "persona"]
    assert export["days_since_last_order"].tolist() == [(f.end - date(2026, 3, 2)).days,
                                                        (f.end - date(2026, 3, 6)).days]
    value = playbooks.audience_value(export)
    assert value["customers"] == 2 and value["clv_total"] == pytest.approx(310.0)
    assert value["p_alive"] == pytest.approx(0.55) and value["wecom_share"] == 0.5
    back = pd.read_csv(io.StringIO(export.to_csv(index=False)))
    assert back["customer_id"].tolist() == [1, 3] and back["persona"].iloc[0] == "深夜零食客群"
    without = playbooks.audience_export(fields.reset_index(), (2,), None, {}, f.end)
    assert "clv" not in without and pd.isna(playbooks.audience_value(without)["clv_mean"])


def test_tier_audiences_partition_the_customers(demo_warehouse):
    f = Filters(date(2026, 10, 28), date(2026, 11, 24))
    with demo_warehouse.connect() as conn:
        audiences = {tier: playbooks.tier_ids(conn, f, tier) for tier in TIERS}
        q = tier_query(f).subquery()
        known = conn.execute(sa.select(sa.func.count()).select_from(q)).scalar_one()
        rules = playbooks.association_rules(conn, f, audiences["returning"])
    everyone = [i for ids in audiences.values() for i in ids]
    assert len(everyone) == len(set(everyone)) == known
    assert all(len(audiences[t]) > 0 for t in TIERS)
    assert not rules.empty and (rules["lift"] > 0).all()
    assert (rules["orders_both"] >= playbooks.MIN_PAIR_ORDERS).all()
    assert rules["lift"].is_monotonic_decreasing


def test_sample_ids_is_seeded_and_capped():
    ids = tuple(range(1, 20_001))
    a, b = playbooks.sample_ids(ids), playbooks.sample_ids(ids)
    assert a == b and len(a) == playbooks.RULES_MAX_CUSTOMERS and a == sorted(a)
    assert playbooks.sample_ids((5, 3)) == [5, 3]
