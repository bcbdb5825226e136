"""Import data: upload an order export, correct the detected column mapping, read the
validation report of a dry run (nothing written), confirm; the import runs in a worker process
(`python -m cockpit import`), then the import history with an undo per import. Works on a
missing or empty warehouse too: the first import creates it."""

from cockpit.access.roles import IMPORT_DATA
from cockpit.ui.auth import require_permission
from cockpit.ui.import_data import jobs, sections
from cockpit.ui.page import page_body

jobs.after_job()
with page_body("page.import_data", without_warehouse=True) as page:
    lang = page.lang
    require_permission(IMPORT_DATA, lang)  # also when opened by its URL
    jobs.follow(lang)
    jobs.outcome(lang)
    state = sections.warehouse_state()
    sections.intro(state, lang)
    path = sections.upload(lang)
    choice = sections.options(state, lang)
    if path is not None:
        review = sections.check(path, choice, lang)
        if review.headers and choice.table == "orders":
            sections.mapping(review, lang)
            sections.statuses(review, lang)
        if review.headers:
            sections.preview(review, lang)
        sections.report(review, choice, lang)
        sections.confirm(review, choice, state, lang)
    jobs.history_table(lang)
