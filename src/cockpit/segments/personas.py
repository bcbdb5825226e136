"""Scene-based personas (场景化画像): who buys when, what, how, and in which words.

`personas(conn, f, k)` clusters customers on behaviour (see `persona_features` for the SQL
and `persona_model` for the mixture model), chooses the number of personas by ICL unless
`k` is given, names each persona and flags personas too small to act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sklearn.feature_extraction.text import CountVectorizer
from threadpoolctl import threadpool_limits

from cockpit.filters import Filters
from cockpit.segments import persona_model as model
from cockpit.segments import persona_naming as naming
from cockpit.segments.persona_features import (
    CATEGORY_FEATURES,
    HOUR_BANDS,
    customer_counts,
    review_documents,
    shares,
)

SEED = 20261124
K_RANGE = range(2, 11)             # candidate numbers of personas
SCAN_SAMPLE = 3_000                # customers used to score each k
FIT_SAMPLE = 10_000                # customers used to fit the chosen model; all are assigned
TEXT_WEIGHT = 0.3                  # review bigrams overlap (a 4-character phrase gives 3)
TEXT_MIN_DF = 5                    # a bigram must appear in 5 customers' reviews
MIN_SHARE, MIN_CUSTOMERS = 0.03, 30  # below both → flagged "small"
REVIEW_WORDS = 5                   # distinctive review phrases shown per persona
MAX_WORD_CHARS = 8
_PUNCTUATION = re.compile(r"[，。、！？；：,.!?;:\s]+")


@dataclass(frozen=True)
class PersonaResult:
    """assignments: (customer_id, persona_id); profiles: one row per persona (persona_id,
    name_zh, name_en, customers, share, small, top_categories, defining, review_words);
    features: (persona_id, feature, value, average, lift); k_scores: (k, score = ICL, lower
    is better); k: personas shown; k_chosen: the ICL choice."""

    assignments: pd.DataFrame
    profiles: pd.DataFrame
    features: pd.DataFrame
    k_scores: pd.DataFrame
    k: int
    k_chosen: int


def _pair(counts: pd.DataFrame, hit: str, total: str) -> np.ndarray:
    return np.column_stack([counts[hit], counts[total] - counts[hit]]).clip(min=0)


def behaviour_blocks(counts: pd.DataFrame) -> list[model.Block]:
    """The count blocks of the behaviour features, in customer order of `counts`."""
    hours = [f"hour_{b}" for b, _, _ in HOUR_BANDS]
    return [
        model.Block("hour", counts[hours].to_numpy(), 1.0, tuple(hours)),
        model.Block("weekend", _pair(counts, "weekend", "orders")),
        model.Block("category", counts[list(CATEGORY_FEATURES)].to_numpy(), 1.0,
                    CATEGORY_FEATURES),
        model.Block("sustainable", _pair(counts, "sustainable", "lines")),
        model.Block("multi_category", _pair(counts, "multi_category", "orders")),
        model.Block("green_delivery", _pair(counts, "green_delivery", "shipped")),
    ]


def text_block(docs: pd.Series, index: pd.Index, fit_rows: np.ndarray) -> model.Block | None:
    """Character-bigram counts of each customer's reviews (bigrams within a clause), the
    vocabulary learnt on the fitting sample; None without enough text."""
    text = docs.reindex(index).fillna("")
    vectorizer = CountVectorizer(analyzer=_bigrams)
    try:  # one pass over all texts; the vocabulary is then cut to the sample's min_df
        counts = vectorizer.fit_transform(text).tocsr()
    except ValueError:  # no text at all
        return None
    keep = np.asarray((counts[fit_rows] > 0).sum(axis=0)).ravel() >= TEXT_MIN_DF
    if not keep.any():
        return None
    return model.Block("review", counts[:, keep].astype(np.float64), TEXT_WEIGHT,
                       tuple(vectorizer.get_feature_names_out()[keep]))


def _bigrams(text: str) -> list[str]:
    """scikit-learn's char_wb bigrams of the text's clauses (each padded with a space),
    a clause's bigrams computed once: reviews repeat a small set of phrases."""
    return [g for clause in _PUNCTUATION.sub(" ", text).split() for g in _clause_bigrams(clause)]


@lru_cache(maxsize=65536)
def _clause_bigrams(clause: str) -> tuple[str, ...]:
    padded = f" {clause} "
    return tuple(padded[i:i + 2] for i in range(len(padded) - 1))


def _sample(n: int, size: int, salt: int) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(SEED + salt).choice(n, size, replace=False))


def _rows(blocks: list[model.Block], idx: np.ndarray) -> list[model.Block]:
    return [b.rows(idx) for b in blocks]


