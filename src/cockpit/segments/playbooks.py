"""Playbooks: who to reach (an audience: a lifecycle tier or a persona), what it is worth,
which products go together in its baskets (association rules), and the export for the CRM.

Audiences are customer-id tuples so they can come from SQL (tiers) or from the persona model
(cached by the page); rules and export restrict to them in SQL. Association rules follow
Agrawal, Imieliński & Swami (1993): support(A→B) = P(A and B in a basket),
confidence = P(B | A), lift = confidence / P(B).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.filters import Filters, is_sale, item_conditions, order_conditions, sale_amount
from cockpit.segments.persona_features import feature_window
from cockpit.warehouse.fetch import read_frame
from cockpit.warehouse.schema import customers, order_items, orders, products
from cockpit.warehouse.sql import fsum

# The strategy's operation per lifecycle tier (texts in the strings module).
TIER_PLAYS = {"new": "first_order", "returning": "repurchase", "vip": "exclusive",
              "at_risk": "win_back", "dormant": "reactivate"}
RULES_MAX_CUSTOMERS = 5_000   # larger audiences: rules on a seeded sample of their customers
MIN_PAIR_ORDERS = 5           # a rule needs at least this many baskets with both products
MIN_SUPPORT = 0.0002          # ... and at least this share (0.02%) of the audience's baskets
TOP_RULES = 10
SEED = 20261124
EXPORT_COLUMNS = ["customer_id", "city", "region", "member_tier", "wecom_member", "orders",
                  "gmv_cny", "first_order_date", "last_order_date"]


def tier_ids(conn: sa.Connection, f: Filters, tier: str) -> tuple[int, ...]:
    """Customer ids of one lifecycle tier at f.end (cockpit.segments.lifecycle)."""
    from cockpit.segments.lifecycle import tier_query

    q = tier_query(f).subquery()
    ids = read_frame(conn, sa.select(q.c.customer_id).where(q.c.tier == tier)
                     .order_by(q.c.customer_id))["customer_id"]
    return tuple(ids.astype("int64").tolist())


def sample_ids(ids: tuple[int, ...], size: int = RULES_MAX_CUSTOMERS) -> list[int]:
    """All ids, or a seeded sample of `size` of them (sorted)."""
    if len(ids) <= size:
        return list(ids)
    picked = np.random.default_rng(SEED).choice(np.asarray(ids, dtype=np.int64), size,
                                                replace=False)
    return sorted(int(i) for i in picked)


def _basket_lines(f: Filters, ids: list[int] | None) -> sa.Subquery:
    """Distinct (order_id, product_id) of non-cancelled orders in the window, optionally of
    the given customers only."""
    conds = [*order_conditions(f), is_sale(), *item_conditions(f)]
    if ids is not None:
        # ids inline (literal_execute): binding thousands of parameters is slower
        conds.append(orders.c.customer_id.in_(
            sa.bindparam("audience_ids", ids, expanding=True, literal_execute=True)))
    return (sa.select(order_items.c.order_id, order_items.c.product_id)
            .join(orders, orders.c.order_id == order_items.c.order_id)
            .where(*conds).distinct().subquery("basket_lines"))


def rules_query(f: Filters, ids: list[int] | None, min_pair_orders: int) -> sa.Select:
    """antecedent_id, consequent_id, orders_both, orders_antecedent, orders_consequent,
    baskets: pair counts by a self-join of the basket lines on order_id. A pair needs
    `min_pair_orders` baskets and MIN_SUPPORT of all baskets."""
    lines = _basket_lines(f, ids)
    a, b = lines.alias("a"), lines.alias("b")
    baskets = sa.select(sa.func.count(sa.distinct(lines.c.order_id))).scalar_subquery()
    floor = sa.case((baskets * MIN_SUPPORT > min_pair_orders, baskets * MIN_SUPPORT),
                    else_=min_pair_orders)
    pairs = (sa.select(a.c.product_id.label("antecedent_id"),
                       b.c.product_id.label("consequent_id"),
                       sa.func.count().label("orders_both"))
             .join(b, sa.and_(a.c.order_id == b.c.order_id, a.c.product_id != b.c.product_id))
             .group_by(a.c.product_id, b.c.product_id)
             .having(sa.func.count() >= floor).subquery("pairs"))
    item = (sa.select(lines.c.product_id, sa.func.count().label("n"))
            .group_by(lines.c.product_id).subquery("item"))
    ia, ib = item.alias("ia"), item.alias("ib")
    return (sa.select(pairs.c.antecedent_id, pairs.c.consequent_id, pairs.c.orders_both,
                      ia.c.n.label("orders_antecedent"), ib.c.n.label("orders_consequent"),
                      baskets.label("baskets"))
            .join(ia, ia.c.product_id == pairs.c.antecedent_id)
            .join(ib, ib.c.product_id == pairs.c.consequent_id))


def association_rules(conn: sa.Connection, f: Filters, ids: tuple[int, ...] | None = None,
                      top: int = TOP_RULES,
                      min_pair_orders: int = MIN_PAIR_ORDERS) -> pd.DataFrame:
    """Product pairs A → B in the baskets of the audience (all customers when `ids` is None)
    over the feature window of `f` (at least two years), strongest lift first: antecedent and
    consequent ids and names, orders_both, baskets, support, confidence, lift."""
    window = feature_window(f)
    chosen = None if ids is None else sample_ids(ids)
    if chosen is not None and not chosen:
        return _rules_frame(pd.DataFrame())
    frame = pd.DataFrame(conn.execute(rules_query(window, chosen, min_pair_orders)).all(),
                         columns=["antecedent_id", "consequent_id", "orders_both",
                                  "orders_antecedent", "orders_consequent", "baskets"])
    return _rules_frame(frame, conn, top)


def _rules_frame(frame: pd.DataFrame, conn: sa.Connection | None = None,
                 top: int = TOP_RULES) -> pd.DataFrame:
    cols = ["antecedent_id", "antecedent_zh", "antecedent_en", "consequent_id",
            "consequent_zh", "consequent_en", "orders_both", "baskets", "support",
            "confidence", "lift"]
    if frame.empty or conn is None:
        return pd.DataFrame(columns=cols)
    frame = frame.astype("float64")
    frame["support"] = frame["orders_both"] / frame["baskets"]
    frame["confidence"] = frame["orders_both"] / frame["orders_antecedent"]
    frame["lift"] = frame["confidence"] / (frame["orders_consequent"] / frame["baskets"])
    frame = _one_direction(frame).sort_values(
        ["lift", "orders_both", "antecedent_id", "consequent_id"],
        ascending=[False, False, True, True]).head(top)
    names = _product_names(conn, set(frame["antecedent_id"]) | set(frame["consequent_id"]))
    for side in ("antecedent", "consequent"):
        frame[f"{side}_id"] = frame[f"{side}_id"].astype("int64")
        frame[f"{side}_zh"] = frame[f"{side}_id"].map(names["name_zh"])
        frame[f"{side}_en"] = frame[f"{side}_id"].map(names["name_en"])
    for col in ("orders_both", "baskets"):
        frame[col] = frame[col].astype("int64")
    return frame[cols].reset_index(drop=True)


def _one_direction(frame: pd.DataFrame) -> pd.DataFrame:
    """Of A → B and B → A (same support and lift), keep the one with higher confidence."""
    low = frame[["antecedent_id", "consequent_id"]].min(axis=1)
    high = frame[["antecedent_id", "consequent_id"]].max(axis=1)
    ranked = frame.assign(_low=low, _high=high).sort_values(
        ["confidence", "antecedent_id"], ascending=[False, True])
    return ranked.drop_duplicates(["_low", "_high"]).drop(columns=["_low", "_high"])


def _product_names(conn: sa.Connection, ids: set[float]) -> pd.DataFrame:
    rows = conn.execute(sa.select(products.c.product_id, products.c.name_zh, products.c.name_en)
                        .where(products.c.product_id.in_(sorted(int(i) for i in ids)))).all()
    return pd.DataFrame(rows, columns=["product_id", "name_zh", "name_en"]).set_index(
        "product_id")


def customer_fields(conn: sa.Connection, f: Filters) -> pd.DataFrame:
    """Key fields of every customer who bought (non-cancelled, matching f's selections) up to
    f.end: EXPORT_COLUMNS, orders and GMV (¥) over the feature window of `f`."""
    w = feature_window(f)
    conds = [is_sale(), *order_conditions(replace(w, start=date.min))]
    if f.categories:
        conds.append(sa.exists().where(order_items.c.order_id == orders.c.order_id,
                                       *item_conditions(f)))
    recent = orders.c.order_date >= w.start
    per = (sa.select(orders.c.customer_id,
                     sa.func.sum(sa.case((recent, 1), else_=0)).label("orders"),
                     fsum(sa.case((recent, sale_amount()), else_=0)).label("gmv_cny"),
                     sa.func.min(orders.c.order_date).label("first_order_date"),
                     sa.func.max(orders.c.order_date).label("last_order_date"))
           .where(*conds).group_by(orders.c.customer_id).subquery("per"))
    wecom = sa.case((sa.and_(customers.c.wecom_joined_at.isnot(None),
                             sa.cast(customers.c.wecom_joined_at, sa.Date) <= f.end), True),
                    else_=False)
    stmt = (sa.select(per.c.customer_id, customers.c.city, customers.c.region,
                      customers.c.member_tier, wecom.label("wecom_member"), per.c.orders,
                      per.c.gmv_cny, per.c.first_order_date, per.c.last_order_date)
            .join(customers, customers.c.customer_id == per.c.customer_id)
            .order_by(per.c.customer_id))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=EXPORT_COLUMNS)
    return frame.astype({"customer_id": "int64", "orders": "int64", "gmv_cny": "float64",
                         "wecom_member": bool})


def audience_export(fields: pd.DataFrame, ids: tuple[int, ...], clv: pd.DataFrame | None,
                    labels: dict[str, str], as_of: date) -> pd.DataFrame:
    """The audience's rows of `fields` with its labels (e.g. tier, persona) as columns,
    days since the last order at `as_of`, and p_alive and clv (¥) when CLV scores exist."""
    out = fields[fields["customer_id"].isin(ids)].copy()
    for column, value in labels.items():
        out.insert(1, column, value)
    out["days_since_last_order"] = (pd.Timestamp(as_of)
                                    - pd.to_datetime(out["last_order_date"])).dt.days
    if clv is not None:
        scores = clv.set_index("customer_id")[["p_alive", "clv"]]
        out = out.join(scores, on="customer_id")
    return out.reset_index(drop=True)


def audience_value(export: pd.DataFrame) -> dict[str, float]:
    """Audience size, GMV in the window (¥), mean P(alive), mean and total CLV (¥; NaN
    without CLV scores), and the share already reachable on WeCom."""
    has_clv = "clv" in export and export["clv"].notna().any()
    return {
        "customers": float(len(export)),
        "gmv_cny": float(export["gmv_cny"].sum()),
        "p_alive": float(export["p_alive"].mean()) if has_clv else float("nan"),
        "clv_mean": float(export["clv"].mean()) if has_clv else float("nan"),
        "clv_total": float(export["clv"].sum()) if has_clv else float("nan"),
        "wecom_share": float(export["wecom_member"].mean()) if len(export) else float("nan"),
    }
