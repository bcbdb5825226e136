"""Demo inventory: end-of-day stock per warehouse and product for the most recent 180 days,
replenished by an (s, S) policy with each warehouse's lead time."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from cockpit.demo.context import DemoContext
from cockpit.warehouse.schema import generated_columns, inventory_daily

log = logging.getLogger(__name__)

WINDOW_DAYS = 180
REVIEW_DAYS_COLD, REVIEW_DAYS_AMBIENT = 3, 10  # order-up-to cover; fresh goods keep briefly
SERVICE_Z = (0.6, 2.0)  # safety factors vary by pair, so a few pairs run out of stock


def generate_inventory(ctx: DemoContext, orders: pd.DataFrame, items: pd.DataFrame,
                       warehouses: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """The `inventory_daily` table: one row per day of the last 180 and warehouse × product
    shipped from it in that window. outbound_units = units shipped (by order date), capped
    by stock on hand: on a stock-out day the rest ships from elsewhere."""
    days = pd.date_range(end=pd.Timestamp(ctx.end), periods=WINDOW_DAYS, freq="D")
    demand, pairs = _daily_demand(orders, items, days)
    rng = ctx.rng("logistics.inventory")
    s, big_s, lead, lead_sd = _policy(rng, demand, pairs, warehouses, products)
    on_hand, inbound, outbound = _simulate(rng, demand, s, big_s, lead, lead_sd)
    n_pairs = len(pairs)
    frame = pd.DataFrame({
        "snapshot_date": np.tile(days.to_numpy(dtype="datetime64[D]"), n_pairs),
        "warehouse_id": np.repeat(pairs["warehouse_id"].to_numpy(), WINDOW_DAYS),
        "product_id": np.repeat(pairs["product_id"].to_numpy(), WINDOW_DAYS),
        "on_hand_units": on_hand.ravel(),
        "inbound_units": inbound.ravel(),
        "outbound_units": outbound.ravel(),
    })
    log.info("inventory: %d pairs, %d rows, %d stock-out days", n_pairs, len(frame),
             int((outbound < demand).sum()))
    return frame[generated_columns(inventory_daily)]


def _daily_demand(orders: pd.DataFrame, items: pd.DataFrame,
                  days: pd.DatetimeIndex) -> tuple[np.ndarray, pd.DataFrame]:
    """Units shipped per (warehouse, product) pair and day: matrix pairs × days."""
    order_day = pd.to_datetime(orders["order_date"]).to_numpy(dtype="datetime64[D]")
    first = days[0].to_datetime64().astype("datetime64[D]")
    mask = (orders["warehouse_id"].notna().to_numpy() & (orders["status"] != "cancelled").to_numpy()
            & (order_day >= first) & (order_day < first + len(days)))
    sel = orders.loc[mask, ["order_id", "warehouse_id"]]
    day_of_order = (order_day[mask] - first).astype("int64")
    lines = items.loc[items["order_id"].isin(sel["order_id"]), ["order_id", "product_id",
                                                                  "quantity"]]
    pos = pd.Index(sel["order_id"]).get_indexer(lines["order_id"])
    wid = sel["warehouse_id"].to_numpy(dtype="int64")[pos]
    pid = lines["product_id"].to_numpy(dtype="int64")
    codes, keys = pd.factorize(wid * 10**9 + pid, sort=True)
    n_days = len(days)
    flat = np.bincount(codes * n_days + day_of_order[pos],
                       weights=lines["quantity"].to_numpy(dtype=float),
                       minlength=len(keys) * n_days)
    pairs = pd.DataFrame({"warehouse_id": keys // 10**9, "product_id": keys % 10**9})
    return flat.reshape(len(keys), n_days).astype("int64"), pairs


def _policy(rng: np.random.Generator, demand: np.ndarray, pairs: pd.DataFrame,
            warehouses: pd.DataFrame, products: pd.DataFrame):
    """(s, S, lead mean, lead sd) per pair; s covers lead-time demand plus safety stock
    z · sqrt(L·σ_d² + d̄²·σ_L²), S adds the review cover."""
    wh = warehouses.set_index("warehouse_id")
    lead = pairs["warehouse_id"].map(wh["lead_time_days"]).to_numpy(dtype=float)
    lead_sd = pairs["warehouse_id"].map(wh["lead_time_sd_days"]).to_numpy(dtype=float)
    cold = pairs["product_id"].map(products.set_index("product_id")["needs_cold_chain"])
    review = np.where(cold.fillna(False).to_numpy(dtype=bool), REVIEW_DAYS_COLD,
                      REVIEW_DAYS_AMBIENT)
    mean, sd = demand.mean(axis=1), demand.std(axis=1)
    z = rng.uniform(*SERVICE_Z, len(pairs))
    s = np.ceil(mean * lead + z * np.sqrt(lead * sd**2 + mean**2 * lead_sd**2))
    big_s = s + np.ceil(mean * review) + 1
    return s.astype("int64"), big_s.astype("int64"), lead, lead_sd


def _simulate(rng: np.random.Generator, demand: np.ndarray, s: np.ndarray, big_s: np.ndarray,
              lead: np.ndarray, lead_sd: np.ndarray):
    """Day-by-day stock (vectorised over pairs): receive, ship, reorder up to S at ≤ s."""
    n_pairs, n_days = demand.shape
    max_lead = int(np.ceil((lead + 4 * lead_sd).max(initial=1.0))) + 1
    pipeline = np.zeros((n_pairs, n_days + max_lead + 1), dtype="int64")
    on_hand = rng.integers(s, big_s + 1)
    on_order = np.zeros(n_pairs, dtype="int64")
    out = {k: np.zeros((n_pairs, n_days), dtype="int32") for k in ("on_hand", "in", "out")}
    rows = np.arange(n_pairs)
    for t in range(n_days):  # one step per day, all pairs at once
        arriving = pipeline[:, t]
        on_order -= arriving
        shipped = np.minimum(demand[:, t], on_hand + arriving)
        on_hand = on_hand + arriving - shipped
        position = on_hand + on_order
        qty = np.where(position <= s, big_s - position, 0)
        days_out = np.clip(np.rint(rng.normal(lead, lead_sd)), 1, max_lead).astype("int64")
        pipeline[rows, t + days_out] += qty
        on_order += qty
        out["on_hand"][:, t], out["in"][:, t], out["out"][:, t] = on_hand, arriving, shipped
    return out["on_hand"], out["in"], out["out"]
