"""Explanation-window ROI: each run of product explanation for one product, with a short tail.

A window is a run of consecutive product_explanation minutes featuring the same product. Its
tail is the TAIL_MINUTES after it (whatever is on air): orders often land just after the pitch.
A window's views are the viewers who watched any of it: the room before it plus its entries
(only its entries would leave out everyone already watching, and inflate its GPM); over a whole
session this is the session's views, so window and session GPM compare directly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.live.metrics import METRICS

TAIL_MINUTES = 3
COLUMNS = ("start", "end", "minutes", "featured_product_id", "product_zh", "product_en",
           "gmv_cny", "orders", "product_clicks", "views", "gpm", "gmv_per_minute",
           "tail_gmv_cny", "tail_orders", "viewers_lost")


def explanation_windows(minutes: pd.DataFrame, tail: int = TAIL_MINUTES) -> pd.DataFrame:
    """One row per explanation window of one session (minutes in minute order): start, end
    (minute_index, inclusive), minutes, featured_product_id, product_zh, product_en, gmv_cny,
    orders, product_clicks, views (room before the window + entries during it), gpm
    (GMV × 1000 / views), gmv_per_minute, tail_gmv_cny, tail_orders (the `tail` minutes
    after), viewers_lost (room before the window minus room at its end; negative when the
    room grew). The room before minute 0 is empty."""
    m = minutes.reset_index(drop=True)
    expl = m["segment"].eq("product_explanation")
    product = m["featured_product_id"].fillna(-1)
    first = expl & (~expl.shift(fill_value=False) | (product != product.shift()))
    run = first.cumsum()[expl]
    if run.empty:
        return pd.DataFrame(columns=COLUMNS)
    w = m[expl].assign(row=m.index[expl]).groupby(run).agg(
        start=("minute_index", "first"), end=("minute_index", "last"),
        minutes=("minute_index", "size"), featured_product_id=("featured_product_id", "first"),
        product_zh=("product_zh", "first"), product_en=("product_en", "first"),
        gmv_cny=("gmv_cny", "sum"), orders=("orders", "sum"),
        product_clicks=("product_clicks", "sum"), entries=("entries", "sum"),
        first_row=("row", "first"), last_row=("row", "last"))
    online = m["online_viewers"].to_numpy().astype(float)
    first_row = w["first_row"].to_numpy()
    before = np.where(first_row > 0, online[np.maximum(first_row - 1, 0)], 0.0)
    w["views"] = before + w["entries"].to_numpy()
    w["viewers_lost"] = before - online[w["last_row"].to_numpy()]
    gpm = METRICS["gpm"]
    w["gpm"] = [np.nan if (v := gpm.value(r)) is None else v
                for r in w[["gmv_cny", "views"]].to_dict("records")]
    w["gmv_per_minute"] = w["gmv_cny"] / w["minutes"]
    end = np.minimum(w["last_row"].to_numpy() + tail, len(m) - 1)
    for col, name in (("gmv_cny", "tail_gmv_cny"), ("orders", "tail_orders")):
        total = m[col].cumsum().to_numpy()
        w[name] = total[end] - total[w["last_row"].to_numpy()]
    return w[list(COLUMNS)].reset_index(drop=True)
