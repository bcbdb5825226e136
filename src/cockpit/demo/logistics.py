"""Demo fulfilment: warehouses, which warehouse ships each order, and the shipments.

Planted in the shipments (ground truth via ctx.plant / ctx.event):
- electric vans and e-bikes emit about 1 kg CO2e less per order on the last mile than diesel
  vans under the packaged emission factors (electric share rises 15% → 55%);
- low-carbon packaging adopted 55% through the history, packaging cost per order ~10% lower;
- an EU→China direct-mail line opens 45% through: about 15 → 7 days door to door;
- about 6% of cold-chain shipments have a temperature excursion; they are returned far more
  often (about 35% vs 3%).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from cockpit.demo.context import DemoContext
from cockpit.demo.geo import cities_frame, haversine_km, jitter_km
from cockpit.demo.inventory import generate_inventory
from cockpit.logistics.factors import (
    GRID_SCALED_MODES,
    LAST_MILE_FACTOR,
    factor_values,
    grid_ratio,
    load_emission_factors,
)
from cockpit.warehouse.schema import cold_chain_readings, generated_columns, shipments, warehouses

log = logging.getLogger(__name__)

__all__ = ["assign_warehouses", "generate_inventory", "generate_shipments", "generate_warehouses",
           "last_mile_kg"]

# (type, city); forward warehouses sit in the largest markets, central ones inland.
WAREHOUSE_SITES = [
    ("central", "武汉"), ("central", "郑州"), ("central", "成都"),
    ("forward", "上海"), ("forward", "北京"), ("forward", "广州"), ("forward", "深圳"),
    ("forward", "杭州"), ("forward", "重庆"), ("forward", "西安"), ("forward", "沈阳"),
    ("bonded", "宁波"), ("bonded", "广州"),
]
# type: (lead time days, lead-time sd days, holding cost ¥/unit/day, name_zh, name_en)
WAREHOUSE_PROFILE = {
    "forward": (2.0, 0.5, 0.08, "前置仓", "Forward DC"),
    "central": (7.0, 2.0, 0.04, "中心仓", "Central DC"),
    "bonded": (21.0, 5.0, 0.06, "保税仓", "Bonded Warehouse"),
}
ROAD_FACTOR = 1.3          # road distance / great-circle distance
FORWARD_SHARE = 0.6        # ambient domestic orders served by the nearest forward warehouse
ELECTRIC_SHARE = (0.15, 0.55)
PACKAGING_ADOPTION_AT = 0.55
DIRECT_MAIL_AT = 0.45
LOW_CARBON_SHARE = (0.60, 0.85)  # share of low-carbon packaging from adoption to the end
# low-carbon type: (share among low-carbon, weight multiplier, cost multiplier)
LOW_CARBON_TYPES = {"minimal": (0.5, 0.7, 0.85), "degradable": (0.3, 0.35, 0.95),
                    "reusable": (0.2, 1.2, 0.75)}
# route: (international km, door-to-door days mean, sd, mode)
ROUTES = {
    "eu_cn_postal": (8_900.0, 15.0, 2.5, "cross_border_air"),
    "eu_cn_direct_mail": (8_900.0, 7.0, 1.2, "cross_border_air"),
    "us_cn_air": (11_000.0, 6.0, 1.2, "cross_border_air"),
    "jp_cn_sea": (1_900.0, 12.0, 2.0, "cross_border_sea"),
}
EXCURSION_SHARE = 0.06
RETURN_RATE = {"excursion": 0.35, "no_excursion": 0.03}
READING_STEP = np.timedelta64(30, "m")
HOUR_NS = 3_600_000_000_000


def generate_warehouses(ctx: DemoContext, cities: pd.DataFrame) -> pd.DataFrame:
    """The `warehouses` table: 3 central, 8 forward and 2 bonded sites, ids 1..13."""
    sites = pd.DataFrame(WAREHOUSE_SITES, columns=["warehouse_type", "city"])
    known = cities.set_index("city")
    unknown = sorted(set(sites["city"]) - set(known.index))
    if unknown:
        raise ValueError(f"warehouse cities missing from the cities frame: {unknown}")
    rng = ctx.rng("logistics.warehouses")
    lat, lon = jitter_km(rng, known.loc[sites["city"], "latitude"].to_numpy(),
                         known.loc[sites["city"], "longitude"].to_numpy(), 15.0)
    profile = sites["warehouse_type"].map(WAREHOUSE_PROFILE)
    spread = rng.uniform(0.85, 1.15, (len(sites), 3))
    frame = pd.DataFrame({
        "warehouse_id": np.arange(1, len(sites) + 1, dtype="int64"),
        "name_zh": sites["city"] + profile.str[3],
        "name_en": known.loc[sites["city"], "city_en"].to_numpy() + " " + profile.str[4],
        "warehouse_type": sites["warehouse_type"],
        "city": sites["city"],
        "latitude": lat.round(5), "longitude": lon.round(5),
        "lead_time_days": (profile.str[0] * spread[:, 0]).round(1),
        "lead_time_sd_days": (profile.str[1] * spread[:, 1]).round(2),
        "holding_cost_cny_per_unit_day": (profile.str[2] * spread[:, 2]).round(2),
    })
    return frame[generated_columns(warehouses)]


def _positions(keys: pd.Series, index: pd.Index) -> np.ndarray:
    pos = index.get_indexer(keys)
    if (pos < 0).any():
        raise ValueError(f"{keys.name}: {int((pos < 0).sum())} values have no match")
    return pos


def _order_contents(orders: pd.DataFrame, items: pd.DataFrame,
                    products: pd.DataFrame) -> pd.DataFrame:
    """Per order (aligned with `orders`): goods weight, any cold-chain item, any imported."""
    prod = products.set_index("product_id")
    p = _positions(items["product_id"], prod.index)
    o = _positions(items["order_id"], pd.Index(orders["order_id"]))
    n = len(orders)
    qty = items["quantity"].to_numpy(dtype=float)
    kg = np.bincount(o, qty * prod["weight_kg"].to_numpy(dtype=float)[p], minlength=n)
    cold = np.bincount(o, prod["needs_cold_chain"].to_numpy(dtype=bool)[p]
                       | (items["category"].to_numpy() == "fresh"), minlength=n) > 0
    imported = np.bincount(o, items["category"].to_numpy() == "imported", minlength=n) > 0
    return pd.DataFrame({"goods_kg": kg, "is_cold": cold, "is_imported": imported},
                        index=orders.index)


def _home_positions(orders: pd.DataFrame, customers: pd.DataFrame) -> np.ndarray:
    return _positions(orders["customer_id"], pd.Index(customers["customer_id"]))


def _nearest(customers: pd.DataFrame, wh: pd.DataFrame, kind: str) -> np.ndarray:
    """Id of the nearest warehouse of type `kind` for each customer's home."""
    sub = wh[wh["warehouse_type"] == kind]
    lat = customers["home_latitude"].to_numpy(dtype=float)[:, None]
    lon = customers["home_longitude"].to_numpy(dtype=float)[:, None]
    dist = haversine_km(lat, lon, sub["latitude"].to_numpy()[None, :],
                        sub["longitude"].to_numpy()[None, :])
    return sub["warehouse_id"].to_numpy()[dist.argmin(axis=1)]


