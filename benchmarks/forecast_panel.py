"""Forecast accuracy on a panel of real series that installed packages ship (no download):
`forecast_series` against each candidate model alone, on held-out windows at each series' end.

    .venv/bin/python benchmarks/forecast_panel.py [--jobs 2] [--origins 2] [--only NAME ...]
        [--freq Q W ...] [--horizon M=24 ...]
        [--base-folds] [--folds N [--candidates-only] --out forecast_folds.json]

Series: pmdarima's AirPassengers, wineind (Australian wine sales), ausbeer, austres, woolyrnq
and monthly sunspots; statsmodels' elec_equip (euro-area electrical equipment orders), elnino
(sea temperature), co2 (weekly, and monthly means of its earlier years), macrodata (US
quarterly, 1959-2009: unemployment rate, real investment, real GDP, real government spending,
CPI, M1 money stock, 3-month T-bill rate), interest_inflation (German long-term interest rate,
quarterly 1972-98) and danish_data (Danish real money, log M2, quarterly 1974-87); lifetimes'
CDNOW purchase log (a CD retailer, 1997-98) as daily orders, daily units and weekly orders;
vega_datasets' US retail trade employment (monthly), Seattle's daily weather (daily and weekly
maximum temperature, weekly precipitation and mean wind) and San Francisco's hourly
temperatures of 2010 (as daily means).
Horizons: 12 months, 8 quarters, 13 weeks, 28 days. Each series is cut at `--origins` origins
(the last horizon, and the one before); every method is fitted on the history before the cut
and scored on the horizon after it: MASE (scale: the training data's in-sample seasonal-naive
error) and whether each held-out point falls in the 80% interval. Prints the tables
benchmarks/README.md shows and writes benchmarks/out/forecast_panel.json (each candidate's
held-out forecast and the backtest metrics the selection saw). With `--folds N` each
candidate's row also keeps its forecasts on N backtest folds before the cut, which
`forecast_rules.py` scores other selection rules on without refitting.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

HORIZON = {"D": 28, "W": 13, "M": 12, "Q": 8}
OUT = Path(__file__).parent / "out"


def _monthly(values, start: str) -> pd.DataFrame:
    values = np.asarray(values, float)
    return pd.DataFrame({"ds": pd.date_range(start, periods=len(values), freq="MS"),
                         "y": values})


def _quarterly(values, start: str) -> pd.DataFrame:
    values = np.asarray(values, float)
    values = values[~np.isnan(values)]
    return pd.DataFrame({"ds": pd.date_range(start, periods=len(values), freq="QS-JAN"),
                         "y": values})


def _cdnow(freq: str, column: str) -> pd.DataFrame:
    import lifetimes

    path = Path(lifetimes.__file__).parent / "datasets" / "CDNOW_master.txt"
    log = pd.read_csv(path, sep=r"\s+", header=0, names=["customer", "day", "cds", "usd"])
    log["ds"] = pd.to_datetime(log["day"].astype(str), format="%Y%m%d")
    log["orders"] = 1.0
    daily = log.groupby("ds")[column].sum().asfreq("D", fill_value=0.0)
    if freq == "W":
        daily = daily.resample("W-SUN").sum().iloc[1:-1]  # whole weeks only
    return pd.DataFrame({"ds": daily.index, "y": daily.to_numpy(float)})


def _frame(series: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"ds": series.index, "y": series.to_numpy(float)})


def _vega() -> dict[str, tuple[str, pd.DataFrame]]:
    """vega_datasets' local files: US employment (monthly), Seattle and San Francisco weather."""
    from vega_datasets import data

    retail = data.us_employment()["retail_trade"].to_numpy(float)
    weather = data.seattle_weather().set_index("date")
    weather["temp_max"] = weather["temp_max"] * 9 / 5 + 32  # °F: demand-like, never negative
    weekly = weather.resample("W-SUN").agg({"temp_max": "mean", "precipitation": "sum",
                                            "wind": "mean"})
    weekly = weekly.iloc[1:-1]  # whole weeks only
    sf_daily = data.sf_temps().set_index("date")["temp"].resample("D").mean()
    return {
        "US retail trade employment": ("M", _monthly(retail, "2006-01-01")),
        "Seattle weekly max temperature (°F)": ("W", _frame(weekly["temp_max"])),
        "Seattle weekly precipitation": ("W", _frame(weekly["precipitation"])),
        "Seattle weekly mean wind": ("W", _frame(weekly["wind"])),
        "Seattle daily max temperature (°F)": ("D", _frame(weather["temp_max"].asfreq("D"))),
        "San Francisco daily temperature (°F)": ("D", _frame(sf_daily)),
    }


