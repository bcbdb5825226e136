"""Live-commerce demo data: broadcast sessions and their per-minute replay, with planted effects.

Shape: sessions are scheduled per day and slot, each gets a script of blocks, and every metric
lives on a (session x minute) grid (at most 240 minutes), flattened at the end. Viewers follow
online[t] = online[t-1] + entries[t] - exits[t]; the recursion runs as one loop over the minute
index, vectorised across all sessions (240 cheap numpy steps whatever the scale).

Planted effects (recorded with ctx.plant / ctx.event):
- interaction segments bring about 3x the WeCom adds per online-viewer-minute;
- benefits segments (flash coupons) bring about 3x the orders per viewer-minute of product
  explanation, interaction the fewest;
- a latent session quality lowers exits (longer watch time) and raises conversion;
- about 10% of sessions lose 35-60% of their viewers within 1-2 minutes at one minute;
- brand self-broadcast earns about 57.5% of live GMV.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cockpit.calendar import festival_days
from cockpit.demo.context import DemoContext
from cockpit.warehouse.schema import CATEGORIES

logger = logging.getLogger(__name__)

MAX_MINUTES = 240
EXPL, INTER, BEN = 0, 1, 2
SEGMENTS = np.array(["product_explanation", "interaction", "benefits"], dtype=object)
BLOCK_MINUTES = {EXPL: (5, 12), INTER: (3, 8), BEN: (2, 5)}  # inclusive ranges

WECOM_INTERACTION_RATIO = 3.0
BENEFITS_ORDER_RATIO = 3.0
INTERACTION_ORDER_RATIO = 0.4
BRAND_GMV_SHARE = 0.575
DROPOFF_SHARE = 0.10
# Overall orders per online-viewer-minute (about 1% conversion per viewer at 2-3 minutes of
# watch time) and the smallest average room, so small demos still have readable curves.
ORDERS_PER_VIEWER_MINUTE = 0.004
MIN_MEAN_ONLINE = 150.0
# Exit hazard per minute of a median session (mean watch time about 5 minutes): low enough
# that a room of 100 viewers rarely loses 35% in two minutes by chance.
EXIT_HAZARD = 0.2
MIN_DROPOFF_ROOM = 60.0  # drops are planted only in rooms of at least this many viewers

# per segment (explanation, interaction, benefits)
SEG_ORDER = np.array([1.0, INTERACTION_ORDER_RATIO, BENEFITS_ORDER_RATIO])
SEG_WECOM = np.array([1.0, WECOM_INTERACTION_RATIO, 1.0]) * 0.0012
SEG_EXIT = np.array([1.0, 0.92, 0.85])
SEG_ENTRY = np.array([1.0, 0.97, 1.1])
SEG_EXPOSURE = np.array([0.55, 0.25, 0.7])
SEG_COMMENTS = np.array([0.02, 0.08, 0.03])
SEG_LIKES = np.array([0.4, 0.8, 0.5])
SEG_SHARES = np.array([0.003, 0.006, 0.004])
SEG_FOLLOWS = np.array([0.004, 0.008, 0.004])

CATEGORY_ZH = {
    "fresh": "生鲜", "snacks": "零食", "nut_gifts": "坚果礼盒", "appliances": "家电",
    "apparel": "服饰", "beauty": "美妆", "sports": "运动", "home": "家居", "baby": "母婴",
    "imported": "进口好物",
}
LIVE_CATEGORY_WEIGHTS = {
    "apparel": 0.22, "beauty": 0.20, "snacks": 0.14, "fresh": 0.11, "nut_gifts": 0.10,
    "appliances": 0.08, "home": 0.10, "sports": 0.02, "baby": 0.02, "imported": 0.01,
}
# festival -> category weight multipliers (nuts and snacks before Spring Festival, etc.)
FESTIVAL_CATEGORY_BOOST = {
    "spring_festival": {"nut_gifts": 4.0, "snacks": 2.0},
    "618": {"appliances": 2.0, "beauty": 1.5},
    "double_11": {"beauty": 1.8, "appliances": 1.5, "apparel": 1.3},
    "double_12": {"home": 1.5, "nut_gifts": 1.5},
}
FESTIVAL_TITLES = {
    ("double_11", "run_up"): "双11 预售专场", ("double_11", "peak"): "双11 狂欢夜",
    ("618", "run_up"): "618 预售专场", ("618", "peak"): "618 年中狂欢",
    ("double_12", "run_up"): "双12 预热专场", ("double_12", "peak"): "双12 年终盛典",
    ("spring_festival", "run_up"): "年货节", ("spring_festival", "holiday"): "新春不打烊",
}
BRAND_HOSTS = np.array(["官方直播间·小鹿", "官方直播间·安琪", "官方直播间·阿哲",
                        "官方直播间·晓雯", "官方直播间·子涵"], dtype=object)
# invented influencers and their relative room sizes
INFLUENCERS = np.array(["橙子姐姐", "阿木严选", "小糖甜甜", "老周聊家电", "林间穿搭",
                        "大鹏下厨房", "果果妈妈", "阿杰好物"], dtype=object)
INFLUENCER_SIZE = np.array([2.2, 1.6, 1.3, 1.0, 0.9, 0.8, 0.7, 0.5])
# entry-source shares: feed, paid, short video, followers
ENTRY_SHARES = {"brand_self": np.array([0.38, 0.22, 0.15, 0.25]),
                "influencer": np.array([0.45, 0.10, 0.20, 0.25])}

# slot: (host_type, start minute of day, jitter minutes, duration range)
SLOTS = {
    "morning": ("brand_self", 10 * 60, 10, (90, 150)),
    "afternoon": ("brand_self", 14 * 60, 10, (90, 150)),
    "evening": ("brand_self", 19 * 60 + 30, 10, (120, 210)),
    "influencer": ("influencer", 20 * 60, 60, (150, 180)),
}
SLOT_SIZE = {"morning": 0.6, "afternoon": 0.8, "evening": 1.0, "influencer": 1.0}
PHASE_SIZE = {"run_up": 1.6, "peak": 2.8, "holiday": 0.8}


def generate_live(ctx: DemoContext, products: pd.DataFrame,
                  target_orders: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(live_sessions, live_minutes) frames for ctx.start..ctx.end with about target_orders
    orders created in total; records the planted effects and drop-off events in ctx."""
    rng = ctx.rng("live")
    catalog = _Catalog.from_products(products)
    brand_slots = 2 if target_orders >= 20_000 else 1
    sessions = _schedule(ctx, rng, brand_slots)
    sessions = _add_hosts_and_titles(sessions, rng, catalog)
    grid = _script(sessions, rng, catalog)
    _size_rooms(sessions, target_orders)
    _traffic(sessions, grid, rng)
    _commerce(sessions, grid, rng, catalog, target_orders)
    session_frame, minutes = _to_frames(sessions, grid, catalog)
    _record_truth(ctx, sessions, grid, session_frame, minutes)
    logger.info("live: %d sessions, %d minutes, %d orders created", len(session_frame),
                len(minutes), int(minutes["orders_created"].sum()))
    return session_frame, minutes


