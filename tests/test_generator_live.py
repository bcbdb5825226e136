"""Live-commerce demo data: contract, accounting identities, realism and planted effects."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.calendar import festival_days
from cockpit.demo.context import DemoContext
from cockpit.demo.live import generate_live, session_watch_and_conversion
from cockpit.warehouse import schema

TARGET = 5_400
LIVE_CATEGORIES = {"apparel", "beauty", "snacks", "fresh", "nut_gifts", "appliances", "home"}


def _products() -> pd.DataFrame:
    """Four products per category, prices spread within a category-typical range."""
    base = {"fresh": 30, "snacks": 25, "nut_gifts": 120, "appliances": 1500, "apparel": 200,
            "beauty": 180, "sports": 250, "home": 90, "baby": 150, "imported": 160}
    rows = [(c, p * f) for c, p in base.items() for f in (0.5, 0.8, 1.2, 2.0)]
    frame = pd.DataFrame(rows, columns=["category", "price_cny"])
    frame.insert(0, "product_id", np.arange(101, 101 + len(frame), dtype=np.int64))
    return frame


def _ctx(seed: int = 7) -> DemoContext:
    return DemoContext(seed=seed, start=date(2024, 1, 1), end=date(2026, 11, 24), n_orders=20_000)


@pytest.fixture(scope="module")
def live():
    ctx, products = _ctx(), _products()
    sessions, minutes = generate_live(ctx, products, TARGET)
    minutes = minutes.sort_values(["live_session_id", "minute_index"], ignore_index=True)
    return ctx, products, sessions, minutes


def _by_session(minutes: pd.DataFrame):
    return minutes.groupby("live_session_id", sort=False)


# --- contract -------------------------------------------------------------------------------

@pytest.mark.parametrize("table, index", [("live_sessions", 2), ("live_minutes", 3)])
def test_columns_and_types_match_schema(live, table, index):
    frame = live[index]
    generated = schema.generated_columns(schema.METADATA.tables[table])  # not import_id
    columns = [c for c in schema.METADATA.tables[table].columns if c.name in generated]
    assert sorted(frame.columns) == sorted(generated)
    for col in columns:
        dtype = frame[col.name].dtype
        if isinstance(col.type, sa.Integer) and col.nullable:
            assert str(dtype) == "Int64", col.name
        elif isinstance(col.type, sa.Integer):
            assert dtype == np.int64, col.name
        elif isinstance(col.type, sa.Numeric):
            assert dtype == np.float64, col.name
        elif isinstance(col.type, sa.DateTime):
            assert pd.api.types.is_datetime64_dtype(dtype), col.name
        if not col.nullable:
            assert frame[col.name].notna().all(), col.name


def test_ids_minutes_and_times_line_up(live):
    _, _, sessions, minutes = live
    assert sessions["live_session_id"].tolist() == list(range(1, len(sessions) + 1))
    assert sessions["started_at"].is_monotonic_increasing
    assert set(sessions["host_type"]) == set(schema.LIVE_HOST_TYPES)
    assert set(minutes["segment"]) == set(schema.LIVE_SEGMENTS)
    per = _by_session(minutes)
    assert (minutes["minute_index"] == per.cumcount()).all()
    s = sessions.set_index("live_session_id")
    started = minutes["live_session_id"].map(s["started_at"])
    assert (minutes["minute_at"] == started + pd.to_timedelta(minutes["minute_index"], "min")).all()
    count = per.size().reindex(s.index, fill_value=0)
    assert (s["ended_at"] == s["started_at"] + pd.to_timedelta(count, "min")).all()
    assert count.between(90, 240).all()
    assert sessions["started_at"].dt.date.min() >= date(2024, 1, 1)
    assert sessions["ended_at"].max() <= pd.Timestamp("2026-11-25")


# --- accounting identities ------------------------------------------------------------------

def test_online_viewers_follow_entries_and_exits(live):
    minutes = live[3]
    flow = (minutes["entries"] - minutes["exits"]).groupby(minutes["live_session_id"]).cumsum()
    assert (minutes["online_viewers"] == flow).all()
    assert (minutes["online_viewers"] >= 0).all()
    sources = minutes[["entries_feed", "entries_paid", "entries_short_video",
                       "entries_followers"]].sum(axis=1)
    assert (minutes["entries"] == sources).all()


def test_funnel_and_session_identities(live):
    _, _, sessions, minutes = live
    assert (minutes["product_clicks"] <= minutes["product_exposures"]).all()
    assert (minutes["orders_created"] <= minutes["product_clicks"]).all()
    assert (minutes["orders"] <= minutes["orders_created"]).all()
    counts = minutes.drop(columns=["gmv_cny"]).select_dtypes("int64")
    assert (counts >= 0).all().all()
    entries = minutes.groupby("live_session_id")["entries"].sum()
    s = sessions.set_index("live_session_id")
    assert (s["impressions"] >= entries).all()
    assert (s["unique_viewers"] <= entries).all()
    assert (s["unique_viewers"] > 0).all()


def test_gmv_is_paid_orders_times_current_or_last_featured_price(live):
    _, products, _, minutes = live
    price = products.set_index("product_id")["price_cny"]
    shown = minutes["featured_product_id"].astype("float64")
    shown = shown.groupby(minutes["live_session_id"]).transform(lambda x: x.ffill().bfill())
    expected = minutes["orders"] * shown.map(price)
    assert np.allclose(minutes["gmv_cny"], expected)


def test_orders_created_near_target_and_growing(live):
    minutes = live[3]
    assert abs(minutes["orders_created"].sum() / TARGET - 1) < 0.10
    yearly = minutes.groupby(minutes["minute_at"].dt.year)["orders_created"].sum()
    assert yearly[2025] > 1.2 * yearly[2024]


# --- script and realism ---------------------------------------------------------------------

def test_script_blocks_and_featured_products(live):
    _, products, _, minutes = live
    is_interaction = minutes["segment"] == "interaction"
    assert minutes.loc[is_interaction, "featured_product_id"].isna().all()
    assert minutes.loc[~is_interaction, "featured_product_id"].notna().all()
    assert minutes["featured_product_id"].dropna().isin(products["product_id"]).all()
    sid, seg = minutes["live_session_id"], minutes["segment"]
    run = ((seg != seg.shift()) | (sid != sid.shift())).cumsum()
    runs = minutes.groupby(run).agg(segment=("segment", "first"), sid=("live_session_id", "first"),
                                    length=("minute_index", "size"))
    complete = runs[runs["sid"] == runs["sid"].shift(-1)]  # a session's last block may be cut
    bounds = {"product_explanation": (5, 12), "interaction": (3, 8), "benefits": (2, 5)}
    for segment, (lo, hi) in bounds.items():
        lengths = complete.loc[complete["segment"] == segment, "length"]
        assert lengths.between(lo, hi).all(), segment
    explained = minutes.loc[seg == "product_explanation", "featured_product_id"]
    category = explained.astype("float64").map(products.set_index("product_id")["category"])
    assert category.isin(LIVE_CATEGORIES).mean() > 0.85


def test_schedule_brand_daily_influencer_evenings(live):
    ctx, _, sessions, _ = live
    brand = sessions[sessions["host_type"] == "brand_self"]
    infl = sessions[sessions["host_type"] == "influencer"]
    assert brand["started_at"].dt.normalize().nunique() > 0.8 * len(ctx.days)
    assert brand["started_at"].dt.hour.isin([10, 14, 19]).all()
    assert infl["started_at"].dt.hour.between(20, 21).all()
    assert (infl["ended_at"] <= infl["started_at"].dt.normalize() + pd.Timedelta(days=1)).all()
    assert len(infl) < len(brand) / 2
    assert infl["unique_viewers"].mean() > 2 * brand["unique_viewers"].mean()


def test_titles_hosts_and_festival_sessions(live):
    ctx, _, sessions, _ = live
    assert sessions["title"].str.contains(r"[\u4e00-\u9fff]").all()
    assert sessions["host_name"].str.contains(r"[\u4e00-\u9fff]").all()
    fest = festival_days(ctx.start, ctx.end)
    day = sessions["started_at"].dt.normalize()
    d11 = fest.loc[fest["festival"] == "double_11", "ds"]
    assert sessions.loc[day.isin(d11), "title"].str.startswith("双11").all()
    minutes_on_air = (sessions["ended_at"] - sessions["started_at"]).dt.total_seconds() / 60
    in_fest = day.isin(fest["ds"])
    assert minutes_on_air[in_fest].mean() > minutes_on_air[~in_fest].mean() + 20


# --- planted effects ------------------------------------------------------------------------

def _truth(ctx: DemoContext, effect: str) -> float:
    values = [v for name, v, _, _ in ctx.truth_effects if name == effect]
    assert len(values) == 1, effect
    return values[0]


def test_interaction_drives_wecom_adds(live):
    ctx, _, _, minutes = live
    is_interaction = minutes["segment"] == "interaction"
    rate = minutes.groupby(is_interaction)[["wecom_adds", "online_viewers"]].sum()
    ratio = (rate["wecom_adds"] / rate["online_viewers"])[True] / (
        rate["wecom_adds"] / rate["online_viewers"])[False]
    assert ratio == pytest.approx(_truth(ctx, "live_interaction_wecom_ratio"), rel=0.15)


def test_benefits_spike_orders_interaction_lowest(live):
    ctx, _, _, minutes = live
    sums = minutes.groupby("segment")[["orders_created", "online_viewers"]].sum()
    rate = sums["orders_created"] / sums["online_viewers"]
    ratio = rate["benefits"] / rate["product_explanation"]
    assert ratio == pytest.approx(_truth(ctx, "live_benefits_order_ratio"), rel=0.2)
    assert rate.idxmin() == "interaction"


def test_longer_watch_time_goes_with_higher_conversion(live):
    ctx, _, sessions, minutes = live
    per = session_watch_and_conversion(sessions, minutes)
    assert len(per) == len(sessions)
    rho = per["watch_minutes"].rank().corr(per["conversion"].rank())
    assert rho > 0.4
    assert rho == pytest.approx(_truth(ctx, "live_dwell_conversion_correlation"))
    top = per["watch_minutes"] >= per["watch_minutes"].quantile(0.75)
    bottom = per["watch_minutes"] <= per["watch_minutes"].quantile(0.25)
    assert per.loc[top, "conversion"].mean() > 2 * per.loc[bottom, "conversion"].mean()


def test_brand_self_earns_most_live_gmv(live):
    ctx, _, sessions, minutes = live
    host = minutes["live_session_id"].map(sessions.set_index("live_session_id")["host_type"])
    share = minutes.loc[host == "brand_self", "gmv_cny"].sum() / minutes["gmv_cny"].sum()
    assert 0.5 < share < 0.65
    assert share == pytest.approx(_truth(ctx, "brand_self_share_of_live_gmv"), abs=0.04)


def test_planted_dropoffs_are_recoverable(live):
    ctx, _, sessions, minutes = live
    events = pd.DataFrame([e for e in ctx.truth_events if e[0] == "live_dropoff"],
                          columns=["event", "live_session_id", "minute_at", "value"])
    assert 0.06 < len(events) / len(sessions) < 0.14
    assert events["live_session_id"].is_unique
    assert events["value"].between(0.3, 0.62).all()
    m = minutes.set_index(["live_session_id", "minute_at"])
    online = m["online_viewers"]
    before = online.loc[list(zip(events["live_session_id"],
                                 events["minute_at"] - pd.Timedelta(minutes=1), strict=True))]
    segment = m["segment"].loc[list(zip(events["live_session_id"], events["minute_at"],
                                        strict=True))]
    assert (segment == "product_explanation").mean() > 0.7
    # the recorded fraction is what the room lost over the drop's one or two minutes
    for k in (1, 2):
        after = online.reindex(list(zip(events["live_session_id"], events["minute_at"]
                                        + pd.Timedelta(minutes=k - 1), strict=True)))
        events[f"lost_{k}"] = 1 - after.to_numpy() / before.to_numpy()
    assert (np.isclose(events["lost_1"], events["value"])
            | np.isclose(events["lost_2"], events["value"])).all()
    # the session's sharpest exit spike sits on the planted minute (or the next one)
    share = minutes["exits"] / (minutes["online_viewers"] + minutes["exits"]).clip(lower=1)
    late = minutes.assign(exit_share=share)[minutes["minute_index"] >= 10]
    peak = late.loc[late.groupby("live_session_id")["exit_share"].idxmax()]
    peak = peak.set_index("live_session_id")["minute_at"].reindex(events["live_session_id"])
    offset = peak.to_numpy() - events["minute_at"].to_numpy()
    hit = (offset >= np.timedelta64(0, "m")) & (offset <= np.timedelta64(1, "m"))
    assert hit.mean() > 0.9


# --- determinism ----------------------------------------------------------------------------

def test_same_seed_same_frames_other_seed_differs(live):
    ctx, products, sessions, minutes = live
    again = _ctx()
    s2, m2 = generate_live(again, products, TARGET)
    m2 = m2.sort_values(["live_session_id", "minute_index"], ignore_index=True)
    pd.testing.assert_frame_equal(sessions, s2)
    pd.testing.assert_frame_equal(minutes, m2)
    assert again.truth_effects == ctx.truth_effects
    assert again.truth_events == ctx.truth_events
    s3, m3 = generate_live(_ctx(seed=8), products, TARGET)
    assert not (len(m3) == len(minutes) and m3["entries"].equals(minutes["entries"]))