def load_panel() -> dict[str, tuple[str, pd.DataFrame]]:
    """name -> (frequency, history ds/y), every series from an installed package's files."""
    from pmdarima import datasets as pmd
    from statsmodels.datasets import (
        co2,
        danish_data,
        elec_equip,
        elnino,
        interest_inflation,
        macrodata,
    )

    nino = elnino.load().data.set_index("YEAR").stack().to_numpy(float)
    all_co2 = co2.load().data["co2"].interpolate()
    monthly_co2 = all_co2.loc[:"1991-12-31"].resample("MS").mean().loc["1965-01-01":]
    weekly_co2 = all_co2.loc["1992-01-01":]
    sunspots = pmd.load_sunspots(as_series=True).to_numpy(float)[-360:]
    macro = macrodata.load_pandas().data
    panel = {
        "AirPassengers": ("M", _monthly(pmd.load_airpassengers(), "1949-01-01")),
        "wineind (wine sales)": ("M", _monthly(pmd.load_wineind(), "1980-01-01")),
        "elec_equip (orders)": ("M", _monthly(elec_equip.load().data.iloc[:, 0], "1995-01-01")),
        "elnino (last 30 y)": ("M", _monthly(nino[-360:], "1981-01-01")),
        "sunspots (last 30 y)": ("M", _monthly(sunspots, "1954-01-01")),
        "co2 (monthly, 1965-1991)": ("M", _frame(monthly_co2)),
        "ausbeer": ("Q", _quarterly(pmd.load_ausbeer(), "1956-01-01")),
        "austres": ("Q", _quarterly(pmd.load_austres(), "1971-04-01")),
        "woolyrnq": ("Q", _quarterly(pmd.load_woolyrnq(), "1965-01-01")),
        "US unemployment rate": ("Q", _quarterly(macro["unemp"], "1959-01-01")),
        "US real investment": ("Q", _quarterly(macro["realinv"], "1959-01-01")),
        "US real GDP": ("Q", _quarterly(macro["realgdp"], "1959-01-01")),
        "US real government spending": ("Q", _quarterly(macro["realgovt"], "1959-01-01")),
        "US CPI": ("Q", _quarterly(macro["cpi"], "1959-01-01")),
        "US M1 money stock": ("Q", _quarterly(macro["m1"], "1959-01-01")),
        "US 3-month T-bill rate": ("Q", _quarterly(macro["tbilrate"], "1959-01-01")),
        "German long-term interest rate": ("Q", _quarterly(
            interest_inflation.load_pandas().data["R"], "1972-04-01")),
        "Danish real money (log M2)": ("Q", _quarterly(
            danish_data.load_pandas().data["lrm"], "1974-01-01")),
        "co2 (weekly, 1992-2001)": ("W", _frame(weekly_co2)),
        "CDNOW weekly orders": ("W", _cdnow("W", "orders")),
        "CDNOW daily orders": ("D", _cdnow("D", "orders")),
        "CDNOW daily units": ("D", _cdnow("D", "cds")),
        "CDNOW daily revenue": ("D", _cdnow("D", "usd")),
    }
    panel.update(_vega())
    return panel


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def evaluate(name: str, freq: str, history: pd.DataFrame, cut: int, folds: int = 0,
             ours: bool = True, h: int | None = None, base_folds: bool = False) -> list[dict]:
    """Every method fitted on history[:cut] and scored on the next horizon: one row each.
    With `folds`, each candidate's row also keeps its forecasts on that many rolling origins
    before the cut (sized as the selection sizes them), for `forecast_rules.py`."""
    from cockpit.forecast import forecast_series
    from cockpit.forecast.backtest import naive_scale
    from cockpit.forecast.frequency import season_of
    from cockpit.forecast.selection import candidates, prophet_modes

    h = h or HORIZON[freq]
    train, test = history.iloc[:cut], history.iloc[cut:cut + h]
    actual = test["y"].to_numpy(float)
    season = season_of(freq, len(train))
    scale = naive_scale(train["y"].to_numpy(float), season)
    base = dict(series=name, freq=freq, cut=cut, horizon=h, actual=actual.tolist(),
                scale=scale)
    rows = [_ours(base, train, h, forecast_series, base_folds)] if ours else []
    models = candidates(freq, season, prophet_modes(train["y"], None, freq), ())
    models.update({n: m for n, m in candidates(freq, season, ("additive", "multiplicative"),
                                                ()).items() if n not in models})
    fold_rows = _folds(train, freq, season, models, folds, h, base_folds) if folds else {}
    for method, fit_predict in models.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            guess = fit_predict(train, h)
        rows.append(dict(base, method=method, forecast=np.asarray(guess, float).tolist(),
                         mase=float(np.abs(actual - guess).mean() / scale),
                         **fold_rows.get(method, {})))
    return rows


