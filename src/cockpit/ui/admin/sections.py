"""Admin page sections: the users table and the audit log (read-only)."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from cockpit.access import audit
from cockpit.access.users import list_users
from cockpit.appstore import app_engine
from cockpit.config import app_db_url
from cockpit.ui.i18n import t

AUDIT_LIMIT = 200


def intro(lang: str) -> None:
    st.caption(t("admin.caption", lang))


def users_table(lang: str) -> None:
    st.subheader(t("admin.users", lang))
    found = list_users(app_engine(app_db_url()))
    if not found:
        st.caption(t("admin.no_users", lang))
        return
    c = "admin.col."
    st.dataframe(pd.DataFrame({
        t(c + "email", lang): [u.email for u in found],
        t(c + "role", lang): [t(f"auth.role.{u.role}", lang) for u in found],
        t(c + "scope", lang): [", ".join(u.regions or u.stores) or "—" for u in found],
        t(c + "added_at", lang): [f"{u.added_at:%Y-%m-%d %H:%M}" for u in found],
        t(c + "added_by", lang): [u.added_by for u in found],
    }), hide_index=True, key="admin_users")


def audit_table(lang: str) -> None:
    st.subheader(t("admin.audit", lang))
    chosen = st.selectbox(t("admin.audit_action", lang), (None, *audit.ACTIONS),
                          key="admin_audit_action",
                          format_func=lambda a: t("admin.audit_all", lang) if a is None
                          else t(f"admin.action.{a}", lang))
    log = audit.recent(app_engine(app_db_url()), AUDIT_LIMIT, chosen)
    if log.empty:
        st.caption(t("admin.no_audit", lang))
        return
    c = "admin.col."
    st.dataframe(pd.DataFrame({
        t(c + "at", lang): [f"{at:%Y-%m-%d %H:%M:%S}" for at in log["at"]],
        t(c + "who", lang): log["who"],
        t(c + "action", lang): [t(f"admin.action.{a}", lang) for a in log["action"]],
        t(c + "what", lang): log["what"],
        t(c + "filters", lang): [json.dumps(f, ensure_ascii=False) for f in log["filters"]],
    }), hide_index=True, key="admin_audit")
    st.caption(t("admin.audit_caption", lang, limit=AUDIT_LIMIT))
