"""CLV per group of customers (lifecycle tier, persona): sizes, P(alive), purchases, value."""

from __future__ import annotations

import pandas as pd

GROUP_COLUMNS = ["customers", "p_alive", "expected_purchases", "expected_aov", "clv",
                 "clv_total", "clv_share"]


def clv_by_group(clv: pd.DataFrame, groups: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per value of groups[column]: customers scored, mean p_alive, mean
    expected_purchases, mean expected_aov (¥), mean clv (¥), clv_total (¥) and clv_share of
    the groups' total. Customers without a CLV score (no purchase by as_of) are left out."""
    merged = groups[["customer_id", column]].merge(clv, on="customer_id", how="inner")
    out = merged.groupby(column, sort=False).agg(
        customers=("customer_id", "size"), p_alive=("p_alive", "mean"),
        expected_purchases=("expected_purchases", "mean"),
        expected_aov=("expected_aov", "mean"), clv=("clv", "mean"),
        clv_total=("clv", "sum")).reset_index()
    total = out["clv_total"].sum()
    out["clv_share"] = out["clv_total"] / total if total > 0 else 0.0
    return out[[column, *GROUP_COLUMNS]]
