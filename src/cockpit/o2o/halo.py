"""Store halo: online orders and GMV around a store before vs after it opened, against areas
without a store (difference-in-differences).

Each customer belongs to the nearest store (home coordinates, computed in SQL) and a distance
band. For every store that opened with `window_days` of data on both sides, the treated group
is its customers in a band and the control group is every customer whose nearest store is more
than 10 km away, both observed over the same calendar windows before and after the opening.
Uplift = post_T / (pre_T × post_C / pre_C) − 1, pooled over stores (each store's control ratio
scales its own treated pre-period). The 95% interval uses the delta method on per-customer
sums (so heavy buyers count as clusters, not as independent orders); the control part is taken
as perfectly correlated across stores, which makes the interval conservative.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, scope_conditions
from cockpit.o2o.scope import (
    data_end,
    data_start,
    km_squared,
    online_channels,
    store_conditions,
    with_store_names,
)
from cockpit.warehouse.schema import customers, orders, stores
from cockpit.warehouse.sql import days_between, fsum

WINDOW_DAYS = 90
BANDS = (("0-3", 3.0), ("3-5", 5.0), ("5-10", 10.0))
NO_STORE = "none"
METRICS = ("orders", "gmv")
Z95 = 1.959964


def band_of(d2: sa.ColumnElement) -> sa.ColumnElement:
    """Distance band label from a squared distance in km²; NO_STORE beyond the last band."""
    return sa.case(*[(d2 <= km * km, label) for label, km in BANDS], else_=NO_STORE)


def nearest_store() -> sa.Subquery:
    """One row per customer: nearest store within the last band (any store, open or not), km
    and band; store_id and km are null and band is NO_STORE when no store is that close.
    Only pairs within the last band are ranked, so the window sorts a few rows per customer."""
    d2 = km_squared(customers.c.home_latitude, customers.c.home_longitude,
                    stores.c.latitude, stores.c.longitude)
    reach = BANDS[-1][1] ** 2
    pairs = (sa.select(customers.c.customer_id, stores.c.store_id, d2.label("d2"))
             .select_from(customers.join(stores, sa.true())).where(d2 <= reach)
             .subquery("pairs"))
    ranked = sa.select(pairs, sa.func.row_number().over(
        partition_by=pairs.c.customer_id, order_by=(pairs.c.d2, pairs.c.store_id)).label("rk")
    ).subquery("ranked")
    near = sa.select(ranked).where(ranked.c.rk == 1).subquery("near")
    return (sa.select(customers.c.customer_id, near.c.store_id,
                      sa.func.sqrt(near.c.d2).label("km"),
                      sa.func.coalesce(band_of(near.c.d2), NO_STORE).label("band"))
            .select_from(customers.outerjoin(near, near.c.customer_id == customers.c.customer_id))
            .subquery("nearest"))


def eligible_stores(conn: sa.Connection, f: Filters,
                    window_days: int = WINDOW_DAYS) -> list[int]:
    """Stores in the filters' cities/regions that opened with `window_days` of orders on
    both sides."""
    first, end = data_start(conn), data_end(conn).date()
    rows = conn.execute(sa.select(stores.c.store_id, stores.c.opened_on)
                        .where(*store_conditions(f))).all()
    span = timedelta(days=window_days)
    return sorted(int(sid) for sid, opened in rows
                  if _day(opened) - span >= first and _day(opened) + span <= end)


def _day(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _window_sums(f: Filters, store_ids: list[int], window_days: int, treated: bool,
                 n: sa.CTE, sizes: sa.CTE) -> sa.Select:
    """Per store window (and band): customers in the group and the sums the estimator needs:
    pre/post totals, squares and cross products of per-customer online orders and GMV."""
    rel = days_between(stores.c.opened_on, orders.c.order_date)
    post, pre = (rel >= 0), (rel < 0)
    amount = orders.c.total_cny
    conds = [orders.c.channel.in_(online_channels(f)), is_sale(), *scope_conditions(f.scope),
             rel >= -window_days, rel < window_days, stores.c.store_id.in_(store_ids)]
    if treated:
        join_store = stores.c.store_id == n.c.store_id
        conds.append(n.c.band != NO_STORE)
    else:
        join_store = sa.true()
        conds.append(n.c.band == NO_STORE)
    band = n.c.band
    per_customer = (
        sa.select(stores.c.store_id, band.label("band"), orders.c.customer_id,
                  sa.func.sum(sa.case((post, 1), else_=0)).label("post_orders"),
                  sa.func.sum(sa.case((pre, 1), else_=0)).label("pre_orders"),
                  fsum(sa.case((post, amount), else_=0)).label("post_gmv"),
                  fsum(sa.case((pre, amount), else_=0)).label("pre_gmv"))
        .select_from(orders.join(n, n.c.customer_id == orders.c.customer_id)
                     .join(stores, join_store))
        .where(*conds)
        .group_by(stores.c.store_id, band, orders.c.customer_id)
        .subquery("per_customer")
    )
    c = per_customer.c
    sums = []
    for m in METRICS:
        post_m, pre_m = sa.cast(c[f"post_{m}"], sa.Double), sa.cast(c[f"pre_{m}"], sa.Double)
        sums += [fsum(post_m).label(f"post_{m}"), fsum(pre_m).label(f"pre_{m}"),
                 fsum(post_m * post_m).label(f"post2_{m}"),
                 fsum(pre_m * pre_m).label(f"pre2_{m}"),
                 fsum(post_m * pre_m).label(f"cross_{m}")]
    size_on = sa.and_(sizes.c.band == c.band,
                      sizes.c.store_key == (c.store_id if treated else 0))
    return (sa.select(c.store_id, c.band, *sums, sa.func.max(sizes.c.customers))
            .select_from(per_customer.join(sizes, size_on)).group_by(c.store_id, c.band))


def _group_sizes(n: sa.CTE) -> sa.CTE:
    """Customers per nearest store and band; store_key 0 for the no-store group."""
    key = sa.case((n.c.band == NO_STORE, 0), else_=n.c.store_id).label("store_key")
    return (sa.select(key, n.c.band, sa.func.count().label("customers"))
            .group_by(key, n.c.band).cte("sizes"))


def cells(conn: sa.Connection, f: Filters, window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """One row per eligible store × band (control rows have band "none"): customers in the
    group, and pre/post sums of online orders and GMV (with squares and cross products)."""
    store_ids = eligible_stores(conn, f, window_days)
    cols = ["store_id", "band", *[f"{k}_{m}" for m in METRICS
                                  for k in ("post", "pre", "post2", "pre2", "cross")]]
    if not store_ids:
        return pd.DataFrame(columns=[*cols, "customers"])
    n = nearest_store().element.cte("nearest")
    sizes = _group_sizes(n)
    stmt = sa.union_all(*[_window_sums(f, store_ids, window_days, treated, n, sizes)
                          for treated in (True, False)])
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=[*cols, "customers"])
    return frame.astype({"customers": "int64"})


def _var_total(sum2: np.ndarray, total: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Variance of a group total from per-customer values (customers without orders count)."""
    return np.clip(sum2 - total ** 2 / np.maximum(n, 1), 0, None)


