"""Inventory planning per SKU × warehouse: safety stock, reorder point, stock-out risk,
ABC-XYZ classes and forward/central placement.

Safety stock with demand and lead-time uncertainty (Chopra & Meindl, Supply Chain
Management, "impact of lead-time uncertainty on safety inventory"):
    SS = z · σ_DL,  σ_DL = √(L · σ_d² + d̄² · σ_L²),  ROP = d̄ · L + SS,
with z the standard-normal quantile of the cycle service level, d̄ and σ_d the mean and sd of
daily demand, L and σ_L the mean and sd of the replenishment lead time in days.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa
from scipy.stats import norm

from cockpit.filters import Filters
from cockpit.forecast import demand

SERVICE_LEVEL = 0.95
HISTORY_DAYS = 56  # recent daily demand used when no stored forecast exists
HORIZON_DAYS = 28
CLASS_WEEKS = 26  # ABC-XYZ on the last 26 weeks
ABC_LIMITS = (0.80, 0.95)  # cumulative GMV share closing classes A and B (Pareto 80/15/5)
XYZ_LIMITS = (0.5, 1.0)  # coefficient of variation of weekly units closing X and Y
FORWARD_CLASSES = frozenset({"AX", "AY", "BX"})  # fast and steady: stock near customers
CENTRAL_CLASSES = frozenset({"CY", "CZ", "BZ", "CX"})  # slow or erratic: pool centrally
MONTH_DAYS = 30


def safety_stock(service_level: float, demand_mean, demand_sd, lead_mean, lead_sd):
    """Units of safety stock: z · √(L·σ_d² + d̄²·σ_L²) (arrays broadcast)."""
    z = norm.ppf(service_level)
    mean, sd = np.asarray(demand_mean, float), np.asarray(demand_sd, float)
    lead, lead_sd = np.asarray(lead_mean, float), np.asarray(lead_sd, float)
    return z * np.sqrt(lead * sd**2 + mean**2 * lead_sd**2)


def reorder_point(service_level: float, demand_mean, demand_sd, lead_mean, lead_sd):
    """Units on hand at which to reorder: lead-time demand d̄·L plus safety stock."""
    return (np.asarray(demand_mean, float) * np.asarray(lead_mean, float)
            + safety_stock(service_level, demand_mean, demand_sd, lead_mean, lead_sd))


def stockout_probability(on_hand, demand_mean, demand_sd, days: int):
    """P(demand over `days` > on_hand) with demand ~ Normal(days·d̄, √days·σ_d); no
    replenishment assumed. Zero demand with stock gives 0; zero stock with demand gives 1."""
    mu = np.asarray(demand_mean, float) * days
    sigma = np.asarray(demand_sd, float) * np.sqrt(days)
    on_hand = np.asarray(on_hand, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = norm.sf((on_hand - mu) / sigma)
    return np.where(sigma > 0, p, (mu > on_hand).astype(float))


def _demand(conn: sa.Connection, f: Filters, horizon: int) -> pd.DataFrame:
    """Daily demand mean/sd per pair: stored sku_warehouse forecasts made with history to
    f.end where they exist and the user is unscoped (batch runs fit every order), recent
    history in the user's scope otherwise; column `source` says which."""
    from cockpit.forecast import store

    hist = demand.daily_demand(conn, f, HISTORY_DAYS).assign(source="history")
    if not f.scope.unscoped:
        return hist
    stored = store.stored_pair_demand(conn, horizon, f.end)
    if stored.empty:
        return hist
    keys = ["warehouse_id", "product_id"]
    stored = stored.assign(source="forecast")
    rest = hist.merge(stored[keys], on=keys, how="left", indicator=True)
    rest = rest[rest["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat([stored, rest], ignore_index=True)


def plan_inputs(conn: sa.Connection, f: Filters, horizon: int = HORIZON_DAYS) -> pd.DataFrame:
    """One row per warehouse × product with stock on the last snapshot to f.end or recent
    demand: daily demand mean/sd and its source, on-hand units, lead time mean/sd (days),
    holding cost, warehouse and product names."""
    keys = ["warehouse_id", "product_id"]
    need = _demand(conn, f, horizon)[keys + ["mean_units", "sd_units", "source"]]
    plan = demand.latest_stock(conn, f).merge(need, on=keys, how="outer")
    plan = plan.merge(demand.warehouse_table(conn), on="warehouse_id").merge(
        demand.product_table(conn), on="product_id")
    if f.categories:  # stored forecasts cover every category
        plan = plan[plan["category"].isin(f.categories)]
    return plan.fillna({"mean_units": 0.0, "sd_units": 0.0, "source": "history",
                        "on_hand_units": 0}).astype({"on_hand_units": "int64"})


def apply_policy(inputs: pd.DataFrame, service_level: float = SERVICE_LEVEL,
                 horizon: int = HORIZON_DAYS) -> pd.DataFrame:
    """Add safety stock, reorder point (units), days of cover, the probability of running out
    within `horizon` days without replenishment, and whether on-hand is below the reorder
    point; riskiest first. Pure and fast: the service-level slider recomputes only this."""
    if not 0.5 <= service_level < 1:
        raise ValueError(f"service level must be in [0.5, 1), got {service_level}")
    plan = inputs.copy()
    args = (plan["mean_units"], plan["sd_units"], plan["lead_time_days"],
            plan["lead_time_sd_days"])
    plan["safety_stock_units"] = safety_stock(service_level, *args)
    plan["reorder_point_units"] = reorder_point(service_level, *args)
    plan["days_of_cover"] = plan["on_hand_units"] / plan["mean_units"].where(
        plan["mean_units"] > 0)
    plan["stockout_risk"] = stockout_probability(plan["on_hand_units"], plan["mean_units"],
                                                 plan["sd_units"], horizon)
    plan["below_reorder_point"] = plan["on_hand_units"] < plan["reorder_point_units"]
    plan["safety_stock_cost_cny_month"] = (plan["safety_stock_units"] * plan["holding_cny"]
                                           * MONTH_DAYS)
    return plan.sort_values(["stockout_risk", "mean_units"], ascending=False,
                            ignore_index=True)


def inventory_plan(conn: sa.Connection, f: Filters, service_level: float = SERVICE_LEVEL,
                   horizon: int = HORIZON_DAYS) -> pd.DataFrame:
    """plan_inputs with apply_policy: the full plan per warehouse × product."""
    return apply_policy(plan_inputs(conn, f, horizon), service_level, horizon)


def classify(gmv: pd.Series, cv: pd.Series) -> pd.DataFrame:
    """ABC by cumulative GMV share (A to 80%, B to 95%) and XYZ by the coefficient of
    variation of weekly units (X ≤ 0.5, Y ≤ 1.0, Z above or no sales)."""
    order = gmv.sort_values(ascending=False, kind="stable")
    share_before = (order.cumsum() - order) / max(order.sum(), 1e-12)
    abc = pd.Series(np.select([share_before < ABC_LIMITS[0], share_before < ABC_LIMITS[1]],
                              ["A", "B"], "C"), index=order.index).reindex(gmv.index)
    xyz = pd.Series(np.select([cv <= XYZ_LIMITS[0], cv <= XYZ_LIMITS[1]], ["X", "Y"], "Z"),
                    index=cv.index)
    return pd.DataFrame({"abc": abc, "xyz": xyz, "abc_xyz": abc + xyz})


def abc_xyz(conn: sa.Connection, f: Filters, weeks: int = CLASS_WEEKS) -> pd.DataFrame:
    """One row per product sold in the `weeks` weeks to f.end: GMV (¥), units, weekly mean,
    sd and coefficient of variation, and its ABC, XYZ and combined class."""
    frame = demand.weekly_product_demand(conn, f, weeks)
    frame["cv"] = frame["sd_units"] / frame["mean_units"].where(frame["mean_units"] > 0)
    frame = frame.join(classify(frame["gmv_cny"], frame["cv"].fillna(np.inf)))
    frame = frame.merge(demand.product_table(conn), on="product_id")
    return frame.sort_values("gmv_cny", ascending=False, ignore_index=True)


def class_matrix(classes: pd.DataFrame) -> pd.DataFrame:
    """3 × 3 ABC (rows) × XYZ (columns) counts of SKUs and GMV share."""
    counts = pd.crosstab(classes["abc"], classes["xyz"]).reindex(
        index=list("ABC"), columns=list("XYZ"), fill_value=0)
    gmv = classes.pivot_table(index="abc", columns="xyz", values="gmv_cny", aggfunc="sum")
    share = gmv.reindex(index=list("ABC"), columns=list("XYZ")).fillna(0.0)
    return pd.concat({"skus": counts, "gmv_share": share / max(share.to_numpy().sum(), 1e-12)},
                     axis=1)


@dataclass(frozen=True)
class Placement:
    """Per-SKU placement advice and the network figures behind it."""

    skus: pd.DataFrame
    delivery_days: dict[str, float] = field(default_factory=dict)  # order to door, by type
    holding_cny: dict[str, float] = field(default_factory=dict)  # ¥ per unit-day, by type


def _recommend(row: pd.Series) -> str:
    if row["needs_cold_chain"] or row["abc_xyz"] in FORWARD_CLASSES:
        return "forward"
    if row["abc_xyz"] in CENTRAL_CLASSES:
        return "central"
    return "split"


def placement(conn: sa.Connection, f: Filters, weeks: int = CLASS_WEEKS) -> Placement:
    """Per domestic product (bonded imports excluded): its ABC-XYZ class, the share of
    units now shipped from forward warehouses, the recommended site (forward / central /
    split), and the expected change in mean delivery days per unit and in holding cost
    (¥ per month) if its stock moved to the recommended site."""
    classes = abc_xyz(conn, f, weeks)
    by_type = demand.units_by_warehouse_type(conn, f, weeks * 7).pivot_table(
        index="product_id", columns="warehouse_type", values="units", fill_value=0.0)
    by_type = by_type.reindex(columns=["forward", "central"], fill_value=0.0)
    frame = classes.merge(by_type.reset_index(), on="product_id")
    frame = frame[(frame["forward"] + frame["central"]) > 0].copy()
    frame["forward_share"] = frame["forward"] / (frame["forward"] + frame["central"])
    frame["site"] = frame.apply(_recommend, axis=1)
    target = frame["site"].map({"forward": 1.0, "central": 0.0, "split": np.nan})
    frame["target_forward_share"] = target.fillna(frame["forward_share"])
    return _placement_effects(conn, f, weeks, frame)


def _placement_effects(conn: sa.Connection, f: Filters, weeks: int,
                       frame: pd.DataFrame) -> Placement:
    """Delivery-day and holding-cost changes from moving the forward share to its target."""
    days = demand.delivery_days_by_type(conn, f, weeks * 7)
    wh = demand.warehouse_table(conn).groupby("warehouse_type")["holding_cny"].mean()
    stock = demand.latest_stock(conn, f).merge(demand.warehouse_table(conn), on="warehouse_id")
    held = stock[stock["warehouse_type"].isin(["forward", "central"])].groupby(
        "product_id")["on_hand_units"].sum()
    shift = frame["target_forward_share"] - frame["forward_share"]
    gap = days.get("forward", np.nan) - days.get("central", np.nan)
    frame["delivery_days_change"] = shift * gap
    frame["on_hand_units"] = frame["product_id"].map(held).fillna(0.0)
    unit_day = wh.get("forward", np.nan) - wh.get("central", np.nan)
    frame["holding_cost_change_cny_month"] = shift * frame["on_hand_units"] * unit_day * MONTH_DAYS
    skus = frame.sort_values(["site", "gmv_cny"], ascending=[True, False], ignore_index=True)
    return Placement(skus, days, {k: float(v) for k, v in wh.items()})
