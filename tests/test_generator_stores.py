"""Demo stores and store visits: contract, realism, and the planted post-visit online effect."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.demo import geo
from cockpit.demo.context import DemoContext
from cockpit.demo.stores import (
    FOLLOWUP_COLUMNS,
    STORE_MAX_KM,
    generate_stores,
    generate_visits,
    post_visit_rate,
)
from cockpit.warehouse import schema
from cockpit.warehouse.load import append_frame

PERSONAS = ("family", "overtime", "fitness", "eco", "gift", "none")


def _ctx(seed: int = 7, n_orders: int = 20_000) -> DemoContext:
    return DemoContext(seed=seed, start=date(2024, 1, 1), end=date(2026, 11, 24),
                       n_orders=n_orders)


def _customers(ctx: DemoContext) -> pd.DataFrame:
    """Customers living around the demo cities (homes spread ~10 km), signed up 2022-2026."""
    rng = np.random.default_rng(11)
    cities, n = geo.cities_frame(), ctx.n_customers
    city = rng.choice(len(cities), n, p=cities["weight"].to_numpy())
    lat, lon = geo.jitter_km(rng, cities["latitude"].to_numpy()[city],
                             cities["longitude"].to_numpy()[city], 10.0)
    signup = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 1760, n), unit="D")
    return pd.DataFrame({
        "customer_id": np.arange(1, n + 1, dtype=np.int64), "signup_date": signup.date,
        "city": cities["city"].to_numpy()[city], "region": cities["region"].to_numpy()[city],
        "home_latitude": lat, "home_longitude": lon, "age_band": "25-34",
        "acquisition_channel": "douyin", "acquisition_domain": "public",
        "member_tier": "regular", "wecom_joined_at": pd.NaT,
        "wecom_live_session_id": pd.array([pd.NA] * n, dtype="Int64"),
        "persona": rng.choice(PERSONAS, n),
    })


def _products() -> pd.DataFrame:
    cats = np.repeat(schema.CATEGORIES, 4)
    return pd.DataFrame({"product_id": np.arange(1, len(cats) + 1, dtype=np.int64),
                         "category": cats, "price_cny": 100.0})


def _build(seed: int = 7, n_orders: int = 20_000):
    ctx = _ctx(seed, n_orders)
    stores = generate_stores(ctx, geo.cities_frame())
    customers = _customers(ctx)
    visits, followups = generate_visits(ctx, stores, customers, _products())
    return ctx, stores, customers, visits, followups


@pytest.fixture(scope="module")
def built():
    return _build()


@pytest.fixture(scope="module")
def large():
    """Ten times the visits, so planted rates per category can be measured to about ±0.01."""
    return _build(n_orders=200_000)


def _names(table: sa.Table) -> list[str]:
    return schema.generated_columns(table)  # all but import_id, which only imports set


def test_columns_match_schema(built):
    _, stores, _, visits, followups = built
    assert list(stores.columns) == _names(schema.stores)
    assert list(visits.columns) == _names(schema.store_visits)
    assert list(followups.columns) == FOLLOWUP_COLUMNS
    assert followups["customer_id"].dtype == np.int64
    assert str(followups["store_id"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(followups["ordered_at"])


def create_tables(conn: sa.Connection, *tables: sa.Table) -> None:
    """Create just these tables (no foreign keys, no identity columns), to check dtypes load."""
    for table in tables:
        copy = table.to_metadata(sa.MetaData())
        for column in copy.columns:
            column.autoincrement = False
        conn.execute(sa.schema.CreateTable(copy, include_foreign_key_constraints=[]))


def test_frames_load_into_duckdb(built):
    _, stores, _, visits, _ = built
    engine = sa.create_engine("duckdb:///:memory:")
    with engine.begin() as conn:
        create_tables(conn, schema.stores, schema.store_visits)
        append_frame(conn, schema.stores, stores)
        append_frame(conn, schema.store_visits, visits)
        loaded = conn.execute(sa.select(sa.func.count(),
                                        sa.func.count(schema.store_visits.c.customer_id))
                              .select_from(schema.store_visits)).one()
    assert loaded == (len(visits), visits["customer_id"].notna().sum())


def test_stores_in_larger_cities_near_centre(built):
    ctx, stores, *_ = built
    cities = geo.cities_frame().set_index("city")
    assert 20 <= len(stores) <= 30
    assert stores["store_id"].tolist() == list(range(1, len(stores) + 1))
    assert set(stores["store_format"]) == set(schema.STORE_FORMATS)
    assert (cities.loc[stores["city"], "city_tier"] <= 2).all()
    dist = geo.haversine_km(cities.loc[stores["city"], "latitude"],
                            cities.loc[stores["city"], "longitude"],
                            stores["latitude"], stores["longitude"])
    assert dist.max() <= STORE_MAX_KM + 0.01
    assert all(n.startswith(c) for n, c in zip(stores["name_zh"], stores["city"], strict=True))
    city_en = cities.loc[stores["city"], "city_en"].to_numpy()
    assert all(n.startswith(c + " ") for n, c in zip(stores["name_en"], city_en, strict=True))
    assert stores["name_zh"].is_unique and stores["name_en"].is_unique
    area = stores.groupby("store_format")["floor_area_sqm"].min()
    assert area["flagship"] > stores.loc[stores["store_format"] == "standard",
                                         "floor_area_sqm"].max()


def test_about_a_third_opened_before_history(built):
    ctx, stores, *_ = built
    opened = pd.to_datetime(stores["opened_on"])
    before = opened < pd.Timestamp(ctx.start)
    assert before.sum() == round(len(stores) / 3)
    later = opened[~before]
    assert (later < pd.Timestamp(ctx.end) - pd.Timedelta(days=90)).all()
    assert later.max() - later.min() > pd.Timedelta(days=365)  # spread over the history


def test_visits_only_while_open_and_in_window(built):
    ctx, stores, _, visits, _ = built
    opened = visits["store_id"].map(stores.set_index("store_id")["opened_on"])
    assert (visits["visited_at"].dt.normalize() >= pd.to_datetime(opened)).all()
    assert visits["visited_at"].min() >= pd.Timestamp(ctx.start)
    assert visits["visited_at"].max() < pd.Timestamp(ctx.end) + pd.Timedelta(days=1)
    assert visits["visit_id"].tolist() == list(range(1, len(visits) + 1))
    assert len(visits) == pytest.approx(0.15 * ctx.n_orders, rel=0.01)


def test_hours_and_weekdays_peak(built):
    visits = built[3]
    hour = visits["visited_at"].dt.hour
    assert hour.between(10, 21).all()
    assert (hour.between(18, 20)).mean() / 3 > (hour.between(10, 11)).mean() / 2 * 1.5
    day = visits["visited_at"].dt.normalize()
    per_day = visits.groupby(day).size()
    weekend = per_day.index.day_of_week >= 5
    assert per_day[weekend].mean() > 1.4 * per_day[~weekend].mean()


def test_identified_visitors_live_nearby_and_were_members(built):
    _, stores, customers, visits, _ = built
    identified = visits[visits["customer_id"].notna()]
    assert len(identified) / len(visits) == pytest.approx(0.65, abs=0.04)
    cust = customers.set_index("customer_id").loc[identified["customer_id"].astype(int)]
    store = stores.set_index("store_id").loc[identified["store_id"]]
    dist = geo.haversine_km(store["latitude"], store["longitude"],
                            cust["home_latitude"], cust["home_longitude"])
    assert np.mean(dist <= 10.0) > 0.8
    assert dist.max() <= 50.0
    signup = pd.to_datetime(cust["signup_date"]).to_numpy()
    assert (identified["visited_at"].dt.normalize().to_numpy() >= signup).all()


def test_anonymous_visitors_never_buy(built):
    visits = built[3]
    anonymous = visits["customer_id"].isna()
    assert anonymous.sum() > 0
    assert not visits.loc[anonymous, "is_bought_offline"].any()
    assert visits.loc[~anonymous, "is_bought_offline"].mean() == pytest.approx(0.25, abs=0.03)


def test_experience_stores_show_appliances_beauty_and_keep_visitors_longer(built):
    _, stores, _, visits, _ = built
    v = visits.merge(stores[["store_id", "store_format"]], on="store_id")
    shown = v["category_experienced"].isin(["appliances", "beauty"])
    share = shown.groupby(v["store_format"]).mean()
    assert share["experience"] > 2 * share["standard"]
    dwell = v.groupby("store_format")["dwell_minutes"].median()
    assert dwell["experience"] > dwell["flagship"] > dwell["standard"]
    assert (v["dwell_minutes"] > 0).all()
    assert v["category_experienced"].isna().groupby(v["store_format"]).mean()["standard"] > 0.3


def test_offline_followups_match_in_store_purchases(built):
    ctx, _, _, visits, followups = built
    offline = followups[followups["kind"] == "offline_purchase"]
    bought = visits[visits["is_bought_offline"]]
    assert len(offline) == len(bought)
    assert (offline["channel"] == "offline_store").all()
    assert offline["store_id"].notna().all()
    assert sorted(offline["customer_id"]) == sorted(bought["customer_id"].astype(int))
    assert offline["category"].isin(schema.CATEGORIES).all()
    assert offline["ordered_at"].max() <= pd.Timestamp(ctx.end) + pd.Timedelta(days=1)


def _post_visit_matches(ctx, visits, followups) -> pd.DataFrame:
    """Identified visits that tried a category and had 14 full days of history left, each with
    whether an online follow-up of that category by that customer came 0.5-14 days later."""
    eligible = visits[visits["customer_id"].notna() & visits["category_experienced"].notna()
                      & (visits["visited_at"] <= pd.Timestamp(ctx.end)
                         - pd.Timedelta(days=14))]
    eligible = eligible.astype({"customer_id": "int64"})
    online = followups[followups["kind"] == "post_visit_online"]
    pairs = eligible.merge(online, left_on=["customer_id", "category_experienced"],
                           right_on=["customer_id", "category"])
    lag = pairs["ordered_at"] - pairs["visited_at"]
    hit = pairs.loc[(lag >= pd.Timedelta(days=0.5)) & (lag <= pd.Timedelta(days=14)),
                    "visit_id"].unique()
    return eligible.assign(bought_online=eligible["visit_id"].isin(hit))


def test_post_visit_online_orders(built):
    ctx, _, _, visits, followups = built
    online = followups[followups["kind"] == "post_visit_online"]
    assert len(online) > 0
    assert set(online["channel"]) == {"app", "mini_program"}
    assert online["store_id"].isna().all()
    assert online["ordered_at"].max() <= pd.Timestamp(ctx.end) + pd.Timedelta(days=1)
    identified = set(visits["customer_id"].dropna().astype(int))
    assert set(online["customer_id"]) <= identified


def test_planted_post_visit_rate_highest_for_appliances(large):
    ctx, _, _, visits, followups = large
    measured = _post_visit_matches(ctx, visits, followups).groupby(
        "category_experienced")["bought_online"].agg(["mean", "size"])
    assert measured["mean"].idxmax() == "appliances"
    for cat, row in measured.iterrows():
        assert row["mean"] == pytest.approx(post_visit_rate(cat), abs=0.03), cat
    planted = {e: v for e, v, *_ in ctx.truth_effects}
    assert planted["o2o_post_visit_rate_appliances"] == 0.20
    assert planted["o2o_post_visit_rate_beauty"] == 0.10
    assert max(planted, key=planted.get) == "o2o_post_visit_rate_appliances"


def test_deterministic_per_seed(built):
    _, stores, _, visits, followups = built
    _, stores2, _, visits2, followups2 = _build()
    pd.testing.assert_frame_equal(stores, stores2)
    pd.testing.assert_frame_equal(visits, visits2)
    pd.testing.assert_frame_equal(followups, followups2)
    _, stores3, _, visits3, _ = _build(seed=8)
    assert not stores3["opened_on"].equals(stores["opened_on"])
    assert not visits3["visited_at"].equals(visits["visited_at"])
