"""Explanation-window ROI: each run of product explanation for one product, with a short tail.

A window is a run of consecutive product_explanation minutes featuring the same product. Its
tail is the TAIL_MINUTES after it (whatever is on air): orders often land just after the pitch.
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
    orders, product_clicks, views, gpm (GMV × 1000 / views in the window), gmv_per_minute,
    tail_gmv_cny, tail_orders (the `tail` minutes after), viewers_lost (room before the
    window minus room at its end; negative when the room grew)."""
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
        product_clicks=("product_clicks", "sum"), views=("entries", "sum"),
        first_row=("row", "first"), last_row=("row", "last"))
    gpm = METRICS["gpm"]
    w["gpm"] = [np.nan if (v := gpm.value(r)) is None else v
                for r in w[["gmv_cny", "views"]].to_dict("records")]
    w["gmv_per_minute"] = w["gmv_cny"] / w["minutes"]
    end = np.minimum(w["last_row"].to_numpy() + tail, len(m) - 1)
    for col, name in (("gmv_cny", "tail_gmv_cny"), ("orders", "tail_orders")):
        total = m[col].cumsum().to_numpy()
        w[name] = total[end] - total[w["last_row"].to_numpy()]
    online = m["online_viewers"].to_numpy()
    before = online[np.maximum(w["first_row"].to_numpy() - 1, 0)]
    w["viewers_lost"] = (before - online[w["last_row"].to_numpy()]).astype(float)
    return w[list(COLUMNS)].reset_index(drop=True)
