"""The week in words: three to five sentences per language, by rules from the review's tables
(templates, no external service). The bridge's rounded points are used, so the parts named
add up to the change named. `Narrative.numbers` lists every number the text uses, each a cell
of a table the page shows."""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.review import numbers as num
from cockpit.review.labels import Names, plain_names, word
from cockpit.review.report import Review
from cockpit.review.tables import _name


@dataclass(frozen=True)
class Narrative:
    sentences: list[str]
    numbers: list[str]
    lang: str = "en"

    @property
    def text(self) -> str:
        return ("" if self.lang == "zh" else " ").join(self.sentences)


def _top(seg, dimension: str, n: int):
    rows = seg[(seg["dimension"] == dimension) & (seg["points"] != 0)]
    return rows.sort_values("points", key=abs, ascending=False).head(n)


def narrative(r: Review, lang: str, names: Names = plain_names) -> Narrative:
    """3–5 sentences about the week `r` in `lang` (zh or en)."""
    b, used = r.bridge, []
    zh = lang == "zh"
    sep = "、" if zh else " and "

    def n(text: str) -> str:
        used.append(text)
        return text

    k = r.kpis.set_index("kpi")
    gmv = n(num.money(k.at["gmv", "value"], lang))
    out = []
    if b.effect_points is None:
        out.append(f"本周成交额 {gmv}，上周无成交可比。" if zh else
                   f"GMV {gmv}; last week had no sales to compare with.")
    else:
        po, pa = b.effect_points
        chg = n(num.signed_pct(b.change_points))
        if zh:
            out.append(f"本周成交额 {gmv}，环比 {chg}：订单数{'增加' if po >= 0 else '减少'}"
                       f"贡献 {n(num.points(po))} 个百分点，客单价{'提高' if pa >= 0 else '降低'}"
                       f"贡献 {n(num.points(pa))} 个百分点。")
        else:
            out.append(f"GMV {gmv}, {chg} vs last week: {'more' if po >= 0 else 'fewer'} "
                       f"orders {n(num.points(po))} points, {'higher' if pa >= 0 else 'lower'}"
                       f" order value {n(num.points(pa))} points.")
        seg = b.segments
        parts = [f"{_name(names, 'channel', row.segment, lang)} {n(num.points(row.points))}"
                 for row in _top(seg, "channel", 2).itertuples()]
        cats = [f"{_name(names, 'category', row.segment, lang)} {n(num.points(row.points))}"
                for row in _top(seg, "category", 1).itertuples()]
        if parts:
            out.append(f"分渠道看，{sep.join(parts)} 个百分点变动最大" +
                       (f"；分品类看，{cats[0]} 个百分点居首。" if cats else "。") if zh else
                       f"By channel, {sep.join(parts)} points moved most" +
                       (f"; by category, {cats[0]} points led." if cats else "."))
        cust = seg[seg["dimension"] == "customer_type"].set_index("segment")["points"]
        if {"new", "returning"} <= set(cust.index):
            new, ret = n(num.points(cust["new"])), n(num.points(cust["returning"]))
            out.append(f"新客贡献 {new} 个百分点，老客贡献 {ret} 个百分点。" if zh else
                       f"New customers contributed {new} points, returning customers {ret}.")
    yoy = num.change(k.at["gmv", "value"], k.at["gmv", "last_year"])
    if yoy is not None:
        note = word("last_year_53", lang) if r.comparisons.last_year_note else ""
        sentence = (f"与去年同周相比成交额 {n(num.signed_pct(yoy))}{note}" if zh else
                    f"Against the same week last year{note}, GMV is {n(num.signed_pct(yoy))}")
        att = k.at["gmv", "attainment"]
        if not num.missing(att):
            sentence += (f"，计划达成率 {n(num.pct(att))}" if zh else
                         f"; plan attainment {n(num.pct(att))}")
        out.append(sentence + ("。" if zh else "."))
    if not r.anomalies.empty:
        a = r.anomalies.iloc[0]
        where = (str(a["day"]) if a["kind"] == "day" else
                 word("dim.total", lang) if a["dimension"] == "total" else
                 _name(names, a["dimension"], a["segment"], lang))
        if a["kind"] == "day":
            n(where)
        dev = n(num.signed_pct(a["deviation_pct"]))
        what = word(f"dir.{a['direction']}", lang)
        out.append(f"最大异常：{where} 成交额 {n(num.money(a['value'], lang))}，较预期 {dev}"
                   f"（{what}）。" if zh else
                   f"Largest anomaly: {where}, GMV {n(num.money(a['value'], lang))}, "
                   f"{dev} against expected ({what}).")
    return Narrative(out, used, lang)
