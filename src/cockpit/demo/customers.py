"""Demo customers: who signs up when, where they live, how long they stay, and their persona."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.demo import personas
from cockpit.demo.context import DemoContext
from cockpit.demo.geo import jitter_km
from cockpit.warehouse.schema import AGE_BANDS

# acquisition channel -> (share of signups, domain, mean customer lifetime in days)
ACQUISITION = {
    "douyin": (0.30, "public", 320),
    "xiaohongshu": (0.17, "public", 420),
    "search_ads": (0.16, "public", 380),
    "wecom_group": (0.10, "private", 900),
    "referral": (0.09, "private", 800),
    "official_account": (0.06, "private", 700),
    "offline_store": (0.12, "offline", 650),
}
ORGANIC_WECOM_SHARE = 0.08


def day_index_from_weights(rng: np.random.Generator, weights: np.ndarray, n: int) -> np.ndarray:
    cdf = np.cumsum(weights) / weights.sum()
    return np.minimum(np.searchsorted(cdf, rng.random(n)), len(weights) - 1)


def generate_customers(ctx: DemoContext, cities: pd.DataFrame) -> pd.DataFrame:
    """The `customers` table plus generator-only columns: persona, rate_per_day, alive_until."""
    rng = ctx.rng("customers")
    n = ctx.n_customers
    days = ctx.days
    # signups slow down across the history: growth has stalled
    trend = np.linspace(1.6, 0.8, len(days)) * rng.lognormal(0, 0.15, len(days))
    signup = days[day_index_from_weights(rng, trend, n)]
    persona_idx = rng.choice(len(personas.PERSONAS), n,
                             p=[p.share for p in personas.PERSONAS])
    city_idx = rng.choice(len(cities), n, p=cities["weight"].to_numpy())
    lat, lon = jitter_km(rng, cities["latitude"].to_numpy()[city_idx],
                         cities["longitude"].to_numpy()[city_idx], sd_km=7.0)
    names = list(ACQUISITION)
    channel_idx = rng.choice(len(names), n, p=[ACQUISITION[c][0] for c in names])
    channel = np.array(names)[channel_idx]
    ages = personas.age_matrix()
    age_idx = personas.sample_grouped(rng, persona_idx, lambda k: ages[k])
    mean_life = np.array([ACQUISITION[c][2] for c in names])
    lifetime = rng.exponential(1.0, n) * mean_life[channel_idx]
    per_year = np.array([p.orders_per_year for p in personas.PERSONAS])[persona_idx]
    frame = pd.DataFrame({
        "customer_id": np.arange(1, n + 1, dtype=np.int64),
        "signup_date": signup.date,
        "city": cities["city"].to_numpy()[city_idx],
        "region": cities["region"].to_numpy()[city_idx],
        "home_latitude": lat.round(5),
        "home_longitude": lon.round(5),
        "age_band": np.array(AGE_BANDS)[age_idx],
        "acquisition_channel": channel,
        "acquisition_domain": [ACQUISITION[c][1] for c in channel],
        "member_tier": "regular",
        "persona": np.array(personas.NAMES)[persona_idx],
        "rate_per_day": rng.gamma(2.0, per_year / 2.0) / 365.0,
        "alive_until": signup + pd.to_timedelta(lifetime.round(), unit="D"),
    })
    frame["signup_date"] = pd.to_datetime(frame["signup_date"])
    _private_domain_members(rng, frame)
    return frame


def _private_domain_members(rng: np.random.Generator, frame: pd.DataFrame) -> None:
    """Private-domain signups join WeCom at signup; a few others join organically later."""
    private = frame["acquisition_channel"].isin(["wecom_group", "official_account"]).to_numpy()
    organic = ~private & (rng.random(len(frame)) < ORGANIC_WECOM_SHARE)
    joined = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    hours = pd.to_timedelta(rng.uniform(8, 22, len(frame)), unit="h")
    joined[private] = (frame["signup_date"] + hours)[private]
    later = pd.to_timedelta(rng.uniform(5, 200, len(frame)), unit="D")
    joined[organic] = (frame["signup_date"] + later + hours)[organic]
    frame["wecom_joined_at"] = joined
    frame["wecom_live_session_id"] = pd.array([pd.NA] * len(frame), dtype="Int64")


def assign_member_tiers(customers: pd.DataFrame, spend_by_customer: pd.Series) -> None:
    """Tier today from lifetime spend: top 3% platinum, next 10% gold, next 20% silver."""
    spend = spend_by_customer.reindex(customers["customer_id"]).fillna(0.0).to_numpy()
    rank = pd.Series(spend).rank(pct=True, method="first").to_numpy()
    tier = np.where(rank > 0.97, "platinum", np.where(rank > 0.87, "gold",
                    np.where(rank > 0.67, "silver", "regular")))
    tier[spend == 0] = "regular"
    customers["member_tier"] = tier
