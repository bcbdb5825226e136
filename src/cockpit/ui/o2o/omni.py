"""O2O page, unified customer: omni-channel customers counted once, their share and value
against online-only and store-only customers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cockpit.filters import Filters
from cockpit.o2o import omni
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t


def render(f: Filters, lang: str) -> None:
    """The unified-customer tab: a card per segment and the segment table."""
    st.subheader(t("o2o.omni", lang))
    segs = query(omni.segments, f)
    seg_names = [t(f"o2o.segment.{s}", lang) for s in segs["segment"]]
    for col, label, row in zip(st.columns(len(segs)), seg_names, segs.itertuples(),
                               strict=True):
        with col, st.container(border=True):
            st.metric(label, fmt.money(row.gmv_per_customer, lang),
                      help=t("o2o.omni.value.help", lang))
            st.caption(t("o2o.omni.card", lang, share=fmt.pct(row.customer_share)))
    shown = pd.DataFrame({
        t("o2o.col.segment", lang): seg_names,
        t("o2o.col.customers", lang): [fmt.count(v, lang) for v in segs["customers"]],
        t("o2o.col.customer_share", lang): [fmt.pct(v) for v in segs["customer_share"]],
        t("o2o.col.gmv", lang): [fmt.money(v, lang) for v in segs["gmv_cny"]],
        t("o2o.col.gmv_share", lang): [fmt.pct(v) for v in segs["gmv_share"]],
        t("o2o.omni.value", lang): [fmt.money(v, lang) for v in segs["gmv_per_customer"]],
        t("o2o.col.orders_per_customer", lang): [fmt.number(v)
                                                  for v in segs["orders_per_customer"]],
    })
    table(shown, f"o2o_omni_{f.start}_{f.end}", lang, raw=segs)
    heads = query(omni.channel_headcount, f)
    st.caption(t("o2o.omni.note", lang, summed=fmt.count(heads["summed"], lang),
                 unique=fmt.count(heads["unique"], lang)))
