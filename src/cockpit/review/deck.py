"""The week as a deck: an editable PPTX (python-pptx, native charts) and a PDF with the same
content, from an HTML page printed by Debian's headless Chromium (CJK text through the
installed Noto CJK fonts, selectable)."""

from __future__ import annotations

import html
import logging
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from cockpit.review import numbers as num
from cockpit.review import tables
from cockpit.review.highlights import Highlight
from cockpit.review.labels import Names, plain_names, word
from cockpit.review.narrative import narrative
from cockpit.review.report import Review

log = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PDF_TIMEOUT_S = 60
FONT = "Noto Sans CJK SC"
UP, DOWN, TOTAL = RGBColor(0x2E, 0x7D, 0x32), RGBColor(0xC6, 0x28, 0x28), RGBColor(0x1F, 0x4E,
                                                                                  0x79)
MAX_ROWS = 14


def filters_text(r: Review, lang: str, names: Names = plain_names) -> str:
    """The dimension selections in words ("all" when none)."""
    f = r.f
    parts = []
    for dim, values in (("channel", f.channels), ("region", f.regions), ("city", f.cities),
                        ("category", f.categories), ("platform", f.platforms)):
        if values:
            parts.append(", ".join(names(dim, v, lang) for v in values))
    return "; ".join(parts) or word("deck.all", lang)


def kpi_changes(r: Review) -> pd.DataFrame:
    """One row per KPI: kpi, vs_previous, vs_last_year (in %, rounded to one decimal as
    shown): the series of the deck's KPI chart."""
    k = r.kpis
    return pd.DataFrame({
        "kpi": k["kpi"],
        "vs_previous": [round(c, 1) if c is not None else 0.0
                        for c in map(num.change, k["value"], k["previous"])],
        "vs_last_year": [round(c, 1) if c is not None else 0.0
                         for c in map(num.change, k["value"], k["last_year"])],
    })


def waterfall_series(r: Review) -> tuple[list[float], list[float]]:
    """The bridge as a stacked-bar waterfall: (invisible base, visible bar) per step, CNY."""
    s = r.bridge.steps()["value"].tolist()
    start, d_orders, d_aov, end = s
    after_orders = start + d_orders
    base = [0.0, min(start, after_orders), min(after_orders, end), 0.0]
    bars = [start, abs(d_orders), abs(d_aov), end]
    return [round(v, 2) for v in base], [round(v, 2) for v in bars]


# --- PPTX -----------------------------------------------------------------------------------

def _title(slide, text: str) -> None:
    slide.shapes.title.text = text
    for p in slide.shapes.title.text_frame.paragraphs:
        for run in p.runs:
            run.font.size, run.font.name = Pt(28), FONT


def _table(slide, frame: pd.DataFrame, top: float = 1.4, height: float = 5.5) -> None:
    """A full-width table of at most MAX_ROWS rows."""
    rows = min(len(frame), MAX_ROWS) + 1
    _table_shape(slide, frame, Inches(0.5), Inches(top), Inches(12.3),
                 Inches(min(height, 0.37 * rows)), Pt(11))


def _table_shape(slide, frame: pd.DataFrame, left, top, width, height, size) -> None:
    """A native PowerPoint table: the header row, then the frame's first MAX_ROWS rows."""
    frame = frame.head(MAX_ROWS)
    rows, cols = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, cols, left, top, width, height)
    for j, col in enumerate(frame.columns):
        shape.table.cell(0, j).text = str(col)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            shape.table.cell(i, j).text = str(value)
    for cell in (shape.table.cell(i, j) for i in range(rows) for j in range(cols)):
        for p in cell.text_frame.paragraphs:
            for run in p.runs:
                run.font.size, run.font.name = size, FONT


def _text(slide, lines: list[str], top: float = 1.5) -> None:
    box = slide.shapes.add_textbox(Inches(0.7), Inches(top), Inches(11.9), Inches(5))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = line
        p.space_after = Pt(10)
        for run in p.runs:
            run.font.size, run.font.name = Pt(18), FONT


