"""Demo product reviews (Chinese text with persona phrases) and customer-service tickets."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from cockpit.demo.context import DemoContext
from cockpit.warehouse.schema import TICKET_TOPICS, generated_columns, reviews, service_tickets

log = logging.getLogger(__name__)

# ---- reviews ----------------------------------------------------------------------------------
REVIEW_SHARE = 0.15             # of order lines of non-cancelled orders
REVIEW_DELAY_DAYS = (1.0, 10.0)
RATING_BASE, RATING_NOISE_SD, RETURNED_PENALTY, PRODUCT_QUALITY_SD = 4.6, 0.75, 1.9, 0.35
BAD_EXPERIENCE_SHARE = 0.04     # kept orders rated like returned ones (late, damaged, ...)

# Each persona's distinctive phrases; "none" writes generic text only.
PERSONA_PHRASES = {
    "family": ("适合孩子吃", "新鲜", "孩子很喜欢", "早上送到很及时", "全家都爱吃", "家里常备"),
    "overtime": ("加班必备", "深夜", "解馋", "办公室囤货", "熬夜追剧来一包", "半夜下单"),
    "fitness": ("高蛋白", "低脂", "健身后", "减脂期", "控卡好帮手", "增肌"),
    "eco": ("环保包装", "可持续", "有机", "减塑", "可降解", "低碳生活"),
    "gift": ("送礼", "包装精美", "过年", "有面子", "礼盒大气", "送长辈"),
    "none": (),
}
PERSONA_PHRASE_RATE, SECOND_PHRASE_RATE = 0.85, 0.35
GENERIC_PHRASES = ("物流快", "发货速度快", "包装完好", "客服态度好", "和图片一样", "到货准时")
GENERIC_RATE, CATEGORY_RATE = 0.5, 0.5
RATING_PHRASES = {
    1: ("质量差", "很失望", "不推荐", "和描述不符"),
    2: ("质量差", "有点失望", "不太好用"),
    3: ("一般", "还行", "中规中矩"),
    4: ("满意", "不错", "性价比高", "还会再买"),
    5: ("满意", "非常好", "性价比高", "会回购", "五星好评"),
}
CATEGORY_PHRASES = {
    "fresh": ("肉质好", "很甜", "冷链到货"),
    "snacks": ("口感酥脆", "味道不错"),
    "nut_gifts": ("坚果饱满", "颗粒大"),
    "appliances": ("操作简单", "噪音小", "做工扎实"),
    "apparel": ("尺码合适", "面料舒服"),
    "beauty": ("不油腻", "保湿效果好"),
    "sports": ("做工结实", "穿着舒服"),
    "home": ("质感好", "收纳方便"),
    "baby": ("材质安全", "宝宝用着好"),
    "imported": ("正品保障", "原装进口"),
}

# ---- tickets ----------------------------------------------------------------------------------
TICKET_RATE = 0.08                       # tickets per order (order-linked tickets)
STATUS_TICKET_WEIGHT = {"paid": 1.0, "cancelled": 2.0, "returned": 8.0}
LOOSE_TICKET_SHARE = 0.12                # extra tickets without an order, per order-linked ticket
# Topic mix (columns in TICKET_TOPICS order: logistics, refund, product_question, invoice,
# account, complaint) by order status, and for tickets without an order.
_TOPIC_MIX = {
    "paid": (0.40, 0.08, 0.25, 0.12, 0.05, 0.10),
    "cancelled": (0.10, 0.50, 0.20, 0.00, 0.10, 0.10),
    "returned": (0.08, 0.70, 0.05, 0.02, 0.00, 0.15),
    None: (0.00, 0.00, 0.35, 0.15, 0.40, 0.10),
}
# Median days from order to ticket, by topic.
_OPEN_DELAY_DAYS = {"logistics": 2.0, "refund": 5.0, "product_question": 0.5, "invoice": 3.0,
                    "account": 1.0, "complaint": 4.0}
AI_SHARE_TARGET, AI_SHARE_COMPLAINT = 0.80, 0.45
AI_MEDIAN_MIN, HUMAN_MEDIAN_MIN = 3.0, 45.0
UNRATED_SHARE = 0.30


def generate_reviews(ctx: DemoContext, orders: pd.DataFrame, items: pd.DataFrame,
                     customers: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """One row per review: about 15% of the lines of non-cancelled orders, posted 1-10 days
    after the order; returned orders rate lower; text carries the buyer's persona phrases."""
    rng = ctx.rng("reviews")
    lines = items.loc[rng.random(len(items)) < REVIEW_SHARE,
                      ["order_id", "product_id", "category"]]
    pos = positions(orders["order_id"].to_numpy(np.int64), lines["order_id"].to_numpy(np.int64))
    cancelled = (orders["status"] == "cancelled").to_numpy(bool)
    keep = (pos >= 0) & ~cancelled[np.maximum(pos, 0)]
    lines, pos = lines[keep], pos[keep]
    n = len(lines)
    customer_id = orders["customer_id"].to_numpy(np.int64)[pos]
    delay = pd.to_timedelta(rng.uniform(*REVIEW_DELAY_DAYS, n), unit="D").round("s")
    returned = (orders["status"] == "returned").to_numpy(bool)[pos]
    rating = _ratings(ctx.rng("review_ratings"), returned, lines["product_id"].to_numpy(),
                      products)
    text = review_texts(ctx.rng("review_text"), _personas_of(customer_id, customers),
                        lines["category"], rating)
    out = pd.DataFrame({
        "order_id": lines["order_id"].to_numpy(np.int64),
        "customer_id": customer_id,
        "product_id": lines["product_id"].to_numpy(np.int64),
        "created_at": orders["ordered_at"].to_numpy()[pos] + delay.to_numpy(),
        "rating": rating,
        "text_zh": text.array,
    })
    out = out.sort_values(["created_at", "order_id"], kind="stable", ignore_index=True)
    out.insert(0, "review_id", np.arange(1, n + 1, dtype=np.int64))
    log.info("generated %d reviews", n)
    return out[generated_columns(reviews)]


