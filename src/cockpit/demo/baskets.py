"""From order events to the `orders` and `order_items` tables: baskets, re-buys, money, status."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.demo import personas, timing
from cockpit.demo.context import DemoContext
from cockpit.warehouse.schema import CATEGORIES

EXTRA_LINES = {"family": 0.8, "fitness": 0.6, "eco": 0.5, "overtime": 0.4, "gift": 0.3,
               "none": 0.4}
MULTI_UNIT_CATEGORIES = ("fresh", "snacks", "baby", "home")
# explicit re-buys within 7–90 days on top of the natural repeats of favourite products;
# tuned so C2M products are re-bought at about twice the overall rate of regular ones
REBUY_RATE = {False: 0.04, True: 0.22}
COUPON_DEPTH = {"full_reduction": 1.0, "percent_off": 0.8, "new_customer": 1.5, "member": 0.5,
                "live_exclusive": 1.6}
RETURN_RATE = {"apparel": 0.12, "appliances": 0.05}
BASE_RETURN_RATE = 0.035
RETURN_REASONS_APPAREL = (("size_fit", 0.6), ("quality", 0.15), ("not_as_described", 0.15),
                          ("changed_mind", 0.1))
RETURN_REASONS_OTHER = (("quality", 0.35), ("damaged", 0.2), ("not_as_described", 0.2),
                        ("late_delivery", 0.1), ("changed_mind", 0.15))


def build_lines(ctx: DemoContext, events: pd.DataFrame, products: pd.DataFrame,
                persona: pd.Series) -> pd.DataFrame:
    """Order lines for events (index = event position): the event's category first, then
    basket companions drawn from the buyer's persona mix."""
    rng = ctx.rng("baskets.lines")
    pers = persona.reindex(events["customer_id"]).to_numpy()
    extra_mean = np.where(events["kind"].isin(["base", "halo"]),
                          pd.Series(pers).map(EXTRA_LINES).to_numpy(), 0.15)
    n_lines = 1 + rng.poisson(extra_mean)
    event_pos = np.repeat(np.arange(len(events)), n_lines)
    first = np.r_[True, event_pos[1:] != event_pos[:-1]]
    mix = personas.category_matrix()
    pers_idx = pd.Categorical(pers, categories=personas.NAMES).codes[event_pos]
    companion = personas.sample_grouped(rng, pers_idx, lambda k: mix[k])
    category = np.where(first, events["category"].to_numpy()[event_pos],
                        np.array(CATEGORIES)[companion])
    forced = events["product_id"].to_numpy(dtype="float64", na_value=np.nan)[event_pos]
    product = _choose_products(rng, products, category, pers[event_pos] == "eco")
    product = np.where(first & ~np.isnan(forced), forced, product).astype(np.int64)
    ordered_at = events["ordered_at"].to_numpy()[event_pos]
    product = _launched_only(rng, products, product, ordered_at, pd.Timestamp(ctx.start))
    return pd.DataFrame({"event": event_pos, "product_id": product})


def _choose_products(rng, products: pd.DataFrame, category: np.ndarray,
                     eco: np.ndarray) -> np.ndarray:
    out = np.empty(len(category), dtype=np.int64)
    bias = max(p.sustainable_bias for p in personas.PERSONAS)
    for cat in np.unique(category):
        pool = products[products["category"] == cat]
        for is_eco in (False, True):
            mask = (category == cat) & (eco == is_eco)
            if not mask.any():
                continue
            weight = pool["popularity"].to_numpy().copy()
            if is_eco:
                weight = weight * np.where(pool["is_sustainable"], bias, 1.0)
            out[mask] = rng.choice(pool["product_id"].to_numpy(), int(mask.sum()),
                                   p=weight / weight.sum())
    return out


def _launched_only(rng, products: pd.DataFrame, product: np.ndarray, ordered_at: np.ndarray,
                   start: pd.Timestamp) -> np.ndarray:
    """Redraw products not yet launched at order time among their category's products that
    were on sale from the start of the history (weighted by popularity)."""
    info = products.set_index("product_id")
    launched = pd.to_datetime(info["launched_on"]).reindex(product).to_numpy()
    early = launched > ordered_at
    if not early.any():
        return product
    staples = products[pd.to_datetime(products["launched_on"]) <= start]
    category = info["category"].reindex(product[early]).to_numpy()
    product = product.copy()
    product[early] = _choose_products(rng, staples, category, np.zeros(len(category), bool))
    return product


def thin_by_phase(ctx: DemoContext, events: pd.DataFrame) -> pd.DataFrame:
    """Drop events whose category is suppressed in their festival phase (fresh food over the
    Spring Festival holiday) with the phase's multiplier, for events not timed by persona."""
    rng = ctx.rng("baskets.thin")
    phases = timing.day_phases(ctx.days)
    day = (events["ordered_at"].dt.normalize() - pd.Timestamp(ctx.start)).dt.days
    phase = phases[day.clip(0, len(phases) - 1).to_numpy()]
    cat_idx = pd.Categorical(events["category"], categories=CATEGORIES).codes
    mult = np.ones(len(events))
    for name in np.unique(phase):
        mask = phase == name
        mult[mask] = timing.category_multipliers(name)[cat_idx[mask]]
    keep = (events["kind"] == "base").to_numpy() | (rng.random(len(events)) < mult)
    return events[keep]