def _ours(base: dict, train: pd.DataFrame, h: int, forecast_series,
          base_folds: bool = False) -> dict:
    """forecast_series on `train`: its held-out MASE, interval coverage and fit time. With
    `base_folds`, its backtest folds are BACKTEST's length whatever the horizon (the rule
    before folds followed the horizon)."""
    from cockpit.forecast import selection
    from cockpit.forecast.frequency import BACKTEST

    actual = np.asarray(base["actual"], float)
    real = selection.fold_length
    if base_folds:
        selection.fold_length = lambda freq, horizon, n, season: min(horizon, BACKTEST[freq][0])
    wall, cpu = time.perf_counter(), _cpu()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = forecast_series(train, h)
    finally:
        selection.fold_length = real
    inside = (actual >= out["yhat_lower"].to_numpy()) & (actual <= out["yhat_upper"].to_numpy())
    return dict(base, method="forecast_series", chosen=out.attrs["model"],
                backtest=out.attrs["metrics"],
                mase=float(np.abs(actual - out["yhat"]).mean() / base["scale"]),
                covered=int(inside.sum()), points=len(actual),
                seconds=time.perf_counter() - wall, cpu_seconds=_cpu() - cpu)


def _folds(train: pd.DataFrame, freq: str, season: int, models: dict, folds: int, h: int,
           base_folds: bool = False) -> dict[str, dict]:
    """Per candidate: its forecasts on `folds` rolling origins of `train`, with the folds'
    actual values and scales (the selection's fold length and minimum training length)."""
    from cockpit.forecast.backtest import run_folds
    from cockpit.forecast.frequency import BACKTEST, fold_length, fold_min_train, fold_step

    fold_h = min(h, BACKTEST[freq][0]) if base_folds else fold_length(freq, h, len(train), season)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = run_folds(train, models, fold_h, folds,
                          fold_min_train(freq, len(train), season, fold_h), season,
                          fold_step(freq, fold_h))
    shared = dict(fold_actual=[a.tolist() for a in found.actual], fold_scales=found.scales)
    return {m: dict(shared, fold_forecasts=[p.tolist() for p in found.predicted[m]])
            for m in models}


def _task(args: tuple) -> list[dict]:
    return evaluate(*args)


def gmean(values) -> float:
    values = np.asarray(list(values), float)
    return float(np.exp(np.mean(np.log(np.maximum(values, 1e-9)))))


