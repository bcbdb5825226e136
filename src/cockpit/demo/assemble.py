"""Assemble all order events into the `orders` and `order_items` tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.demo import baskets
from cockpit.demo.context import DemoContext

ORDER_COLUMNS = ["order_id", "customer_id", "ordered_at", "order_date", "channel", "city",
                 "region", "store_id", "live_session_id", "warehouse_id", "item_count",
                 "subtotal_cny", "discount_cny", "total_cny", "coupon_type", "status",
                 "return_reason"]
ITEM_COLUMNS = ["order_id", "line_number", "product_id", "category", "quantity",
                "unit_price_cny", "discount_cny", "amount_cny"]


def assemble_orders(ctx: DemoContext, events: pd.DataFrame, customers: pd.DataFrame,
                    products: pd.DataFrame, stores: pd.DataFrame
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baskets, re-buys, ids in time order, coupons, money and status."""
    persona = customers.set_index("customer_id")["persona"]
    events = events.reset_index(drop=True)
    lines = baskets.build_lines(ctx, events, products, persona)
    rebuys = baskets.rebuy_events(ctx, events, lines, products)
    rebuy_lines = pd.DataFrame({"event": np.arange(len(rebuys)) + len(events),
                                "product_id": rebuys["product_id"].to_numpy(dtype=np.int64)})
    events = pd.concat([events, rebuys], ignore_index=True)
    lines = pd.concat([lines, rebuy_lines], ignore_index=True)
    events = events[events["ordered_at"] >= pd.Timestamp(ctx.start)]
    events = baskets.thin_by_phase(ctx, events)
    order = events["ordered_at"].sort_values(kind="stable").index
    new_id = pd.Series(np.arange(1, len(order) + 1, dtype=np.int64), index=order)
    lines = lines[lines["event"].isin(new_id.index)]
    events = events.loc[order].reset_index(drop=True)
    lines = lines.assign(event=new_id.reindex(lines["event"]).to_numpy() - 1)
    lines = lines.sort_values("event", kind="stable").reset_index(drop=True)
    baskets.assign_coupons(ctx, events)
    lines = baskets.price_lines(ctx, events, lines, products)
    return _orders_table(ctx, events, lines, customers, stores), _items_table(lines)


def _items_table(lines: pd.DataFrame) -> pd.DataFrame:
    items = pd.DataFrame({
        "order_id": lines["event"].to_numpy() + 1,
        "line_number": lines.groupby("event").cumcount().to_numpy() + 1,
        "product_id": lines["product_id"].to_numpy(),
        "category": lines["category"].to_numpy(),
        "quantity": lines["quantity"].to_numpy(),
        "unit_price_cny": lines["unit_price_fen"].to_numpy() / 100,
        "discount_cny": lines["discount_fen"].to_numpy() / 100,
        "amount_cny": lines["amount_fen"].to_numpy() / 100,
    })
    return items[ITEM_COLUMNS]


def _orders_table(ctx, events, lines, customers, stores) -> pd.DataFrame:
    sums = lines.assign(gross=lines["unit_price_fen"] * lines["quantity"]).groupby("event").agg(
        gross=("gross", "sum"), discount=("discount_fen", "sum"), n=("product_id", "size"))
    first_category = lines.groupby("event")["category"].first().to_numpy()
    cust = customers.set_index("customer_id")
    store_city = stores.set_index("store_id")["city"]
    city = cust["city"].reindex(events["customer_id"]).to_numpy()
    offline = events["store_id"].notna().to_numpy()
    city[offline] = store_city.reindex(events.loc[offline, "store_id"]).to_numpy()
    region_of = customers.drop_duplicates("city").set_index("city")["region"]
    orders = pd.DataFrame({
        "order_id": np.arange(1, len(events) + 1, dtype=np.int64),
        "customer_id": events["customer_id"].to_numpy(),
        "ordered_at": events["ordered_at"].to_numpy(),
        "order_date": events["ordered_at"].dt.date.to_numpy(),
        "channel": events["channel"].to_numpy(),
        "city": city,
        "region": region_of.reindex(city).to_numpy(),
        "store_id": events["store_id"].astype("Int64").array,
        "live_session_id": events["live_session_id"].astype("Int64").array,
        "warehouse_id": pd.array([pd.NA] * len(events), dtype="Int64"),
        "item_count": sums["n"].to_numpy(),
        "subtotal_cny": sums["gross"].to_numpy() / 100,
        "discount_cny": sums["discount"].to_numpy() / 100,
        "total_cny": (sums["gross"] - sums["discount"]).to_numpy() / 100,
        "coupon_type": events["coupon_type"].to_numpy(),
    })
    baskets.assign_status(ctx, orders, first_category)
    return orders[ORDER_COLUMNS]