def write_pptx(r: Review, path: Path, lang: str, actions: pd.DataFrame | None = None,
               names: Names = plain_names) -> Path:
    """The deck as PPTX at `path`: title, KPIs (table and chart), bridge (waterfall chart and
    segment table), anomalies, one slide per highlight, narrative, open actions."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title_layout, only_title = prs.slide_layouts[0], prs.slide_layouts[5]

    slide = prs.slides.add_slide(title_layout)
    slide.shapes.title.text = word("deck.title", lang, week=r.week)
    slide.placeholders[1].text = word("deck.subtitle", lang, start=r.week.start, end=r.week.end,
                                      filters=filters_text(r, lang, names),
                                      asof=r.data_last_day)

    slide = prs.slides.add_slide(only_title)
    _title(slide, word("deck.kpis", lang))
    _table(slide, tables.kpi_table(r, lang), top=1.3, height=2.8)
    changes = kpi_changes(r)
    data = CategoryChartData()
    data.categories = [word(f"kpi.{k}", lang) for k in changes["kpi"]]
    data.add_series(word("col.vs_previous", lang) + " %", changes["vs_previous"].tolist())
    data.add_series(word("col.vs_last_year", lang) + " %", changes["vs_last_year"].tolist())
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(4.2),
                                   Inches(12.3), Inches(3.1), data).chart
    chart.has_legend, chart.legend.position = True, XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False

    slide = prs.slides.add_slide(only_title)
    _title(slide, word("deck.bridge", lang))
    base, bars = waterfall_series(r)
    data = CategoryChartData()
    data.categories = [word(f"step.{s}", lang) for s in ("start", "orders", "aov", "end")]
    data.add_series("base", base)
    data.add_series("GMV", bars)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, Inches(0.5), Inches(1.3),
                                   Inches(6.3), Inches(5.8), data).chart
    chart.has_legend = False
    chart.plots[0].gap_width = 60
    chart.series[0].format.fill.background()
    steps = r.bridge.steps()["value"].tolist()
    for i, point_value in enumerate(steps):
        point = chart.series[1].points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = TOTAL if i in (0, 3) else (UP if point_value >= 0
                                                                     else DOWN)
    seg = tables.segments_table(r, lang, names)
    shape = slide.shapes.add_textbox(Inches(7.0), Inches(1.3), Inches(6), Inches(0.4))
    shape.text_frame.text = word("deck.bridge_segments", lang)
    _table_at(slide, seg.drop(columns=seg.columns[2:4]), Emu(Inches(7.0)), Inches(1.8))

    if not r.anomalies.empty:
        slide = prs.slides.add_slide(only_title)
        _title(slide, word("deck.anomalies", lang))
        _table(slide, tables.anomaly_table(r, lang, names))

    for block in r.highlights:
        slide = prs.slides.add_slide(only_title)
        _title(slide, word(f"block.{block.domain}", lang))
        _highlight(slide, r, block, lang)

    slide = prs.slides.add_slide(only_title)
    _title(slide, word("deck.narrative", lang))
    _text(slide, narrative(r, lang, names).sentences)

    slide = prs.slides.add_slide(only_title)
    _title(slide, word("deck.actions", lang))
    shown = action_rows(actions, lang)
    if shown.empty:
        _text(slide, [word("deck.no_actions", lang)])
    else:
        _table(slide, shown)
    path = Path(path)
    prs.save(path)
    return path


def _highlight(slide, r: Review, block: Highlight, lang: str) -> None:
    """A highlight slide's body: its figures, the stores or SKUs it lists (under their
    heading), and what the figures mean in a footnote."""
    rows = tables.highlight_rows(block, lang)
    items = tables.highlight_items(block, lang)
    if items.empty:
        _table(slide, rows)
    else:
        _table(slide, rows, top=1.3, height=2.2)
        top = 1.3 + min(2.2, 0.37 * (len(rows) + 1)) + 0.3
        heading = slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(12.3), Inches(0.4))
        heading.text_frame.text = word(f"block.{block.domain}.items", lang)
        _table(slide, items, top=top + 0.45, height=3.0)
    notes = tables.highlight_notes(block, lang, r.week.end)
    if notes:
        box = slide.shapes.add_textbox(Inches(0.5), Inches(6.55), Inches(12.3), Inches(0.8))
        box.text_frame.word_wrap = True
        box.text_frame.text = " ".join(notes)
        for p in box.text_frame.paragraphs:
            for run in p.runs:
                run.font.size, run.font.name = Pt(10), FONT


def _table_at(slide, frame: pd.DataFrame, left, top) -> None:
    """A half-width table placed at (left, top)."""
    rows = min(len(frame), MAX_ROWS) + 1
    _table_shape(slide, frame, left, top, Inches(6), Inches(0.3 * rows), Pt(10))


def action_rows(actions: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """The open actions as shown: text, owner, due date, status."""
    if actions is None or actions.empty:
        return pd.DataFrame()
    open_ = actions[actions["status"] == "open"]
    return pd.DataFrame({
        word("col.text", lang): open_["text"],
        word("col.owner", lang): open_["owner"],
        word("col.due", lang): ["" if pd.isna(d) else str(d) for d in open_["due_date"]],
        word("col.week", lang): open_["week"],
    })


# --- PDF ------------------------------------------------------------------------------------

CSS = f"""
@page {{ size: A4 landscape; margin: 14mm; }}
body {{ font-family: '{FONT}', sans-serif; color: #1b1b1b; font-size: 11pt; }}
h1 {{ font-size: 22pt; margin: 0 0 4pt; }} h2 {{ font-size: 15pt; margin: 0 0 8pt; }}
section {{ page-break-after: always; }} section:last-child {{ page-break-after: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: 10pt; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4pt 6pt; text-align: left; }}
th {{ background: #f1f4f8; }} .sub {{ color: #555; }}
.wf {{ display: flex; align-items: flex-end; height: 220px; gap: 24px; margin: 12px 0; }}
.wf div.col {{ width: 120px; position: relative; height: 100%; }}
.wf .bar {{ position: absolute; width: 100%; }}
.wf .lab {{ position: absolute; bottom: -34px; width: 100%; text-align: center; font-size: 9pt; }}
.wf .val {{ position: absolute; width: 100%; text-align: center; font-size: 9pt; }}
p.say {{ font-size: 13pt; line-height: 1.6; }}
h3 {{ font-size: 11pt; margin: 8pt 0 4pt; }} p.note {{ color: #555; font-size: 9pt; }}
div.block {{ break-inside: avoid; margin-bottom: 12pt; }} .items td {{ white-space: nowrap; }}
"""


def _html_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return ""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><tr>{head}</tr>{body}</table>"


def _waterfall_html(r: Review, lang: str) -> str:
    base, bars = waterfall_series(r)
    steps = r.bridge.steps()["value"].tolist()
    top = max(b + h for b, h in zip(base, bars, strict=True)) or 1.0
    cols = []
    for i, (b, h, v) in enumerate(zip(base, bars, steps, strict=True)):
        colour = "#1f4e79" if i in (0, 3) else ("#2e7d32" if v >= 0 else "#c62828")
        label = word(f"step.{('start', 'orders', 'aov', 'end')[i]}", lang)
        cols.append(f'<div class="col"><div class="bar" style="bottom:{b / top * 100:.1f}%;'
                    f'height:{max(h / top * 100, 0.5):.1f}%;background:{colour}"></div>'
                    f'<div class="val" style="bottom:{(b + h) / top * 100 + 1:.1f}%">'
                    f'{html.escape(num.money(v, lang))}</div>'
                    f'<div class="lab">{html.escape(label)}</div></div>')
    return f'<div class="wf">{"".join(cols)}</div><div style="height:30px"></div>'


def _items_html(block: Highlight, lang: str) -> str:
    items = tables.highlight_items(block, lang)
    if items.empty:
        return ""
    return (f"<h3>{html.escape(word(f'block.{block.domain}.items', lang))}</h3>"
            + f"<div class='items'>{_html_table(items)}</div>")


def review_html(r: Review, lang: str, actions: pd.DataFrame | None = None,
                names: Names = plain_names) -> str:
    """The deck's content as one printable HTML page (a section per slide)."""
    e = html.escape
    sections = [
        f"<section><h1>{e(word('deck.title', lang, week=r.week))}</h1><p class='sub'>"
        + e(word("deck.subtitle", lang, start=r.week.start, end=r.week.end,
                 filters=filters_text(r, lang, names), asof=r.data_last_day))
        + f"</p><h2>{e(word('deck.narrative', lang))}</h2><p class='say'>"
        + e(narrative(r, lang, names).text) + "</p>"
        + f"<h2>{e(word('deck.kpis', lang))}</h2>{_html_table(tables.kpi_table(r, lang))}"
        + "</section>",
        f"<section><h2>{e(word('deck.bridge', lang))}</h2>{_waterfall_html(r, lang)}"
        + _html_table(tables.steps_table(r, lang))
        + f"<h2 style='margin-top:12pt'>{e(word('deck.bridge_segments', lang))}</h2>"
        + _html_table(tables.segments_table(r, lang, names)) + "</section>",
    ]
    if not r.anomalies.empty:
        sections.append(f"<section><h2>{e(word('deck.anomalies', lang))}</h2>"
                        + _html_table(tables.anomaly_table(r, lang, names)) + "</section>")
    blocks = "".join(f"<div class='block'><h2>{e(word(f'block.{b.domain}', lang))}</h2>"
                     + _html_table(tables.highlight_rows(b, lang)) + _items_html(b, lang)
                     + "".join(f"<p class='note'>{e(n)}</p>"
                               for n in tables.highlight_notes(b, lang, r.week.end))
                     + "</div>" for b in r.highlights)
    if blocks:
        sections.append(f"<section>{blocks}</section>")
    rows = action_rows(actions, lang)
    sections.append(f"<section><h2>{e(word('deck.actions', lang))}</h2>"
                    + (_html_table(rows) if not rows.empty
                       else f"<p>{e(word('deck.no_actions', lang))}</p>") + "</section>")
    return (f"<!doctype html><html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head>"
            f"<meta charset='utf-8'><style>{CSS}</style></head><body>{''.join(sections)}"
            "</body></html>")


def write_pdf(r: Review, path: Path, lang: str, actions: pd.DataFrame | None = None,
              names: Names = plain_names) -> Path:
    """The deck as PDF at `path`, printed from `review_html` by headless Chromium.
    RuntimeError when Chromium is missing or fails."""
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="cockpit-review-") as tmp:
        page = Path(tmp) / "review.html"
        page.write_text(review_html(r, lang, actions, names), encoding="utf-8")
        cmd = [CHROMIUM, *CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile",
               "--no-pdf-header-footer", f"--print-to-pdf={path}", page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=PDF_TIMEOUT_S,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"Chromium could not print the PDF: {exc}") from exc
    if done.returncode != 0 or not path.exists():
        log.debug("chromium stderr: %s", done.stderr)
        raise RuntimeError(f"Chromium could not print the PDF (exit {done.returncode})")
    return path


def write_deck(r: Review, out_dir: Path, lang: str, actions: pd.DataFrame | None = None,
               names: Names = plain_names) -> tuple[Path, Path]:
    """DIR/review-<week>-<lang>.pptx and .pdf."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"review-{r.week}-{lang}"
    return (write_pptx(r, stem.with_suffix(".pptx"), lang, actions, names),
            write_pdf(r, stem.with_suffix(".pdf"), lang, actions, names))
