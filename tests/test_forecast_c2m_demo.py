"""C2M signal: the planted fastest grower, the oversize hoodie, is flagged on the demo
warehouse (DuckDB and PostgreSQL), and the growth arithmetic is right."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from cockpit.demo.catalogue import HOODIE_C2M_SKU, HOODIE_COUNTERPART_SKU
from cockpit.facts import data_range
from cockpit.filters import Filters
from cockpit.forecast import c2m


def test_relative_growth_arithmetic() -> None:
    growth, low = c2m.relative_growth([200, 100, 50, 5], [100, 100, 0, 0], platform=2.0)
    assert growth[0] == pytest.approx(1.0)  # grows with the platform
    assert growth[1] == pytest.approx(0.5)
    assert np.isnan(growth[2])  # no earlier units: no growth ratio
    assert (low[:2] < growth[:2]).all()
    assert low[2] > low[3] > 0  # more evidence, higher lower bound


def test_halves_are_equal_and_disjoint() -> None:
    early, recent = c2m.halves(Filters(date(2026, 1, 1), date(2026, 1, 11)))
    assert (early.start, early.end) == (date(2026, 1, 1), date(2026, 1, 5))
    assert (recent.start, recent.end) == (date(2026, 1, 7), date(2026, 1, 11))
    with pytest.raises(ValueError, match="two days"):
        c2m.halves(Filters(date(2026, 1, 1), date(2026, 1, 1)))


@pytest.fixture(scope="module")
def signal(demo_warehouse):
    with demo_warehouse.connect() as conn:
        first, last = data_range(conn)
        return c2m.growth_signal(conn, Filters(first, last))


def test_oversize_hoodie_is_flagged(signal) -> None:
    hoodie = signal.set_index("sku").loc[HOODIE_C2M_SKU]
    assert bool(hoodie["flagged"])
    assert hoodie["growth_low"] >= c2m.FLAG_MIN_GROWTH
    assert hoodie["growth_vs_platform"] > 1.5
    assert 1 <= signal["flagged"].sum() <= c2m.TOP
    # its regular counterpart sold all along: not a growth signal
    assert not bool(signal.set_index("sku").loc[HOODIE_COUNTERPART_SKU, "flagged"])


def test_flags_need_volume_and_ranking(signal) -> None:
    flagged = signal[signal["flagged"]]
    assert (flagged["units_earlier"] + flagged["units_recent"] >= c2m.MIN_UNITS).all()
    assert signal["growth_low"].is_monotonic_decreasing
    platform = signal["units_recent"].sum() / signal["units_earlier"].sum()
    assert signal["platform_growth"].iloc[0] == pytest.approx(platform)


def test_attribute_growth_covers_every_attribute(demo_warehouse) -> None:
    with demo_warehouse.connect() as conn:
        first, last = data_range(conn)
        frame = c2m.attribute_growth(conn, Filters(first, last))
    assert set(frame["attribute"]) == set(c2m.ATTRIBUTES)
    per_attribute = frame.groupby("attribute")["units_recent"].sum()
    assert per_attribute.nunique() == 1  # each attribute partitions the same units
    assert {"true", "false"} <= set(frame.loc[frame["attribute"] == "is_c2m", "value"])
