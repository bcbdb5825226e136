"""Demo offline stores, their visits, and the orders those visits cause (the planted O2O effect).

Stores are new-retail experience centres: members scan the member app at the door, and payment
in the store also goes through the member app. So an identified visit can end in an in-store
purchase, while an anonymous visit (door counter only, no member scan) never records one.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import numpy as np
import pandas as pd

from cockpit.demo import geo
from cockpit.demo.context import DemoContext
from cockpit.warehouse.schema import (
    CATEGORIES,
    STORE_FORMATS,
    generated_columns,
    store_visits,
    stores,
)

log = logging.getLogger(__name__)

# city, district (zh), district (en), format: three stores in each tier-1 city, one in each
# tier-2 city.
_STORES = [
    ("上海", "静安", "Jing'an", "experience"), ("上海", "浦东", "Pudong", "flagship"),
    ("上海", "徐汇", "Xuhui", "standard"),
    ("北京", "朝阳", "Chaoyang", "flagship"), ("北京", "海淀", "Haidian", "experience"),
    ("北京", "西城", "Xicheng", "standard"),
    ("广州", "天河", "Tianhe", "flagship"), ("广州", "海珠", "Haizhu", "experience"),
    ("广州", "越秀", "Yuexiu", "standard"),
    ("深圳", "南山", "Nanshan", "experience"), ("深圳", "福田", "Futian", "flagship"),
    ("深圳", "罗湖", "Luohu", "standard"),
    ("杭州", "西湖", "Xihu", "experience"), ("成都", "锦江", "Jinjiang", "flagship"),
    ("重庆", "渝中", "Yuzhong", "standard"), ("武汉", "江汉", "Jianghan", "experience"),
    ("南京", "鼓楼", "Gulou", "standard"), ("苏州", "姑苏", "Gusu", "experience"),
    ("西安", "雁塔", "Yanta", "standard"), ("天津", "和平", "Heping", "standard"),
    ("长沙", "岳麓", "Yuelu", "experience"), ("郑州", "金水", "Jinshui", "standard"),
    ("青岛", "市南", "Shinan", "experience"), ("沈阳", "沈河", "Shenhe", "standard"),
]
_FORMAT_NAME = {"experience": ("体验店", "Experience Store"),
                "flagship": ("旗舰店", "Flagship Store"),
                "standard": ("门店", "Store")}
_FLOOR_SQM = {"experience": (800, 1500), "flagship": (1500, 3000), "standard": (200, 500)}
STORE_JITTER_SD_KM, STORE_MAX_KM = 2.5, 8.0  # distance of a store from its city centre

# Visits: relative traffic per format, weekday factors (Mon..Sun), opening weeks' buzz.
VISITS_PER_ORDER = 0.15
_FORMAT_TRAFFIC = {"experience": 1.3, "flagship": 1.6, "standard": 0.7}
_WEEKDAY_FACTOR = np.array([0.8, 0.8, 0.85, 0.9, 1.05, 1.6, 1.5])
_OPENING_BUZZ_DAYS, _OPENING_BUZZ = 14, 1.8
# Opening hours 10:00-22:00; arrival-hour weights for hours 10..21.
_HOURS = np.arange(10, 22)
_HOUR_WEEKDAY = np.array([4, 6, 9, 8, 6, 6, 7, 9, 12, 14, 12, 7], dtype=float)
_HOUR_WEEKEND = np.array([5, 7, 8, 9, 11, 11, 10, 9, 9, 10, 7, 4], dtype=float)

IDENTIFIED_SHARE = 0.65
NEAR_KM, WIDE_KM, NEAR_SHARE = 10.0, 50.0, 0.85
OFFLINE_BUY_RATE = 0.25
# Share of visits that try nothing in the experience zone, and the mix of what is tried.
_NO_CATEGORY = {"experience": 0.15, "flagship": 0.35, "standard": 0.55}
_CATEGORY_MIX = {
    "experience": {"appliances": 0.30, "beauty": 0.22, "sports": 0.12, "home": 0.10,
                   "fresh": 0.06, "apparel": 0.06, "snacks": 0.05, "nut_gifts": 0.04,
                   "baby": 0.03, "imported": 0.02},
    "flagship": {"appliances": 0.15, "beauty": 0.13, "apparel": 0.12, "home": 0.10,
                 "fresh": 0.10, "snacks": 0.10, "nut_gifts": 0.08, "sports": 0.08,
                 "baby": 0.07, "imported": 0.07},
    "standard": {"fresh": 0.30, "snacks": 0.20, "imported": 0.10, "nut_gifts": 0.08,
                 "home": 0.08, "baby": 0.08, "beauty": 0.06, "apparel": 0.04,
                 "appliances": 0.03, "sports": 0.03},
}
_DWELL_MEDIAN_MIN = {"experience": 32.0, "flagship": 24.0, "standard": 12.0}
DWELL_SIGMA = 0.55

# PLANTED: probability that an identified visitor who tried a category buys it online within
# 14 days of the visit.
POST_VISIT_DAYS = 14.0
POST_VISIT_RATE = {"appliances": 0.20, "beauty": 0.10}
POST_VISIT_RATE_DEFAULT = 0.05
APP_SHARE_ONLINE = 0.6  # rest through the mini program

FOLLOWUP_COLUMNS = ["customer_id", "ordered_at", "channel", "store_id", "category", "kind"]


def generate_stores(ctx: DemoContext, cities: pd.DataFrame) -> pd.DataFrame:
    """One row per store: about 24 stores in tier-1 and tier-2 cities; about a third opened
    before the history starts, the rest spread across it (for before/after comparisons)."""
    rng = ctx.rng("stores")
    frame = pd.DataFrame(_STORES, columns=["city", "district_zh", "district_en", "store_format"])
    frame = frame.merge(cities[["city", "city_en", "latitude", "longitude"]], on="city")
    n = len(frame)
    suffix_zh = frame["store_format"].map(lambda f: _FORMAT_NAME[f][0])
    suffix_en = frame["store_format"].map(lambda f: _FORMAT_NAME[f][1])
    lat, lon = _near_centre(rng, frame["latitude"].to_numpy(), frame["longitude"].to_numpy())
    low = frame["store_format"].map(lambda f: _FLOOR_SQM[f][0]).to_numpy(float)
    high = frame["store_format"].map(lambda f: _FLOOR_SQM[f][1]).to_numpy(float)
    out = pd.DataFrame({
        "store_id": np.arange(1, n + 1, dtype=np.int64),
        "name_zh": frame["city"] + frame["district_zh"] + suffix_zh,
        "name_en": frame["city_en"] + " " + frame["district_en"] + " " + suffix_en,
        "city": frame["city"],
        "latitude": lat,
        "longitude": lon,
        "store_format": frame["store_format"],
        "opened_on": _opening_dates(ctx, rng, n),
        "floor_area_sqm": np.round(rng.uniform(low, high), -1),
    })
    log.info("generated %d stores", n)
    return out[generated_columns(stores)]


def _near_centre(rng: np.random.Generator, lat: np.ndarray,
                 lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points jittered around the city centres, pulled back to at most STORE_MAX_KM away."""
    new_lat, new_lon = geo.jitter_km(rng, lat, lon, STORE_JITTER_SD_KM)
    dist = geo.haversine_km(lat, lon, new_lat, new_lon)
    shrink = np.minimum(1.0, STORE_MAX_KM / np.maximum(dist, 1e-9))
    return lat + (new_lat - lat) * shrink, lon + (new_lon - lon) * shrink


