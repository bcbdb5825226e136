"""Choosing the forecast from the backtest: the best single model, or the median or the
inverse-MASE-weighted mean of the best few (combinations won the M4 competition), whichever
has the lowest MASE over the rolling origins.

A combination is named by its label, `median(a+b+c)` or `weighted(a+b+c)`, which is what the
batch store keeps; `parse_label` reads it back and `weights_for` recomputes the weights from
the members' backtest MASE, so the page explains a stored forecast the way it explains a
fresh one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cockpit.forecast.backtest import Folds, score

SINGLE, MEDIAN, WEIGHTED = "single", "median", "weighted"
BEST_K = 3
# a single model must beat the best combination's backtest MASE by this share to be chosen:
# a few origins are little evidence, and a combination's error varies less out of sample
SINGLE_MARGIN = 0.03
_LABEL = re.compile(r"^(median|weighted)\((.+)\)$")


@dataclass(frozen=True)
class Choice:
    """The forecast chosen: its label, kind (single, median, weighted), member models and
    their weights (summing to 1; equal for a median), and its backtest MASE."""

    label: str
    kind: str
    members: tuple[str, ...]
    weights: tuple[float, ...]
    mase: float


def label_of(kind: str, members: tuple[str, ...]) -> str:
    """`name` for a single model, `median(a+b)` / `weighted(a+b)` for a combination."""
    return members[0] if kind == SINGLE else f"{kind}({'+'.join(members)})"


def parse_label(label: str) -> tuple[str, tuple[str, ...]]:
    """(kind, members) of a label written by `label_of`."""
    found = _LABEL.match(label)
    if found is None:
        return SINGLE, (label,)
    return found.group(1), tuple(found.group(2).split("+"))


def weights_for(kind: str, mase: list[float]) -> tuple[float, ...]:
    """Equal weights for a median or a single model, 1/MASE (normalised) for a weighted mean."""
    if kind != WEIGHTED:
        return tuple(1.0 / len(mase) for _ in mase)
    inverse = np.array([1.0 / max(m, 1e-9) for m in mase])
    return tuple(float(w) for w in inverse / inverse.sum())


def combine(forecasts: list[np.ndarray], kind: str, weights: tuple[float, ...]) -> np.ndarray:
    """The members' forecasts (same length) combined as `kind`."""
    stack = np.vstack([np.asarray(f, float) for f in forecasts])
    if kind == MEDIAN:
        return np.median(stack, axis=0)
    return np.average(stack, axis=0, weights=np.asarray(weights))


def ranked(metrics: pd.DataFrame) -> list[str]:
    """Models with a finite backtest MASE, most accurate first (ties: table order)."""
    finite = metrics[np.isfinite(metrics["mase"].astype(float))]
    return finite.sort_values("mase", kind="stable")["model"].tolist()


def combinations(folds: Folds, metrics: pd.DataFrame, k: int = BEST_K
                 ) -> list[tuple[Choice, list[np.ndarray], tuple[float, float, float]]]:
    """The median and the weighted mean of the best `k` models: for each, the choice, its
    forecast per fold and its backtest (MAPE, WAPE, MASE)."""
    best = ranked(metrics)[:k]
    if len(best) < 2:
        return []
    mase = metrics.set_index("model")["mase"]
    out = []
    for kind in (MEDIAN, WEIGHTED):
        members = tuple(best)
        weights = weights_for(kind, [float(mase[m]) for m in members])
        per_fold = [combine([folds.predicted[m][i] for m in members], kind, weights)
                    for i in range(len(folds.cuts))]
        scores = score(folds, per_fold)
        out.append((Choice(label_of(kind, members), kind, members, weights, scores[2]),
                    per_fold, scores))
    return out


def choose(folds: Folds, metrics: pd.DataFrame, k: int = BEST_K
           ) -> tuple[Choice, list[np.ndarray], pd.DataFrame]:
    """The chosen forecast, its per-fold forecasts (for the interval) and the metrics table
    with the combinations' rows added. The lowest backtest MASE wins; a single model needs to
    beat the best combination by SINGLE_MARGIN."""
    order = ranked(metrics)
    combos = combinations(folds, metrics, k)
    table = pd.concat([metrics, pd.DataFrame([(c.label, *s) for c, _, s in combos],
                                             columns=metrics.columns)], ignore_index=True) \
        if combos else metrics
    best_single = order[0]
    single_mase = float(metrics.set_index("model").at[best_single, "mase"])
    single = Choice(best_single, SINGLE, (best_single,), (1.0,), single_mase)
    if not combos:
        return single, folds.predicted[best_single], table
    combo, per_fold, _ = min(combos, key=lambda c: c[0].mase)
    if single_mase < (1 - SINGLE_MARGIN) * combo.mase:
        return single, folds.predicted[best_single], table
    return combo, per_fold, table
