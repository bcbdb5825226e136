"""Marketing spend by day and channel, planted so new-customer acquisition cost triples."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.demo.context import DemoContext

# channel -> starting acquisition cost per new customer, ¥
START_CAC = {"douyin": 60.0, "xiaohongshu": 70.0, "search_ads": 80.0, "wecom_group": 25.0,
             "referral": 30.0, "official_account": 20.0, "offline_store": 40.0}
CAC_GROWTH = 3.0  # acquisition cost at the end of the history / at its start
CPM_CNY = {"douyin": 35.0, "xiaohongshu": 45.0, "search_ads": 60.0, "wecom_group": 5.0,
           "referral": 2.0, "official_account": 4.0, "offline_store": 8.0}


def generate_marketing(ctx: DemoContext, customers: pd.DataFrame,
                       first_order_at: pd.Series) -> pd.DataFrame:
    """`marketing_spend`: for each day and channel, the new customers it brought (first
    order that day) times an acquisition cost that grows exponentially to 3x, plus noise."""
    rng = ctx.rng("marketing")
    days = ctx.days
    first_day = first_order_at.reindex(customers["customer_id"]).dt.normalize()
    new = (pd.DataFrame({"day": first_day.to_numpy(),
                         "channel": customers["acquisition_channel"].to_numpy()})
           .dropna().groupby(["day", "channel"]).size())
    grid = pd.MultiIndex.from_product([days, list(START_CAC)], names=["day", "channel"])
    new = new.reindex(grid, fill_value=0).to_numpy()
    t = np.repeat(np.arange(len(days)) / max(len(days) - 1, 1), len(START_CAC))
    base = np.array([START_CAC[c] for _, c in grid])
    cac = base * CAC_GROWTH ** t * rng.lognormal(0, 0.1, len(grid))
    spend = np.round(np.maximum(new, 0.3) * cac, 2)
    cpm = np.array([CPM_CNY[c] for _, c in grid])
    impressions = np.round(spend / cpm * 1000 * rng.lognormal(0, 0.1, len(grid)))
    clicks = np.round(impressions * rng.uniform(0.01, 0.03, len(grid)))
    ctx.plant("cac_growth", CAC_GROWTH, "ratio",
              "acquisition cost per new customer at the end of the history vs the start")
    return pd.DataFrame({
        "spend_date": grid.get_level_values("day").date,
        "channel": grid.get_level_values("channel"),
        "spend_cny": spend,
        "impressions": impressions.astype(np.int64),
        "clicks": clicks.astype(np.int64),
    })