def rebuy_events(ctx: DemoContext, events: pd.DataFrame, lines: pd.DataFrame,
                 products: pd.DataFrame) -> pd.DataFrame:
    """Repeat purchases of the same product 7–90 days later; C2M products about twice as
    often as regular ones."""
    rng = ctx.rng("baskets.rebuy")
    is_c2m = products.set_index("product_id")["is_c2m"].reindex(lines["product_id"]).to_numpy()
    p = np.where(is_c2m, REBUY_RATE[True], REBUY_RATE[False])
    pick = rng.random(len(lines)) < p
    src = events.iloc[lines["event"].to_numpy()[pick]]
    at = src["ordered_at"].to_numpy() + pd.to_timedelta(
        rng.uniform(7, 90, int(pick.sum())), unit="D").to_numpy()
    out = src.assign(ordered_at=at, kind="rebuy", store_id=pd.NA, live_session_id=pd.NA,
                     channel=np.where(src["channel"].isin(["offline_store", "live_stream"]),
                                      "app", src["channel"]))
    out["product_id"] = pd.array(lines["product_id"].to_numpy()[pick], dtype="Int64")
    out["store_id"] = out["store_id"].astype("Int64")
    out["live_session_id"] = out["live_session_id"].astype("Int64")
    keep = out["ordered_at"] < pd.Timestamp(ctx.end) + pd.Timedelta(days=1)
    ctx.plant("c2m_rebuy_target_ratio", 2.0, "ratio", "90-day re-buy rate of C2M products "
              "over regular ones, natural repeats included")
    return out[keep].reset_index(drop=True)


def price_lines(ctx: DemoContext, events: pd.DataFrame, lines: pd.DataFrame,
                products: pd.DataFrame) -> pd.DataFrame:
    """Quantities, list prices and discounts (in integer fen, so totals add up exactly)."""
    rng = ctx.rng("baskets.price")
    info = products.set_index("product_id")
    category = info["category"].reindex(lines["product_id"]).to_numpy()
    qty = 1 + np.where(np.isin(category, MULTI_UNIT_CATEGORIES),
                       rng.poisson(0.5, len(lines)), 0)
    price_fen = np.round(info["price_cny"].reindex(lines["product_id"]).to_numpy() * 100)
    coupon = events["coupon_type"].to_numpy()[lines["event"].to_numpy()]
    depth = events["promo_depth"].to_numpy()[lines["event"].to_numpy()]
    depth = np.where(coupon == "none", 0.0, depth * rng.uniform(0.8, 1.2, len(lines)))
    gross = price_fen * qty
    discount = np.round(gross * np.clip(depth, 0, 0.6))
    return lines.assign(category=category, quantity=qty.astype(np.int64),
                        unit_price_fen=price_fen.astype(np.int64),
                        discount_fen=discount.astype(np.int64),
                        amount_fen=(gross - discount).astype(np.int64))


def assign_coupons(ctx: DemoContext, events: pd.DataFrame) -> None:
    """Coupon type and promotion depth per order: deeper and more frequent at festivals."""
    rng = ctx.rng("baskets.coupon")
    phases = timing.day_phases(ctx.days)
    day = (events["ordered_at"].dt.normalize() - pd.Timestamp(ctx.start)).dt.days.clip(
        0, len(phases) - 1)
    phase = phases[day.to_numpy()]
    share = pd.Series(phase).map(timing.PHASE_COUPON_SHARE).fillna(0.25).to_numpy()
    depth = pd.Series(phase).map(timing.PHASE_PROMO_DEPTH).fillna(0.10).to_numpy()
    has = rng.random(len(events)) < share
    kind = rng.choice(["full_reduction", "percent_off", "member"], len(events),
                      p=[0.6, 0.3, 0.1])
    is_live = (events["channel"] == "live_stream").to_numpy()
    kind = np.where(is_live & (rng.random(len(events)) < 0.6), "live_exclusive", kind)
    has |= is_live & (kind == "live_exclusive")
    first = ~events.duplicated("customer_id").to_numpy()  # events sorted by time
    kind = np.where(first & (rng.random(len(events)) < 0.5), "new_customer", kind)
    has |= kind == "new_customer"
    events["coupon_type"] = np.where(has, kind, "none")
    events["promo_depth"] = depth * pd.Series(kind).map(COUPON_DEPTH).to_numpy()


def assign_status(ctx: DemoContext, orders: pd.DataFrame, first_category: np.ndarray) -> None:
    rng = ctx.rng("baskets.status")
    n = len(orders)
    cancel_p = np.where(orders["channel"] == "live_stream", 0.07, 0.04)
    ret_p = pd.Series(first_category).map(RETURN_RATE).fillna(BASE_RETURN_RATE).to_numpy()
    u = rng.random(n)
    status = np.where(u < cancel_p, "cancelled", np.where(u < cancel_p + ret_p, "returned",
                                                          "paid"))
    status = np.where(orders["channel"] == "offline_store",
                      np.where(status == "cancelled", "paid", status), status)
    apparel = first_category == "apparel"
    reasons = np.where(
        apparel,
        rng.choice([r for r, _ in RETURN_REASONS_APPAREL], n,
                   p=[p for _, p in RETURN_REASONS_APPAREL]),
        rng.choice([r for r, _ in RETURN_REASONS_OTHER], n,
                   p=[p for _, p in RETURN_REASONS_OTHER]))
    orders["status"] = status
    orders["return_reason"] = np.where(status == "returned", reasons, None)
