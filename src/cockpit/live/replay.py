"""One session's replay: its minutes (fetched only when the session is opened), the conversion
funnel, traffic sources and the blocks of script segments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.live.metrics import METRICS
from cockpit.live.sessions import sessions_where
from cockpit.warehouse.schema import live_minutes, live_sessions, products

SOURCES = ("entries_feed", "entries_paid", "entries_short_video", "entries_followers")
# exposure (曝光) → entry (进入) → product click → order created → paid. Product-card
# exposures are left out: they count card impressions, several per viewer, not people.
FUNNEL = ("impressions", "views", "product_clicks", "orders_created", "orders")


def session_info(conn: sa.Connection, session_id: int) -> pd.Series:
    """One session's info, totals and metrics (the `sessions` row); KeyError when unknown."""
    frame = sessions_where(conn, [live_sessions.c.live_session_id == session_id])
    if frame.empty:
        raise KeyError(f"no live session {session_id}")
    return frame.drop(columns="gmv_rank").iloc[0]


def session_minutes(conn: sa.Connection, session_id: int) -> pd.DataFrame:
    """One row per minute on air of one session: every live_minutes column but import_id
    (bookkeeping, not a measure) plus the featured product's name_zh and name_en, in minute
    order."""
    lm = live_minutes
    measures = (c for c in lm.c if c.name != "import_id")
    stmt = (sa.select(*measures, products.c.name_zh.label("product_zh"),
                      products.c.name_en.label("product_en"))
            .select_from(lm.outerjoin(products,
                                      products.c.product_id == lm.c.featured_product_id))
            .where(lm.c.live_session_id == session_id).order_by(lm.c.minute_index))
    result = conn.execute(stmt)
    frame = pd.DataFrame(result.all(), columns=list(result.keys()))
    frame["minute_at"] = pd.to_datetime(frame["minute_at"])
    frame["gmv_cny"] = frame["gmv_cny"].astype("float64")
    frame["featured_product_id"] = frame["featured_product_id"].astype("Int64")
    return frame


def funnel(info: pd.Series) -> pd.DataFrame:
    """One row per FUNNEL step: step, count, step_rate (÷ previous step) and overall_rate
    (÷ impressions)."""
    counts = np.array([float(info[s]) for s in FUNNEL])
    prev = np.concatenate([[np.nan], counts[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(prev > 0, counts / prev, np.nan)
        overall = counts / counts[0] if counts[0] > 0 else np.full(len(counts), np.nan)
    return pd.DataFrame({"step": FUNNEL, "count": counts, "step_rate": step,
                         "overall_rate": overall})


def traffic_sources(info: pd.Series) -> pd.DataFrame:
    """One row per entry source: source, entries, share of all entries."""
    entries = np.array([float(info[s]) for s in SOURCES])
    total = entries.sum()
    return pd.DataFrame({"source": [s.removeprefix("entries_") for s in SOURCES],
                         "entries": entries,
                         "share": entries / total if total else np.nan})


def segment_blocks(minutes: pd.DataFrame) -> pd.DataFrame:
    """One row per run of minutes with the same segment and featured product: segment,
    start and end minute_index (inclusive), featured_product_id, product_zh, product_en."""
    if minutes.empty:
        return pd.DataFrame(columns=["segment", "start", "end", "featured_product_id",
                                     "product_zh", "product_en"])
    product = minutes["featured_product_id"].fillna(-1)
    change = (minutes["segment"] != minutes["segment"].shift()) | (product != product.shift())
    block = change.cumsum()
    return (minutes.assign(block=block)
            .groupby("block", sort=True)
            .agg(segment=("segment", "first"), start=("minute_index", "min"),
                 end=("minute_index", "max"), featured_product_id=("featured_product_id", "first"),
                 product_zh=("product_zh", "first"), product_en=("product_en", "first"))
            .reset_index(drop=True))


def session_metrics(info: pd.Series) -> dict[str, float | None]:
    """Every METRICS value for one session (the same definitions as SQL)."""
    return {k: m.value(info) for k, m in METRICS.items()}
