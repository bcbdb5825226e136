"""The review's tables as shown (strings, in one language): the page, the deck and the tests
read these, so that a number is written the same way everywhere."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cockpit.forecast.inventory import HISTORY_DAYS
from cockpit.review import numbers as num
from cockpit.review.highlights import NEXT_WEEK_DAYS, WINDOW_DAYS, Highlight
from cockpit.review.labels import Names, plain_names, word
from cockpit.review.report import Review


def _name(names: Names, dimension: str, code: str, lang: str) -> str:
    if code in ("new", "returning", "other", "all"):
        return word(f"seg.{code}", lang)
    return names(dimension, code, lang)


def _values(k: pd.DataFrame, column: str, lang: str) -> list[str]:
    return [num.value(v, u, lang) for v, u in zip(k[column], k["unit"], strict=True)]


def kpi_table(r: Review, lang: str) -> pd.DataFrame:
    """One row per KPI: name, this week, last week, change, last year, change (and the lunar
    and plan columns when they apply)."""
    k = r.kpis
    out = pd.DataFrame({
        word("col.kpi", lang): [word(f"kpi.{x}", lang) for x in k["kpi"]],
        word("col.week", lang): _values(k, "value", lang),
        word("col.previous", lang): [num.value(v, u, lang)
                                     for v, u in zip(k["previous"], k["unit"], strict=True)],
        word("col.vs_previous", lang): [num.signed_pct(num.change(v, p))
                                        for v, p in zip(k["value"], k["previous"], strict=True)],
        word("col.last_year", lang): [num.value(v, u, lang)
                                      for v, u in zip(k["last_year"], k["unit"], strict=True)],
        word("col.vs_last_year", lang): [num.signed_pct(num.change(v, p))
                                         for v, p in zip(k["value"], k["last_year"], strict=True)],
    })
    if k["lunar"].notna().any():
        out[word("col.lunar", lang)] = [num.value(v, u, lang)
                                        for v, u in zip(k["lunar"], k["unit"], strict=True)]
    if k["plan"].notna().any():
        out[word("col.plan", lang)] = _values(k, "plan", lang)
        out[word("col.attainment", lang)] = [num.pct(a) for a in k["attainment"]]
    return out


def steps_table(r: Review, lang: str) -> pd.DataFrame:
    """The orders × AOV bridge: one row per step: step, CNY, points."""
    s = r.bridge.steps()
    return pd.DataFrame({
        word("col.metric", lang): [word(f"step.{x}", lang) for x in s["step"]],
        word("col.change", lang): [num.money(v, lang) for v in s["value"]],
        word("col.points", lang): [num.points(p) for p in s["points"]],
    })


def segments_table(r: Review, lang: str, names: Names = plain_names) -> pd.DataFrame:
    """One row per dimension and segment of the bridge."""
    s = r.bridge.segments
    return pd.DataFrame({
        word("col.dimension", lang): [word(f"dim.{d}", lang) for d in s["dimension"]],
        word("col.segment", lang): [_name(names, d, c, lang)
                                    for d, c in zip(s["dimension"], s["segment"], strict=True)],
        word("col.gmv_ref", lang): [num.money(v, lang) for v in s["gmv_ref"]],
        word("col.gmv", lang): [num.money(v, lang) for v in s["gmv"]],
        word("col.change", lang): [num.money(v, lang) for v in s["change"]],
        word("col.points", lang): [num.points(p) for p in s["points"]],
    })


def anomaly_table(r: Review, lang: str, names: Names = plain_names) -> pd.DataFrame:
    """One row per flagged day or segment."""
    a = r.anomalies
    return pd.DataFrame({
        word("col.kind", lang): [word(f"kind.{k}", lang) for k in a["kind"]],
        word("col.segment", lang): [
            word(f"dim.{d}", lang) + " · " + _name(names, d, s, lang) if d != "total"
            else word("dim.total", lang)
            for d, s in zip(a["dimension"], a["segment"], strict=True)],
        word("col.day", lang): ["" if d is None or pd.isna(d) else str(d) for d in a["day"]],
        word("col.value", lang): [num.money(v, lang) for v in a["value"]],
        word("col.expected", lang): [num.money(v, lang) for v in a["expected"]],
        word("col.range", lang): [f"{num.money(lo, lang)} – {num.money(hi, lang)}"
                                  for lo, hi in zip(a["low"], a["high"], strict=True)],
        word("col.deviation", lang): [num.signed_pct(p) for p in a["deviation_pct"]],
        word("col.direction", lang): [word(f"dir.{d}", lang) for d in a["direction"]],
    })


def highlight_rows(block: Highlight, lang: str) -> pd.DataFrame:
    """One row per metric of a highlight block: metric, this week and, when the block
    compares with the week before, last week and the change (points for a share)."""
    out = pd.DataFrame({
        word("col.metric", lang): [word(f"m.{m.key}", lang) for m in block.metrics],
        word("col.week", lang): [num.value(m.value, m.unit, lang) for m in block.metrics],
    })
    if all(num.missing(m.previous) for m in block.metrics):
        return out
    out[word("col.previous", lang)] = ["" if num.missing(m.previous)
                                       else num.value(m.previous, m.unit, lang)
                                       for m in block.metrics]
    out[word("col.shift", lang)] = ["" if num.missing(m.previous)
                                    else num.shift(m.value, m.previous, m.unit, lang)
                                    for m in block.metrics]
    return out


def _by_lang(frame: pd.DataFrame, column: str, lang: str) -> list[str]:
    return frame[f"{column}_zh" if lang == "zh" else f"{column}_en"].tolist()


def highlight_items(block: Highlight, lang: str) -> pd.DataFrame:
    """The stores or SKUs a block lists, as shown: one row per store (top stores by
    store-driven online GMV) or per SKU × warehouse (riskiest first); empty for the others."""
    i = block.items
    if i.empty:
        return pd.DataFrame()
    if block.domain == "o2o":
        return pd.DataFrame({
            word("col.store", lang): _by_lang(i, "name", lang),
            word("col.store_orders", lang): [num.count(v) for v in i["attributed_orders"]],
            word("col.store_gmv", lang): [num.money(v, lang) for v in i["attributed_gmv_cny"]],
            word("col.store_share", lang): [num.pct(v) for v in i["share"]],
        })
    return pd.DataFrame({  # the units are in the column names
        word("col.sku", lang): i["sku"].tolist(),
        word("col.product", lang): _by_lang(i, "name", lang),
        word("col.warehouse", lang): _by_lang(i, "warehouse", lang),
        word("col.on_hand", lang): [num.count(v) for v in i["on_hand_units"]],
        word("col.daily_demand", lang): [num.decimal(v, 2) for v in i["mean_units"]],
        word("col.cover", lang): [num.decimal(v, 1) for v in i["days_of_cover"]],
        word("col.shortfall", lang): [num.decimal(v, 1) for v in i["shortfall_units"]],
        word("col.risk", lang): [num.pct(v, 0) for v in i["stockout_risk"]],
    })


def highlight_notes(block: Highlight, lang: str, end: date) -> list[str]:
    """What a block's figures mean, in words; for stock older than the week's Sunday `end`,
    first which day the stock is from."""
    if block.domain == "o2o":
        return [word("block.o2o.note", lang, days=WINDOW_DAYS)]
    if block.domain != "forecast":
        return []
    found = {m.key: m.value for m in block.metrics}
    day = found.get("stock_date", found.get("stock_date_old"))
    sources = set(block.items["source"]) if not block.items.empty else {"history"}
    source = word(f"block.forecast.source.{sources.pop() if len(sources) == 1 else 'mixed'}",
                  lang, history=HISTORY_DAYS)
    notes = [word("block.forecast.note", lang, date=day, days=NEXT_WEEK_DAYS, source=source)]
    if "stock_date_old" in found:
        notes.insert(0, word("block.forecast.old_stock", lang, date=day, end=end))
    return notes


def shown(r: Review, lang: str, names: Names = plain_names) -> set[str]:
    """Every cell of the review's tables, as shown."""
    frames = [kpi_table(r, lang), steps_table(r, lang), segments_table(r, lang, names),
              anomaly_table(r, lang, names)] + [highlight_rows(b, lang) for b in r.highlights] \
        + [highlight_items(b, lang) for b in r.highlights]
    return {str(v) for fr in frames for v in fr.to_numpy().ravel()}
