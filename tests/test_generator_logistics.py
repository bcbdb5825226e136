"""Warehouses, shipments, cold chain and inventory from the demo generator, on synthetic inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.logistics_inputs import END, START, build, schema_columns

from cockpit.demo.context import DemoContext
from cockpit.demo.geo import cities_frame, haversine_km
from cockpit.demo.inventory import WINDOW_DAYS
from cockpit.demo.logistics import (
    DIRECT_MAIL_AT,
    PACKAGING_ADOPTION_AT,
    generate_warehouses,
    last_mile_kg,
)
from cockpit.warehouse.schema import (
    cold_chain_readings,
    inventory_daily,
    shipments,
    warehouses,
)


@pytest.fixture(scope="module")
def demo():
    return build()


def _effects(ctx: DemoContext) -> dict[str, float]:
    return {name: value for name, value, _, _ in ctx.truth_effects}


def _events(ctx: DemoContext) -> dict[str, pd.Timestamp]:
    return {name: pd.Timestamp(at) for name, _, at, _ in ctx.truth_events}


# --- warehouses and assignment ------------------------------------------------------------

def test_warehouses_match_the_schema_and_network(demo):
    wh = demo["warehouses"]
    assert list(wh.columns) == schema_columns(warehouses)
    assert wh["warehouse_id"].tolist() == list(range(1, len(wh) + 1))
    assert wh["warehouse_type"].value_counts().to_dict() == {"forward": 8, "central": 3,
                                                             "bonded": 2}
    assert set(wh["city"]) <= set(cities_frame()["city"])
    lead = wh.groupby("warehouse_type")["lead_time_days"].mean()
    assert lead["forward"] < lead["central"] < lead["bonded"]
    assert (wh["holding_cost_cny_per_unit_day"] > 0).all()


def test_warehouse_city_must_exist():
    ctx = DemoContext(seed=1, start=START, end=END, n_orders=5_000)
    with pytest.raises(ValueError, match="宁波"):
        generate_warehouses(ctx, cities_frame().query("city != '宁波'"))


def _contents(demo):
    items = demo["items"].merge(demo["products"][["product_id", "needs_cold_chain"]])
    cold = items["needs_cold_chain"] | (items["category"] == "fresh")
    per_order = pd.DataFrame({"order_id": items["order_id"], "cold": cold,
                              "imported": items["category"] == "imported"})
    return per_order.groupby("order_id")[["cold", "imported"]].any()


def test_assignment_follows_the_rules(demo):
    o, wh = demo["orders"], demo["warehouses"].set_index("warehouse_id")
    contents = _contents(demo).reindex(o["order_id"]).to_numpy()
    wtype = o["warehouse_id"].map(wh["warehouse_type"])
    offline = (o["channel"] == "offline_store").to_numpy()
    assert o.loc[offline, "warehouse_id"].isna().all()
    assert o.loc[~offline, "warehouse_id"].notna().all()
    imported, cold = contents[:, 1] & ~offline, contents[:, 0] & ~contents[:, 1] & ~offline
    assert (wtype[imported] == "bonded").all()
    assert (wtype[cold] == "forward").all()
    ambient = wtype[~offline & ~contents[:, 0] & ~contents[:, 1]]
    assert set(ambient) == {"forward", "central"}
    assert (ambient == "forward").mean() == pytest.approx(0.6, abs=0.03)


def test_assigned_forward_warehouse_is_the_nearest(demo):
    o, wh, cust = demo["orders"], demo["warehouses"], demo["customers"].set_index("customer_id")
    fwd = wh[wh["warehouse_type"] == "forward"].set_index("warehouse_id")
    chosen = o[o["warehouse_id"].isin(fwd.index)]
    home = cust.loc[chosen["customer_id"]]
    dist = haversine_km(home["home_latitude"].to_numpy()[:, None],
                        home["home_longitude"].to_numpy()[:, None],
                        fwd["latitude"].to_numpy()[None, :], fwd["longitude"].to_numpy()[None, :])
    assert (fwd.index.to_numpy()[dist.argmin(axis=1)] == chosen["warehouse_id"].to_numpy()).all()


# --- shipments ------------------------------------------------------------------------------

def test_one_shipment_per_shipped_order(demo):
    s, o = demo["shipments"], demo["orders"]
    assert list(s.columns) == schema_columns(shipments)
    shipped = o[o["warehouse_id"].notna() & (o["status"] != "cancelled")]
    assert sorted(s["order_id"]) == sorted(shipped["order_id"])
    assert s["shipment_id"].is_unique and s["order_id"].is_unique
    assert (s.set_index("order_id")["warehouse_id"]
            == shipped.set_index("order_id")["warehouse_id"].astype("int64")).all()


def test_shipment_identities(demo):
    s, o = demo["shipments"], demo["orders"].set_index("order_id")
    goods = (demo["items"].merge(demo["products"][["product_id", "weight_kg"]])
             .assign(kg=lambda d: d["quantity"] * d["weight_kg"]).groupby("order_id")["kg"].sum())
    expected = goods.reindex(s["order_id"]).to_numpy() + s["packaging_weight_kg"].to_numpy()
    assert s["weight_kg"].to_numpy() == pytest.approx(expected, abs=2e-3)
    ordered = o.loc[s["order_id"], "ordered_at"].to_numpy()
    assert (s["shipped_at"].to_numpy() > ordered).all()
    assert (s["delivered_at"] > s["shipped_at"]).all()
    assert s["parcels_per_stop"].between(1, 3).all()
    assert s["last_mile_km"].between(0.1, 60).all()
    domestic = s["route"] == "domestic"
    assert s.loc[domestic, "customs_clearance_hours"].isna().all()
    assert s.loc[~domestic, "customs_clearance_hours"].between(18, 72).all()
    assert (s.loc[s["is_cold_chain"], "mode"] == "cold_chain_truck").all()
    assert s.loc[~domestic, "mode"].isin(["cross_border_air", "cross_border_sea"]).all()


def test_forward_delivers_same_or_next_day_central_in_two_to_four(demo):
    s, wh = demo["shipments"], demo["warehouses"].set_index("warehouse_id")
    wtype = s["warehouse_id"].map(wh["warehouse_type"])
    fwd = s[(wtype == "forward")]
    gap = (fwd["delivered_at"].dt.normalize() - fwd["shipped_at"].dt.normalize()).dt.days
    assert gap.isin([0, 1]).all()
    central = s[wtype == "central"]
    hours = (central["delivered_at"] - central["shipped_at"]).dt.total_seconds() / 3600
    assert hours.between(48, 96).all()


def test_electric_share_rises(demo):
    s, o = demo["shipments"], demo["orders"].set_index("order_id")
    dom = s[s["mode"].isin(["diesel_van", "electric_van", "e_bike"])]
    year = o.loc[dom["order_id"], "ordered_at"].dt.year.to_numpy()
    electric = dom["mode"].isin(["electric_van", "e_bike"]).to_numpy()
    assert electric[year == 2024].mean() == pytest.approx(0.22, abs=0.05)
    assert electric[year == 2026].mean() == pytest.approx(0.48, abs=0.05)


def test_ev_saving_is_about_one_kg_and_matches_the_plant(demo):
    s = demo["shipments"]
    kg = last_mile_kg(s, demo["warehouses"])
    saving = kg[s["mode"] == "diesel_van"].mean() - kg[s["mode"].isin(["electric_van",
                                                                        "e_bike"])].mean()
    planted = _effects(demo["ctx"])["ev_saving_kg_per_order"]
    assert saving == pytest.approx(planted, abs=1e-3)
    assert 0.8 <= planted <= 1.25


def test_packaging_cost_drops_about_ten_percent_after_adoption(demo):
    s, o = demo["shipments"], demo["orders"].set_index("order_id")
    adopted = _events(demo["ctx"])["low_carbon_packaging_adopted"]
    after = (o.loc[s["order_id"], "ordered_at"] >= adopted).to_numpy()
    assert (s.loc[~after, "packaging_type"] == "standard").all()
    assert s.loc[after, "packaging_type"].isin(["minimal", "degradable", "reusable"]).mean() > 0.6
    cost = s["packaging_cost_cny"]
    drop = 1 - cost[after].mean() / cost[~after].mean()
    assert drop == pytest.approx(_effects(demo["ctx"])["packaging_cost_drop"], abs=0.03)
    span = pd.Timestamp(END) + pd.Timedelta(days=1) - pd.Timestamp(START)
    assert adopted == pytest.approx(pd.Timestamp(START) + PACKAGING_ADOPTION_AT * span,
                                    abs=pd.Timedelta(hours=1))


def test_direct_mail_cuts_eu_delivery_from_15_to_7_days(demo):
    s, o = demo["shipments"], demo["orders"].set_index("order_id")
    opened = _events(demo["ctx"])["direct_mail_opened"]
    eu = s[s["route"].isin(["eu_cn_postal", "eu_cn_direct_mail"])]
    ordered = o.loc[eu["order_id"], "ordered_at"].to_numpy()
    days = (eu["delivered_at"].to_numpy() - ordered) / np.timedelta64(1, "D")
    before = ordered < opened.to_datetime64()
    assert (eu.loc[before, "route"] == "eu_cn_postal").all()
    assert (eu.loc[~before, "route"] == "eu_cn_direct_mail").mean() > 0.75
    effects = _effects(demo["ctx"])
    assert days[before].mean() == pytest.approx(effects["direct_mail_days_before"], abs=1.0)
    direct = (eu["route"] == "eu_cn_direct_mail").to_numpy()
    assert days[direct].mean() == pytest.approx(effects["direct_mail_days_after"], abs=0.7)
    customs = eu["customs_clearance_hours"].to_numpy()
    assert customs[~before].mean() < customs[before].mean() - 10
    assert DIRECT_MAIL_AT < PACKAGING_ADOPTION_AT


# --- cold chain -----------------------------------------------------------------------------

def _excursions(readings: pd.DataFrame) -> pd.DataFrame:
    out = ~readings["temperature_c"].between(0, 4)
    return readings.assign(out=out).groupby("shipment_id")["out"].agg(["any", "sum"])


def test_readings_every_30_minutes_in_transit(demo):
    r, s = demo["readings"], demo["shipments"].set_index("shipment_id")
    assert list(r.columns) == schema_columns(cold_chain_readings)
    assert set(r["shipment_id"]) == set(s.index[s["is_cold_chain"]])
    assert not r.duplicated(["shipment_id", "read_at"]).any()
    step = r.sort_values(["shipment_id", "read_at"]).groupby("shipment_id")["read_at"].diff()
    assert (step.dropna() == pd.Timedelta(minutes=30)).all()
    window = s.loc[r["shipment_id"]]
    assert (r["read_at"].to_numpy() >= window["shipped_at"].to_numpy()).all()
    assert (r["read_at"].to_numpy() <= window["delivered_at"].to_numpy()).all()
    first = r.groupby("shipment_id")["read_at"].min()
    assert (first == s.loc[first.index, "shipped_at"]).all()


def test_about_six_percent_excursions_of_30_to_240_minutes(demo):
    exc = _excursions(demo["readings"])
    assert exc["any"].mean() == pytest.approx(0.06, abs=0.02)
    assert exc.loc[exc["any"], "sum"].between(1, 8).all()  # 30-240 min at 30-min readings
    assert _effects(demo["ctx"])["cold_chain_excursion_share"] == pytest.approx(
        exc["any"].mean(), abs=1e-4)


def test_excursions_cause_returns(demo):
    exc = _excursions(demo["readings"])["any"]
    s = demo["shipments"].set_index("shipment_id").loc[exc.index]
    status = demo["orders"].set_index("order_id")["status"]
    returned = (status.loc[s["order_id"]].to_numpy() == "returned") | \
        s["order_id"].isin(demo["returns"]["order_id"]).to_numpy()
    with_exc, without = returned[exc.to_numpy()].mean(), returned[~exc.to_numpy()].mean()
    effects = _effects(demo["ctx"])
    assert with_exc == pytest.approx(effects["cold_chain_return_rate_excursion"], abs=1e-3)
    assert without == pytest.approx(effects["cold_chain_return_rate_no_excursion"], abs=1e-3)
    assert with_exc > 0.25 and without < 0.06
    r = demo["returns"]
    assert list(r.columns) == ["order_id", "return_reason"] and r["order_id"].is_unique
    assert (status.loc[r["order_id"]] == "paid").all()
    reason = r.set_index("order_id")["return_reason"]
    exc_orders = set(s.loc[exc.to_numpy(), "order_id"])
    assert (reason[reason.index.isin(exc_orders)] == "temperature_excursion").all()


# --- inventory ------------------------------------------------------------------------------

def test_inventory_shape_and_outbound(demo):
    inv, o, items = demo["inventory"], demo["orders"], demo["items"]
    assert list(inv.columns) == schema_columns(inventory_daily)
    assert inv["snapshot_date"].nunique() == WINDOW_DAYS
    assert pd.Timestamp(inv["snapshot_date"].max()) == pd.Timestamp(END)
    assert not inv.duplicated(["snapshot_date", "warehouse_id", "product_id"]).any()
    first = pd.Timestamp(END) - pd.Timedelta(days=WINDOW_DAYS - 1)
    shipped = o[o["warehouse_id"].notna() & (o["status"] != "cancelled")
                & (o["order_date"] >= first)]
    units = (items.merge(shipped[["order_id", "warehouse_id", "order_date"]])
             .assign(warehouse_id=lambda d: d["warehouse_id"].astype("int64"))
             .groupby(["order_date", "warehouse_id", "product_id"])["quantity"].sum())
    pairs = set(zip(inv["warehouse_id"], inv["product_id"], strict=True))
    assert pairs == {(w, p) for _, w, p in units.index}
    key = ["snapshot_date", "warehouse_id", "product_id"]
    got = inv.assign(snapshot_date=pd.to_datetime(inv["snapshot_date"])).set_index(key)
    demand = units.reindex(got.index, fill_value=0)
    assert (got["outbound_units"] <= demand).all()
    stockout = got["outbound_units"] < demand
    assert 0 < stockout.mean() < 0.05
    assert (got["outbound_units"] == demand).mean() > 0.95


def test_inventory_stock_identity(demo):
    inv = demo["inventory"].sort_values(["warehouse_id", "product_id", "snapshot_date"])
    prev = inv.groupby(["warehouse_id", "product_id"])["on_hand_units"].shift()
    delta = inv["on_hand_units"] - prev
    flow = inv["inbound_units"] - inv["outbound_units"]
    assert (delta.dropna() == flow[delta.notna()]).all()
    assert (inv[["on_hand_units", "inbound_units", "outbound_units"]] >= 0).all().all()
    assert (inv["on_hand_units"] == 0).any()


# --- determinism ----------------------------------------------------------------------------

def test_same_seed_same_frames_other_seed_differs(demo):
    again = build(seed=7, n_orders=3_000)
    twice = build(seed=7, n_orders=3_000)
    other = build(seed=8, n_orders=3_000)
    for name in ("warehouses", "shipments", "readings", "returns", "inventory"):
        pd.testing.assert_frame_equal(again[name], twice[name])
    assert not again["shipments"].equals(other["shipments"])
    assert again["ctx"].truth_effects == twice["ctx"].truth_effects
