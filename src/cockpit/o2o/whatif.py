"""What-if: open an experience store in a city; projected extra online orders and GMV in its
halo from the estimated band uplifts.

Assumptions (stated on the page): the store sits at the city centre; each band's uplift equals
the pooled estimate from past openings (all formats); customers already within 10 km of an
open store are left out (they already feel a halo); the baseline is their online orders and
GMV in the last BASELINE_DAYS of data, held flat. The interval adds the bands' interval ends,
which treats the bands as perfectly correlated (conservative).
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import sqlalchemy as sa

from cockpit.access.scope import EVERYTHING, Scope
from cockpit.filters import Filters, is_sale, scope_conditions
from cockpit.o2o.halo import BANDS, NO_STORE, band_of
from cockpit.o2o.scope import (
    city_scope,
    customer_scope,
    data_end,
    km_squared,
    online_channels,
)
from cockpit.warehouse.schema import cities, customers, orders, stores
from cockpit.warehouse.sql import fsum

BASELINE_DAYS = 365
HALO_KM = BANDS[-1][1]


def city_options(conn: sa.Connection, scope: Scope = EVERYTHING) -> pd.DataFrame:
    """One row per city in `scope`: English name, centre coordinates, stores in it, customers
    living there (those in scope); cities without a store first, then by customers."""
    n_stores = (sa.select(stores.c.city, sa.func.count().label("n")).group_by(stores.c.city)
                .subquery("n_stores"))
    n_cust = (sa.select(customers.c.city, sa.func.count().label("n"))
              .where(*customer_scope(scope)).group_by(customers.c.city).subquery("n_cust"))
    stmt = (sa.select(cities.c.city, cities.c.city_en, cities.c.latitude, cities.c.longitude,
                      sa.func.coalesce(n_stores.c.n, 0),
                      sa.func.coalesce(n_cust.c.n, 0))
            .select_from(cities.outerjoin(n_stores, n_stores.c.city == cities.c.city)
                         .outerjoin(n_cust, n_cust.c.city == cities.c.city))
            .where(*city_scope(scope)))
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["city", "city_en", "latitude", "longitude", "stores",
                                  "customers"])
    frame = frame.astype({"stores": "int64", "customers": "int64"})
    return frame.sort_values(["stores", "customers", "city"], ascending=[True, False, True],
                             ignore_index=True)


def catchment(conn: sa.Connection, f: Filters, city: str) -> pd.DataFrame:
    """One row per band around the centre of `city`: customers in the user's scope living
    there (not already within HALO_KM of a store) and their online orders and GMV in the last
    BASELINE_DAYS."""
    end = data_end(conn)
    centre = sa.select(cities.c.latitude, cities.c.longitude).where(
        cities.c.city == city).subquery("centre")
    d2 = km_squared(customers.c.home_latitude, customers.c.home_longitude,
                    centre.c.latitude, centre.c.longitude)
    near_store = sa.exists().where(
        km_squared(customers.c.home_latitude, customers.c.home_longitude,
                   stores.c.latitude, stores.c.longitude) <= HALO_KM * HALO_KM)
    people = (sa.select(customers.c.customer_id, band_of(d2).label("band"))
              .select_from(customers.join(centre, sa.true()))
              .where(d2 <= HALO_KM * HALO_KM, ~near_store, *customer_scope(f.scope))
              .subquery("people"))
    recent = (sa.select(orders.c.customer_id, sa.func.count().label("orders"),
                        fsum(orders.c.total_cny).label("gmv"))
              .where(orders.c.channel.in_(online_channels(f)), is_sale(),
                     *scope_conditions(f.scope),
                     orders.c.ordered_at >= end - timedelta(days=BASELINE_DAYS))
              .group_by(orders.c.customer_id).subquery("recent"))
    stmt = (sa.select(people.c.band, sa.func.count(),
                      sa.func.coalesce(sa.func.sum(recent.c.orders), 0),
                      sa.func.coalesce(fsum(recent.c.gmv), 0.0))
            .select_from(people.outerjoin(recent, recent.c.customer_id == people.c.customer_id))
            .group_by(people.c.band))
    frame = pd.DataFrame(conn.execute(stmt).all(),
                         columns=["band", "customers", "orders", "gmv_cny"])
    frame = frame.set_index("band").reindex([b for b, _ in BANDS]).fillna(0)
    frame = frame.astype({"customers": "int64", "orders": float, "gmv_cny": float})
    return frame.rename_axis("band").reset_index()


def project(catch: pd.DataFrame, uplift: pd.DataFrame) -> pd.DataFrame:
    """Per band and in total: baseline per year and projected extra (estimate, low, high) for
    a baseline column `base` and uplift columns uplift/low/high per band."""
    m = catch.merge(uplift[["band", "uplift", "low", "high"]], on="band", how="left")
    m = m[m["band"] != NO_STORE]
    for col in ("uplift", "low", "high"):
        m[f"extra_{col}"] = m["base"] * m[col].fillna(0.0)
    total = {"band": "total", "customers": m["customers"].sum(), "base": m["base"].sum(),
             **{f"extra_{c}": m[f"extra_{c}"].sum() for c in ("uplift", "low", "high")}}
    return pd.concat([m, pd.DataFrame([total])], ignore_index=True)


def projection(catch: pd.DataFrame, halo_bands: pd.DataFrame, metric: str) -> pd.DataFrame:
    """`project` for metric "orders" or "gmv" (baseline columns orders / gmv_cny)."""
    base = catch["orders"] if metric == "orders" else catch["gmv_cny"]
    return project(catch.assign(base=base * 365.0 / BASELINE_DAYS), halo_bands)


Bands = tuple[tuple[str, float, float, float], ...]


def band_effects(halo_bands: pd.DataFrame) -> Bands:
    """Hashable (band, uplift, low, high) rows from a halo estimate frame."""
    return tuple((str(r.band), float(r.uplift), float(r.low), float(r.high))
                 for r in halo_bands.itertuples())


def scenario(conn: sa.Connection, f: Filters, city: str, orders_bands: Bands,
             gmv_bands: Bands) -> dict[str, pd.DataFrame]:
    """Catchment of `city` and its projections: {"catchment", "orders", "gmv", "both"}
    ("both": the two projections side by side); the band effects come from `band_effects`
    of the halo estimates."""
    catch = catchment(conn, f, city)
    cols = ["band", "uplift", "low", "high"]
    orders_p = projection(catch, pd.DataFrame(orders_bands, columns=cols), "orders")
    gmv_p = projection(catch, pd.DataFrame(gmv_bands, columns=cols), "gmv")
    both = orders_p.merge(gmv_p, on=["band", "customers"], suffixes=("_orders", "_gmv"))
    return {"catchment": catch, "orders": orders_p, "gmv": gmv_p, "both": both}
