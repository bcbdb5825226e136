"""Experience-to-online attribution: do visitors who tried a category buy it online afterwards
more often than comparable customers who did not visit?

Method (matched anchors, then post-stratification):
1. Treated units: identified store visits where a category was tried and whose window
   (visit time + `window_days`) ends within the selected period, so every window is complete
   and the purchases counted fall in the period.
2. Each visit gets `CONTROLS_PER_VISIT` non-visitors (customers with no identified visit ever)
   from the same home city and member tier, chosen deterministically, who had signed up by
   the visit day; each control is observed from the visit's own time (same calendar window).
3. Outcome: an online (non-store), non-cancelled order with a line of the tried category in
   (anchor, anchor + window].
4. Prior spend: non-cancelled spend in the 365 days before the anchor, in bands. Cells are
   home city × tier × prior-spend band × category; the lift is the treated-weighted mean of
   cell differences (visitor rate − control rate), with a normal 95% interval whose variance
   is clustered by customer (controls serve several visits; visitors come back) and pools the
   control rate over cells (see `lift`). Visits whose cell has no control are left out and
   counted.
The joins run in SQL; only cell counts reach pandas.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, scope_conditions
from cockpit.o2o.scope import (
    data_end,
    online_channels,
    period_bounds,
    store_conditions,
    with_store_names,
)
from cockpit.warehouse.schema import customers, order_items, orders, store_visits, stores
from cockpit.warehouse.sql import fsum, hours_between

WINDOW_DAYS = 14
CONTROLS_PER_VISIT = 5
PRIOR_DAYS = 365
SPEND_BANDS_CNY = (500.0, 2000.0)  # band 0: no spend; 1: up to ¥500; 2: up to ¥2,000; 3: more
Z95 = 1.959964
CELL = ["city", "tier", "band", "category"]
SUMS = ["n", "buyers", "m2", "my", "y2"]


def visit_span(f: Filters, window_days: int, end: datetime) -> tuple[datetime, datetime]:
    """[first, last) visit time measured: visits whose window ends in the period (and before
    the data end), so every window is complete."""
    start, stop = period_bounds(f)
    shift = timedelta(days=window_days)
    return start - shift, min(stop, end) - shift


def _visits(f: Filters, window_days: int, end: datetime) -> sa.Subquery:
    """Treated units: one row per identified visit with a category tried, in `visit_span`."""
    first_anchor, last_anchor = visit_span(f, window_days, end)
    conds = [store_visits.c.customer_id.is_not(None),
             store_visits.c.category_experienced.is_not(None),
             store_visits.c.visited_at >= first_anchor,
             store_visits.c.visited_at < last_anchor]
    if f.categories:
        conds.append(store_visits.c.category_experienced.in_(f.categories))
    store_ids = sa.select(stores.c.store_id).where(*store_conditions(f))
    return (
        sa.select(store_visits.c.visit_id, store_visits.c.store_id, store_visits.c.customer_id,
                  store_visits.c.visited_at.label("anchor_at"),
                  store_visits.c.category_experienced.label("category"),
                  customers.c.city, customers.c.member_tier.label("tier"))
        .join(customers, customers.c.customer_id == store_visits.c.customer_id)
        .where(*conds, store_visits.c.store_id.in_(store_ids))
        .subquery("visits")
    )


def _controls() -> sa.Subquery:
    """Customers with no identified visit, numbered 0.. within home city × tier."""
    visited = sa.select(store_visits.c.customer_id).where(
        store_visits.c.customer_id == customers.c.customer_id)
    part = (customers.c.city, customers.c.member_tier)
    return (
        sa.select(customers.c.customer_id, customers.c.city,
                  customers.c.member_tier.label("tier"), customers.c.signup_date,
                  (sa.func.row_number().over(partition_by=part,
                                             order_by=customers.c.customer_id) - 1).label("crn"))
        .where(~sa.exists(visited))
        .subquery("controls")
    )


def _targets(v: sa.Subquery, c: sa.Subquery) -> sa.Subquery:
    """Each visit × k in 0..K-1 with the number of the control it is matched with:
    (rank of the visit in its city × tier · K + k) mod (controls in that city × tier)."""
    counts = (sa.select(c.c.city, c.c.tier, sa.func.count().label("nc"))
              .group_by(c.c.city, c.c.tier).subquery("nc"))
    ranked = sa.select(v, (sa.func.row_number().over(
        partition_by=(v.c.city, v.c.tier), order_by=v.c.visit_id) - 1).label("rn")).subquery("r")
    ks = sa.union_all(*[sa.select(sa.literal(k, sa.Integer).label("k"))
                        for k in range(CONTROLS_PER_VISIT)]).subquery("ks")
    target = (ranked.c.rn * CONTROLS_PER_VISIT + ks.c.k) % counts.c.nc
    return (
        sa.select(ranked, target.label("target"))
        .select_from(ranked.join(counts, sa.and_(counts.c.city == ranked.c.city,
                                                 counts.c.tier == ranked.c.tier))
                     .join(ks, ks.c.k < counts.c.nc))
        .subquery("targets")
    )


def _units(f: Filters, window_days: int, end: datetime) -> sa.Subquery:
    """Visitors and their matched controls: grp, visit_id, store_id, customer_id, anchor_at,
    category, city, tier."""
    v, c = _visits(f, window_days, end), _controls()
    t = _targets(v, c)
    keys = (v.c.visit_id, v.c.store_id)
    rest = (v.c.anchor_at, v.c.category, v.c.city, v.c.tier)
    treated = sa.select(sa.literal("visitor").label("grp"), *keys, v.c.customer_id, *rest)
    on = sa.and_(c.c.city == t.c.city, c.c.tier == t.c.tier, c.c.crn == t.c.target)
    control = (
        sa.select(sa.literal("control").label("grp"), t.c.visit_id, t.c.store_id,
                  c.c.customer_id, t.c.anchor_at, t.c.category, t.c.city, t.c.tier)
        .select_from(t.join(c, on))
        .where(c.c.signup_date <= sa.cast(t.c.anchor_at, sa.Date))
    )
    return sa.union_all(treated, control).subquery("units")


def _hits(u: sa.Subquery, f: Filters, window_days: int) -> sa.Subquery:
    """Units with an online purchase of their category within the window."""
    lines = (
        sa.select(orders.c.customer_id, orders.c.ordered_at, order_items.c.category)
        .join(order_items, order_items.c.order_id == orders.c.order_id)
        .where(orders.c.channel.in_(online_channels(f)), is_sale(), *scope_conditions(f.scope))
        .subquery("lines")
    )
    on = sa.and_(lines.c.customer_id == u.c.customer_id, lines.c.category == u.c.category,
                 lines.c.ordered_at > u.c.anchor_at,
                 hours_between(u.c.anchor_at, lines.c.ordered_at) <= 24.0 * window_days)
    return (sa.select(u.c.grp, u.c.visit_id, u.c.customer_id)
            .select_from(u.join(lines, on)).distinct().subquery("hits"))


def _prior(u: sa.Subquery, f: Filters) -> sa.Subquery:
    """Non-cancelled spend (in the user's scope) of each unit's customer in the PRIOR_DAYS
    before its anchor."""
    on = sa.and_(orders.c.customer_id == u.c.customer_id, orders.c.ordered_at < u.c.anchor_at,
                 hours_between(orders.c.ordered_at, u.c.anchor_at) <= 24.0 * PRIOR_DAYS,
                 is_sale(), *scope_conditions(f.scope))
    return (sa.select(u.c.grp, u.c.visit_id, u.c.customer_id,
                      fsum(orders.c.total_cny).label("spend"))
            .select_from(u.join(orders, on))
            .group_by(u.c.grp, u.c.visit_id, u.c.customer_id).subquery("prior"))


def _band(spend: sa.ColumnElement) -> sa.ColumnElement:
    low, high = SPEND_BANDS_CNY
    return sa.case((spend <= 0, 0), (spend <= low, 1), (spend <= high, 2), else_=3)


def cells(conn: sa.Connection, f: Filters, window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """One row per group (visitor/control), store, home city, tier, prior-spend band and
    category: units n and buyers (units with an online purchase of the category in the
    window), and the per-customer sums m2 = Σ m², my = Σ m·y, y2 = Σ y² (m units and y
    buyers of one customer in the cell) that the clustered variance needs."""
    u = _units(f, window_days, data_end(conn))
    hits, prior = _hits(u, f, window_days), _prior(u, f)
    key = (u.c.grp, u.c.visit_id, u.c.customer_id)
    hit_on = sa.and_(*[a == b for a, b in zip(key, (hits.c.grp, hits.c.visit_id,
                                                       hits.c.customer_id), strict=True)])
    prior_on = sa.and_(*[a == b for a, b in zip(key, (prior.c.grp, prior.c.visit_id,
                                                         prior.c.customer_id), strict=True)])
    band = _band(sa.func.coalesce(prior.c.spend, 0.0)).label("band")
    dims = (u.c.grp, u.c.store_id, u.c.city, u.c.tier, band, u.c.category)
    per_customer = (
        sa.select(*dims, u.c.customer_id, sa.func.count().label("m"),
                  sa.func.sum(sa.case((hits.c.visit_id.is_not(None), 1), else_=0)).label("y"))
        .select_from(u.outerjoin(hits, hit_on).outerjoin(prior, prior_on))
        .group_by(*dims, u.c.customer_id)
        .subquery("per_customer")
    )
    pc = per_customer.c
    cell_dims = [pc[c] for c in ("grp", "store_id", *CELL)]
    stmt = (sa.select(*cell_dims, *[sa.cast(sa.func.sum(x), sa.BigInteger) for x in (
        pc.m, pc.y, pc.m * pc.m, pc.m * pc.y, pc.y * pc.y)]).group_by(*cell_dims))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["grp", "store_id", *CELL, *SUMS])
    return frame.astype({c: "int64" for c in ("band", *SUMS)})


def _matched(cells_frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Visitor cells (per `by` and city × tier × band × category) beside the control sums of
    the same city × tier × band × category pooled over stores (suffix _c; 0 without one)."""
    keys = list(dict.fromkeys([by, *CELL]))
    treated = cells_frame[cells_frame["grp"] == "visitor"].groupby(keys)[SUMS].sum()
    control = cells_frame[cells_frame["grp"] == "control"].groupby(CELL)[SUMS].sum()
    out = treated.reset_index().merge(control.add_suffix("_c"), left_on=CELL, right_index=True,
                                      how="left")
    return out.fillna({f"{c}_c": 0 for c in SUMS}).astype({f"{c}_c": "int64" for c in SUMS})


def _cluster_ss(y2: pd.Series, my: pd.Series, m2: pd.Series, rate: pd.Series) -> pd.Series:
    """Σ (y − rate·m)² over customers: the clustered sum of squared residuals."""
    return (y2 - 2 * rate * my + rate ** 2 * m2).clip(lower=0.0)


def _variance(m: pd.DataFrame, by: str, p_t: pd.Series, matched: pd.Series) -> pd.Series:
    """Variance of the lift per `by` level, clustered by customer (see `lift`)."""
    lvl = m[by]
    sums = m.groupby(lvl)[["y2", "my", "m2", "buyers_c", "n_c"]].sum()
    shrunk_t = (p_t * matched + 0.5) / (matched + 1)  # keeps 0/n and n/n from certainty
    var_t = np.maximum(_cluster_ss(sums["y2"], sums["my"], sums["m2"], p_t) / matched ** 2,
                       shrunk_t * (1 - shrunk_t) / matched)
    pool_c = (sums["buyers_c"] + 0.5) / (sums["n_c"] + 1)
    ss_c = _cluster_ss(m["y2_c"], m["my_c"], m["m2_c"], m["rate_c"]).groupby(lvl).sum()
    binom_c = (m["n_c"] * m["rate_c"] * (1 - m["rate_c"])).groupby(lvl).sum()
    deff = (ss_c / binom_c.where(binom_c > 0)).fillna(1.0).clip(lower=1.0)
    spread = (m["n"] ** 2 / m["n_c"]).groupby(lvl).sum() / matched ** 2
    return var_t + spread * pool_c * (1 - pool_c) * deff


def lift(cells_frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per `by` (category or store_id): visits, matched visits, control units, visitor rate,
    matched control rate, lift in rate points with its 95% interval, and relative lift.

    Lift = Σ w (visitor rate − control rate) over cells, w = the cell's share of the matched
    visits. Its variance is clustered by customer (a control serves several visits, a visitor
    may come back): the visitor part is the ratio-estimator variance of the matched visitors'
    rate (at least the binomial one); the control part is Σ w² p̄(1 − p̄) deff / n_c over
    control cells, with p̄ the control rate pooled over the level's cells (a small cell's own
    rate is often 0 or 1) and deff ≥ 1 the design effect of customers serving several visits.
    Pooled rates get a half-count shrink, so 0/n and n/n do not give a zero-width interval."""
    m = _matched(cells_frame, by)
    m = m[m["n_c"] > 0].assign(rate_c=lambda d: d["buyers_c"] / d["n_c"])
    g = m.groupby(by)
    matched = g["n"].sum().astype(float)
    p_t = g["buyers"].sum() / matched
    p_c = (m["n"] * m["rate_c"]).groupby(m[by]).sum() / matched
    se = np.sqrt(_variance(m, by, p_t, matched))
    grp = cells_frame.groupby(["grp", by])["n"].sum()
    out = pd.DataFrame({
        "visits": grp.get("visitor", pd.Series(dtype="int64")),
        "matched": matched, "controls": grp.get("control", pd.Series(dtype="int64"))})
    out = out.fillna(0).astype("int64").assign(
        visitor_rate=p_t, control_rate=p_c, lift=p_t - p_c, lift_low=p_t - p_c - Z95 * se,
        lift_high=p_t - p_c + Z95 * se, relative_lift=p_t / p_c.where(p_c > 0) - 1)
    return out.sort_index().rename_axis(by).reset_index()


def by_category(conn: sa.Connection, f: Filters, window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """One row per category tried: visitor vs matched-control online purchase rate and lift."""
    return lift(cells(conn, f, window_days), "category")


def summary(conn: sa.Connection, f: Filters,
            window_days: int = WINDOW_DAYS) -> dict[str, pd.DataFrame]:
    """Both views from one pass over the cells: {"category": ..., "store": ... (with store
    names)}."""
    frame = cells(conn, f, window_days)
    return {"category": lift(frame, "category"),
            "store": with_store_names(conn, lift(frame, "store_id"))}
