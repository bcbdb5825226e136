"""Build the demo warehouse: generate every table, then load it in one transaction.

For the embedded DuckDB file the build writes a new file beside the old one and renames it
over the old one at the end: readers never see a half-built warehouse, a running app never
blocks the build, and a failed build leaves the previous warehouse untouched.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from cockpit.demo import assemble, catalogue, geo, live, logistics, marketing, service
from cockpit.demo import customers as cust_mod
from cockpit.demo import inventory as demo_inventory
from cockpit.demo import orders as order_events
from cockpit.demo import stores as store_mod
from cockpit.demo.context import DemoContext, history_start, orders_for_scale
from cockpit.logistics.factors import load_emission_factors
from cockpit.marts import refresh_marts
from cockpit.warehouse import load, rls
from cockpit.warehouse.engine import building_marker, is_embedded_file, write_engine

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
LIVE_ORDER_SHARE = 0.27
BASE_ORDER_SHARE = 0.57
GENERATION_STEPS = 9
DEMO_PLATFORM = "own_app"  # the demo is one brand's own platform (app, mini program, live, stores)


@dataclass
class BuildReport:
    url: str
    scale: str
    seed: int
    end_date: date
    rows: dict[str, int]
    seconds: float
    file_bytes: int | None


def generate(ctx: DemoContext, progress: Progress | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the warehouse (and the ground truth) as DataFrames, schema columns."""
    step = _stepper(progress)
    step("cities")
    cities = geo.cities_frame()
    products = catalogue.products_frame(ctx)
    customers = cust_mod.generate_customers(ctx, cities)
    step("live")
    # live rooms feature products on sale from the start; the hoodie pair sells online only
    on_sale = products[(pd.to_datetime(products["launched_on"]) <= pd.Timestamp(ctx.start))
                       & ~products["sku"].isin(catalogue.HOODIE_PAIR)]
    sessions, minutes = live.generate_live(ctx, on_sale, int(ctx.n_orders * LIVE_ORDER_SHARE))
    order_events.assign_live_wecom_joins(ctx, customers, minutes)
    step("stores")
    stores = store_mod.generate_stores(ctx, cities)
    visits, followups = store_mod.generate_visits(ctx, stores, customers, products)
    step("orders")
    base = order_events.base_events(ctx, customers, int(ctx.n_orders * BASE_ORDER_SHARE))
    events = pd.concat([
        base,
        order_events.halo_events(ctx, base, customers, stores),
        order_events.live_events(ctx, minutes, products, customers),
        order_events.visit_events(followups),
    ], ignore_index=True)
    orders, items = assemble.assemble_orders(ctx, events, customers, products, stores)
    _reconcile_live_minutes(minutes, orders)
    step("logistics")
    warehouses = logistics.generate_warehouses(ctx, cities)
    orders["warehouse_id"] = logistics.assign_warehouses(orders, items, products, customers,
                                                         warehouses).array
    shipments, readings, returns = logistics.generate_shipments(
        ctx, orders, items, products, customers, warehouses)
    _apply_cold_chain_returns(orders, returns)
    step("inventory")
    inventory = demo_inventory.generate_inventory(ctx, orders, items, warehouses, products)
    step("service")
    reviews = service.generate_reviews(ctx, orders, items, customers, products)
    tickets = service.generate_tickets(ctx, orders, customers)
    step("customers")
    paid = orders[orders["status"] != "cancelled"]
    cust_mod.assign_member_tiers(customers, paid.groupby("customer_id")["total_cny"].sum())
    first_order = paid.groupby("customer_id")["ordered_at"].min()
    spend = marketing.generate_marketing(ctx, customers, first_order)
    _plant_channel_shares(ctx, orders, sessions)
    orders["platform"] = DEMO_PLATFORM
    orders["refunded_cny"] = np.nan  # demo returns carry no refund amount
    frames = {
        "cities": cities, "customers": customers, "marketing_spend": spend,
        "products": products, "live_sessions": sessions, "live_minutes": minutes,
        "stores": stores, "store_visits": visits, "warehouses": warehouses,
        "inventory_daily": inventory, "orders": orders, "order_items": items,
        "reviews": reviews, "service_tickets": tickets, "shipments": shipments,
        "cold_chain_readings": readings, "emission_factors": load_emission_factors(),
        "warehouse_info": _demo_info(),
        "truth_customers": customers[["customer_id", "persona"]],
        "truth_effects": pd.DataFrame(ctx.truth_effects,
                                      columns=["effect", "value", "unit", "description"]),
        "truth_events": pd.DataFrame(ctx.truth_events,
                                     columns=["event", "entity_id", "occurred_at", "value"]),
    }
    step("checks")
    return {name: _schema_columns(name, frame) for name, frame in frames.items()}


def _stepper(progress: Progress | None) -> Callable[[str], None]:
    count = {"n": 0}

    def step(name: str) -> None:
        count["n"] += 1
        log.info("generating %s", name)
        if progress:
            progress(f"generate:{name}", count["n"], GENERATION_STEPS)

    return step


def _demo_info() -> pd.DataFrame:
    """warehouse_info rows: this warehouse is a demo, built now (UTC)."""
    built_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    return pd.DataFrame({"key": ["kind", "built_at"], "value": ["demo", built_at]})


