"""Order events: when each order happens, for whom, through which channel, and why.

Events come from four sources: each customer's own rhythm (persona), live-stream minutes, store
visits, and the halo of stores on nearby online buyers. Baskets and money are added in
`baskets.py`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.demo import personas, timing
from cockpit.demo.context import DemoContext
from cockpit.demo.geo import haversine_km
from cockpit.warehouse.schema import CATEGORIES

FIRST_ORDER_SHARE = 0.88
BASE_CHANNELS = {"app": 0.46, "mini_program": 0.26, "short_video": 0.28}
WECOM_SHARE_AFTER_JOIN = 0.35
HALO_BANDS_KM = ((3.0, 0.30), (5.0, 0.20), (10.0, 0.08))  # (up to km, online uplift)
EVENT_COLUMNS = ["customer_id", "ordered_at", "channel", "category", "product_id",
                 "store_id", "live_session_id", "kind"]


def base_events(ctx: DemoContext, customers: pd.DataFrame, n_target: int) -> pd.DataFrame:
    """Orders from each customer's own rhythm: a first order soon after signup, then repeats
    at the customer's rate until the customer lapses (BG/NBD-like), timed by persona."""
    rng = ctx.rng("orders.base")
    days = ctx.days
    n_days = len(days)
    signup_idx = (customers["signup_date"] - days[0]).dt.days.to_numpy()
    end_idx = np.minimum((customers["alive_until"] - days[0]).dt.days.to_numpy(), n_days - 1)
    has_first = rng.random(len(customers)) < FIRST_ORDER_SHARE
    first_idx = signup_idx + rng.integers(0, 8, len(customers))
    has_first &= first_idx < n_days
    window = np.maximum(end_idx - signup_idx, 0)
    rate = customers["rate_per_day"].to_numpy()
    scale = max(n_target - has_first.sum(), 0) / max((rate * window).sum(), 1.0)
    repeats = rng.poisson(rate * scale * window)
    cust_rep = np.repeat(np.arange(len(customers)), repeats)
    lo = np.minimum(signup_idx[cust_rep] + 1, n_days - 1)
    hi = np.maximum(end_idx[cust_rep], lo)
    persona_idx = pd.Categorical(customers["persona"], categories=personas.NAMES).codes
    persona_idx = persona_idx.astype(np.int64)
    phases = timing.day_phases(days)
    day_idx = np.empty(len(cust_rep), dtype=np.int64)
    for p_i, persona in enumerate(personas.PERSONAS):
        mask = persona_idx[cust_rep] == p_i
        weights = timing.persona_day_weights(days, phases, persona.weekend_factor,
                                             persona.festival_factor)
        day_idx[mask] = timing.sample_days_in_windows(rng, weights, lo[mask], hi[mask])
    cust = np.concatenate([np.flatnonzero(has_first), cust_rep])
    day_idx = np.concatenate([first_idx[has_first], day_idx])
    return _timed_events(rng, ctx, customers, cust, day_idx, phases, persona_idx, "base")