@dataclass
class _Catalog:
    """Products grouped by category for fast vectorised draws."""

    product_id: np.ndarray  # product ids sorted by category code
    price: np.ndarray
    cat_start: np.ndarray  # first row of each category in CATEGORIES order
    cat_count: np.ndarray
    weights: np.ndarray  # live-selling weight per category (0 when absent)

    @classmethod
    def from_products(cls, products: pd.DataFrame) -> _Catalog:
        if products.empty:
            raise ValueError("generate_live needs at least one product")
        code = pd.Categorical(products["category"], categories=list(CATEGORIES)).codes
        if (code < 0).any():
            raise ValueError("products has categories outside schema.CATEGORIES")
        order = np.argsort(code, kind="stable")
        count = np.bincount(code, minlength=len(CATEGORIES))
        start = np.concatenate([[0], np.cumsum(count)[:-1]])
        weights = np.array([LIVE_CATEGORY_WEIGHTS[c] for c in CATEGORIES]) * (count > 0)
        if weights.sum() == 0:
            weights = (count > 0).astype(float)
        return cls(products["product_id"].to_numpy(np.int64)[order],
                   products["price_cny"].to_numpy(float)[order], start, count,
                   weights / weights.sum())

    def draw_categories(self, rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
        """One category code per row of `weights` (rows need not be normalised)."""
        cum = np.cumsum(weights * (self.cat_count > 0), axis=1)
        u = rng.random(len(weights))[:, None] * cum[:, -1:]
        return (u >= cum).sum(axis=1).clip(0, len(CATEGORIES) - 1)

    def draw_products(self, rng: np.random.Generator, cats: np.ndarray) -> np.ndarray:
        """A random product row (index into product_id) within each category code."""
        u = rng.random(cats.shape)
        return self.cat_start[cats] + (u * self.cat_count[cats]).astype(np.int64)


def _schedule(ctx: DemoContext, rng: np.random.Generator, brand_slots: int) -> pd.DataFrame:
    """One row per session: day, slot, host type, start, duration, festival and room size."""
    days = ctx.days
    fest = festival_days(ctx.start, ctx.end).drop_duplicates("ds").set_index("ds")
    festival = fest["festival"].reindex(days).to_numpy(object)
    phase = fest["phase"].reindex(days).to_numpy(object)
    frac = np.arange(len(days)) / max(len(days) - 1, 1)
    in_fest = pd.notna(phase)
    is_peak, is_holiday = phase == "peak", phase == "holiday"
    prob = {
        "morning": np.where(in_fest, 1.0, 0.8 if brand_slots == 2 else 0.0),
        "afternoon": np.where(is_peak, 1.0, 0.0),
        "evening": np.where(in_fest, 1.0, 0.9),
        "influencer": np.where(is_peak, 1.0, np.where(in_fest, 0.5, 0.15 + 0.2 * frac)),
    }
    prob["morning"] = np.where(is_holiday, 0.3, prob["morning"])
    prob["evening"] = np.where(is_holiday, 0.7, prob["evening"])
    prob["influencer"] = np.where(is_holiday, 0.1, prob["influencer"])
    parts = []
    for slot, p in prob.items():
        keep = np.flatnonzero(rng.random(len(days)) < p)
        host_type, start_min, jitter, (lo, hi) = SLOTS[slot]
        n = len(keep)
        start = start_min + rng.integers(0, jitter + 1, n)
        duration = rng.integers(lo, hi + 1, n) + in_fest[keep] * rng.integers(30, 61, n)
        duration = np.minimum(np.minimum(duration, MAX_MINUTES), 24 * 60 - start)
        parts.append(pd.DataFrame({
            "day": days[keep], "slot": slot, "host_type": host_type, "start_min": start,
            "duration": duration, "festival": festival[keep], "phase": phase[keep],
            "frac": frac[keep],
        }))
    s = pd.concat(parts, ignore_index=True)
    s["started_at"] = s["day"] + pd.to_timedelta(s["start_min"], unit="min")
    s = s.sort_values(["started_at", "host_type"], kind="stable").reset_index(drop=True)
    s["duration"] = s["duration"].astype(np.int64)
    return s


def _add_hosts_and_titles(s: pd.DataFrame, rng: np.random.Generator,
                          catalog: _Catalog) -> pd.DataFrame:
    """Host, theme category, latent quality, base room size and a Chinese title per session."""
    n = len(s)
    is_infl = (s["host_type"] == "influencer").to_numpy()
    host_idx = np.where(is_infl, rng.choice(len(INFLUENCERS), n, p=_infl_p()),
                        rng.integers(0, len(BRAND_HOSTS), n))
    s["host_name"] = np.where(is_infl, INFLUENCERS[host_idx % len(INFLUENCERS)],
                              BRAND_HOSTS[host_idx % len(BRAND_HOSTS)])
    weights = np.tile(catalog.weights, (n, 1))
    for fest_name, boost in FESTIVAL_CATEGORY_BOOST.items():
        rows = (s["festival"] == fest_name).to_numpy()
        for cat, mult in boost.items():
            weights[rows, CATEGORIES.index(cat)] *= mult
    s["theme"] = catalog.draw_categories(rng, weights)
    s["quality"] = rng.standard_normal(n)
    weekend = s["started_at"].dt.day_of_week.to_numpy() >= 5
    size = (np.exp(np.log(3.0) * s["frac"].to_numpy()) * s["slot"].map(SLOT_SIZE).to_numpy()
            * s["phase"].map(PHASE_SIZE).fillna(1.0).to_numpy() * np.where(weekend, 1.15, 1.0)
            * np.exp(0.25 * rng.standard_normal(n)))
    s["size"] = size * np.where(is_infl, INFLUENCER_SIZE[host_idx % len(INFLUENCERS)], 1.0)
    s["title"] = _titles(s)
    return s


def _infl_p() -> np.ndarray:
    """Bigger influencers broadcast a little less often."""
    p = 1.0 / np.sqrt(INFLUENCER_SIZE)
    return p / p.sum()


def _titles(s: pd.DataFrame) -> pd.Series:
    cat = pd.Series([CATEGORY_ZH[CATEGORIES[c]] for c in range(len(CATEGORIES))])
    cat_zh = cat.iloc[s["theme"].to_numpy()].reset_index(drop=True)
    regular = pd.Series(np.select(
        [s["slot"] == "morning", s["slot"] == "afternoon", s["slot"] == "evening"],
        ["早安好物 · " + cat_zh + "专场", "午后" + cat_zh + "专场", cat_zh + "宠粉福利夜"],
        default=s["host_name"] + "的" + cat_zh + "好物推荐",
    ))
    key = pd.Series(list(zip(s["festival"], s["phase"], strict=True)))
    fest = key.map(FESTIVAL_TITLES)
    return fest.where(fest.isna(), fest + " · " + cat_zh).fillna(regular)


@dataclass
class _Grid:
    """Per-minute arrays of shape (sessions, MAX_MINUTES); `valid` marks minutes on air."""

    valid: np.ndarray
    seg: np.ndarray
    product: np.ndarray  # product row on the podium, -1 when none
    price_row: np.ndarray  # product row whose price counts for GMV (current or last featured)
    into_block: np.ndarray  # minutes since the block started
    block_len: np.ndarray
    arrays: dict[str, np.ndarray]


def _script(s: pd.DataFrame, rng: np.random.Generator, catalog: _Catalog) -> _Grid:
    """Blocks: interaction warm-up, then product explanation alternating with interaction or
    benefits; benefits keep the product just explained on the podium."""
    n = len(s)
    k = 2 * (MAX_MINUTES // (BLOCK_MINUTES[EXPL][0] + BLOCK_MINUTES[BEN][0]) + 2)
    col = np.arange(k)
    types = np.where(col % 2 == 1, EXPL, np.where(rng.random((n, k)) < 0.5, INTER, BEN))
    types[:, 0] = INTER
    lo = np.choose(types, [BLOCK_MINUTES[t][0] for t in (EXPL, INTER, BEN)])
    hi = np.choose(types, [BLOCK_MINUTES[t][1] for t in (EXPL, INTER, BEN)])
    lengths = rng.integers(lo, hi + 1)
    theme_p = np.where(s["host_type"].to_numpy() == "brand_self", 0.65, 0.4)
    general = catalog.draw_categories(rng, np.tile(catalog.weights, (n * k, 1))).reshape(n, k)
    cats = np.where(rng.random((n, k)) < theme_p[:, None], s["theme"].to_numpy()[:, None],
                    general)
    prod = catalog.draw_products(rng, cats)
    prev_expl = np.concatenate([prod[:, 1:2], prod[:, :-1]], axis=1)  # block 0 -> block 1's
    block_product = np.where(types == EXPL, prod, np.where(types == BEN, prev_expl, -1))
    price_product = np.where(types == INTER, prev_expl, block_product)

    ends = np.cumsum(lengths, axis=1)
    big = int(ends[:, -1].max()) + 1
    rows = np.arange(n)[:, None]
    t = np.arange(MAX_MINUTES)[None, :]
    flat = np.searchsorted((ends + rows * big).ravel(), (rows * big + t).ravel(), side="right")
    block = (flat.reshape(n, MAX_MINUTES) - rows * k).clip(0, k - 1)
    blen = lengths[rows, block]
    return _Grid(
        valid=t < s["duration"].to_numpy()[:, None], seg=types[rows, block],
        product=block_product[rows, block], price_row=price_product[rows, block],
        into_block=t - (ends[rows, block] - blen), block_len=blen, arrays={},
    )


def _size_rooms(s: pd.DataFrame, target_orders: int) -> None:
    """Steady-state online viewers per session: influencer rooms sized so brand gets about
    BRAND_GMV_SHARE of the viewer-minutes, all rooms scaled to the order target."""
    infl = (s["host_type"] == "influencer").to_numpy()
    mass = s["size"].to_numpy() * s["duration"].to_numpy()
    brand, other = mass[~infl].sum(), mass[infl].sum()
    if brand > 0 and other > 0:
        s.loc[infl, "size"] *= brand * (1 - BRAND_GMV_SHARE) / (BRAND_GMV_SHARE * other)
    minutes = s["duration"].sum()
    viewer_minutes = max(target_orders / ORDERS_PER_VIEWER_MINUTE, MIN_MEAN_ONLINE * minutes)
    s["online_level"] = s["size"] * viewer_minutes / (s["size"] * s["duration"]).sum()


def _traffic(s: pd.DataFrame, g: _Grid, rng: np.random.Generator) -> None:
    """Entries by source, exits and online viewers per minute, with planted drop-offs."""
    n = len(s)
    own = 0.25 * rng.standard_normal(n)  # what dwell owes to things other than quality
    hazard_s = (EXIT_HAZARD * np.exp(-0.35 * s["quality"].to_numpy() + own)).clip(0.05, 0.6)
    fatigue = np.where(g.seg == EXPL, 1 + 0.03 * np.maximum(g.into_block - 4, 0), 1.0)
    hazard = (hazard_s[:, None] * SEG_EXIT[g.seg] * fatigue).clip(0, 0.95)
    t = np.arange(MAX_MINUTES)[None, :]
    surge = 1 + 2.0 * np.exp(-t / 8.0)
    mu = (s["online_level"].to_numpy()[:, None] * hazard_s[:, None] * surge * SEG_ENTRY[g.seg]
          * np.exp(0.08 * rng.standard_normal(g.seg.shape)))
    entries = np.where(g.valid, rng.poisson(mu), 0)
    drop_t, drop_k, drop_loss = _plan_dropoffs(s, g, rng)
    retain = (1 - drop_loss) ** (1 / drop_k)
    exits, online = _viewer_recursion(entries, hazard, drop_t, drop_k, retain, rng)
    g.arrays.update(entries=entries, exits=exits, online_viewers=online)
    _split_entries(s, g, rng)
    s["drop_t"], s["drop_k"] = drop_t, drop_k


def _viewer_recursion(entries: np.ndarray, hazard: np.ndarray, drop_t: np.ndarray,
                      drop_k: np.ndarray, retain: np.ndarray,
                      rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Exits and online viewers: each minute everyone in the room (last minute's viewers plus
    new entries) leaves with the minute's hazard; during a planted drop-off the room keeps
    only `retain` of the previous minute's viewers. One step per minute for all sessions."""
    n, minutes = entries.shape
    online = np.zeros((n, minutes), np.int64)
    exits = np.zeros((n, minutes), np.int64)
    prev = np.zeros(n, np.int64)
    for m in range(minutes):
        avail = prev + entries[:, m]
        x = rng.binomial(avail, hazard[:, m])
        dropping = (drop_t >= 0) & (m >= drop_t) & (m < drop_t + drop_k)
        forced = avail - np.rint(retain * prev).astype(np.int64)
        exits[:, m] = np.where(dropping, forced.clip(0, avail), x)
        prev = avail - exits[:, m]
        online[:, m] = prev
    return exits, online


def _plan_dropoffs(s: pd.DataFrame, g: _Grid,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """About DROPOFF_SHARE of sessions get a drop minute (-1 for none), mostly deep into a long
    product explanation; 1-2 minutes long, losing 35-60% of the room."""
    n = len(s)
    eligible = s["online_level"].to_numpy() >= MIN_DROPOFF_ROOM
    chosen = eligible & (rng.random(n) < DROPOFF_SHARE / max(eligible.mean(), DROPOFF_SHARE))
    t = np.arange(MAX_MINUTES)[None, :]
    possible = g.valid & (t >= 10) & (t < s["duration"].to_numpy()[:, None] - 3)
    long_expl = possible & (g.seg == EXPL) & (g.block_len >= 9) & (g.into_block >= 4)
    prefer_long = rng.random(n) < 0.85
    score = rng.random(g.seg.shape) + possible + 2.0 * (long_expl & prefer_long[:, None])
    score = np.where(possible, score, -1.0)
    drop_t = np.where(chosen & possible.any(axis=1), score.argmax(axis=1), -1)
    return drop_t, rng.integers(1, 3, n), rng.uniform(0.35, 0.60, n)


def _split_entries(s: pd.DataFrame, g: _Grid, rng: np.random.Generator) -> None:
    """Split entries into feed, paid, short video and followers; followers peak at the start
    (notifications), the rest by per-session shares."""
    base = np.stack([ENTRY_SHARES[h] for h in s["host_type"]])
    shares = rng.gamma(base * 40.0)
    shares = shares / shares.sum(axis=1, keepdims=True)
    t = np.arange(MAX_MINUTES)[None, :]
    p = np.repeat(shares[:, None, :], MAX_MINUTES, axis=1)
    p[:, :, 3] *= np.where(t < 10, 2.5, 1.0)
    p /= p.sum(axis=2, keepdims=True)
    left = g.arrays["entries"].copy()
    remaining = np.ones(left.shape)
    names = ["entries_feed", "entries_paid", "entries_short_video"]
    for i, name in enumerate(names):
        part = rng.binomial(left, (p[:, :, i] / remaining).clip(0, 1))
        g.arrays[name] = part
        left = left - part
        remaining = remaining - p[:, :, i]
    g.arrays["entries_followers"] = left


def _commerce(s: pd.DataFrame, g: _Grid, rng: np.random.Generator, catalog: _Catalog,
              target_orders: int) -> None:
    """Engagement, funnel, orders and preliminary GMV per minute."""
    online = g.arrays["online_viewers"]
    conv = np.exp(0.35 * s["quality"].to_numpy() + 0.45 * rng.standard_normal(len(s)))
    lam = online * SEG_ORDER[g.seg] * conv[:, None] * g.valid
    price = catalog.price[g.price_row]
    infl = (s["host_type"] == "influencer").to_numpy()
    brand_gmv, infl_gmv = (lam * price)[~infl].sum(), (lam * price)[infl].sum()
    if brand_gmv > 0 and infl_gmv > 0:
        lam[infl] *= brand_gmv * (1 - BRAND_GMV_SHARE) / (BRAND_GMV_SHARE * infl_gmv)
    lam *= target_orders / max(lam.sum(), 1e-9)
    created = rng.poisson(lam)
    exposures = rng.binomial(online, SEG_EXPOSURE[g.seg])
    ctr = rng.uniform(0.08, 0.16, len(s))[:, None]
    clicks = np.maximum(rng.binomial(exposures, ctr), created)
    paid = rng.binomial(created, 0.9)
    a = g.arrays
    a.update(orders_created=created, orders=paid, product_clicks=clicks,
             product_exposures=np.maximum(exposures, clicks), gmv_cny=paid * price)
    for name, rate in (("comments", SEG_COMMENTS), ("likes", SEG_LIKES),
                       ("shares", SEG_SHARES), ("new_followers", SEG_FOLLOWS),
                       ("wecom_adds", SEG_WECOM)):
        a[name] = rng.poisson(online * rate[g.seg])
    total_entries = (a["entries"] * g.valid).sum(axis=1)
    s["total_entries"] = total_entries
    s["unique_viewers"] = np.floor(total_entries * rng.uniform(0.75, 0.92, len(s)))
    s["impressions"] = np.ceil(total_entries / rng.uniform(0.08, 0.25, len(s)))


MINUTE_COLUMNS = (
    "online_viewers", "entries", "exits", "entries_feed", "entries_paid", "entries_short_video",
    "entries_followers", "comments", "likes", "shares", "new_followers", "product_exposures",
    "product_clicks", "orders_created", "orders", "gmv_cny", "wecom_adds",
)


def _to_frames(s: pd.DataFrame, g: _Grid, catalog: _Catalog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Flatten the grid to live_minutes rows and build live_sessions."""
    n = len(s)
    ids = np.arange(1, n + 1, dtype=np.int64)
    started = s["started_at"].to_numpy("datetime64[ns]")
    duration = s["duration"].to_numpy(np.int64)
    sessions = pd.DataFrame({
        "live_session_id": ids, "title": s["title"].to_numpy(object),
        "host_name": s["host_name"].to_numpy(object), "host_type": s["host_type"].to_numpy(object),
        "started_at": started, "ended_at": started + duration.astype("timedelta64[m]"),
        "unique_viewers": s["unique_viewers"].to_numpy(np.int64),
        "impressions": s["impressions"].to_numpy(np.int64),
    })
    rows, minute = np.nonzero(g.valid)
    product = g.product[rows, minute]
    featured = pd.arrays.IntegerArray(catalog.product_id[np.maximum(product, 0)], product < 0)
    minutes = pd.DataFrame({
        "live_session_id": ids[rows], "minute_index": minute.astype(np.int64),
        "minute_at": started[rows] + minute.astype("timedelta64[m]"),
        "segment": SEGMENTS[g.seg[rows, minute]], "featured_product_id": featured,
    })
    for name in MINUTE_COLUMNS:
        values = g.arrays[name][rows, minute]
        minutes[name] = values.astype(float if name == "gmv_cny" else np.int64)
    return sessions, minutes


def _record_truth(ctx: DemoContext, s: pd.DataFrame, g: _Grid, sessions: pd.DataFrame,
                  minutes: pd.DataFrame) -> None:
    """Planted effect sizes and one live_dropoff event per planted drop."""
    ctx.plant("live_interaction_wecom_ratio", WECOM_INTERACTION_RATIO, "ratio",
              "WeCom adds per online-viewer-minute, interaction vs other live segments")
    ctx.plant("live_benefits_order_ratio", BENEFITS_ORDER_RATIO, "ratio",
              "Orders created per online-viewer-minute, benefits vs product_explanation")
    ctx.plant("live_interaction_order_ratio", INTERACTION_ORDER_RATIO, "ratio",
              "Orders created per online-viewer-minute, interaction vs product_explanation")
    ctx.plant("brand_self_share_of_live_gmv", BRAND_GMV_SHARE, "share",
              "Expected share of live GMV from brand self-broadcast sessions")
    per = session_watch_and_conversion(sessions, minutes)
    corr = per["watch_minutes"].rank().corr(per["conversion"].rank())
    ctx.plant("live_dwell_conversion_correlation", corr, "spearman",
              "Session-level rank correlation of average watch time and orders created per "
              "unique viewer (latent session quality drives both)")
    online = g.arrays["online_viewers"]
    for i in np.flatnonzero(s["drop_t"].to_numpy() >= 0):
        t, k = int(s.at[i, "drop_t"]), int(s.at[i, "drop_k"])
        lost = 1 - online[i, t + k - 1] / max(online[i, t - 1], 1)
        at = s.at[i, "started_at"] + pd.Timedelta(minutes=t)
        ctx.event("live_dropoff", int(i + 1), pd.Timestamp(at), float(lost))


def session_watch_and_conversion(sessions: pd.DataFrame, minutes: pd.DataFrame) -> pd.DataFrame:
    """Per session: average watch minutes (sum of online viewers / unique viewers) and
    conversion (orders created / unique viewers). One row per live session."""
    sums = minutes.groupby("live_session_id")[["online_viewers", "orders_created"]].sum()
    per = sessions.set_index("live_session_id")[["unique_viewers"]].join(sums)
    per = per[per["unique_viewers"] > 0]
    return pd.DataFrame({
        "watch_minutes": per["online_viewers"] / per["unique_viewers"],
        "conversion": per["orders_created"] / per["unique_viewers"],
    })