def personas(conn: sa.Connection, f: Filters, k: int | None = None) -> PersonaResult:
    """Cluster the customers with self-initiated orders in the feature window of `f`
    (at least two years ending at f.end) into personas; `k` overrides the ICL choice."""
    counts = customer_counts(conn, f)
    n = len(counts)
    if n < 2 * min(K_RANGE):
        return _empty()
    fit_rows = _sample(n, FIT_SAMPLE, 1)
    blocks = behaviour_blocks(counts)
    docs = review_documents(conn, f)
    text = text_block(docs, counts.index, fit_rows)
    if text is not None:
        blocks.append(text)
    ks = range(min(K_RANGE), min(max(K_RANGE), n // 2) + 1)
    # one thread: k-means' OpenMP threads and BLAS stall on a busy 2-core server
    with threadpool_limits(1):
        scores = model.scan(_rows(blocks, _sample(n, SCAN_SAMPLE, 2)), ks, SEED)
        k_chosen = int(scores.loc[scores["icl"].idxmin(), "k"])
        k_used = k_chosen if k is None else int(np.clip(k, min(ks), max(ks)))
        mixture = model.fit(_rows(blocks, fit_rows), k_used, SEED)
        labels = _by_size(model.responsibilities(blocks, mixture).argmax(axis=1))
    assignments = pd.DataFrame({"customer_id": counts.index.to_numpy(np.int64),
                                "persona_id": labels})
    return _result(counts, assignments, docs, scores, k_chosen)


def _by_size(labels: np.ndarray) -> np.ndarray:
    """Relabel 1..k from the largest persona to the smallest (ties by label)."""
    sizes = np.bincount(labels)
    order = sorted(np.flatnonzero(sizes), key=lambda c: (-sizes[c], c))
    mapping = np.zeros(len(sizes), dtype=np.int64)
    mapping[order] = np.arange(1, len(order) + 1)
    return mapping[labels]


def _result(counts: pd.DataFrame, assignments: pd.DataFrame, docs: pd.Series,
            scores: pd.DataFrame, k_chosen: int) -> PersonaResult:
    features = shares(counts)
    labels = assignments.set_index("customer_id")["persona_id"]
    table = naming.feature_table(features, labels)
    profiles = _profiles(features, labels, table)
    words = _review_words(docs, assignments)
    profiles["review_words"] = profiles["persona_id"].map(words).fillna("")
    return PersonaResult(assignments, profiles, table,
                         scores.rename(columns={"icl": "score"})[["k", "score"]],
                         int(profiles["persona_id"].nunique()), k_chosen)


def _profiles(features: pd.DataFrame, labels: pd.Series, table: pd.DataFrame) -> pd.DataFrame:
    sizes = labels.value_counts().sort_index()
    lifts = table.pivot(index="persona_id", columns="feature", values="lift")
    values = table.pivot(index="persona_id", columns="feature", values="value")
    names = naming.unique_names([naming.name(lifts.loc[p], values.loc[p])
                                 for p in sizes.index])
    total = int(sizes.sum())
    return pd.DataFrame({
        "persona_id": sizes.index.astype(np.int64),
        "name_zh": [z for z, _ in names], "name_en": [e for _, e in names],
        "customers": sizes.to_numpy(np.int64),
        "share": sizes.to_numpy() / total,
        "small": (sizes.to_numpy() < max(MIN_CUSTOMERS, MIN_SHARE * total)),
        "top_categories": naming.top_categories(features, labels).reindex(sizes.index).tolist(),
        "defining": [naming.defining(lifts.loc[p]) for p in sizes.index],
    })


def _clauses(text: str) -> list[str]:
    return [c for c in _PUNCTUATION.split(text) if 2 <= len(c) <= MAX_WORD_CHARS]


def _review_words(docs: pd.Series, assignments: pd.DataFrame) -> dict[int, str]:
    """Per persona, the review phrases (clauses) used by at least TEXT_MIN_DF of its
    customers and at least twice as often as by all customers, most over-represented first."""
    labels = assignments.set_index("customer_id")["persona_id"]
    docs = docs[docs.index.isin(labels.index)]
    if docs.empty:
        return {}
    vectorizer = CountVectorizer(analyzer=_clauses, binary=True)
    used = vectorizer.fit_transform(docs)
    words = vectorizer.get_feature_names_out()
    persona = labels.reindex(docs.index).to_numpy()
    sizes = labels.value_counts()
    overall = np.asarray(used.sum(axis=0)).ravel() / len(labels)
    out = {}
    for pid, size in sizes.items():
        hits = np.asarray(used[persona == pid].sum(axis=0)).ravel()
        lift = (hits / size) / np.maximum(overall, 1e-12)
        keep = (hits >= TEXT_MIN_DF) & (lift >= 2.0)
        best = np.argsort(-np.where(keep, lift, -np.inf))[:REVIEW_WORDS]
        out[int(pid)] = "、".join(words[j] for j in best if keep[j])
    return out


def _empty() -> PersonaResult:
    empty = pd.DataFrame({"customer_id": pd.Series(dtype="int64"),
                          "persona_id": pd.Series(dtype="int64")})
    profiles = pd.DataFrame(columns=["persona_id", "name_zh", "name_en", "customers", "share",
                                     "small", "top_categories", "defining", "review_words"])
    features = pd.DataFrame(columns=["persona_id", "feature", "value", "average", "lift"])
    return PersonaResult(empty, profiles, features,
                         pd.DataFrame({"k": pd.Series(dtype="int64"),
                                       "score": pd.Series(dtype="float64")}), 0, 0)


def persona_value(result: PersonaResult, clv: pd.DataFrame) -> pd.DataFrame:
    """One row per persona_id: mean P(alive) and mean CLV (CNY) of its customers, from
    `cockpit.clv.warehouse.customer_clv` scores; empty when there are no scores."""
    if clv.empty:
        return pd.DataFrame(columns=["p_alive", "clv"])
    merged = result.assignments.merge(clv[["customer_id", "p_alive", "clv"]], on="customer_id")
    return merged.groupby("persona_id")[["p_alive", "clv"]].mean()
