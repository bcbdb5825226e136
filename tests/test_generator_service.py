"""Demo reviews and service tickets: contract, realism, persona phrases, planted AI share."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.demo.context import DemoContext
from cockpit.demo.service import (
    AI_SHARE_TARGET,
    GENERIC_PHRASES,
    PERSONA_PHRASES,
    generate_reviews,
    generate_tickets,
)
from cockpit.warehouse import schema
from cockpit.warehouse.load import append_frame

PERSONAS = tuple(PERSONA_PHRASES)
STATUS_SHARES = {"paid": 0.85, "cancelled": 0.05, "returned": 0.10}


def _ctx(seed: int = 7) -> DemoContext:
    return DemoContext(seed=seed, start=date(2024, 1, 1), end=date(2026, 11, 24), n_orders=20_000)


def _inputs(ctx: DemoContext):
    """Small synthetic customers (with personas), products, orders and order lines."""
    rng = np.random.default_rng(5)
    n_cust, n_orders = ctx.n_customers, ctx.n_orders
    signup = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 365, n_cust), unit="D")
    customers = pd.DataFrame({"customer_id": np.arange(1, n_cust + 1, dtype=np.int64),
                              "signup_date": signup.date,
                              "persona": rng.choice(PERSONAS, n_cust)})
    cats = np.repeat(schema.CATEGORIES, 5)
    products = pd.DataFrame({"product_id": np.arange(101, 101 + len(cats), dtype=np.int64),
                             "category": cats, "price_cny": 80.0})
    seconds = rng.integers(0, (ctx.end - ctx.start).days * 86_400, n_orders)
    orders = pd.DataFrame({
        "order_id": np.arange(1, n_orders + 1, dtype=np.int64),
        "customer_id": rng.integers(1, n_cust + 1, n_orders),
        "ordered_at": pd.Timestamp(ctx.start) + pd.to_timedelta(seconds, unit="s"),
        "status": rng.choice(list(STATUS_SHARES), n_orders, p=list(STATUS_SHARES.values())),
    })
    lines = rng.integers(1, 4, n_orders)
    product_pos = rng.integers(0, len(products), lines.sum())
    items = pd.DataFrame({
        "order_id": np.repeat(orders["order_id"].to_numpy(), lines),
        "line_number": np.concatenate([np.arange(1, k + 1) for k in lines]),
        "product_id": products["product_id"].to_numpy()[product_pos],
        "category": products["category"].to_numpy()[product_pos],
    })
    return customers, products, orders, items


def _build(seed: int = 7):
    ctx = _ctx(seed)
    customers, products, orders, items = _inputs(ctx)
    reviews = generate_reviews(ctx, orders, items, customers, products)
    tickets = generate_tickets(ctx, orders, customers)
    return ctx, customers, orders, items, reviews, tickets


@pytest.fixture(scope="module")
def built():
    return _build()


def _names(table: sa.Table) -> list[str]:
    return schema.generated_columns(table)  # all but import_id, which only imports set


def test_columns_match_schema(built):
    *_, reviews, tickets = built
    assert list(reviews.columns) == _names(schema.reviews)
    assert list(tickets.columns) == _names(schema.service_tickets)


def test_frames_load_into_duckdb(built):
    *_, reviews, tickets = built
    engine = sa.create_engine("duckdb:///:memory:")
    with engine.begin() as conn:
        for table in (schema.reviews, schema.service_tickets):
            copy = table.to_metadata(sa.MetaData())
            for column in copy.columns:
                column.autoincrement = False
            conn.execute(sa.schema.CreateTable(copy, include_foreign_key_constraints=[]))
        append_frame(conn, schema.reviews, reviews)
        append_frame(conn, schema.service_tickets, tickets)
        t = schema.service_tickets
        counts = conn.execute(sa.select(sa.func.count(), sa.func.count(t.c.order_id),
                                        sa.func.count(t.c.satisfaction))).one()
        texts = conn.execute(sa.select(schema.reviews.c.text_zh).limit(3)).scalars().all()
    assert counts == (len(tickets), tickets["order_id"].notna().sum(),
                      tickets["satisfaction"].notna().sum())
    assert texts == reviews["text_zh"].head(3).tolist()


def test_reviews_cover_about_15_percent_of_kept_lines(built):
    _, _, orders, items, reviews, _ = built
    status = reviews["order_id"].map(orders.set_index("order_id")["status"])
    assert not (status == "cancelled").any()
    kept_lines = items["order_id"].map(orders.set_index("order_id")["status"]) != "cancelled"
    assert len(reviews) / kept_lines.sum() == pytest.approx(0.15, abs=0.01)
    assert reviews["review_id"].tolist() == list(range(1, len(reviews) + 1))
    line_keys = set(zip(items["order_id"], items["product_id"], strict=True))
    assert all(k in line_keys for k in zip(reviews["order_id"], reviews["product_id"],
                                           strict=True))


def test_reviews_by_the_buyer_1_to_10_days_later(built):
    _, _, orders, _, reviews, _ = built
    o = orders.set_index("order_id")
    assert (reviews["customer_id"].to_numpy()
            == o.loc[reviews["order_id"], "customer_id"].to_numpy()).all()
    lag = reviews["created_at"].to_numpy() - o.loc[reviews["order_id"], "ordered_at"].to_numpy()
    days = lag / np.timedelta64(1, "D")
    assert days.min() >= 1.0 - 1e-6 and days.max() <= 10.0 + 1e-6
    assert reviews["created_at"].is_monotonic_increasing


def test_returned_orders_rated_lower(built):
    _, _, orders, _, reviews, _ = built
    assert reviews["rating"].between(1, 5).all()
    status = reviews["order_id"].map(orders.set_index("order_id")["status"])
    mean = reviews.groupby(status)["rating"].mean()
    assert mean["paid"] > 4.0
    assert mean["paid"] - mean["returned"] > 1.0
    assert (reviews["rating"] == 1).any() and (reviews["rating"] == 5).any()


def test_each_persona_phrase_is_mostly_its_own(built):
    _, customers, _, _, reviews, _ = built
    persona = reviews["customer_id"].map(customers.set_index("customer_id")["persona"])
    for name, phrases in PERSONA_PHRASES.items():
        if not phrases:
            continue
        for phrase in phrases:
            has = reviews["text_zh"].str.contains(phrase, regex=False)
            assert (persona[has] == name).mean() > 0.95, phrase
        top = reviews["text_zh"].str.contains(phrases[0], regex=False)
        assert top[persona == name].mean() > 0.1, phrases[0]


def test_none_persona_writes_generic_text_only(built):
    _, customers, _, _, reviews, _ = built
    persona = reviews["customer_id"].map(customers.set_index("customer_id")["persona"])
    text = reviews.loc[persona == "none", "text_zh"]
    assert len(text) > 100
    all_persona_phrases = [p for ps in PERSONA_PHRASES.values() for p in ps]
    assert not text.apply(lambda t: any(p in t for p in all_persona_phrases)).any()
    assert text.str.contains("|".join(GENERIC_PHRASES)).mean() > 0.3
    assert text.str.endswith("。").all()


def test_about_8_percent_of_orders_get_a_ticket(built):
    ctx, customers, orders, _, _, tickets = built
    linked = tickets[tickets["order_id"].notna()]
    assert len(linked) / len(orders) == pytest.approx(0.08, abs=0.01)
    assert 0.05 < tickets["order_id"].isna().mean() < 0.2
    assert linked["order_id"].is_unique
    o = orders.set_index("order_id").loc[linked["order_id"].astype(int)]
    assert (linked["opened_at"].to_numpy() > o["ordered_at"].to_numpy()).all()
    assert (linked["customer_id"].to_numpy() == o["customer_id"].to_numpy()).all()
    assert tickets["customer_id"].isin(customers["customer_id"]).all()
    assert tickets["opened_at"].max() < pd.Timestamp(ctx.end) + pd.Timedelta(days=1)
    assert tickets["ticket_id"].tolist() == list(range(1, len(tickets) + 1))


def test_ticket_topics_follow_order_status(built):
    _, _, orders, _, _, tickets = built
    assert set(tickets["topic"]) <= set(schema.TICKET_TOPICS)
    status = tickets["order_id"].map(orders.set_index("order_id")["status"])
    returned = tickets.loc[status == "returned", "topic"].value_counts(normalize=True)
    assert returned.idxmax() == "refund" and returned["refund"] > 0.5
    per_order = tickets.groupby(status.fillna("none")).size() / orders["status"].value_counts()
    assert per_order["returned"] > 4 * per_order["paid"]


def test_ai_resolves_about_80_percent(built):
    ctx, *_, tickets = built
    ai = tickets["resolved_by"] == "ai"
    assert set(tickets["resolved_by"]) == set(schema.TICKET_RESOLVERS)
    assert ai.mean() == pytest.approx(AI_SHARE_TARGET, abs=0.03)
    planted = {e: v for e, v, *_ in ctx.truth_effects}
    assert planted["ai_resolution_rate"] == pytest.approx(ai.mean())
    by_topic = ai.groupby(tickets["topic"]).mean()
    assert by_topic["complaint"] < by_topic.drop("complaint").min() - 0.2


def test_resolution_minutes_and_satisfaction(built):
    tickets = built[-1]
    median = tickets.groupby("resolved_by")["minutes_to_resolve"].median()
    assert median["ai"] == pytest.approx(3.0, rel=0.2)
    assert 35 < median["human"] < 70
    assert (tickets["minutes_to_resolve"] > 0).all()
    rated = tickets["satisfaction"].dropna()
    assert tickets["satisfaction"].isna().mean() == pytest.approx(0.3, abs=0.03)
    assert rated.between(1, 5).all()
    by_topic = tickets.groupby("topic")["satisfaction"].mean()
    assert by_topic["complaint"] < by_topic["logistics"]


def test_deterministic_per_seed(built):
    *_, reviews, tickets = built
    *_, reviews2, tickets2 = _build()
    pd.testing.assert_frame_equal(reviews, reviews2)
    pd.testing.assert_frame_equal(tickets, tickets2)
    *_, reviews3, tickets3 = _build(seed=8)
    assert not reviews3["text_zh"].head(50).equals(reviews["text_zh"].head(50))
    assert len(tickets3) != len(tickets) or not tickets3["topic"].equals(tickets["topic"])
