"""Weekly review: the whole review of the last complete week (KPIs, bridge, anomalies,
highlights), and the deck written from it (PPTX and PDF), as the page's download does."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from cockpit.filters import Filters

from .base import Call


def _week(filters: Filters):
    from cockpit.review.weeks import default_week

    return default_week(filters.end)


def review(conn: Any, filters: Filters) -> Any:
    from cockpit.review.report import build_review

    return build_review(conn, filters, _week(filters))


review.module = "cockpit.review.report"


def deck(conn: Any, filters: Filters) -> Any:
    """The PPTX and the PDF of the week, in Chinese (the review itself is computed first)."""
    from cockpit.review.deck import write_pdf, write_pptx

    built = review(conn, filters)
    with tempfile.TemporaryDirectory() as folder:
        write_pptx(built, Path(folder) / "review.pptx", "zh")
        write_pdf(built, Path(folder) / "review.pdf", "zh")
    return built


deck.module = "cockpit.review.deck"

CALLS: list[tuple[str, Call]] = [("build_review(last week)", review),
                                 ("review + PPTX + PDF", deck)]