def _timed_events(rng, ctx, customers, cust, day_idx, phases, persona_idx, kind) -> pd.DataFrame:
    """Add hour of day (persona rhythm), category (persona mix × phase) and channel."""
    days = ctx.days
    hours = personas.hour_matrix()
    pers = persona_idx[cust].astype(np.int64)
    hour = personas.sample_grouped(rng, pers, lambda k: hours[k])
    ordered_at = (days[day_idx] + pd.to_timedelta(hour * 3600 + rng.integers(0, 3600, len(cust)),
                                                  unit="s"))
    mix = personas.category_matrix()
    phase_codes, phase_names = pd.factorize(phases[day_idx])
    key = pers * 100 + phase_codes
    category = personas.sample_grouped(
        rng, key, lambda k: mix[k // 100] * timing.category_multipliers(phase_names[k % 100]))
    events = pd.DataFrame({
        "customer_id": customers["customer_id"].to_numpy()[cust],
        "ordered_at": ordered_at,
        "channel": rng.choice(list(BASE_CHANNELS), len(cust), p=list(BASE_CHANNELS.values())),
        "category": np.array(CATEGORIES)[category],
        "kind": kind,
    })
    joined = customers["wecom_joined_at"].to_numpy()[cust]
    via_wecom = (joined < events["ordered_at"].to_numpy()) & (
        rng.random(len(cust)) < WECOM_SHARE_AFTER_JOIN)
    events.loc[via_wecom, "channel"] = "wecom"
    return _with_defaults(events)


def _with_defaults(events: pd.DataFrame) -> pd.DataFrame:
    for col in ("product_id", "store_id", "live_session_id"):
        if col not in events:
            events[col] = pd.array([pd.NA] * len(events), dtype="Int64")
    return events[EVENT_COLUMNS]


def halo_events(ctx: DemoContext, base: pd.DataFrame, customers: pd.DataFrame,
                stores: pd.DataFrame) -> pd.DataFrame:
    """Extra online orders from customers living near a store once it has opened."""
    rng = ctx.rng("orders.halo")
    dist = haversine_km(customers["home_latitude"].to_numpy()[:, None],
                        customers["home_longitude"].to_numpy()[:, None],
                        stores["latitude"].to_numpy()[None, :],
                        stores["longitude"].to_numpy()[None, :])
    nearest = dist.argmin(axis=1)
    near_km = pd.Series(dist[np.arange(len(dist)), nearest], index=customers["customer_id"])
    opened = pd.Series(pd.to_datetime(stores["opened_on"]).to_numpy()[nearest],
                       index=customers["customer_id"])
    km = near_km.reindex(base["customer_id"]).to_numpy()
    after = base["ordered_at"].to_numpy() >= opened.reindex(base["customer_id"]).to_numpy()
    uplift = np.zeros(len(base))
    for upper, lift in reversed(HALO_BANDS_KM):
        uplift[km <= upper] = lift
    pick = after & (base["channel"] != "offline_store").to_numpy() & (
        rng.random(len(base)) < uplift)
    extra = base[pick].copy()
    extra["ordered_at"] += pd.to_timedelta(rng.uniform(-3, 3, len(extra)), unit="D")
    extra = extra[(extra["ordered_at"] < pd.Timestamp(ctx.end) + pd.Timedelta(days=1))
                  & (extra["ordered_at"] >= opened.reindex(extra["customer_id"]).to_numpy())]
    extra["kind"] = "halo"
    for upper, lift in HALO_BANDS_KM:
        ctx.plant(f"o2o_halo_uplift_{int(upper)}km", lift, "share of online orders",
                  f"extra online orders from customers within {upper:g} km of an opened store")
    return extra


def live_events(ctx: DemoContext, minutes: pd.DataFrame, products: pd.DataFrame,
                customers: pd.DataFrame) -> pd.DataFrame:
    """One order per order created in a live minute, bought by a customer already signed up."""
    rng = ctx.rng("orders.live")
    rows = minutes.loc[minutes["orders_created"] > 0]
    counts = rows["orders_created"].to_numpy()
    at = np.repeat(rows["minute_at"].to_numpy(), counts) + pd.to_timedelta(
        rng.integers(0, 60, counts.sum()), unit="s").to_numpy()
    product = np.repeat(rows["featured_product_id"].ffill().bfill().to_numpy(), counts)
    cust = _customers_signed_up_before(rng, customers, at)
    category = products.set_index("product_id")["category"].reindex(product).to_numpy()
    events = pd.DataFrame({
        "customer_id": cust, "ordered_at": at, "channel": "live_stream",
        "category": category, "product_id": pd.array(product, dtype="Int64"),
        "live_session_id": pd.array(np.repeat(rows["live_session_id"].to_numpy(), counts),
                                    dtype="Int64"),
        "kind": "live",
    })
    return _with_defaults(events)


def _customers_signed_up_before(rng, customers: pd.DataFrame, at: np.ndarray) -> np.ndarray:
    order = customers.sort_values("signup_date")
    signed = np.searchsorted(order["signup_date"].to_numpy(), at, side="right")
    pick = np.minimum((rng.random(len(at)) * np.maximum(signed, 1)).astype(np.int64),
                      len(order) - 1)
    return order["customer_id"].to_numpy()[pick]


def visit_events(followups: pd.DataFrame) -> pd.DataFrame:
    """Orders caused by store visits: in-store purchases and post-visit online orders."""
    events = followups.copy()
    events["store_id"] = events["store_id"].astype("Int64")
    events["kind"] = events["kind"].astype(str)
    return _with_defaults(events)


def assign_live_wecom_joins(ctx: DemoContext, customers: pd.DataFrame,
                            minutes: pd.DataFrame) -> None:
    """Viewers who joined WeCom from a live room become private-domain members then."""
    rng = ctx.rng("orders.wecom")
    rows = minutes.loc[minutes["wecom_adds"] > 0]
    counts = rows["wecom_adds"].to_numpy()
    at = np.repeat(rows["minute_at"].to_numpy(), counts)
    session = np.repeat(rows["live_session_id"].to_numpy(), counts)
    cust = _customers_signed_up_before(rng, customers, at)
    adds = pd.DataFrame({"customer_id": cust, "at": at, "session": session})
    adds = adds.sort_values("at").drop_duplicates("customer_id").set_index("customer_id")
    idx = customers.set_index("customer_id")
    current = idx["wecom_joined_at"].reindex(adds.index)
    take = adds.index[current.isna().to_numpy() | (adds["at"] < current).to_numpy()]
    pos = customers["customer_id"].isin(take).to_numpy()
    ordered = adds.loc[customers.loc[pos, "customer_id"]]
    customers.loc[pos, "wecom_joined_at"] = ordered["at"].to_numpy()
    customers.loc[pos, "wecom_live_session_id"] = ordered["session"].to_numpy()