def _stable_uniform(order_id: pd.Series) -> np.ndarray:
    """A uniform draw fixed by the order id (Knuth multiplicative hash)."""
    h = (order_id.to_numpy(dtype=np.uint64) * np.uint64(2654435761)) % np.uint64(2**32)
    return h.astype(float) / 2**32


def assign_warehouses(orders: pd.DataFrame, items: pd.DataFrame, products: pd.DataFrame,
                      customers: pd.DataFrame, warehouses: pd.DataFrame) -> pd.Series:
    """Shipping warehouse per order (Int64, aligned with `orders`): null for offline carry-out;
    imported → nearest bonded; cold chain → nearest forward; others nearest forward (~60%)
    or nearest central. Deterministic per order id."""
    contents = _order_contents(orders, items, products)
    home = _home_positions(orders, customers)
    forward, central, bonded = (_nearest(customers, warehouses, k)[home]
                                for k in ("forward", "central", "bonded"))
    wid = np.where(_stable_uniform(orders["order_id"]) < FORWARD_SHARE, forward, central)
    wid = np.where(contents["is_cold"], forward, wid)
    wid = np.where(contents["is_imported"], bonded, wid)
    out = pd.Series(wid, index=orders.index, dtype="Int64", name="warehouse_id")
    out[orders["channel"].to_numpy() == "offline_store"] = pd.NA
    return out


