"""The weekly review deck: PPTX with native charts equal to the page's numbers, the PDF's
text, and the `python -m cockpit review` command's exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pptx import Presentation

from cockpit.cli import main
from cockpit.filters import Filters
from cockpit.review import numbers as num
from cockpit.review import tables
from cockpit.review.deck import kpi_changes, waterfall_series, write_deck
from cockpit.review.labels import word
from cockpit.review.report import build_review
from cockpit.review.weeks import parse_week
from cockpit.warehouse import read_engine

WEEK = parse_week("2026-W46")


@pytest.fixture(scope="module")
def review(demo_duckdb_path):
    engine = read_engine(f"duckdb:///{demo_duckdb_path}")
    with engine.connect() as conn:
        yield build_review(conn, Filters(WEEK.start, WEEK.end), WEEK)
    engine.dispose()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pptx_charts_and_pdf_text(review, tmp_path):
    from cockpit.config import PROJECT_ROOT

    pptx, pdf = write_deck(review, tmp_path, "zh")
    charts = [shape.chart for slide in Presentation(pptx).slides for shape in slide.shapes
              if shape.has_chart]
    assert len(charts) == 2  # KPI comparison and the bridge, as native charts
    kpi_chart, bridge_chart = charts
    changes = kpi_changes(review)
    assert list(kpi_chart.plots[0].series[0].values) == changes["vs_previous"].tolist()
    base, bars = waterfall_series(review)
    assert list(bridge_chart.plots[0].series[1].values) == bars
    steps = review.bridge.steps()["value"].tolist()
    assert bars[0] == pytest.approx(review.bridge.gmv_ref, abs=0.01)
    assert bars[1] == pytest.approx(abs(steps[1]), abs=0.01)
    assert bars[3] == pytest.approx(review.bridge.gmv, abs=0.01)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert num.money(review.bridge.gmv, "zh") in text and "周报复盘 2026-W46" in text
    for block in review.highlights:  # every highlight, with the SKUs and stores it lists
        assert word(f"block.{block.domain}", "zh") in text
        for row in tables.highlight_items(block, "zh").itertuples(index=False):
            assert row[0] in text
    artifacts = PROJECT_ROOT / "test-artifacts" / "review"
    artifacts.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf),
                    str(artifacts / "review-zh")], check=True)


def test_cli_exit_codes(demo_duckdb_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    url = f"duckdb:///{demo_duckdb_path}"
    out = tmp_path / "out"
    assert main(["review", "--url", url, "--out", str(out), "--week", "2026-W46",
                 "--lang", "en", "--filters", "channel=live_stream&region=east"]) == 0
    assert (out / "review-2026-W46-en.pptx").exists() and (out / "review-2026-W46-en.pdf").exists()
    assert main(["review", "--url", url, "--out", str(out), "--week", "2019-W05"]) == 3
    assert "no data" in capsys.readouterr().err
    assert main(["review", "--url", url, "--out", str(out), "--week", "2026-W60"]) == 2
    assert main(["review", "--url", url, "--out", str(out), "--filters", "colour=red"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "colour" in err


def test_cli_bad_lang_exits_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cockpit", "review", "--lang", "fr", "--out",
                           str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
