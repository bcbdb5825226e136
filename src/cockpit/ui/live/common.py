"""Helpers shared by the Live-commerce replay page's sections: colours, units, number formats,
display names and the session picker's labels."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from cockpit.live import sessions
from cockpit.live.metrics import METRICS
from cockpit.ui import format as fmt
from cockpit.ui.i18n import t

SEGMENT_COLOURS = {"product_explanation": "#2F6FDE", "interaction": "#07C160",
                   "benefits": "#F5A623"}
HOST_COLOURS = {"brand_self": "#E4393C", "influencer": "#7E57C2"}
REPLAY_KPIS = ("gmv_cny", "orders", "views", "unique_viewers", "avg_watch_minutes", "gpm",
               "uv_value", "conversion", "interaction_rate", "wecom_adds")
UNITS = {**{k: u for k, (u, _) in sessions.KPIS.items()},
         **{k: m.unit for k, m in METRICS.items()}, "new_followers": "count"}


def show(value: float | None, unit: str, lang: str) -> str:
    """A number with its unit: cny, count, ratio, minutes or hours."""
    if value is None or pd.isna(value):
        return fmt.EMPTY
    if unit in ("minutes", "hours"):
        return f"{value:,.1f} {t(f'live.unit.{unit}', lang)}"
    if unit == "ratio":
        return fmt.pct(value, 2 if abs(value) < 0.01 else 1)
    return fmt.value(value, unit, lang)


def delta(value: float | None, reference: float | None, unit: str, lang: str) -> str | None:
    """Change for st.metric: percentage points for ratios (two decimals under 1%, where one
    would read +0.0), relative change otherwise; None when it cannot be computed."""
    if unit != "ratio":
        return fmt.delta(value, reference, "count", lang)
    if value is None or reference is None or pd.isna(value) or pd.isna(reference):
        return None
    digits = 2 if max(abs(value), abs(reference)) < 0.01 else 1
    return f"{(value - reference) * 100:+.{digits}f}{t('unit.pp', lang)}"


def label(key: str, lang: str) -> str:
    """A KPI's name."""
    return t(f"live.kpi.{key}", lang)


def helptext(key: str, lang: str) -> str:
    """A KPI's definition with its unit (tooltip)."""
    return t(f"live.kpi.{key}.help", lang)


def segment_name(code: str, lang: str) -> str:
    """A script segment type's name."""
    return t(f"live.segment.{code}", lang)


def host_type_name(code: str, lang: str) -> str:
    """Brand self-broadcast or influencer."""
    return t(f"live.host.{code}", lang)


def product_name(row: pd.Series | dict, lang: str) -> str:
    """The featured product's name in `lang` (row has product_zh, product_en), or none."""
    value = row["product_zh"] if lang == "zh" else row["product_en"]
    return value if isinstance(value, str) else t("live.segment.none", lang)


def session_label(frame: pd.DataFrame, lang: str) -> Callable[[int], str]:
    """format_func for a session picker: rank, day, title, host and GMV of a session id."""
    rows = frame.set_index("live_session_id")

    def fmt_one(sid: int) -> str:
        r = rows.loc[sid]
        return t("live.session_label", lang, rank=r["gmv_rank"],
                 day=r["started_at"].strftime("%m-%d"), title=r["title"],
                 host=r["host_name"], gmv=fmt.money(r["gmv_cny"], lang))
    return fmt_one
