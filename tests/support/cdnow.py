"""The CDNOW data that the `lifetimes` package ships (read from its datasets folder without
importing lifetimes) and the published fits on it (Fader, Hardie & Lee 2005; Fader & Hardie
2013)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_LL = -9582.4
PUBLISHED_GG = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def datasets() -> Path:
    spec = importlib.util.find_spec("lifetimes")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("the lifetimes package (CDNOW data) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "datasets"


def cdnow_transactions() -> pd.DataFrame:
    """The 2,357-customer CDNOW sample: one row per order (customer, day, CDs, dollars)."""
    raw = pd.read_csv(datasets() / "CDNOW_sample.txt", sep=r"\s+", header=None,
                      names=["master_id", "customer_id", "day", "cds", "amount"],
                      dtype={"day": str})
    return raw.assign(order_date=pd.to_datetime(raw["day"], format="%Y%m%d"))