def _time_fraction(ctx: DemoContext, ordered: np.ndarray) -> np.ndarray:
    """Position of each timestamp in the history, 0 at start to 1 at the end of the last day."""
    start = np.datetime64(ctx.start, "ns")
    span = (np.datetime64(ctx.end, "ns") + np.timedelta64(1, "D") - start).astype(float)
    return (ordered - start).astype(float) / span


def _at_fraction(ctx: DemoContext, fraction: float) -> pd.Timestamp:
    span = pd.Timestamp(ctx.end) + pd.Timedelta(days=1) - pd.Timestamp(ctx.start)
    return (pd.Timestamp(ctx.start) + fraction * span).floor("h")


def _hours(values: np.ndarray) -> np.ndarray:
    return (np.asarray(values, dtype=float) * 3600).round().astype("timedelta64[s]")


def _modes(rng: np.random.Generator, contents: pd.DataFrame, t: np.ndarray,
           tier1: np.ndarray) -> np.ndarray:
    """Last-leg mode: cold chain, cross-border placeholder, or a rising electric share."""
    n = len(t)
    electric = rng.random(n) < np.interp(t, [0, 1], ELECTRIC_SHARE)
    bike = tier1 & (rng.random(n) < 0.5)
    mode = np.where(electric, np.where(bike, "e_bike", "electric_van"), "diesel_van")
    mode = np.where(contents["is_imported"], "cross_border_air", mode)
    return np.where(contents["is_cold"], "cold_chain_truck", mode).astype(object)


