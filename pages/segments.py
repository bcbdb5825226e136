"""Customer segments: lifecycle tiers, RFM, migration, CLV, personas, playbooks, acquisition, C2M.

Thin page: one lazy tab per section (only the open one runs; a failing section shows its
message inside its own tab); the sections live in cockpit.ui.segments.
"""

from cockpit.segments import lifecycle
from cockpit.ui import query
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import t
from cockpit.ui.page import page_body
from cockpit.ui.segments import (
    acquisition,
    c2m,
    clv,
    migration,
    personas,
    playbooks,
    rfm,
    tiers,
)
from cockpit.ui.tabs import lazy_tabs

SECTIONS = (
    ("tiers", tiers.render),
    ("rfm", rfm.render),
    ("migration", migration.render),
    ("clv", clv.render),
    ("personas", personas.render),
    ("playbooks", playbooks.render),
    ("acquisition", acquisition.render),
    ("c2m", c2m.render),
)

with page_body("page.segments", "segments.caption", needs="segments") as page:
    f, lang = page.filters, page.lang
    require_data(query(lifecycle.tier_summary, f)["customers"].sum() > 0)
    lazy_tabs("segments_tab", [(t(f"segments.tab.{key}", lang), lambda r=render: r(f, lang),
                                f"segments.{key}") for key, render in SECTIONS], lang)
