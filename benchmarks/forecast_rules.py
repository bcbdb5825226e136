"""Selection rules scored on the fits `forecast_panel.py --folds N` stored, without refitting:
each rule sees only the candidates' forecasts on the backtest folds before each cut (the
training data) and combines their held-out forecasts as it decided. Prints geometric-mean
MASE per frequency, as the panel does.

    .venv/bin/python benchmarks/forecast_panel.py --folds 6 --candidates-only \\
        --out forecast_folds.json
    .venv/bin/python benchmarks/forecast_rules.py [out/forecast_folds.json]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from cockpit.forecast import combine
from cockpit.forecast.backtest import Folds, metrics_table

FOLDS = Path(__file__).parent / "out" / "forecast_folds.json"
SINGLES = ("prophet_multiplicative", "prophet_additive", "auto_ets", "auto_theta",
           "auto_arima", "seasonal_naive")
CLASSICAL = ("auto_ets", "auto_theta", "auto_arima")
# a rule: (backtest folds, the candidates' held-out forecasts) -> the held-out forecast
Rule = Callable[[Folds, dict[str, np.ndarray]], np.ndarray]


def gmean(values) -> float:
    values = np.asarray(list(values), float)
    return float(np.exp(np.mean(np.log(np.maximum(values, 1e-9)))))


def last(folds: Folds, n: int) -> Folds:
    """The last `n` folds of `folds` (the ones nearest the cut)."""
    return Folds(folds.cuts[-n:], folds.actual[-n:], folds.scales[-n:],
                 {m: p[-n:] for m, p in folds.predicted.items()})


def _as_chosen(choice: combine.Choice, held_out: dict[str, np.ndarray]) -> np.ndarray:
    return combine.combine([held_out[m] for m in choice.members], choice.kind, choice.weights)


def selection(n_folds: int | None) -> Rule:
    """The package's own choice (`combine.choose`) on the last `n_folds` folds (all: None)."""
    def rule(folds: Folds, held_out: dict[str, np.ndarray]) -> np.ndarray:
        use = last(folds, n_folds) if n_folds else folds
        return _as_chosen(combine.choose(use, metrics_table(use))[0], held_out)
    return rule


def best_single(folds: Folds, held_out: dict[str, np.ndarray]) -> np.ndarray:
    return held_out[combine.ranked(metrics_table(folds))[0]]


def median_of_best(k: int) -> Rule:
    def rule(folds: Folds, held_out: dict[str, np.ndarray]) -> np.ndarray:
        best = combine.ranked(metrics_table(folds))[:k]
        return np.median([held_out[m] for m in best], axis=0)
    return rule


def classical_median(folds: Folds, held_out: dict[str, np.ndarray]) -> np.ndarray:
    return np.median([held_out[m] for m in CLASSICAL], axis=0)


def _fold_mase(folds: Folds, per_fold: list[np.ndarray]) -> float:
    return float(np.mean([np.abs(a - p).mean() / s for a, p, s in
                          zip(folds.actual, per_fold, folds.scales, strict=True)]))


def median_k_by_backtest(folds: Folds, held_out: dict[str, np.ndarray]) -> np.ndarray:
    """The median of the best k, k (1 to 5) with the lowest backtest MASE."""
    order = combine.ranked(metrics_table(folds))
    def per_fold(k: int) -> list[np.ndarray]:
        return [np.median([folds.predicted[m][i] for m in order[:k]], axis=0)
                for i in range(len(folds.cuts))]
    k = min(range(1, min(5, len(order)) + 1), key=lambda k: _fold_mase(folds, per_fold(k)))
    return np.median([held_out[m] for m in order[:k]], axis=0)


def trimmed_median(ratio: float) -> Rule:
    """The median of every model within `ratio` × the best backtest MASE."""
    def rule(folds: Folds, held_out: dict[str, np.ndarray]) -> np.ndarray:
        mase = metrics_table(folds).set_index("model")["mase"].dropna()
        keep = mase[mase <= ratio * mase.min()].index
        return np.median([held_out[m] for m in keep], axis=0)
    return rule


def with_classical_median(n_folds: int | None) -> Rule:
    """The lowest backtest MASE among the package's choice and the classical median."""
    def rule(folds: Folds, held_out: dict[str, np.ndarray]) -> np.ndarray:
        use = last(folds, n_folds) if n_folds else folds
        choice = combine.choose(use, metrics_table(use))[0]
        fixed = [np.median([use.predicted[m][i] for m in CLASSICAL], axis=0)
                 for i in range(len(use.cuts))]
        if _fold_mase(use, fixed) < choice.mase:
            return classical_median(use, held_out)
        return _as_chosen(choice, held_out)
    return rule


RULES: dict[str, Rule] = {
    "selection on the last 3 folds (as before; daily data still)": selection(3),
    "selection on all six folds (now weekly, monthly, quarterly)": selection(None),
    "best single, last 3 folds": lambda f, h: best_single(last(f, 3), h),
    "best single, all folds": best_single,
    "median of the best three, all folds": median_of_best(3),
    "median of ETS, Theta, ARIMA (fixed)": classical_median,
    "median of the best k, k by backtest (all folds)": median_k_by_backtest,
    "median within 1.25x the best (all folds)": trimmed_median(1.25),
    "median within 1.5x the best (all folds)": trimmed_median(1.5),
    "selection or classical median, last 3 folds": with_classical_median(3),
    "selection or classical median, all folds": with_classical_median(None),
}


def tasks(rows: pd.DataFrame):
    """(freq, actual, scale, Folds, held-out forecasts) per series and cut."""
    for (_, _), same in rows[rows["method"].isin(SINGLES)].groupby(["series", "cut"],
                                                                   sort=False):
        first = same.iloc[0]
        folds = Folds(list(range(len(first["fold_actual"]))),
                      [np.asarray(a, float) for a in first["fold_actual"]],
                      list(first["fold_scales"]),
                      {r["method"]: [np.asarray(p, float) for p in r["fold_forecasts"]]
                       for _, r in same.iterrows()})
        held_out = {r["method"]: np.asarray(r["forecast"], float) for _, r in same.iterrows()}
        yield first["freq"], np.asarray(first["actual"], float), first["scale"], folds, held_out


def score(rows: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """One row per series and cut: the rule's held-out MASE."""
    out = [(freq, float(np.abs(actual - rule(folds, held)).mean() / scale))
           for freq, actual, scale, folds, held in tasks(rows)]
    return pd.DataFrame(out, columns=["freq", "mase"])


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    rows = pd.DataFrame(json.loads(Path(argv[0] if argv else FOLDS).read_text()))
    print("| rule | M | Q | W | D | all |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    singles = [(m, rows[rows["method"] == m][["freq", "mase"]]) for m in SINGLES]
    for name, scored in [*[(n, score(rows, r)) for n, r in RULES.items()], *singles]:
        cells = [scored.loc[scored["freq"] == f, "mase"] for f in "MQWD"]
        print(f"| {name} | " + " | ".join(f"{gmean(c):.3f}" if len(c) else "" for c in cells)
              + f" | {gmean(scored['mase']):.3f} |")


if __name__ == "__main__":
    main()