def _schema_columns(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The schema's columns in order; import_id, which only imports set, as nulls."""
    table = load.table_by_name(name)
    if "import_id" in table.columns and "import_id" not in frame.columns:
        frame = frame.assign(import_id=pd.Series(pd.NA, index=frame.index, dtype="Int64"))
    frame = frame[[c.name for c in table.columns]].copy()
    if name == "truth_effects":
        frame = frame.drop_duplicates("effect", keep="last")
    return frame.reset_index(drop=True)


def _reconcile_live_minutes(minutes: pd.DataFrame, orders: pd.DataFrame) -> None:
    """Minute order counts and GMV are recomputed from the order table, so they agree."""
    live_orders = orders[orders["live_session_id"].notna()]
    minute = ((live_orders["ordered_at"].dt.floor("min")
               - live_orders["live_session_id"].map(
                   minutes.groupby("live_session_id")["minute_at"].min())).dt.total_seconds()
              // 60).astype(np.int64)
    key = pd.MultiIndex.from_arrays([live_orders["live_session_id"].astype(np.int64), minute])
    paid = (live_orders["status"] != "cancelled").to_numpy()
    created = pd.Series(1, index=key).groupby(level=[0, 1]).sum()
    done = pd.Series(paid.astype(int), index=key).groupby(level=[0, 1]).sum()
    gmv = pd.Series(np.where(paid, live_orders["total_cny"], 0.0), index=key).groupby(
        level=[0, 1]).sum()
    mkey = pd.MultiIndex.from_arrays([minutes["live_session_id"], minutes["minute_index"]])
    minutes["orders_created"] = created.reindex(mkey, fill_value=0).to_numpy()
    minutes["orders"] = done.reindex(mkey, fill_value=0).to_numpy()
    minutes["gmv_cny"] = gmv.reindex(mkey, fill_value=0.0).round(2).to_numpy()
    minutes["product_clicks"] = np.maximum(minutes["product_clicks"], minutes["orders_created"])
    minutes["product_exposures"] = np.maximum(minutes["product_exposures"],
                                              minutes["product_clicks"])


def _apply_cold_chain_returns(orders: pd.DataFrame, returns: pd.DataFrame) -> None:
    reason = returns.set_index("order_id")["return_reason"]
    hit = orders["order_id"].isin(reason.index).to_numpy()
    orders.loc[hit, "status"] = "returned"
    orders.loc[hit, "return_reason"] = reason.reindex(orders.loc[hit, "order_id"]).to_numpy()


def _plant_channel_shares(ctx: DemoContext, orders: pd.DataFrame,
                          sessions: pd.DataFrame) -> None:
    """Record the realised channel shares the strategy story depends on."""
    sold = orders[orders["status"] != "cancelled"]
    gmv = sold.groupby("channel")["total_cny"].sum()
    share = (gmv.get("live_stream", 0) + gmv.get("short_video", 0)) / gmv.sum()
    ctx.plant("live_short_video_gmv_share", share, "share",
              "live-stream plus short-video GMV over all GMV (non-cancelled orders)")
    live = sold[sold["live_session_id"].notna()]
    host = live["live_session_id"].map(sessions.set_index("live_session_id")["host_type"])
    by_host = live.groupby(host)["total_cny"].sum()
    ctx.plant("brand_self_share_of_live_gmv_realised",
              by_host.get("brand_self", 0) / by_host.sum(), "share",
              "brand self-broadcast GMV over live GMV in the order table")


def build_demo(url: str, scale: str | int = "default", seed: int = 42,
               end_date: date | None = None, progress: Progress | None = None) -> BuildReport:
    """Generate the demo data and replace the warehouse at `url` with it, all or nothing."""
    started = time.perf_counter()
    end_date = end_date or date.today() - timedelta(days=1)
    ctx = DemoContext(seed=seed, start=history_start(end_date), end=end_date,
                      n_orders=orders_for_scale(scale))
    frames = generate(ctx, progress)
    path = is_embedded_file(url)
    if path is None:
        load.replace_all(write_engine(url), frames, _load_progress(progress), _derive)
        size = None
    else:
        size = _build_file(path, frames, progress)
    rows = {name: len(frame) for name, frame in frames.items()}
    return BuildReport(url, str(scale), seed, end_date, rows,
                       time.perf_counter() - started, size)


def _derive(conn) -> None:
    """After a server load, in its transaction: the marts, then row-level security (the
    tables were recreated, so their policies and grants are too)."""
    refresh_marts(conn)
    rls.install_for_app(conn)


def _load_progress(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    return lambda name, done, total: progress(f"load:{name}", done, total)


def _build_file(path, frames: dict[str, pd.DataFrame], progress: Progress | None) -> int:
    """Write a fresh DuckDB file next to `path`, then rename it over `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = building_marker(path)
    tmp.unlink(missing_ok=True)
    try:
        engine = write_engine(f"duckdb:///{tmp}")
        load.replace_all(engine, frames, _load_progress(progress), refresh_marts)
        engine.dispose()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        for leftover in tmp.parent.glob(tmp.name + ".wal"):
            leftover.unlink(missing_ok=True)
    return path.stat().st_size


__all__ = ["BuildReport", "build_demo", "generate"]
