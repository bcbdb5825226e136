"""What several Segments tabs share: the per-customer CLV scores, scored once per page run."""

from __future__ import annotations

import pandas as pd

from cockpit.clv.warehouse import CLV_HORIZON_DAYS, customer_clv, customer_clv_series
from cockpit.filters import Filters
from cockpit.ui import query


def clv_scores(f: Filters) -> pd.DataFrame:
    """One row per customer: CLV over the next CLV_HORIZON_DAYS at f.end (cached); the CLV,
    migration, persona, playbook and acquisition tabs all read this one call."""
    return query(customer_clv, f.end, CLV_HORIZON_DAYS, f.scope)


def clv_series(f: Filters) -> pd.Series:
    """`clv_scores` as one CLV value (CNY) per customer_id."""
    return customer_clv_series(clv_scores(f))
