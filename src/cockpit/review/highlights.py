"""One highlight block per domain whose data exists (cockpit.coverage, keys
"review.highlight.<domain>"): the week's best and worst live session (with its worst
drop-off), store-driven online sales, the SKUs with the highest stock-out risk next week, CO2e
per order and green-delivery share, and tier migration. Each calls the domain's own analysis
(cockpit.live, cockpit.o2o, cockpit.forecast, cockpit.logistics, cockpit.segments)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from cockpit.coverage import missing_for, tables_with_rows
from cockpit.filters import Filters
from cockpit.forecast.inventory import inventory_plan
from cockpit.live import dropoff
from cockpit.live.sessions import sessions
from cockpit.logistics.co2e import co2e_per_order
from cockpit.logistics.green import green_delivery
from cockpit.o2o.stores import WINDOW_DAYS, online_gmv, store_summary
from cockpit.review.anomalies import week_minutes
from cockpit.segments import migration

DOMAINS = ("live", "o2o", "forecast", "logistics", "segments")  # the page's order
TOP_STORES = 3
TOP_SKUS = 5
NEXT_WEEK_DAYS = 7


@dataclass(frozen=True)
class Metric:
    """One figure of a block: key (its label), value, unit (cny, count, ratio, kg, units,
    text), previous (the week before; NaN when not compared)."""

    key: str
    value: float | str | None
    unit: str
    previous: float | None = math.nan


@dataclass(frozen=True)
class Highlight:
    """A block: `domain` (also the page it links to), its metrics and, for some, `items`:
    one row per store or SKU it lists (cockpit.review.tables.highlight_items shows them)."""

    domain: str
    metrics: list[Metric] = field(default_factory=list)
    items: pd.DataFrame = field(default_factory=pd.DataFrame)


def _num(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) \
        else float(value)


def live_block(conn: sa.Connection, f: Filters) -> Highlight | None:
    """Best and worst session of the week by GMV, and the worst drop-off among them."""
    frame = sessions(conn, f)
    if frame.empty:
        return None
    best, worst = frame.iloc[0], frame.iloc[-1]
    drops = dropoff.detect(week_minutes(conn, f))
    metrics = [Metric("sessions", float(len(frame)), "count"),
               Metric("best_session", str(best["title"]), "text"),
               Metric("best_gmv", float(best["gmv_cny"]), "cny"),
               Metric("worst_session", str(worst["title"]), "text"),
               Metric("worst_gmv", float(worst["gmv_cny"]), "cny")]
    if not drops.empty:
        top = drops.sort_values("viewers_lost", ascending=False).iloc[0]
        title = frame.set_index("live_session_id").at[top["live_session_id"], "title"]
        metrics += [Metric("dropoff_session", str(title), "text"),
                    Metric("dropoff_minute", float(top["minute_index"]), "count"),
                    Metric("dropoff_viewers", float(top["viewers_lost"]), "count")]
    return Highlight("live", metrics)


def o2o_block(conn: sa.Connection, f: Filters, previous: Filters) -> Highlight | None:
    """Store-driven online GMV as the O2O page defines it (cockpit.o2o.stores: online lines
    of a category the customer tried in a store in the WINDOW_DAYS before), its share of
    online GMV, both against the week before, and the top stores by it. Items: one row per
    store (at most TOP_STORES with store-driven GMV): store_id, name_zh, name_en,
    attributed_orders, attributed_gmv_cny, share (of the week's store-driven GMV)."""
    summary = store_summary(conn, f, WINDOW_DAYS)
    if summary.empty:
        return None
    before = store_summary(conn, previous, WINDOW_DAYS)
    driven = float(summary["attributed_gmv_cny"].sum())
    driven_prev = float(before["attributed_gmv_cny"].sum())
    online, online_prev = online_gmv(conn, f), online_gmv(conn, previous)
    top = summary[summary["attributed_gmv_cny"] > 0].sort_values(
        ["attributed_gmv_cny", "store_id"], ascending=[False, True]).head(TOP_STORES)
    items = top[["store_id", "name_zh", "name_en", "attributed_orders",
                 "attributed_gmv_cny"]].assign(share=top["attributed_gmv_cny"] / driven)
    return Highlight("o2o", [
        Metric("store_driven_gmv", driven, "cny", driven_prev),
        Metric("store_driven_share", driven / online if online else None, "ratio",
               driven_prev / online_prev if online_prev else None),
        Metric("online_gmv", online, "cny", online_prev),
    ], items.reset_index(drop=True))


def stockout_block(conn: sa.Connection, f: Filters) -> Highlight | None:
    """Next week's stock-out risk from the Forecast page's inventory plan
    (cockpit.forecast.inventory) over NEXT_WEEK_DAYS: stock on the last snapshot on or before
    the week's Sunday against forecast daily demand (the stored sku_warehouse batch forecast
    made with history to that Sunday, else the mean of recent days). None without a snapshot
    that old. Items: one row per SKU × warehouse (the TOP_SKUS riskiest with demand): sku,
    name_zh, name_en, warehouse_zh, warehouse_en, on_hand_units, mean_units (per day),
    days_of_cover, shortfall_units (next week's forecast demand less stock, at least 0),
    stockout_risk and source (forecast or history)."""
    plan = inventory_plan(conn, f, horizon=NEXT_WEEK_DAYS)
    stocked = plan["snapshot_date"].dropna()
    if stocked.empty:
        return None
    day = pd.Timestamp(stocked.max()).date()
    plan = plan.assign(shortfall_units=(NEXT_WEEK_DAYS * plan["mean_units"]
                                        - plan["on_hand_units"]).clip(lower=0.0))
    short = plan[plan["shortfall_units"] > 0]
    items = plan[plan["mean_units"] > 0].head(TOP_SKUS)[[
        "sku", "name_zh", "name_en", "warehouse_zh", "warehouse_en", "on_hand_units",
        "mean_units", "days_of_cover", "shortfall_units", "stockout_risk", "source"]]
    return Highlight("forecast", [
        Metric("stock_date" if day >= f.end else "stock_date_old", day.isoformat(), "text"),
        Metric("pairs", float(len(plan)), "count"),
        Metric("pairs_short", float(len(short)), "count"),
        Metric("shortfall_total", float(short["shortfall_units"].sum()), "units"),
    ], items.reset_index(drop=True))


def logistics_block(conn: sa.Connection, f: Filters, previous: Filters) -> Highlight | None:
    """kg CO2e per shipped order and the green-delivery share, against the week before."""
    green, green_prev = green_delivery(conn, f), green_delivery(conn, previous)
    if not green.shipments:
        return None
    return Highlight("logistics", [
        Metric("co2e_per_order", _num(co2e_per_order(conn, f)), "kg",
               _num(co2e_per_order(conn, previous))),
        Metric("green_share", green.share, "ratio", green_prev.share),
        Metric("shipments", float(green.shipments), "count", float(green_prev.shipments)),
    ])


def segments_block(conn: sa.Connection, f: Filters) -> Highlight | None:
    """Customers whose lifecycle tier moved from the week before: up, down, in (new) and
    out, and those who became VIP."""
    pairs = migration.tier_move_counts(conn, f)
    if pairs.empty:
        return None
    dirs = [migration.direction("tier", a, b)
            for a, b in zip(pairs["source"], pairs["target"], strict=True)]
    counts = pairs["customers"].groupby(dirs).sum()
    vip = int(pairs.loc[(pairs["target"] == "vip") & (pairs["source"] != "vip"),
                        "customers"].sum())
    return Highlight("segments", [Metric(f"tier_{d}", float(counts.get(d, 0)), "count")
                                  for d in ("up", "down", "in", "out")]
                     + [Metric("new_vip", float(vip), "count")])


def highlights(conn: sa.Connection, f: Filters, previous: Filters) -> list[Highlight]:
    """The blocks whose domain data exists in the warehouse (and has something this week)."""
    present = tables_with_rows(conn)
    make = {"live": lambda: live_block(conn, f),
            "o2o": lambda: o2o_block(conn, f, previous),
            "forecast": lambda: stockout_block(conn, f),
            "logistics": lambda: logistics_block(conn, f, previous),
            "segments": lambda: segments_block(conn, f)}
    blocks = [make[d]() for d in DOMAINS if not missing_for(f"review.highlight.{d}", present)]
    return [b for b in blocks if b is not None]
