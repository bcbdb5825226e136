"""Live page, private-domain follow-through: the buyers and WeCom members each session and
host brought, their repurchase within 7 and 30 days, and the refund rate."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cockpit.filters import Filters
from cockpit.live import followthrough
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.live.common import show

FOLLOW_COLUMNS = {
    "sessions": ("live.col.sessions", "count"), "buyers": ("live.col.buyers", "count"),
    "buyer_repurchase_7d": ("live.col.buyer_repurchase_7d", "ratio"),
    "buyer_repurchase_30d": ("live.col.buyer_repurchase_30d", "ratio"),
    "wecom_members": ("live.col.wecom_members", "count"),
    "wecom_repurchase_7d": ("live.col.wecom_repurchase_7d", "ratio"),
    "wecom_repurchase_30d": ("live.col.wecom_repurchase_30d", "ratio"),
    "refund_rate": ("live.col.refund_rate", "ratio"),
}


def follow_frame(rates: pd.DataFrame, first: dict[str, str], lang: str,
                 skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """Display table: the `first` columns as they are, then FOLLOW_COLUMNS (but `skip`)
    formatted."""
    shown = pd.DataFrame({t(v, lang): rates[k] for k, v in first.items()})
    for key, (text_key, unit) in FOLLOW_COLUMNS.items():
        if key in skip:
            continue
        shown[t(text_key, lang)] = [show(v, unit, lang) for v in rates[key]]
    return shown


def render(f: Filters, lang: str) -> None:
    """The follow-through tab: by host, then by session."""
    st.caption(t("live.follow_caption", lang))
    hosts = query(followthrough.by_host, f).sort_values("buyers", ascending=False)
    if hosts["buyer_repurchase_30d"].isna().all():
        st.info(t("live.follow_too_recent", lang), icon=":material/schedule:")
    st.subheader(t("live.follow_hosts", lang))
    table(follow_frame(hosts, {"host_name": "live.col.host"}, lang),
          f"live_followthrough_hosts_{f.start}_{f.end}", lang, raw=hosts)
    st.subheader(t("live.follow_sessions", lang))
    per = query(followthrough.by_session, f).sort_values("buyers", ascending=False)
    per = per.assign(started=per["started_at"].dt.strftime("%Y-%m-%d %H:%M"))
    table(follow_frame(per, {"started": "live.col.started_at", "title": "live.col.title",
                             "host_name": "live.col.host"}, lang, skip=("sessions",)),
          f"live_followthrough_sessions_{f.start}_{f.end}", lang, raw=per)
