"""The same small demo (seed 7, ending 2026-11-24) built into DuckDB and into ClickHouse
(chDB) gives the same analysis results: every public analysis function below is run on both
warehouses and its results compared (floats within 1e-9 relative, rows in any order when an
analysis does not define one)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import math
from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit import facts, overview
from cockpit.clv import warehouse as clv
from cockpit.filters import Filters
from cockpit.forecast import demand, series
from cockpit.live import effectiveness, followthrough, replay, sessions
from cockpit.logistics import (
    breakdown,
    co2e,
    cold_chain,
    crossborder,
    esg,
    factors,
    green,
    packaging,
    sustainable,
    usage,
)
from cockpit.logistics import whatif as logistics_whatif
from cockpit.o2o import attribution, funnel, halo, omni, stores
from cockpit.o2o import scope as o2o_scope
from cockpit.o2o import whatif as o2o_whatif
from cockpit.segments import acquisition, c2m, lifecycle, migration, persona_features, rfm
from cockpit.warehouse import read_engine

pytestmark = pytest.mark.clickhouse

END = date(2026, 11, 24)
ALL = Filters(date(2024, 1, 1), END)
LAST_28 = Filters(date(2026, 10, 28), END)
QUARTER = Filters(date(2026, 6, 1), date(2026, 8, 31))
EAST_APPS = Filters(date(2025, 1, 1), END, channels=("app", "live_stream"), regions=("east",))
SNACKS = Filters(date(2026, 1, 1), END, categories=("snacks", "fresh"))
RTOL = 1e-9

Case = Callable[[sa.Connection], object]

CASES: dict[str, Case] = {
    # overview
    "facts.data_range": facts.data_range,
    "overview.kpis.last_28": lambda c: overview.kpis(c, LAST_28),
    "overview.kpis.east_apps": lambda c: overview.kpis(c, EAST_APPS),
    "overview.kpis.snacks": lambda c: overview.kpis(c, SNACKS),
    "overview.period_totals": lambda c: overview.period_totals(c, QUARTER),
    "overview.new_customer_counts": lambda c: overview.new_customer_counts(
        c, [LAST_28, QUARTER, ALL]),
    "overview.gmv_trend.day": lambda c: overview.gmv_trend(c, QUARTER, "day"),
    "overview.gmv_trend.week": lambda c: overview.gmv_trend(c, ALL, "week"),
    "overview.gmv_trend.month": lambda c: overview.gmv_trend(c, EAST_APPS, "month"),
    # segments
    "segments.tier_summary": lambda c: lifecycle.tier_summary(c, LAST_28),
    "segments.tier_trend": lambda c: lifecycle.tier_trend(c, QUARTER),
    "segments.tier_assignments": lambda c: lifecycle.tier_assignments(c, LAST_28),
    "segments.moves": lambda c: migration.moves(c, LAST_28),
    "segments.tier_move_counts": lambda c: migration.tier_move_counts(c, LAST_28),
    "segments.flows": lambda c: migration.flows(c, LAST_28),
    "segments.rfm_groups": lambda c: rfm.rfm_groups(c, ALL),
    "segments.rf_grid": lambda c: rfm.rf_grid(c, ALL),
    "segments.rfm_groups.snacks": lambda c: rfm.rfm_groups(c, SNACKS),
    "segments.cac_trend": lambda c: acquisition.cac_trend(c, ALL),
    "segments.channel_value": lambda c: acquisition.channel_value(c, ALL),
    "segments.c2m_rebuy": lambda c: c2m.c2m_rebuy(c, ALL),
    "segments.c2m_products": lambda c: c2m.c2m_products(c, ALL),
    "segments.persona_counts": lambda c: persona_features.customer_counts(c, ALL),
    "segments.clv_summary": lambda c: clv.customer_summary(c, date(2026, 6, 30)),
    # live
    "live.sessions": lambda c: sessions.sessions(c, QUARTER),
    "live.period_totals": lambda c: sessions.period_totals(c, QUARTER),
    "live.overview": lambda c: sessions.overview(c, ALL),
    "live.channel_shares": lambda c: sessions.channel_shares(c, ALL),
    "live.segment_table": lambda c: effectiveness.segment_table(c, QUARTER),
    "live.rates": lambda c: effectiveness.rates(c, QUARTER),
    "live.effectiveness": lambda c: effectiveness.effectiveness(c, QUARTER),
    "live.follow_by_session": lambda c: followthrough.by_session(c, QUARTER),
    "live.follow_by_host": lambda c: followthrough.by_host(c, ALL),
    "live.replay_minutes": lambda c: replay.session_minutes(c, 1),
    "live.replay_info": lambda c: replay.session_info(c, 1),
    # o2o
    "o2o.data_end": o2o_scope.data_end,
    "o2o.attribution_cells": lambda c: attribution.cells(c, ALL),
    "o2o.attribution_by_category": lambda c: attribution.by_category(c, ALL,
                                                                     attribution.WINDOW_DAYS),
    "o2o.attribution_summary": lambda c: attribution.summary(c, ALL),
    "o2o.eligible_stores": lambda c: halo.eligible_stores(c, ALL),
    "o2o.halo_cells": lambda c: halo.cells(c, ALL),
    "o2o.halo_summary": lambda c: halo.summary(c, ALL),
    "o2o.omni_segments": lambda c: omni.segments(c, ALL),
    "o2o.channel_headcount": lambda c: omni.channel_headcount(c, ALL),
    "o2o.funnel_by_channel": lambda c: funnel.by_channel(c, ALL),
    "o2o.funnel_over_time": lambda c: funnel.over_time(c, ALL),
    "o2o.online_gmv": lambda c: stores.online_gmv(c, ALL),
    "o2o.store_summary": lambda c: stores.store_summary(c, ALL),
    "o2o.experiences": lambda c: stores.experiences(c, ALL),
    "o2o.city_options": o2o_whatif.city_options,
    "o2o.catchment": lambda c: o2o_whatif.catchment(c, ALL, "上海"),
    # logistics
    "logistics.by_region": lambda c: breakdown.by_dimension(c, ALL, "region"),
    "logistics.by_mode": lambda c: breakdown.by_dimension(c, LAST_28, "mode"),
    "logistics.trend": lambda c: breakdown.trend(c, ALL, "week"),
    "logistics.co2e_per_order": lambda c: co2e.co2e_per_order(c, LAST_28),
    "logistics.co2e_summary": lambda c: co2e.co2e_summary(c, ALL),
    "logistics.co2e_snacks": lambda c: co2e.co2e_summary(c, SNACKS),
    "logistics.cold_chain": lambda c: cold_chain.cold_chain(c, ALL),
    "logistics.excursion_histogram": lambda c: cold_chain.excursion_histogram(c, ALL),
    "logistics.crossborder_opening": lambda c: crossborder.opening(c, ALL),
    "logistics.lead_times": lambda c: crossborder.lead_times(
        c, ALL, crossborder.opening(c, ALL)),
    "logistics.esg": lambda c: esg.period_summary(c, LAST_28),
    "logistics.factor_table": factors.factor_table,
    "logistics.green": lambda c: green.green_delivery(c, ALL),
    "logistics.packaging_adoption": lambda c: packaging.adoption_date(c, ALL),
    "logistics.packaging_mix": lambda c: packaging.mix(c, ALL),
    "logistics.packaging_before_after": lambda c: packaging.before_after(
        c, ALL, packaging.adoption_date(c, ALL)),
    "logistics.sustainable_gmv": lambda c: sustainable.gmv(c, ALL),
    "logistics.sustainable_share": lambda c: sustainable.share(c, ALL),
    "logistics.sustainable_trend": lambda c: sustainable.trend(c, ALL),
    "logistics.price_premium": lambda c: sustainable.price_premium(c, ALL),
    "logistics.sustainable_by_region": lambda c: sustainable.by_segment(c, ALL, "region"),
    "logistics.green_buyers": lambda c: sustainable.green_buyers(c, ALL),
    "logistics.factors_used": lambda c: usage.factors_used(c, ALL),
    "logistics.whatif_baseline": lambda c: logistics_whatif.baseline(c, LAST_28),
    # forecast inputs
    "forecast.list_category_region": lambda c: series.list_series(c, "category_region", ALL),
    "forecast.list_sku_warehouse": lambda c: series.list_series(c, "sku_warehouse", LAST_28),
    "forecast.list_orders": lambda c: series.list_series(c, "orders", ALL),
    "forecast.history_orders": lambda c: series.series_history(c, "orders", series.ORDERS_KEY,
                                                               END),
    "forecast.history_first_category_region": lambda c: series.series_history(
        c, "category_region",
        series.list_series(c, "category_region", ALL)["series_key"].sort_values().iloc[0], END),
    "forecast.daily_demand": lambda c: demand.daily_demand(c, ALL, 56),
    "forecast.weekly_product_demand": lambda c: demand.weekly_product_demand(c, ALL, 12),
    "forecast.latest_stock": lambda c: demand.latest_stock(c, ALL),
    "forecast.warehouse_table": demand.warehouse_table,
    "forecast.product_table": demand.product_table,
    "forecast.units_by_warehouse_type": lambda c: demand.units_by_warehouse_type(c, ALL, 56),
    "forecast.delivery_days_by_type": lambda c: demand.delivery_days_by_type(c, ALL, 56),
}


@pytest.fixture(scope="module")
def engines(demo_duckdb_path, demo_clickhouse_url):
    duck = read_engine(f"duckdb:///{demo_duckdb_path}")
    house = read_engine(demo_clickhouse_url)
    yield duck, house
    duck.dispose()
    house.dispose()


@pytest.mark.parametrize("name", list(CASES))
def test_same_results_on_duckdb_and_clickhouse(engines, name: str) -> None:
    duck, house = engines
    with duck.connect() as conn:
        expected = CASES[name](conn)
    with house.connect() as conn:
        got = CASES[name](conn)
    assert_same(got, expected, name)


# ---------------------------------------------------------------------------- comparing


def assert_same(got: object, expected: object, where: str) -> None:
    """Recursive equality: frames and series (rows in any order when not in the same one),
    mappings, sequences, dataclasses; floats within RTOL."""
    if isinstance(expected, pd.DataFrame):
        assert isinstance(got, pd.DataFrame), f"{where}: {type(got)}"
        _same_frames(got, expected, where)
    elif isinstance(expected, pd.Series):
        assert isinstance(got, pd.Series), f"{where}: {type(got)}"
        _same_frames(got.reset_index(), expected.reset_index(), where)
    elif dataclasses.is_dataclass(expected) and not isinstance(expected, type):
        for field in dataclasses.fields(expected):
            assert_same(getattr(got, field.name), getattr(expected, field.name),
                        f"{where}.{field.name}")
    elif isinstance(expected, dict):
        assert set(got) == set(expected), f"{where}: keys {set(got) ^ set(expected)}"
        for key in expected:
            assert_same(got[key], expected[key], f"{where}[{key!r}]")
    elif isinstance(expected, np.ndarray):
        assert_same(list(got), list(expected), where)
    elif isinstance(expected, list | tuple):
        assert len(got) == len(expected), f"{where}: {len(got)} vs {len(expected)} items"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            assert_same(g, e, f"{where}[{i}]")
    else:
        assert _same_scalar(got, expected), f"{where}: {got!r} != {expected!r}"


def _same_scalar(got: object, expected: object) -> bool:
    g, e = _plain(got), _plain(expected)
    if isinstance(e, float) or isinstance(g, float):
        if g is None or e is None:
            return g is None and e is None
        if math.isnan(float(e)) or math.isnan(float(g)):
            return math.isnan(float(e)) and math.isnan(float(g))
        return math.isclose(float(g), float(e), rel_tol=RTOL, abs_tol=RTOL)
    return g == e


def _plain(value: object) -> object:
    """numpy and pandas scalars as Python values; missing values as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as floats when numeric (Decimals, Int64, bools too), else as plain
    Python values, so that driver type choices do not count as differences."""
    out = {}
    for name in frame.columns:
        col = frame[name]
        values = [_plain(v) for v in col.tolist()]
        if all(v is None or isinstance(v, int | float) and not isinstance(v, bool)
               for v in values) and any(v is not None for v in values):
            out[name] = pd.Series([np.nan if v is None else float(v) for v in values],
                                  dtype="float64")
        else:
            out[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(out, columns=list(frame.columns))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = frame.map(lambda v: "" if v is None or v != v else
                     (f"{v:.6e}" if isinstance(v, float) else str(v)))
    order = keys.sort_values(list(keys.columns)).index
    return frame.loc[order].reset_index(drop=True)


def _same_frames(got: pd.DataFrame, expected: pd.DataFrame, where: str) -> None:
    assert list(got.columns) == list(expected.columns), f"{where}: columns differ"
    assert got.shape == expected.shape, f"{where}: shape {got.shape} vs {expected.shape}"
    g, e = _normalised(got.reset_index(drop=True)), _normalised(expected.reset_index(drop=True))
    if _frames_close(g, e) is None:
        return
    problem = _frames_close(_sorted(g), _sorted(e))
    assert problem is None, f"{where}: {problem}"


def _frames_close(got: pd.DataFrame, expected: pd.DataFrame) -> str | None:
    for name in expected.columns:
        for i, (g, e) in enumerate(zip(got[name], expected[name], strict=True)):
            if not _same_scalar(g, e):
                return f"column {name!r} row {i}: {g!r} != {e!r}"
    return None
