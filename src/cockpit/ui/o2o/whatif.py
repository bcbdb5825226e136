"""O2O page, what-if: open an experience store in a chosen city; projected extra online orders
and GMV in its halo from the estimated band uplifts, with the range and the assumptions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cockpit.filters import Filters
from cockpit.o2o import halo, whatif
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.o2o.common import band_label


def _pick_city(f: Filters, lang: str) -> str:
    """City selectbox (the cities of the user's scope), cities without a store first."""
    options = query(whatif.city_options, f.scope)
    en = dict(zip(options["city"], options["city_en"], strict=True))
    count = dict(zip(options["city"], options["stores"], strict=True))

    def label(city: str) -> str:
        shown = city if lang == "zh" else en[city]
        key = "o2o.whatif.city_label" if count[city] else "o2o.whatif.city_none"
        return t(key, lang, city=shown, n=count[city])

    return st.selectbox(t("o2o.whatif.city", lang), options["city"].tolist(), key="o2o_city",
                        format_func=label)


def _card(title: str, value: str, help_key: str, lang: str, note: str | None = None) -> None:
    with st.container(border=True):
        st.metric(t(title, lang), value, help=t(help_key, lang))
        if note:
            st.caption(note)


def render(f: Filters, lang: str) -> None:
    """The what-if section."""
    st.subheader(t("o2o.whatif", lang))
    city = _pick_city(f, lang)
    if not query(halo.eligible_stores, f):
        st.info(t("o2o.whatif.no_estimate", lang))
        return
    halo_res = query(halo.summary, f)
    res = query(whatif.scenario, f, city, whatif.band_effects(halo_res["orders"]),
                whatif.band_effects(halo_res["gmv"]))
    orders_p, gmv_p = res["orders"], res["gmv"]
    tot_o, tot_g = orders_p.iloc[-1], gmv_p.iloc[-1]
    c1, c2, c3 = st.columns(3)
    with c1:
        _card("o2o.whatif.customers", fmt.count(res["catchment"]["customers"].sum(), lang),
              "o2o.whatif.customers.help", lang)
    with c2:
        _card("o2o.whatif.orders", fmt.count(tot_o["extra_uplift"], lang),
              "o2o.whatif.orders.help", lang,
              t("o2o.whatif.range", lang, low=fmt.count(tot_o["extra_low"], lang),
                high=fmt.count(tot_o["extra_high"], lang)))
    with c3:
        _card("o2o.whatif.gmv", fmt.money(tot_g["extra_uplift"], lang),
              "o2o.whatif.gmv.help", lang,
              t("o2o.whatif.range", lang, low=fmt.money(tot_g["extra_low"], lang),
                high=fmt.money(tot_g["extra_high"], lang)))
    whatif_table(orders_p, gmv_p, res["both"], city, lang)
    st.caption(t("o2o.whatif.assumption", lang))


def _with_range(est: pd.Series, low: pd.Series, high: pd.Series, show) -> list[str]:
    return [f"{show(e)} ({show(lo)} ~ {show(hi)})" for e, lo, hi in zip(est, low, high,
                                                                         strict=True)]


def whatif_table(orders_p: pd.DataFrame, gmv_p: pd.DataFrame, raw: pd.DataFrame, city: str,
                 lang: str) -> None:
    """Per band and in total: customers, uplift, extra orders and GMV with their ranges."""
    bands = [t("o2o.col.total", lang) if b == "total" else band_label(b, lang)
             for b in orders_p["band"]]
    shown = pd.DataFrame({
        t("o2o.col.band", lang): bands,
        t("o2o.col.customers", lang): orders_p["customers"].astype(int),
        t("o2o.col.uplift", lang): [fmt.pct(v) for v in orders_p["uplift"]],
        t("o2o.whatif.orders", lang): _with_range(
            orders_p["extra_uplift"], orders_p["extra_low"], orders_p["extra_high"],
            lambda v: fmt.count(v, lang)),
        t("o2o.whatif.gmv", lang): _with_range(
            gmv_p["extra_uplift"], gmv_p["extra_low"], gmv_p["extra_high"],
            lambda v: fmt.money(v, lang)),
    })
    table(shown, f"o2o_whatif_{city}", lang, raw=raw)
