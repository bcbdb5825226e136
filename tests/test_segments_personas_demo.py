"""Scene-based personas: SQL features on a hand-made warehouse, the mixture model on synthetic
counts, and the planted personas of the demo recovered (adjusted Rand index), both dialects."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from sklearn.metrics import adjusted_rand_score
from support.handmade import line, load, order

from cockpit.filters import Filters
from cockpit.segments import persona_model as model
from cockpit.segments import persona_naming as naming
from cockpit.segments.persona_features import (
    FEATURES,
    customer_counts,
    feature_window,
    review_documents,
    shares,
)
from cockpit.segments.personas import personas
from cockpit.warehouse.schema import METADATA, TRUTH_METADATA

MARCH = Filters(date(2026, 3, 1), date(2026, 3, 31))
CJK = "一-鿿"


PRODUCTS = [dict(product_id=1, sku="s1", category="fresh", is_sustainable=True),
            dict(product_id=2, sku="s2", category="snacks"),
            dict(product_id=3, sku="s3", category="baby")]
BEHAVIOUR = {
    "customers": [dict(customer_id=1), dict(customer_id=2)],
    "products": PRODUCTS,
    "warehouses": [dict(warehouse_id=1)],
    "orders": [
        order(1, 1, datetime(2026, 3, 7, 8, 30)),               # Saturday morning
        order(2, 1, datetime(2026, 3, 9, 23, 10)),              # Monday late night
        order(3, 1, datetime(2026, 3, 10, 20, 0), "live_stream"),  # the broadcast's time
        order(4, 1, datetime(2026, 3, 11, 9, 0), status="cancelled"),
        order(5, 2, datetime(2026, 3, 10, 2, 0), "mini_program"),  # 02:00 is late night
    ],
    "order_items": [line(1, 1, 1, "fresh"), line(1, 2, 3, "baby"), line(2, 1, 2, "snacks"),
                    line(3, 1, 2, "snacks"), line(4, 1, 2, "snacks"), line(5, 1, 1, "fresh")],
    "shipments": [dict(shipment_id=1, order_id=1, mode="electric_van",
                       packaging_type="standard"),
                  dict(shipment_id=2, order_id=2, mode="diesel_van", packaging_type="standard")],
    "reviews": [dict(review_id=1, order_id=1, customer_id=1, product_id=1,
                     created_at=datetime(2026, 3, 8), text_zh="新鲜，孩子很喜欢。"),
                dict(review_id=2, order_id=2, customer_id=1, product_id=2,
                     created_at=datetime(2026, 3, 12), text_zh="加班必备。"),
                dict(review_id=3, order_id=5, customer_id=2, product_id=1,
                     created_at=datetime(2020, 1, 1), text_zh="很甜。")],
}


def test_feature_counts_on_hand_made_orders(empty_warehouse):
    load(empty_warehouse, BEHAVIOUR)
    with empty_warehouse.connect() as conn:
        counts = customer_counts(conn, MARCH)
        docs = review_documents(conn, MARCH)
    one, two = counts.loc[1], counts.loc[2]
    # live-stream and cancelled orders are left out
    assert one["orders"] == 2 and two["orders"] == 1
    assert (one["hour_morning"], one["hour_late_night"], one["hour_evening"]) == (1, 1, 0)
    assert two["hour_late_night"] == 1
    assert one["weekend"] == 1 and two["weekend"] == 0
    assert one["multi_category"] == 1 and one["lines"] == 3
    assert (one["cat_fresh"], one["cat_baby"], one["cat_snacks"]) == (1, 1, 1)
    assert one["sustainable"] == 1 and two["sustainable"] == 1
    assert (one["shipped"], one["green_delivery"]) == (2, 1)
    s = shares(counts)
    assert list(s.columns) == list(FEATURES)
    assert s.loc[1, "hour_morning"] == pytest.approx(0.5)
    assert s.loc[1, "cat_snacks"] == pytest.approx(1 / 3)
    assert s.loc[1, "lines_per_order"] == pytest.approx(1.5)
    assert s.loc[1, "green_delivery"] == pytest.approx(0.5)
    assert np.isnan(s.loc[2, "green_delivery"])  # nothing shipped: unknown, not zero
    # latest review first; the review's order date decides the window, not its post date
    assert docs.loc[1] == "加班必备。 新鲜，孩子很喜欢。"
    assert docs.loc[2] == "很甜。"


def test_feature_window_is_at_least_two_years():
    w = feature_window(MARCH)
    assert w.end == MARCH.end and (w.end - w.start).days + 1 == 730
    long = Filters(date(2020, 1, 1), date(2026, 3, 31))
    assert feature_window(long) == long


def _synthetic(rng: np.random.Generator, n: int = 600) -> tuple[list[model.Block], np.ndarray]:
    """Three classes with distinct hour and category profiles, 1–12 orders each."""
    truth = rng.integers(0, 3, n)
    hours = np.array([[0.7, 0.1, 0.1, 0.1], [0.1, 0.7, 0.1, 0.1], [0.1, 0.1, 0.1, 0.7]])
    cats = np.array([[0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6]])
    size = rng.integers(1, 13, n)
    h = np.array([rng.multinomial(s, hours[c]) for s, c in zip(size, truth, strict=True)])
    c = np.array([rng.multinomial(s, cats[k]) for s, k in zip(size, truth, strict=True)])
    return [model.Block("hour", h.astype(float)), model.Block("cat", c.astype(float))], truth


def test_mixture_recovers_synthetic_classes_and_icl_picks_three():
    blocks, truth = _synthetic(np.random.default_rng(1))
    scores = model.scan(blocks, range(2, 6), seed=0)
    assert int(scores.loc[scores["icl"].idxmin(), "k"]) == 3
    labels = model.responsibilities(blocks, model.fit(blocks, 3, seed=0)).argmax(axis=1)
    assert adjusted_rand_score(truth, labels) > 0.6
    # seeded: the same fit twice
    again = model.responsibilities(blocks, model.fit(blocks, 3, seed=0)).argmax(axis=1)
    assert (labels == again).all()


def test_names_from_lifts():
    lifts = pd.Series({"hour_late_night": 2.5, "hour_morning": 0.4, "cat_snacks": 3.0,
                       "cat_fresh": 0.3, "sustainable": 0.9})
    values = pd.Series({"cat_snacks": 0.6, "cat_fresh": 0.05, "cat_home": 0.05})
    assert naming.name(lifts, values) == ("深夜零食客群", "Late-night snack shoppers")
    even = pd.Series({f"cat_{c}": 0.1 for c in ("fresh", "snacks", "nut_gifts", "appliances",
                                                "apparel", "beauty", "sports", "home", "baby",
                                                "imported")})
    flat = pd.Series({"hour_evening": 1.1, "cat_appliances": 2.0})
    assert naming.name(flat, even) == ("泛品类客群", "All-round shoppers")
    assert naming.unique_names([("a", "A"), ("a", "A")]) == [("a", "A"), ("a 2", "A 2")]


# What each planted persona does (src/cockpit/demo/personas.py and service.py): the word its
# recovered persona's English name must carry.
PLANTED_SIGNATURE = {"family": "fresh-food", "overtime": "Late-night", "fitness": "sports",
                     "eco": "eco-minded", "gift": "gift-box", "none": "ll-round"}
MIN_ARI = 0.7


def _full_history(conn: sa.Connection) -> Filters:
    first, last = conn.execute(sa.select(sa.func.min(METADATA.tables["orders"].c.order_date),
                                         sa.func.max(METADATA.tables["orders"].c.order_date))
                               ).one()
    return Filters(first, last)


def test_planted_personas_recovered(demo_warehouse):
    truth_table = TRUTH_METADATA.tables["truth_customers"]
    with demo_warehouse.connect() as conn:
        result = personas(conn, _full_history(conn))
        truth = pd.DataFrame(conn.execute(sa.select(truth_table)).all(),
                             columns=["customer_id", "persona"]).set_index("customer_id")
    planted = truth["persona"].nunique()
    assert result.k_chosen == planted == result.k
    a = result.assignments.set_index("customer_id")["persona_id"]
    assert a.index.is_unique and len(a) > 0.9 * len(truth)
    ari = adjusted_rand_score(truth["persona"].reindex(a.index), a)
    print(f"adjusted Rand index vs truth_customers.persona: {ari:.3f} on {len(a)} customers")
    assert ari >= MIN_ARI
    # each planted persona is the majority of one recovered persona, named after what it does
    majority = pd.crosstab(a, truth["persona"].reindex(a.index)).idxmax(axis=1)
    assert set(majority) == set(truth["persona"])
    names = result.profiles.set_index("persona_id")["name_en"]
    for pid, planted_name in majority.items():
        assert PLANTED_SIGNATURE[planted_name] in names[pid], (planted_name, names[pid])


def test_profiles_and_override(demo_warehouse):
    with demo_warehouse.connect() as conn:
        f = _full_history(conn)
        auto = personas(conn, f)
        four = personas(conn, f, k=4)
    p = auto.profiles
    assert p["customers"].sum() == len(auto.assignments)
    assert p["share"].sum() == pytest.approx(1.0)
    assert p["customers"].is_monotonic_decreasing
    assert p["name_zh"].is_unique and p["name_en"].is_unique
    assert all(pd.Series(p["name_zh"]).str.contains(f"[{CJK}]"))
    assert not any(pd.Series(p["name_en"]).str.contains(f"[{CJK}]"))
    assert all(len(c) == 3 for c in p["top_categories"])
    assert (p["review_words"].str.len() > 0).sum() >= auto.k - 1  # 'none' writes generic text
    assert not p["small"].any()  # planted personas are 12–24% of customers
    assert set(auto.features["feature"]) == set(FEATURES)
    assert list(auto.k_scores["k"]) == list(range(2, 11))
    assert four.k == 4 and len(four.profiles) == 4 and four.k_chosen == auto.k_chosen
    pd.testing.assert_frame_equal(four.k_scores, auto.k_scores)


def test_no_customers_gives_an_empty_result(empty_warehouse):
    with empty_warehouse.connect() as conn:
        result = personas(conn, MARCH)
    assert result.k == 0 and result.assignments.empty and result.profiles.empty
