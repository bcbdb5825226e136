"""Demand forecast: Prophet with the China calendar, what-if, backtests; inventory; C2M."""

from cockpit.ui.forecast import c2m, inventory, series
from cockpit.ui.i18n import t
from cockpit.ui.page import page_body
from cockpit.ui.tabs import lazy_tabs

with page_body("page.forecast", "forecast.caption", needs="forecast") as page:
    f, lang = page.filters, page.lang
    lazy_tabs("forecast_tab", [
        (t("forecast.tab.series", lang), lambda: series.render(f, lang), "forecast.series"),
        (t("forecast.tab.inventory", lang), lambda: inventory.render(f, lang),
         "forecast.inventory"),
        (t("forecast.tab.c2m", lang), lambda: c2m.render(f, lang), "forecast.c2m"),
    ], lang)