def tables(rows: pd.DataFrame) -> str:
    """The markdown the README shows: geometric-mean MASE per method and frequency, the floor
    check per series, interval coverage, and fit times."""
    lines = []
    groups = [("monthly (h=12)", "M"), ("quarterly (h=8)", "Q"), ("weekly (h=13)", "W"),
              ("daily (h=28)", "D"), ("all", None)]
    methods = ["forecast_series", "prophet_multiplicative", "prophet_additive", "auto_ets",
               "auto_theta", "auto_arima", "seasonal_naive"]
    head = "| method | " + " | ".join(g for g, _ in groups) + " |"
    lines += [head, "| --- |" + " ---: |" * len(groups)]
    for method in methods:
        cells = []
        for _, code in groups:
            part = rows[(rows["method"] == method) & ((rows["freq"] == code) if code else True)]
            cells.append(f"{gmean(part['mase']):.3f}" if len(part) else "")
        lines.append(f"| {method} | " + " | ".join(cells) + " |")
    lines.append("")
    ours = rows[rows["method"] == "forecast_series"].set_index(["series", "cut"])
    naive = rows[rows["method"] == "seasonal_naive"].set_index(["series", "cut"])
    ratio = (ours["mase"] / naive["mase"]).groupby(level=0).apply(gmean)
    lines += ["| series | freq | chosen (last origin) | MASE ours | MASE naive | ours ÷ naive "
              "| 80% coverage | fit s (wall) | fit CPU s |",
              "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for series, part in ours.groupby(level=0, sort=False):
        last = part.iloc[-1]
        lines.append(
            f"| {series} | {last['freq']} | {last['chosen']} | {gmean(part['mase']):.3f} | "
            f"{gmean(naive.loc[series]['mase']):.3f} | {ratio[series]:.2f} | "
            f"{part['covered'].sum() / part['points'].sum():.0%} | "
            f"{part['seconds'].mean():.1f} | {part['cpu_seconds'].mean():.1f} |")
    worse = int((ratio > 1.1).sum())
    covered = ours["covered"].sum() / ours["points"].sum()
    lines += ["", f"Series more than 10% worse than seasonal naive: {worse} of {len(ratio)}. "
              f"80% interval coverage over the panel: {covered:.1%} "
              f"({int(ours['covered'].sum())} of {int(ours['points'].sum())} points)."]
    by_freq = ours.groupby("freq")[["covered", "points"]].sum()
    lines.append("Coverage by frequency: " + ", ".join(
        f"{f} {r.covered / r.points:.0%}" for f, r in by_freq.iterrows()) + ".")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--origins", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--freq", nargs="*", default=None, choices=sorted(HORIZON),
                        help="only the series of these frequencies")
    parser.add_argument("--out", default="forecast_panel.json", help="file name in out/")
    parser.add_argument("--folds", type=int, default=0,
                        help="also keep each candidate's forecasts on this many backtest folds")
    parser.add_argument("--candidates-only", action="store_true",
                        help="skip forecast_series (with --folds: data for forecast_rules.py)")
    parser.add_argument("--horizon", nargs="*", default=[], metavar="FREQ=N",
                        help="other horizons than HORIZON's, e.g. M=24")
    parser.add_argument("--base-folds", action="store_true",
                        help="backtest folds (forecast_series' and --folds') of the "
                             "frequency's BACKTEST length even for a longer horizon (the rule "
                             "before folds followed the horizon)")
    args = parser.parse_args(argv)
    horizons = {f: int(n) for f, n in (item.split("=") for item in args.horizon)}
    panel = load_panel()
    tasks = []
    for name, (freq, history) in panel.items():
        if (args.only and name not in args.only) or (args.freq and freq not in args.freq):
            continue
        h = horizons.get(freq, HORIZON[freq])
        tasks += [(name, freq, history, len(history) - h * k, args.folds,
                   not args.candidates_only, h, args.base_folds)
                  for k in range(args.origins, 0, -1)]
    started = time.perf_counter()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        rows = pd.DataFrame([r for part in pool.map(_task, tasks) for r in part])
    OUT.mkdir(exist_ok=True)
    (OUT / args.out).write_text(json.dumps(rows.to_dict("records"), indent=1,
                                                        default=str))
    if not args.candidates_only:
        print(tables(rows))
    print(f"\n{len(tasks)} fits in {time.perf_counter() - started:.0f} s on {args.jobs} "
          "processes")


if __name__ == "__main__":
    main()
