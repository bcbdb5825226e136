"""O2O stores: stores as experience centres, their pull on online sales, halo, funnel, what-if.

Thin page: headline cards, then one lazy tab per part; the sections live in cockpit.ui.o2o.
"""

import streamlit as st

from cockpit.o2o import attribution as lift
from cockpit.o2o import stores as store_data
from cockpit.ui import query
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import t
from cockpit.ui.o2o import attribution, funnel, halo, omni, stores, whatif
from cockpit.ui.page import page_body
from cockpit.ui.tabs import lazy_tabs

with page_body("page.o2o", "o2o.caption", needs="o2o") as page:
    f, lang = page.filters, page.lang
    window = st.slider(t("o2o.window", lang), 1, 30, lift.WINDOW_DAYS, key="o2o_window",
                       help=t("o2o.window.help", lang))
    views = query(store_data.store_views, f, window)
    require_data(not views["summary"].empty)
    stores.kpis(views["summary"], f, window, lang)

    def halo_and_whatif() -> None:
        halo.render(f, lang)
        whatif.render(f, lang)

    lazy_tabs("o2o_tab", [(t(f"o2o.tab.{key}", lang), draw, f"o2o.{key}") for key, draw in (
        ("stores", lambda: stores.render(views, f, window, lang)),
        ("attribution", lambda: attribution.render(f, window, lang)),
        ("halo", halo_and_whatif),
        ("omni", lambda: omni.render(f, lang)),
        ("funnel", lambda: funnel.render(f, lang)),
    )], lang)
