"""Overview: headline KPIs against the previous period and last year, GMV trend by channel."""

import streamlit as st

from cockpit import overview
from cockpit.ui import query
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import t
from cockpit.ui.overview import sections
from cockpit.ui.page import page_body
from cockpit.ui.registry import PAGES, page_links

with page_body("overview.title", "overview.caption", needs="overview") as page:
    f, lang = page.filters, page.lang
    kpis = query(overview.kpis, f)
    require_data(kpis.set_index("kpi").at["orders", "value"] > 0)
    sections.kpi_cards(kpis, lang, f)
    st.subheader(t("overview.trend", lang))
    grain = st.segmented_control(t("overview.grain", lang), overview.GRAINS, default="day",
                                 format_func=lambda g: t(f"grain.{g}", lang), key="grain",
                                 required=True) or "day"
    trend = query(overview.gmv_trend, f, grain)
    sections.trend_chart(trend, grain, lang)
    with st.expander(t("overview.trend_table", lang)):
        sections.trend_table(trend, f, grain, lang)
    with st.expander(t("overview.kpi_table", lang)):
        sections.kpi_table(kpis, f, lang)
    if len(PAGES) > 1:
        st.subheader(t("overview.pages", lang))
        page_links(lang, exclude="overview")
