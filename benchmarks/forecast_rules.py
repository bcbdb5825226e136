"""Other selection rules scored on the fits `forecast_panel.py` made, without refitting:
each rule picks from the same candidates' held-out forecasts, using only the backtest
metrics `forecast_series` saw. Prints geometric-mean MASE per frequency, as the panel does.

    .venv/bin/python benchmarks/forecast_panel.py --jobs 2 --origins 2
    .venv/bin/python benchmarks/forecast_rules.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

PANEL = Path(__file__).parent / "out" / "forecast_panel.json"
SINGLES = ("prophet_multiplicative", "prophet_additive", "auto_ets", "auto_theta",
           "auto_arima", "seasonal_naive")
CLASSICAL = ("auto_ets", "auto_theta", "auto_arima")
Rule = Callable[[dict[str, np.ndarray], pd.Series], np.ndarray]


def gmean(values) -> float:
    values = np.asarray(list(values), float)
    return float(np.exp(np.mean(np.log(np.maximum(values, 1e-9)))))


def _weighted(forecasts: dict[str, np.ndarray], mase: pd.Series, power: float = 1.0
              ) -> np.ndarray:
    weights = 1 / np.maximum(mase.to_numpy(float), 1e-9) ** power
    return sum(w * forecasts[m] for w, m in zip(weights / weights.sum(), mase.index,
                                                strict=True))


RULES: dict[str, Rule] = {
    "best single by backtest": lambda f, mase: f[mase.index[0]],
    "median of the best three": lambda f, mase: np.median([f[m] for m in mase.index[:3]], 0),
    "1/MASE mean of the best three": lambda f, mase: _weighted(f, mase.iloc[:3]),
    "mean of the best three": lambda f, mase: np.mean([f[m] for m in mase.index[:3]], 0),
    "median of ETS, Theta, ARIMA": lambda f, mase: np.median([f[m] for m in CLASSICAL], 0),
}


def score(rows: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """One row per series and origin: the rule's held-out MASE."""
    out = []
    for _, ours in rows[rows["method"] == "forecast_series"].iterrows():
        same = rows[(rows["series"] == ours["series"]) & (rows["cut"] == ours["cut"])]
        forecasts = {m: np.asarray(same.loc[same["method"] == m, "forecast"].iloc[0], float)
                     for m in SINGLES}
        backtest = pd.DataFrame(ours["backtest"]).set_index("model")["mase"]
        ranked = backtest.reindex(list(SINGLES)).dropna().sort_values()
        error = np.abs(np.asarray(ours["actual"], float) - rule(forecasts, ranked))
        out.append((ours["freq"], float(error.mean() / ours["scale"])))
    return pd.DataFrame(out, columns=["freq", "mase"])


def main() -> None:
    rows = pd.DataFrame(json.loads(PANEL.read_text()))
    print("| rule | M | Q | W | D | all |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    ours = rows[rows["method"] == "forecast_series"][["freq", "mase"]]
    for name, scored in [("forecast_series (as chosen)", ours),
                         *[(n, score(rows, r)) for n, r in RULES.items()]]:
        cells = [gmean(scored.loc[scored["freq"] == f, "mase"]) for f in "MQWD"]
        print(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells)
              + f" | {gmean(scored['mase']):.3f} |")


if __name__ == "__main__":
    main()