def _routes(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Cross-border routes: EU postal until the direct-mail line opens, then mostly direct."""
    after = t >= DIRECT_MAIL_AT
    eu = np.where(rng.random(len(t)) < np.where(after, 0.85, 0.0),
                  "eu_cn_direct_mail", "eu_cn_postal")
    u = rng.random(len(t))
    return np.where(u < 0.55, eu, np.where(u < 0.80, "us_cn_air", "jp_cn_sea")).astype(object)


def _packaging(rng: np.random.Generator, contents: pd.DataFrame,
               t: np.ndarray) -> pd.DataFrame:
    """Packaging type, weight and cost; low-carbon types ramp up after adoption."""
    n = len(t)
    share = np.where(t >= PACKAGING_ADOPTION_AT,
                     np.interp(t, [PACKAGING_ADOPTION_AT, 1.0], LOW_CARBON_SHARE), 0.0)
    names = list(LOW_CARBON_TYPES)
    spec = np.array(list(LOW_CARBON_TYPES.values()))
    pick = np.searchsorted(np.cumsum(spec[:, 0]), rng.random(n) * spec[:, 0].sum(), "right")
    low = rng.random(n) < share
    kind = np.where(low, np.array(names, dtype=object)[pick], "standard")
    weight_mult = np.where(low, spec[pick, 1], 1.0)
    cost_mult = np.where(low, spec[pick, 2], 1.0)
    goods, cold = contents["goods_kg"].to_numpy(), contents["is_cold"].to_numpy()
    noise = rng.normal(1.0, 0.05, (2, n)).clip(0.8, 1.2)
    weight = (0.10 + 0.08 * goods + 0.6 * cold) * weight_mult * noise[0]
    cost = (1.2 + 0.35 * goods + 6.0 * cold) * cost_mult * noise[1]
    return pd.DataFrame({"packaging_type": kind, "packaging_weight_kg": weight.round(3),
                         "packaging_cost_cny": cost.round(2)})


def _last_mile(rng: np.random.Generator, mode: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parcels per stop (1-3) and the last-leg km attributed to each parcel."""
    per_stop = rng.choice(np.array([1, 2, 3], dtype="int16"), len(mode), p=[0.55, 0.30, 0.15])
    stop_km = rng.gamma(3.0, np.where(mode == "e_bike", 1.2, 2.4))
    return per_stop, np.maximum(stop_km / per_stop, 0.1).round(2)


def _timing(rng: np.random.Generator, ordered: np.ndarray, wtype: np.ndarray,
            door_days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """shipped_at and delivered_at: forward same/next day, central 2-4 days, cross-border
    `door_days` after the order."""
    n = len(ordered)
    process = np.select([wtype == "forward", wtype == "central"],
                        [rng.uniform(1, 6, n), rng.uniform(4, 24, n)], rng.uniform(6, 36, n))
    shipped = ordered + _hours(process)
    same_day = (shipped - shipped.astype("datetime64[D]")) < np.timedelta64(15, "h")
    forward = np.where(same_day, shipped + _hours(rng.uniform(2, 6, n)),
                       shipped.astype("datetime64[D]") + np.timedelta64(1, "D")
                       + _hours(rng.uniform(9, 20, n)))
    delivered = np.where(wtype == "forward", forward, shipped + _hours(rng.uniform(48, 96, n)))
    cross = ~np.isnan(door_days)
    delivered[cross] = ordered[cross] + _hours(np.nan_to_num(door_days[cross]) * 24)
    return shipped, delivered


def _cross_border(rng: np.random.Generator, route: np.ndarray, t: np.ndarray,
                  cross: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """International km (0 domestic), door-to-door days and customs hours (NaN domestic)."""
    spec = pd.DataFrame(ROUTES, index=["km", "days", "sd", "mode"]).T
    r, tc = pd.Series(route[cross]), t[cross]
    km, days, customs = np.zeros(len(t)), np.full(len(t), np.nan), np.full(len(t), np.nan)
    km[cross] = r.map(spec["km"]).to_numpy(dtype=float) * rng.uniform(0.95, 1.05, len(r))
    mean = r.map(spec["days"]).to_numpy(dtype=float)
    days[cross] = rng.normal(mean, r.map(spec["sd"]).to_numpy(dtype=float)) \
        .clip(0.5 * mean, 2.5 * mean)
    customs[cross] = np.where(tc >= DIRECT_MAIL_AT, 18 + rng.exponential(6.0, len(tc)),
                              rng.uniform(24, 72, len(tc))).clip(18, 72).round(1)
    return km, days, customs


def generate_shipments(ctx: DemoContext, orders: pd.DataFrame, items: pd.DataFrame,
                       products: pd.DataFrame, customers: pd.DataFrame,
                       warehouses: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame,
                                                          pd.DataFrame]:
    """(shipments, cold_chain_readings, returns): one shipment per non-cancelled order with a
    warehouse; `returns` (order_id, return_reason) lists orders the cold chain sent back."""
    keep = orders["warehouse_id"].notna() & (orders["status"] != "cancelled")
    ship = (orders.loc[keep, ["order_id", "customer_id", "ordered_at", "warehouse_id", "status"]]
            .sort_values("order_id", kind="stable").reset_index(drop=True))
    lines = items[["order_id", "product_id", "quantity", "category"]]
    contents = _order_contents(ship, lines[lines["order_id"].isin(ship["order_id"])], products)
    rng = ctx.rng("logistics.shipments")
    ordered = ship["ordered_at"].to_numpy(dtype="datetime64[ns]")
    t = _time_fraction(ctx, ordered)
    wh = warehouses.set_index("warehouse_id")
    wpos = _positions(ship["warehouse_id"], wh.index)
    home = _home_positions(ship, customers)
    tiers = customers["city"].map(cities_frame().set_index("city")["city_tier"])
    road_km = ROAD_FACTOR * haversine_km(
        wh["latitude"].to_numpy()[wpos], wh["longitude"].to_numpy()[wpos],
        customers["home_latitude"].to_numpy(dtype=float)[home],
        customers["home_longitude"].to_numpy(dtype=float)[home])
    mode = _modes(rng, contents, t, tiers.to_numpy()[home] == 1)
    cross = mode == "cross_border_air"
    route = np.where(cross, _routes(rng, t), "domestic").astype(object)
    intl_km, door_days, customs = _cross_border(rng, route, t, cross)
    mode[cross] = pd.Series(route[cross]).map({k: v[3] for k, v in ROUTES.items()}).to_numpy()
    per_stop, last_km = _last_mile(rng, mode)
    pack = _packaging(rng, contents, t)
    shipped_at, delivered_at = _timing(rng, ordered, wh["warehouse_type"].to_numpy()[wpos],
                                       door_days)
    frame = pd.DataFrame({
        "shipment_id": np.arange(1, len(ship) + 1, dtype="int64"),
        "order_id": ship["order_id"].to_numpy(dtype="int64"),
        "warehouse_id": ship["warehouse_id"].to_numpy(dtype="int64"),
        "mode": mode, "route": route,
        "line_haul_km": np.maximum(road_km + intl_km, 2.0).round(1),
        "last_mile_km": last_km,
        "weight_kg": (contents["goods_kg"].to_numpy() + pack["packaging_weight_kg"]).round(3),
        **{c: pack[c] for c in pack.columns},
        "parcels_per_stop": per_stop,
        "is_cold_chain": contents["is_cold"].to_numpy(),
        "shipped_at": shipped_at, "delivered_at": delivered_at,
        "customs_clearance_hours": customs,
    })[generated_columns(shipments)]
    _plant_shipments(ctx, frame, warehouses)
    readings, returns = _cold_chain(ctx, frame, ship["status"].to_numpy())
    log.info("shipments: %d, cold-chain readings: %d, cold-chain returns: %d",
             len(frame), len(readings), len(returns))
    return frame, readings, returns


def last_mile_kg(frame: pd.DataFrame, warehouses: pd.DataFrame,
                 factors: pd.DataFrame | None = None) -> pd.Series:
    """Last-mile kg CO2e per shipment under the emission factors (mirrors the SQL)."""
    factors = load_emission_factors() if factors is None else factors
    region = warehouses.set_index("warehouse_id")["city"].map(
        cities_frame().set_index("city")["grid_region"])
    ratio = frame["warehouse_id"].map(region).map(grid_ratio(factors)).fillna(1.0).to_numpy()
    codes, modes = pd.factorize(frame["mode"])
    per_km = pd.Series(modes).map(LAST_MILE_FACTOR).map(factor_values(factors))
    scaled = pd.Series(modes).isin(GRID_SCALED_MODES).to_numpy()[codes]
    return frame["last_mile_km"] * per_km.to_numpy(dtype=float)[codes] \
        * np.where(scaled, ratio, 1.0)


def _plant_shipments(ctx: DemoContext, frame: pd.DataFrame, warehouses: pd.DataFrame) -> None:
    kg = last_mile_kg(frame, warehouses)
    saving = (kg[frame["mode"] == "diesel_van"].mean()
              - kg[frame["mode"].isin(GRID_SCALED_MODES)].mean())
    ctx.plant("ev_saving_kg_per_order", round(float(saving), 3), "kg CO2e per order",
              "Mean last-mile CO2e of diesel-van parcels minus electric-van and e-bike parcels")
    ctx.plant("packaging_cost_drop", 0.10, "share", "Packaging cost per order after the "
              "low-carbon packaging adoption vs before (minimal, degradable, reusable)")
    ctx.event("low_carbon_packaging_adopted", None, _at_fraction(ctx, PACKAGING_ADOPTION_AT),
              None)
    ctx.event("direct_mail_opened", None, _at_fraction(ctx, DIRECT_MAIL_AT), None)
    ctx.plant("direct_mail_days_before", ROUTES["eu_cn_postal"][1], "days",
              "EU to China door-to-door days by postal route before the direct-mail line")
    ctx.plant("direct_mail_days_after", ROUTES["eu_cn_direct_mail"][1], "days",
              "EU to China door-to-door days by the direct-mail line")


def _cold_chain(ctx: DemoContext, frame: pd.DataFrame,
                status: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Readings every 30 min in transit at 0-4 °C; ~6% of shipments have a 30-240 min
    excursion; excursions cause returns (~35% vs ~3% without)."""
    rng = ctx.rng("logistics.cold_chain")
    pos = np.flatnonzero(frame["is_cold_chain"].to_numpy())
    start = frame["shipped_at"].to_numpy(dtype="datetime64[ns]")[pos]
    transit = frame["delivered_at"].to_numpy(dtype="datetime64[ns]")[pos] - start
    count = (transit // READING_STEP).astype("int64") + 1
    m, offset = len(pos), np.cumsum(count) - count
    idx = np.repeat(np.arange(m, dtype=np.int32 if m < 2**31 else np.int64), count)
    k = np.arange(len(idx)) - offset[idx]
    temp = rng.normal(2.0, 0.35, len(idx)).astype("float32")
    temp += rng.normal(0, 0.3, m).astype("float32")[idx]
    temp = temp.clip(0.2, 3.8)
    exc = rng.random(m) < EXCURSION_SHARE
    length = np.minimum(rng.integers(1, 9, m), count)
    first = rng.integers(0, count - length + 1)
    hit = np.flatnonzero(exc)
    run = np.repeat(offset[hit] + first[hit], length[hit])
    inside = run + np.arange(len(run)) - np.repeat(np.cumsum(length[hit]) - length[hit],
                                                   length[hit])
    warm = np.repeat(rng.random(len(hit)) < 0.8, length[hit])
    temp[inside] = np.where(warm, rng.uniform(4.5, 9.0, len(inside)),
                            rng.uniform(-2.5, -0.5, len(inside)))
    readings = pd.DataFrame({"shipment_id": frame["shipment_id"].to_numpy()[pos][idx],
                             "read_at": start[idx] + k * READING_STEP,
                             "temperature_c": temp.astype("float64").round(2)})
    returned = _cold_returns(ctx, rng, exc, status[pos] == "returned")
    returns = pd.DataFrame({
        "order_id": frame["order_id"].to_numpy()[pos][returned],
        "return_reason": np.where(exc[returned], "temperature_excursion", "quality"),
    })
    return readings[generated_columns(cold_chain_readings)], returns


def _cold_returns(ctx: DemoContext, rng: np.random.Generator, exc: np.ndarray,
                  already: np.ndarray) -> np.ndarray:
    """Mask of cold-chain orders newly returned so that return rates reach the targets."""
    new = np.zeros(len(exc), dtype=bool)
    for flag, key in ((True, "excursion"), (False, "no_excursion")):
        group = exc == flag
        base = already[group].mean() if group.any() else 0.0
        p = max(0.0, (RETURN_RATE[key] - base) / max(1e-9, 1.0 - base))
        new[group] = ~already[group] & (rng.random(int(group.sum())) < p)
        rate = float((already | new)[group].mean()) if group.any() else float("nan")
        ctx.plant(f"cold_chain_return_rate_{key}", round(rate, 4), "share",
                  f"Return rate of cold-chain shipments with{'out' if not flag else ''} a "
                  f"temperature excursion (target {RETURN_RATE[key]:.0%})")
    ctx.plant("cold_chain_excursion_share", round(float(exc.mean()), 4) if len(exc) else 0.0,
              "share", "Cold-chain shipments with a reading outside 0-4 °C")
    return new
