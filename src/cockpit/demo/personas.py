"""Planted scene-based personas: when each buys, what, and through which channel.

This is ground truth: the true persona of each customer goes to `truth_customers` only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cockpit.warehouse.schema import AGE_BANDS, CATEGORIES


@dataclass(frozen=True)
class Persona:
    name: str
    share: float                 # share of customers
    hour_peaks: tuple[tuple[float, float, float], ...]  # (hour, sd, weight)
    weekend_factor: float        # order intensity on Sat/Sun relative to weekdays
    category_mix: dict[str, float]
    festival_factor: float       # extra sensitivity to festival windows
    age_weights: tuple[float, ...]
    orders_per_year: float       # mean purchase rate while alive
    live_affinity: float         # relative chance of being a live-stream buyer
    sustainable_bias: float      # weight multiplier on sustainable products


PERSONAS: tuple[Persona, ...] = (
    Persona("family", 0.22, ((8.0, 0.8, 0.7), (19.5, 1.0, 0.3)), 1.35,
            {"fresh": 0.45, "baby": 0.22, "snacks": 0.08, "home": 0.12, "appliances": 0.03,
             "imported": 0.05, "nut_gifts": 0.05}, 1.0, (0.02, 0.35, 0.5, 0.1, 0.03), 9.0, 0.6,
            1.0),
    Persona("overtime", 0.18, ((22.3, 0.9, 0.85), (12.5, 0.8, 0.15)), 0.7,
            {"snacks": 0.55, "imported": 0.10, "home": 0.08, "apparel": 0.10, "beauty": 0.07,
             "fresh": 0.05, "nut_gifts": 0.05}, 1.0, (0.2, 0.6, 0.15, 0.04, 0.01), 8.0, 1.3, 1.0),
    Persona("fitness", 0.12, ((6.8, 0.6, 0.5), (18.8, 0.8, 0.5)), 1.1,
            {"sports": 0.40, "fresh": 0.25, "snacks": 0.10, "apparel": 0.15, "beauty": 0.05,
             "home": 0.05}, 0.8, (0.3, 0.5, 0.15, 0.04, 0.01), 7.0, 0.8, 1.0),
    Persona("eco", 0.12, ((10.5, 2.0, 0.6), (20.5, 1.5, 0.4)), 1.0,
            {"home": 0.30, "fresh": 0.25, "apparel": 0.20, "beauty": 0.15, "baby": 0.05,
             "sports": 0.05}, 0.8, (0.25, 0.45, 0.2, 0.08, 0.02), 6.0, 0.7, 12.0),
    Persona("gift", 0.12, ((15.0, 2.5, 1.0),), 1.0,
            {"nut_gifts": 0.45, "imported": 0.15, "beauty": 0.15, "appliances": 0.10,
             "home": 0.10, "apparel": 0.05}, 3.0, (0.03, 0.2, 0.35, 0.3, 0.12), 4.0, 1.2, 1.0),
    Persona("none", 0.24, ((11.0, 4.0, 0.5), (20.0, 3.0, 0.5)), 1.0,
            {c: 1.0 / len(CATEGORIES) for c in CATEGORIES}, 1.0, (0.2, 0.3, 0.25, 0.15, 0.1),
            5.0, 1.0, 1.0),
)
NAMES = tuple(p.name for p in PERSONAS)


def category_matrix() -> np.ndarray:
    """personas × categories probabilities (rows sum to 1)."""
    mat = np.array([[p.category_mix.get(c, 0.0) for c in CATEGORIES] for p in PERSONAS])
    return mat / mat.sum(axis=1, keepdims=True)


def hour_matrix() -> np.ndarray:
    """personas × 24 hour-of-day probabilities (mixtures of circular normal peaks)."""
    hours = np.arange(24) + 0.5
    out = np.zeros((len(PERSONAS), 24))
    for i, p in enumerate(PERSONAS):
        for peak, sd, weight in p.hour_peaks:
            dist = np.minimum(np.abs(hours - peak), 24 - np.abs(hours - peak))
            out[i] += weight * np.exp(-0.5 * (dist / sd) ** 2)
        out[i] += 0.01
    return out / out.sum(axis=1, keepdims=True)


def age_matrix() -> np.ndarray:
    mat = np.array([p.age_weights for p in PERSONAS])
    assert mat.shape[1] == len(AGE_BANDS)
    return mat / mat.sum(axis=1, keepdims=True)


def sample_grouped(rng: np.random.Generator, keys: np.ndarray, probs_for) -> np.ndarray:
    """For each element of `keys`, draw an index from the distribution `probs_for(key)`;
    one vectorised draw per distinct key."""
    out = np.empty(len(keys), dtype=np.int64)
    for key in np.unique(keys):
        mask = keys == key
        probs = np.asarray(probs_for(key), dtype=float)
        out[mask] = rng.choice(len(probs), size=int(mask.sum()), p=probs / probs.sum())
    return out