def _opening_dates(ctx: DemoContext, rng: np.random.Generator, n: int) -> list:
    """About a third 3 months to 3 years before ctx.start; the rest between 2 months after
    ctx.start and 4 months before ctx.end."""
    span = (ctx.end - ctx.start).days
    offsets = np.sort(rng.uniform(60, max(61, span - 120), n)).astype(int)
    pre = rng.permutation(n)[: round(n / 3)]
    offsets[pre] = -rng.integers(90, 3 * 365, len(pre))
    return [ctx.start + timedelta(days=int(d)) for d in offsets]


def generate_visits(ctx: DemoContext, stores: pd.DataFrame, customers: pd.DataFrame,
                    products: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Store visits (one row per visit, `store_visits` columns) and the orders they cause
    (one row per order: FOLLOWUP_COLUMNS).

    Anonymous visits never buy in the store: new-retail stores take payment through the member
    app, so an in-store purchase always identifies the member."""
    rng = ctx.rng("visits")
    n = round(VISITS_PER_ORDER * ctx.n_orders)
    store_idx, days = _visit_days(ctx, rng, stores, n)
    visited_at = _arrival_times(rng, days)
    order = np.lexsort((store_idx, visited_at))
    store_idx, visited_at = store_idx[order], visited_at[order]
    fmt = pd.Categorical(stores["store_format"], categories=STORE_FORMATS).codes[store_idx]
    customer_id = _visitors(ctx, stores, customers, store_idx, visited_at)
    cats = _available_categories(products)
    cat_code = _experienced(ctx.rng("visit_categories"), fmt, cats, allow_none=True)
    dwell = _dwell_minutes(ctx.rng("visit_dwell"), fmt)
    bought = (ctx.rng("visit_buy").random(n) < OFFLINE_BUY_RATE) & customer_id.notna()
    visits = pd.DataFrame({
        "visit_id": np.arange(1, n + 1, dtype=np.int64),
        "store_id": stores["store_id"].to_numpy(np.int64)[store_idx],
        "customer_id": customer_id,
        "visited_at": visited_at,
        "dwell_minutes": dwell,
        "category_experienced": _names(cats, cat_code),
        "is_bought_offline": bought.to_numpy(bool),
    })
    followups = _followups(ctx, visits, fmt, cats, cat_code)
    log.info("generated %d visits, %d follow-up orders", len(visits), len(followups))
    return visits[generated_columns(store_visits)], followups


def _available_categories(products: pd.DataFrame) -> list[str]:
    present = set(products["category"].unique())
    return [c for c in CATEGORIES if c in present]


def _names(names: list[str], codes: np.ndarray) -> pd.Series:
    """Strings from codes into `names`; null where the code is -1."""
    return pd.Series(pd.array(names, dtype="str").take(codes, allow_fill=True), dtype="str")


def _visit_days(ctx: DemoContext, rng: np.random.Generator, stores: pd.DataFrame,
                n: int) -> tuple[np.ndarray, np.ndarray]:
    """Draw (store index, day) pairs from a stores × days weight matrix: zero before opening,
    weekend peaks, busier opening weeks."""
    days = ctx.days.to_numpy().astype("datetime64[D]")
    opened = pd.to_datetime(stores["opened_on"]).to_numpy().astype("datetime64[D]")
    age = (days[None, :] - opened[:, None]).astype(int)
    traffic = stores["store_format"].map(_FORMAT_TRAFFIC).to_numpy(float)
    weekday = _WEEKDAY_FACTOR[ctx.days.day_of_week.to_numpy()]
    weights = traffic[:, None] * weekday[None, :] * (age >= 0)
    weights = weights * np.where((age >= 0) & (age < _OPENING_BUZZ_DAYS), _OPENING_BUZZ, 1.0)
    flat = weights.ravel() / weights.sum()
    cell = rng.choice(flat.size, size=n, p=flat)
    return cell // len(days), days[cell % len(days)]


def _arrival_times(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Arrival time within opening hours: lunch and evening peaks on weekdays, afternoon on
    weekends."""
    weekend = pd.DatetimeIndex(days).day_of_week.to_numpy() >= 5
    u = rng.random(len(days))
    cdf_wd = np.cumsum(_HOUR_WEEKDAY) / _HOUR_WEEKDAY.sum()
    cdf_we = np.cumsum(_HOUR_WEEKEND) / _HOUR_WEEKEND.sum()
    hour_idx = np.where(weekend, np.searchsorted(cdf_we, u), np.searchsorted(cdf_wd, u))
    hours = _HOURS[np.minimum(hour_idx, len(_HOURS) - 1)]
    seconds = hours * 3600 + rng.integers(0, 3600, len(days))
    return days.astype("datetime64[ns]") + seconds.astype("timedelta64[s]")


def _visitors(ctx: DemoContext, stores: pd.DataFrame, customers: pd.DataFrame,
              store_idx: np.ndarray, visited_at: np.ndarray) -> pd.Series:
    """Customer id for identified visits (null for anonymous): mostly members living within
    NEAR_KM of the store, the rest within WIDE_KM; only members signed up by the visit day."""
    rng = ctx.rng("visitors")
    n = len(store_idx)
    identified = rng.random(n) < IDENTIFIED_SHARE
    near = rng.random(n) < NEAR_SHARE
    pick = rng.random(n)
    out = np.full(n, -1, dtype=np.int64)
    signup = pd.to_datetime(customers["signup_date"]).to_numpy().astype("datetime64[D]")
    order = np.argsort(signup, kind="stable")
    ids = customers["customer_id"].to_numpy(np.int64)[order]
    signup = signup[order]
    home = customers[["home_latitude", "home_longitude"]].to_numpy(float)[order]
    visit_day = visited_at.astype("datetime64[D]")
    counts = np.bincount(store_idx, minlength=len(stores))
    by_store = np.split(np.argsort(store_idx, kind="stable"), np.cumsum(counts)[:-1])
    for s, store_rows in enumerate(by_store):  # one pass per store, vectorised over its visits
        dist = geo.haversine_km(stores["latitude"].iat[s], stores["longitude"].iat[s],
                                home[:, 0], home[:, 1])
        for radius, want_near in ((NEAR_KM, True), (WIDE_KM, False)):
            rows = store_rows[identified[store_rows] & (near[store_rows] == want_near)]
            pool = np.flatnonzero(dist <= radius)  # still in signup order
            eligible = np.searchsorted(signup[pool], visit_day[rows], side="right")
            ok = eligible > 0
            chosen = pool[np.minimum((pick[rows] * eligible).astype(int), eligible - 1)[ok]]
            out[rows[ok]] = ids[chosen]
    return pd.Series(out, dtype="Int64").mask(out < 0)


def _experienced(rng: np.random.Generator, fmt: np.ndarray, cats: list[str],
                 allow_none: bool) -> np.ndarray:
    """Code (index into `cats`) of the category tried per visit, from its store format's mix
    (format codes index STORE_FORMATS); -1 for no category."""
    out = np.full(len(fmt), -1, dtype=np.int64)
    if not cats:
        return out
    u_none, u_cat = rng.random(len(fmt)), rng.random(len(fmt))
    for code, name in enumerate(STORE_FORMATS):
        rows = np.flatnonzero(fmt == code)
        weights = np.array([_CATEGORY_MIX[name].get(c, 0.01) for c in cats])
        cdf = np.cumsum(weights) / weights.sum()
        picked = np.minimum(np.searchsorted(cdf, u_cat[rows]), len(cats) - 1)
        if allow_none:
            picked[u_none[rows] < _NO_CATEGORY[name]] = -1
        out[rows] = picked
    return out


def _dwell_minutes(rng: np.random.Generator, fmt: np.ndarray) -> np.ndarray:
    median = np.array([_DWELL_MEDIAN_MIN[f] for f in STORE_FORMATS])[fmt]
    dwell = median * np.exp(rng.normal(0.0, DWELL_SIGMA, len(fmt)))
    return np.round(np.clip(dwell, 1.0, 240.0), 1)


def post_visit_rate(category: str) -> float:
    """Planted probability of an online purchase of `category` within 14 days of trying it."""
    return POST_VISIT_RATE.get(category, POST_VISIT_RATE_DEFAULT)


def _followups(ctx: DemoContext, visits: pd.DataFrame, fmt: np.ndarray, cats: list[str],
               cat_code: np.ndarray) -> pd.DataFrame:
    """One row per order caused by a visit: in-store purchases and planted online purchases."""
    end_ts = pd.Timestamp(ctx.end) + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    frames = [_offline_purchases(ctx, visits, fmt, cats, cat_code, end_ts),
              _post_visit_online(ctx, visits, cats, cat_code, end_ts)]
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values("ordered_at", kind="stable", ignore_index=True)
    return out[FOLLOWUP_COLUMNS]


def _offline_purchases(ctx: DemoContext, visits: pd.DataFrame, fmt: np.ndarray,
                       cats: list[str], cat_code: np.ndarray,
                       end_ts: pd.Timestamp) -> pd.DataFrame:
    """In-store purchase at the end of the visit: the category tried, or else one from the
    store format's mix."""
    rows = np.flatnonzero(visits["is_bought_offline"].to_numpy(bool))
    fallback = _experienced(ctx.rng("visit_offline_category"), fmt[rows], cats,
                            allow_none=False)
    code = np.where(cat_code[rows] >= 0, cat_code[rows], fallback)
    bought = visits.iloc[rows]
    ordered_at = bought["visited_at"] + pd.to_timedelta(bought["dwell_minutes"], unit="min")
    return pd.DataFrame({
        "customer_id": bought["customer_id"].to_numpy(np.int64),
        "ordered_at": ordered_at.clip(upper=end_ts).dt.round("s").to_numpy(),
        "channel": "offline_store",
        "store_id": pd.array(bought["store_id"], dtype="Int64"),
        "category": _names(cats, code).array,
        "kind": "offline_purchase",
    })


def _post_visit_online(ctx: DemoContext, visits: pd.DataFrame, cats: list[str],
                       cat_code: np.ndarray, end_ts: pd.Timestamp) -> pd.DataFrame:
    """PLANTED: identified visitors who tried a category buy it online within 14 days."""
    rng = ctx.rng("visit_followups")
    n = len(visits)
    u, delay_days, u_channel = rng.random(n), rng.uniform(0.5, POST_VISIT_DAYS, n), rng.random(n)
    rates = np.array([post_visit_rate(c) for c in cats] + [0.0])  # code -1: nothing tried
    ordered_at = visits["visited_at"] + pd.to_timedelta(delay_days, unit="D").round("s")
    hit = (visits["customer_id"].notna().to_numpy() & (u < rates[cat_code])
           & (ordered_at <= end_ts).to_numpy())
    for cat in cats:
        ctx.plant(f"o2o_post_visit_rate_{cat}", post_visit_rate(cat),
                  "probability within 14 days",
                  f"Identified store visitors who tried {cat} in the experience zone buy it "
                  "online (app or mini program) within 14 days with this probability")
    return pd.DataFrame({
        "customer_id": visits["customer_id"][hit].to_numpy(np.int64),
        "ordered_at": ordered_at[hit].to_numpy(),
        "channel": np.where(u_channel[hit] < APP_SHARE_ONLINE, "app", "mini_program"),
        "store_id": pd.array([pd.NA] * int(hit.sum()), dtype="Int64"),
        "category": _names(cats, cat_code[hit]).array,
        "kind": "post_visit_online",
    })