def positions(ids: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Position of each key in the unique `ids` (-1 when absent); fast when ids run 1, 2, 3..."""
    ids, keys = np.asarray(ids), np.asarray(keys)
    if len(ids) and ids[-1] - ids[0] == len(ids) - 1 and bool(np.all(np.diff(ids) == 1)):
        pos = keys - ids[0]
        return np.where((pos >= 0) & (pos < len(ids)), pos, -1)
    return pd.Index(ids).get_indexer(keys)


def _ratings(rng: np.random.Generator, returned: np.ndarray, product_id: np.ndarray,
             products: pd.DataFrame) -> np.ndarray:
    """Stars 1-5: a per-product quality offset, a penalty for returned orders (and a few bad
    experiences among kept ones), noise."""
    quality = rng.normal(0.0, PRODUCT_QUALITY_SD, len(products))
    pos = positions(products["product_id"].to_numpy(np.int64), product_id)
    offset = np.where(pos >= 0, quality[np.maximum(pos, 0)], 0.0)
    bad_experience = rng.random(len(product_id)) < BAD_EXPERIENCE_SHARE
    score = RATING_BASE + offset - RETURNED_PENALTY * (returned | bad_experience)
    score = score + rng.normal(0.0, RATING_NOISE_SD, len(product_id))
    return np.clip(np.rint(score), 1, 5).astype(np.int16)


def _personas_of(customer_id: np.ndarray, customers: pd.DataFrame) -> pd.Categorical:
    """Persona of each buyer ('none' when unknown), without hashing a string per row."""
    names = list(PERSONA_PHRASES)
    codes = pd.Categorical(customers["persona"], categories=names).codes
    pos = positions(customers["customer_id"].to_numpy(np.int64), customer_id)
    row_codes = np.where(pos >= 0, codes[np.maximum(pos, 0)], -1)
    row_codes = np.where(row_codes >= 0, row_codes, names.index("none"))
    return pd.Categorical.from_codes(row_codes, categories=names)


def _pick(u: np.ndarray, banks: list[tuple], codes: np.ndarray,
          avoid: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the index of a phrase from bank `codes[i]` in the flattened banks (the final
    empty phrase when the code is -1 or its bank is empty), and its index within the bank.
    With `avoid`, never that index within the bank (when the bank has two or more phrases)."""
    sizes = np.array([len(bank) for bank in banks])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    size = np.where(codes >= 0, sizes[codes], 0)
    if avoid is None:
        idx = (u * size).astype(int)
    else:  # avoid + 1 + U{0..size-2}, modulo size
        step = 1 + (u * np.maximum(size - 1, 0)).astype(int)
        idx = (avoid + step) % np.maximum(size, 1)
    flat_idx = np.where(size > 0, starts[np.maximum(codes, 0)] + idx, sizes.sum())
    return flat_idx, idx


def _phrase_table(banks: list[tuple], suffix: str) -> pd.api.extensions.ExtensionArray:
    """All phrases of the banks with `suffix` appended, then the empty phrase."""
    return pd.array([p + suffix for bank in banks for p in bank] + [""], dtype="str")


def review_texts(rng: np.random.Generator, personas, categories, ratings) -> pd.Series:
    """Chinese review text per row, joined from word banks: persona phrases (none for persona
    'none'), a category word, a generic phrase and, last, a phrase matching the rating."""
    n = len(ratings)
    persona_banks = list(PERSONA_PHRASES.values())
    persona = pd.Categorical(personas, categories=list(PERSONA_PHRASES)).codes
    category = pd.Categorical(categories, categories=list(CATEGORY_PHRASES)).codes
    rating_banks = [RATING_PHRASES[r] for r in range(1, 6)]
    first, first_idx = _pick(rng.random(n), persona_banks, persona)
    second, _ = _pick(rng.random(n), persona_banks, persona, avoid=first_idx)
    has_first = rng.random(n) < PERSONA_PHRASE_RATE
    has_second = has_first & (rng.random(n) < SECOND_PHRASE_RATE)
    category_idx, _ = _pick(rng.random(n), list(CATEGORY_PHRASES.values()), category)
    generic_idx, _ = _pick(rng.random(n), [GENERIC_PHRASES], np.zeros(n, dtype=int))
    rating_idx, _ = _pick(rng.random(n), rating_banks, np.asarray(ratings, dtype=int) - 1)
    persona_table = _phrase_table(persona_banks, "，")
    category_table = _phrase_table(list(CATEGORY_PHRASES.values()), "，")
    empty_persona, empty_category = len(persona_table) - 1, len(category_table) - 1
    text = (persona_table.take(np.where(has_first, first, empty_persona))
            + category_table.take(np.where(rng.random(n) < CATEGORY_RATE, category_idx,
                                           empty_category))
            + persona_table.take(np.where(has_second, second, empty_persona))
            + _phrase_table([GENERIC_PHRASES], "，").take(
                np.where(rng.random(n) < GENERIC_RATE, generic_idx, len(GENERIC_PHRASES)))
            + _phrase_table(rating_banks, "。").take(rating_idx))
    return pd.Series(text, dtype="str")


def generate_tickets(ctx: DemoContext, orders: pd.DataFrame,
                     customers: pd.DataFrame) -> pd.DataFrame:
    """One row per ticket: about 8% of orders lead to one (returned orders far more often),
    plus some tickets about no order; AI resolves about 80% (complaints more often human)."""
    end_ts = pd.Timestamp(ctx.end) + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    linked = _order_tickets(ctx.rng("tickets"), orders)
    loose = _loose_tickets(ctx, customers, round(LOOSE_TICKET_SHARE * len(linked)))
    t = pd.concat([linked, loose], ignore_index=True)
    t = t[t["opened_at"] <= end_ts]
    t = t.sort_values(["opened_at", "customer_id"], kind="stable", ignore_index=True)
    resolved_by, minutes = _resolution(ctx.rng("ticket_resolution"), t["topic"].to_numpy())
    ai_share = float(np.mean(resolved_by == "ai")) if len(t) else 0.0
    ctx.plant("ai_resolution_rate", ai_share, "share",
              f"Share of tickets resolved by the AI assistant (target {AI_SHARE_TARGET:.0%}; "
              f"complaints {AI_SHARE_COMPLAINT:.0%}, other topics calibrated to the target)")
    out = pd.DataFrame({
        "ticket_id": np.arange(1, len(t) + 1, dtype=np.int64),
        "customer_id": t["customer_id"].to_numpy(np.int64),
        "order_id": t["order_id"].astype("Int64"),
        "opened_at": t["opened_at"].to_numpy(),
        "topic": t["topic"].astype("str"),
        "resolved_by": resolved_by,
        "minutes_to_resolve": minutes,
        "satisfaction": _satisfaction(ctx.rng("ticket_satisfaction"), t["topic"].to_numpy(),
                                      minutes),
    })
    log.info("generated %d tickets (AI share %.3f)", len(out), ai_share)
    return out[generated_columns(service_tickets)]


def _draw_topics(rng: np.random.Generator, keys: np.ndarray) -> np.ndarray:
    """A topic per row from the mix of its key (an order status, or None)."""
    out = np.empty(len(keys), dtype=object)
    u = rng.random(len(keys))
    topics = np.asarray(TICKET_TOPICS, dtype=object)
    for key, mix in _TOPIC_MIX.items():
        rows = np.flatnonzero(pd.isna(keys)) if key is None else np.flatnonzero(keys == key)
        cdf = np.cumsum(mix) / np.sum(mix)
        out[rows] = topics[np.minimum(np.searchsorted(cdf, u[rows], side="right"),
                                      len(topics) - 1)]
    return out


def _open_delay(rng: np.random.Generator, topics: np.ndarray) -> pd.TimedeltaIndex:
    median = pd.Series(topics).map(_OPEN_DELAY_DAYS).to_numpy(float)
    days = np.maximum(median * np.exp(rng.normal(0.0, 0.8, len(topics))), 5 / 1440)
    return pd.to_timedelta(days, unit="D").round("s")


def _order_tickets(rng: np.random.Generator, orders: pd.DataFrame) -> pd.DataFrame:
    """Tickets about orders: probability per order proportional to its status weight, scaled
    so that TICKET_RATE of orders get one."""
    weight = np.ones(len(orders))
    for status, w in STATUS_TICKET_WEIGHT.items():
        weight[(orders["status"] == status).to_numpy(bool)] = w
    prob = np.minimum(TICKET_RATE * len(weight) * weight / max(weight.sum(), 1e-9), 0.95)
    chosen = orders.loc[rng.random(len(orders)) < prob,
                        ["order_id", "customer_id", "ordered_at", "status"]]
    topics = _draw_topics(rng, chosen["status"].to_numpy(object))
    opened_at = chosen["ordered_at"].to_numpy() + _open_delay(rng, topics).to_numpy()
    return pd.DataFrame({"customer_id": chosen["customer_id"].to_numpy(np.int64),
                         "order_id": chosen["order_id"].to_numpy(np.int64),
                         "opened_at": opened_at, "topic": topics})


def _loose_tickets(ctx: DemoContext, customers: pd.DataFrame, n: int) -> pd.DataFrame:
    """Tickets about no order (account, invoice, product questions): random customers, at a
    uniform time between their signup (or the history start) and the end."""
    rng = ctx.rng("tickets_loose")
    who = customers.iloc[rng.integers(0, len(customers), n)]
    first = np.maximum(pd.to_datetime(who["signup_date"]).to_numpy().astype("datetime64[s]"),
                       np.datetime64(ctx.start, "s"))
    last = np.datetime64(ctx.end, "s") + np.timedelta64(86_399, "s")
    span = (last - first).astype(np.int64)
    opened_at = first + (rng.random(n) * np.maximum(span, 0)).astype("timedelta64[s]")
    return pd.DataFrame({"customer_id": who["customer_id"].to_numpy(np.int64),
                         "order_id": pd.array([pd.NA] * n, dtype="Int64"),
                         "opened_at": opened_at.astype("datetime64[ns]"),
                         "topic": _draw_topics(rng, np.full(n, None, dtype=object))})


def _resolution(rng: np.random.Generator, topics: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """PLANTED: who resolves (AI for about AI_SHARE_TARGET of tickets, complaints less often)
    and minutes to resolve (lognormal: AI median 3 min, human median 45 min)."""
    complaint = topics == "complaint"
    share_c = float(complaint.mean()) if len(topics) else 0.0
    p_other = (AI_SHARE_TARGET - AI_SHARE_COMPLAINT * share_c) / max(1.0 - share_c, 1e-9)
    p_ai = np.where(complaint, AI_SHARE_COMPLAINT, np.clip(p_other, 0.0, 1.0))
    is_ai = rng.random(len(topics)) < p_ai
    median = np.where(is_ai, AI_MEDIAN_MIN, HUMAN_MEDIAN_MIN * np.where(complaint, 1.5, 1.0))
    minutes = median * np.exp(rng.normal(0.0, np.where(is_ai, 0.5, 0.7)))
    return np.where(is_ai, "ai", "human"), np.round(minutes, 1)


def _satisfaction(rng: np.random.Generator, topics: np.ndarray,
                  minutes: np.ndarray) -> pd.Series:
    """Post-contact rating 1-5 (lower for complaints, refunds and slow resolutions); null for
    about UNRATED_SHARE of tickets."""
    n = len(topics)
    score = (4.2 - 1.2 * (topics == "complaint") - 0.4 * (topics == "refund")
             - 0.25 * np.log(np.maximum(minutes, 0.1) / 10.0) + rng.normal(0.0, 0.9, n))
    stars = pd.Series(np.clip(np.rint(score), 1, 5).astype(np.int16), dtype="Int16")
    return stars.mask(rng.random(n) < UNRATED_SHARE)
