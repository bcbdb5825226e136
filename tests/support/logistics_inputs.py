"""Synthetic inputs shaped like the upstream demo generators (cities, customers, products,
orders, lines) and everything the logistics generator makes of them, for one seed."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cockpit.demo.context import DemoContext
from cockpit.demo.geo import cities_frame, jitter_km
from cockpit.demo.inventory import generate_inventory
from cockpit.demo.logistics import (
    assign_warehouses,
    generate_shipments,
    generate_warehouses,
)
from cockpit.warehouse.schema import (
    CATEGORIES,
    generated_columns,
    order_items,
    orders,
)

START, END = date(2024, 1, 1), date(2026, 11, 24)
N_ORDERS = 20_000


def schema_columns(table) -> list[str]:
    """The columns the generator fills (all but import_id, which only imports set)."""
    return generated_columns(table)


def synthetic_inputs(n_orders: int, seed: int = 0):
    """(cities, customers, products, orders, items) shaped like the upstream generators."""
    rng = np.random.default_rng(seed)
    cities = cities_frame()
    n_cust, n_prod = max(500, n_orders // 10), 300
    pick = rng.choice(len(cities), n_cust, p=cities["weight"].to_numpy())
    lat, lon = jitter_km(rng, cities["latitude"].to_numpy()[pick],
                         cities["longitude"].to_numpy()[pick], 8.0)
    customers = pd.DataFrame({
        "customer_id": np.arange(1, n_cust + 1), "city": cities["city"].to_numpy()[pick],
        "region": cities["region"].to_numpy()[pick], "home_latitude": lat,
        "home_longitude": lon, "persona": "regular"})
    category = rng.choice(CATEGORIES, n_prod)
    products = pd.DataFrame({
        "product_id": np.arange(1, n_prod + 1), "category": category,
        "weight_kg": rng.lognormal(0.0, 0.7, n_prod).round(3),
        "needs_cold_chain": (category == "fresh") & (rng.random(n_prod) < 0.8)})
    span = (pd.Timestamp(END) + pd.Timedelta(days=1) - pd.Timestamp(START)).total_seconds()
    ordered = (pd.Timestamp(START) + pd.to_timedelta(
        np.sort(np.sqrt(rng.random(n_orders))) * span, unit="s")).floor("s")
    channel = rng.choice(["app", "live_stream", "offline_store", "mini_program"], n_orders,
                         p=[0.5, 0.25, 0.1, 0.15])
    status = rng.choice(["paid", "cancelled", "returned"], n_orders, p=[0.93, 0.03, 0.04])
    cust = rng.integers(1, n_cust + 1, n_orders)
    order_frame = pd.DataFrame({c: pd.NA for c in schema_columns(orders)}, index=range(n_orders))
    order_frame = order_frame.assign(
        order_id=np.arange(1, n_orders + 1), customer_id=cust, ordered_at=ordered,
        order_date=ordered.normalize(), channel=channel,
        city=customers["city"].to_numpy()[cust - 1], status=status)
    n_lines = rng.integers(1, 4, n_orders)
    prod = rng.integers(1, n_prod + 1, n_lines.sum())
    items = pd.DataFrame({
        "order_id": np.repeat(order_frame["order_id"].to_numpy(), n_lines),
        "line_number": np.arange(n_lines.sum()) - np.repeat(np.cumsum(n_lines) - n_lines,
                                                            n_lines) + 1,
        "product_id": prod, "category": category[prod - 1],
        "quantity": rng.integers(1, 4, n_lines.sum()),
        "unit_price_cny": 10.0, "discount_cny": 0.0, "amount_cny": 10.0})
    lines = items.reindex(columns=schema_columns(order_items))
    return cities, customers, products, order_frame, lines


def build(seed: int = 7, n_orders: int = N_ORDERS):
    """Everything the logistics generator produces, for one seed."""
    ctx = DemoContext(seed=seed, start=START, end=END, n_orders=n_orders)
    cities, customers, products, order_frame, items = synthetic_inputs(n_orders)
    wh = generate_warehouses(ctx, cities)
    order_frame["warehouse_id"] = assign_warehouses(order_frame, items, products, customers, wh)
    ship, readings, returns = generate_shipments(ctx, order_frame, items, products, customers,
                                                 wh)
    inventory = generate_inventory(ctx, order_frame, items, wh, products)
    return dict(ctx=ctx, customers=customers, products=products, orders=order_frame,
                items=items, warehouses=wh, shipments=ship, readings=readings,
                returns=returns, inventory=inventory)
