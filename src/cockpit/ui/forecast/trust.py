"""The forecast tab's "Can you trust it?" block: which model or combination the forecast uses
and why, against seasonal naive, with every candidate's backtest."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from cockpit.forecast import combine, fitting
from cockpit.forecast.model import BASELINE
from cockpit.ui import format as fmt
from cockpit.ui import table
from cockpit.ui.i18n import t

MARGINAL_GAIN = 0.05
NOISY_WAPE = 0.5


def model_name(label: str, lang: str) -> str:
    """A model or combination label in the manager's words."""
    kind, members = combine.parse_label(label)
    names = [t(f"forecast.model.{m}", lang) for m in members]
    if kind == combine.SINGLE:
        return names[0]
    return t(f"forecast.combo.{kind}", lang, members=("、" if lang == "zh" else ", ").join(names))


def short_name(label: str, lang: str) -> str:
    """What fits a KPI card: the kind of a combination ("Combination"), a model's family
    without its seasonality mode ("Prophet"); `model_name` gives the whole label."""
    kind, members = combine.parse_label(label)
    if kind != combine.SINGLE:
        return t(f"forecast.kind.{kind}", lang)
    family = "prophet" if members[0].startswith("prophet") else members[0]
    return t(f"forecast.model.{family}", lang)


def _finite(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def why(result, lang: str) -> str:
    """One sentence: the chosen forecast's backtest MASE and what it beat."""
    metrics = result.metrics
    mase = metrics.set_index("model")["mase"]
    choice = result.choice or fitting.choice_of(result.model, metrics)
    singles = metrics[~metrics["model"].map(lambda m: "(" in m)]
    ranked = combine.ranked(singles)
    words = dict(model=model_name(result.model, lang), mase=f"{mase.get(result.model):.2f}")
    if choice.kind == combine.SINGLE:
        combos = metrics[metrics["model"].map(lambda m: "(" in m)]
        best = combine.ranked(combos)
        if not best:
            return t("forecast.why.single_only", lang, **words)
        return t("forecast.why.single", lang, **words, combo=model_name(best[0], lang),
                 combo_mase=f"{mase[best[0]]:.2f}", margin=fmt.pct(combine.SINGLE_MARGIN, 0))
    parts = [f"{t(f'forecast.model.{m}', lang)} {w:.0%}"
             for m, w in zip(choice.members, choice.weights, strict=True)]
    return t(f"forecast.why.{choice.kind}", lang, **words, weights=", ".join(parts),
             single=model_name(ranked[0], lang), single_mase=f"{mase[ranked[0]]:.2f}")


def versus_naive(result, lang: str) -> None:
    """Success, caution or warning by how much the chosen forecast beats seasonal naive."""
    wape = result.metrics.set_index("model")["wape"]
    model, naive = wape.get(result.model), wape.get(BASELINE)
    words = dict(model=fmt.pct(model), naive=fmt.pct(naive))
    if not (_finite(model) and _finite(naive)) or not naive > 0:
        st.warning(t("forecast.trust.undefined", lang))
    elif result.model == BASELINE:
        st.warning(t("forecast.trust.baseline", lang, **words), icon=":material/rule:")
    elif model > (1 - MARGINAL_GAIN) * naive:
        st.warning(t("forecast.trust.marginal", lang, **words), icon=":material/rule:")
    else:
        st.success(t("forecast.trust.better", lang, gain=fmt.pct(1 - model / naive), **words),
                   icon=":material/verified:")
    if _finite(model) and model > NOISY_WAPE:
        st.info(t("forecast.trust.noisy", lang, wape=fmt.pct(model)))


def backtest_table(result, lang: str) -> None:
    """Every candidate and combination: MASE, WAPE, MAPE, the chosen one marked."""
    metrics = result.metrics.sort_values("mase", na_position="last", kind="stable")
    chosen = t("forecast.col.chosen_mark", lang)
    shown = pd.DataFrame({
        t("forecast.col.model", lang): [model_name(m, lang) for m in metrics["model"]],
        "MASE": [f"{v:.2f}" if _finite(v) else fmt.EMPTY for v in metrics["mase"]],
        "WAPE": [fmt.pct(v) for v in metrics["wape"]],
        "MAPE": [fmt.pct(v) for v in metrics["mape"]],
        t("forecast.col.chosen", lang): [chosen if m == result.model else ""
                                         for m in metrics["model"]],
    })
    table(shown, "forecast_backtest", lang, raw=metrics)


def trust(fitted: fitting.SeriesForecast, lang: str, backtest: tuple[int, int]) -> None:
    """The block: why this forecast, how it compares with seasonal naive, the backtest."""
    st.subheader(t("forecast.trust", lang))
    result = fitted.result
    if result.metrics.empty:
        st.warning(t("forecast.trust.none", lang))
        return
    if _finite(result.metrics.set_index("model")["mase"].get(result.model)):
        st.markdown(why(result, lang))
    versus_naive(result, lang)
    backtest_table(result, lang)
    fold_days, folds = backtest
    st.caption(t("forecast.trust_caption", lang, folds=folds, days=fold_days))
    if fitted.stored:
        st.caption(t("forecast.stored", lang))