def _cols(frame: pd.DataFrame, metric: str) -> dict[str, np.ndarray]:
    names = ("post", "pre", "post2", "pre2", "cross")
    out = {k: frame[f"{k}_{metric}"].to_numpy(float) for k in names}
    return out | {"n": frame["customers"].to_numpy(float)}


def _estimate(g: pd.DataFrame, ctrl: pd.DataFrame, metric: str) -> dict[str, float]:
    """Pooled DiD for treated rows `g` (one per store) against the control rows per store."""
    t, c = _cols(g, metric), _cols(ctrl.reindex(g["store_id"]), metric)
    ok = (c["pre"] > 0) & (c["post"] > 0)
    t, c = {k: v[ok] for k, v in t.items()}, {k: v[ok] for k, v in c.items()}
    r = c["post"] / c["pre"]
    a, b, pre = float(t["post"].sum()), float((t["pre"] * r).sum()), float(t["pre"].sum())
    out = {"stores": int(ok.sum()), "customers": int(t["n"].sum()), "pre": pre, "post": a,
           "expected": b, "control_change": b / pre - 1 if pre else np.nan}
    if a <= 0 or b <= 0:
        return out | {"uplift": np.nan, "low": np.nan, "high": np.nan, "extra": a - b}
    var_a = _var_total(t["post2"], t["post"], t["n"])
    var_p = _var_total(t["pre2"], t["pre"], t["n"])
    cov = t["cross"] - t["post"] * t["pre"] / np.maximum(t["n"], 1)
    treated = float((var_a / a ** 2 + (r / b) ** 2 * var_p - 2 * r * cov / (a * b)).sum())
    var_log_r = (_var_total(c["post2"], c["post"], c["n"]) / c["post"] ** 2
                 + _var_total(c["pre2"], c["pre"], c["n"]) / c["pre"] ** 2
                 - 2 * (c["cross"] - c["post"] * c["pre"] / np.maximum(c["n"], 1))
                 / (c["post"] * c["pre"]))
    control = float((t["pre"] * r / b * np.sqrt(np.clip(var_log_r, 0, None))).sum()) ** 2
    log_ratio, se = np.log(a / b), np.sqrt(max(treated, 0.0) + control)
    return out | {"uplift": a / b - 1, "low": np.exp(log_ratio - Z95 * se) - 1,
                  "high": np.exp(log_ratio + Z95 * se) - 1, "extra": a - b}


def did(cells_frame: pd.DataFrame, metric: str = "orders", by_store: bool = False
        ) -> pd.DataFrame:
    """Difference-in-differences per band (or per store and band): treated pre/post totals,
    expected post without the store, uplift with its 95% interval, extra (post − expected)."""
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    ctrl = cells_frame[cells_frame["band"] == NO_STORE].set_index("store_id")
    treated = cells_frame[cells_frame["band"] != NO_STORE]
    keys = ["store_id", "band"] if by_store else ["band"]
    order = {label: i for i, (label, _) in enumerate(BANDS)}
    rows = [dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
            | _estimate(g, ctrl, metric)
            for key, g in treated.groupby(keys, sort=False)]
    cols = [*keys, "stores", "customers", "pre", "post", "expected", "control_change",
            "uplift", "low", "high", "extra"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["_o"] = frame["band"].map(order)
    return frame.sort_values([*keys[:-1], "_o"]).drop(columns="_o").reset_index(drop=True)


def summary(conn: sa.Connection, f: Filters, window_days: int = WINDOW_DAYS
            ) -> dict[str, pd.DataFrame]:
    """Halo estimates from one pass: per band and per store × band (with store names), for
    orders and GMV (keys "orders", "gmv", "orders_by_store", "gmv_by_store")."""
    frame = cells(conn, f, window_days)
    out = {}
    for m in METRICS:
        out[m] = did(frame, m)
        out[f"{m}_by_store"] = with_store_names(conn, did(frame, m, by_store=True))
    return out
