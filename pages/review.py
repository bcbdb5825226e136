"""Weekly review: the week's KPIs, GMV bridge, anomalies, highlights, narrative, notes and
actions, and the deck as PPTX and PDF."""

from cockpit.review.report import NoData, build_review
from cockpit.ui import query
from cockpit.ui.guard import require_data
from cockpit.ui.review import sections
from cockpit.ui.review.week import review_body

with review_body("page.review") as page:
    week, f, lang = page.week, page.filters, page.lang
    try:
        review = query(build_review, f, week)
    except NoData:
        review = None
    require_data(review is not None)
    sections.caption(review, week, lang)
    sections.words(review, lang)
    sections.kpi_cards(review, lang)
    sections.bridge(review, lang)
    sections.anomalies(review, lang)
    sections.highlights(review, lang)
    sections.notes_and_actions(str(week), lang)
    sections.downloads(review, str(week), lang)
