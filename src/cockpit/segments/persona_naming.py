"""Persona profiles: defining features against the average, and a name in zh and en.

A persona is named from what sets it apart: the hour band its orders lean to, then the
sustainable-product share or its leading categories, e.g. 清晨运动客群 / "Early-morning sports
shoppers". A persona with nothing that stands out is "all-round".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.segments.persona_features import (
    CATEGORY_FEATURES,
    FEATURES,
    HOUR_BANDS,
)

TIME_LIFT = 1.3        # an hour band names the persona when its share is 1.3× the average
THEME_LIFT = 1.5       # a category (or sustainable products) at 1.5× the average
MAX_THEMES = 2
BROAD_ENTROPY = 0.9    # category mix this close to even (normalised entropy) → all-round
TIME_WORDS = {
    "early_morning": ("清晨", "Early-morning"), "morning": ("上午", "Morning"),
    "midday": ("午间", "Midday"), "afternoon": ("午后", "Afternoon"),
    "evening": ("傍晚", "Evening"), "late_night": ("深夜", "Late-night"),
}
THEME_WORDS = {
    "sustainable": ("环保", "eco-minded"), "fresh": ("生鲜", "fresh-food"),
    "snacks": ("零食", "snack"), "nut_gifts": ("坚果礼盒", "gift-box"),
    "appliances": ("家电", "appliance"), "apparel": ("服饰", "fashion"),
    "beauty": ("美妆", "beauty"), "sports": ("运动", "sports"), "home": ("家居", "home"),
    "baby": ("母婴", "baby-care"), "imported": ("进口", "imported-goods"),
}
NOUN = ("客群", "shoppers")
ALL_ROUND = ("泛品类", "All-round")


def feature_table(features: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Long DataFrame(persona_id, feature, value, average, lift): each persona's mean of every
    feature against the mean over all clustered customers."""
    average = features.mean()
    means = features.groupby(labels.reindex(features.index)).mean()
    long = means.stack().rename("value").reset_index()
    long.columns = ["persona_id", "feature", "value"]
    long["average"] = long["feature"].map(average)
    long["lift"] = long["value"] / long["average"].where(long["average"] > 0)
    return long


def _themes(lifts: pd.Series) -> list[str]:
    """Up to MAX_THEMES of sustainable products and categories, strongest lift first."""
    keys = ["sustainable", *CATEGORY_FEATURES]
    ranked = lifts.reindex(keys).dropna().sort_values(ascending=False)
    return [k.removeprefix("cat_") for k, v in ranked.items() if v >= THEME_LIFT][:MAX_THEMES]


def broad(values: pd.Series) -> bool:
    """True when a persona's category mix (mean shares) is nearly even."""
    mix = values.reindex(list(CATEGORY_FEATURES)).fillna(0.0).to_numpy()
    mix = mix[mix > 0] / max(mix.sum(), 1e-12)
    return bool(-(mix * np.log(mix)).sum() / np.log(len(CATEGORY_FEATURES)) >= BROAD_ENTROPY)


def name(lifts: pd.Series, values: pd.Series) -> tuple[str, str]:
    """(name_zh, name_en) from one persona's feature lifts (feature -> value / average) and
    mean feature values."""
    hours = lifts.reindex([f"hour_{b}" for b, _, _ in HOUR_BANDS]).dropna()
    time = hours.idxmax().removeprefix("hour_") if len(hours) and hours.max() >= TIME_LIFT \
        else None
    themes = [] if broad(values) else _themes(lifts)
    if not themes:
        zh, en = ALL_ROUND
        return ((TIME_WORDS[time][0] if time else "") + zh + NOUN[0],
                (f"{TIME_WORDS[time][1]} {en.lower()}" if time else en) + f" {NOUN[1]}")
    zh = (TIME_WORDS[time][0] if time else "") + "".join(THEME_WORDS[t][0] for t in themes)
    en_parts = [TIME_WORDS[time][1]] if time else []
    en_parts.append(" & ".join(THEME_WORDS[t][1] for t in themes))
    en = " ".join(p for p in en_parts if p) + f" {NOUN[1]}"
    return zh + NOUN[0], en[0].upper() + en[1:]


def defining(lifts: pd.Series, n: int = 3) -> tuple[str, ...]:
    """The n features furthest above the average (by lift), strongest first."""
    ranked = lifts.reindex(list(FEATURES)).replace([np.inf], np.nan).dropna()
    ranked = ranked[ranked > 1.0].sort_values(ascending=False)
    return tuple(ranked.index[:n])


def unique_names(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Number repeated names: 深夜零食客群 2 / Late-night snack shoppers 2."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for pair in names:
        seen[pair] = seen.get(pair, 0) + 1
        count = seen[pair]
        out.append(pair if count == 1 else (f"{pair[0]} {count}", f"{pair[1]} {count}"))
    return out


def top_categories(features: pd.DataFrame, labels: pd.Series, n: int = 3) -> pd.Series:
    """Per persona, its n largest categories by mean share of lines (category codes)."""
    means = features[list(CATEGORY_FEATURES)].groupby(labels.reindex(features.index)).mean()
    return means.apply(lambda row: tuple(c.removeprefix("cat_")
                                         for c in row.sort_values(ascending=False).index[:n]),
                       axis=1)
