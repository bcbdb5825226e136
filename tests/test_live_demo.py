"""Live replay on the small demo warehouse (DuckDB and PostgreSQL): the analyses recover what the
generator planted (truth_effects, truth_events)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from scipy.stats import spearmanr

from cockpit.filters import Filters
from cockpit.live import dropoff, effectiveness, followthrough, sessions
from cockpit.warehouse.schema import LIVE_SEGMENTS, live_minutes, live_sessions

ALL = Filters(date(2000, 1, 1), date(2100, 1, 1))
SEG = {s: i for i, s in enumerate(LIVE_SEGMENTS)}


def _truth(conn: sa.Connection, effect: str) -> float:
    return conn.execute(sa.text("SELECT value FROM truth_effects WHERE effect = :e"),
                        {"e": effect}).scalar_one()


def _planted_drops(conn: sa.Connection) -> dict[int, int]:
    """live_session_id -> minute_index of the planted drop-off."""
    rows = conn.execute(sa.text(
        "SELECT e.entity_id, e.occurred_at, s.started_at FROM truth_events e "
        "JOIN live_sessions s ON s.live_session_id = e.entity_id "
        "WHERE e.event = 'live_dropoff'")).all()
    return {int(sid): int((pd.Timestamp(at) - pd.Timestamp(start)).total_seconds() // 60)
            for sid, at, start in rows}


def test_dropoff_detection_finds_the_planted_drops(demo_warehouse):
    cols = [live_minutes.c[c] for c in dropoff.COLUMNS]
    with demo_warehouse.connect() as conn:
        minutes = pd.DataFrame(conn.execute(sa.select(*cols)).all(), columns=dropoff.COLUMNS)
        truth = _planted_drops(conn)
    found = dropoff.detect(minutes)
    hits = [abs(truth.get(int(s), -99) - int(m)) <= 1
            for s, m in zip(found["live_session_id"], found["minute_index"], strict=True)]
    precision, recall = np.mean(hits), sum(hits) / len(truth)
    print(f"drop-offs: {len(truth)} planted, {len(found)} flagged, precision {precision:.2f}, "
          f"recall {recall:.2f}")
    assert len(truth) > 50
    assert precision >= 0.75 and recall >= 0.75
    assert (found["viewers_lost"] > 0).all()


def test_segment_effectiveness_recovers_the_planted_ordering(demo_warehouse):
    with demo_warehouse.connect() as conn:
        r = effectiveness.rates(conn, ALL)
        wecom_truth = _truth(conn, "live_interaction_wecom_ratio")
        order_truth = _truth(conn, "live_benefits_order_ratio")
        interaction_orders = _truth(conn, "live_interaction_order_ratio")
    eff = effectiveness.summarise(r).set_index(["measure", "segment"])
    wecom = eff.loc["wecom_per_1k_viewer_minutes"]
    orders = eff.loc["orders_per_1k_viewer_minutes"]
    # interaction leads WeCom adds and benefits lead orders, with non-overlapping intervals
    assert wecom.at["interaction", "ci_low"] > wecom.drop("interaction")["ci_high"].max()
    assert orders.at["benefits", "ci_low"] > orders.drop("benefits")["ci_high"].max()
    assert eff.loc["wecom_per_minute"]["value"].idxmax() == "interaction"
    ratio_w = wecom.at["interaction", "value"] / wecom.at["product_explanation", "value"]
    ratio_o = orders.at["benefits", "value"] / orders.at["product_explanation", "value"]
    assert ratio_w == pytest.approx(wecom_truth, rel=0.2)
    assert ratio_o == pytest.approx(order_truth, rel=0.2)
    # interaction beats each other segment on WeCom adds, and sells less than explanation
    assert wecom.at["interaction", "value"] / wecom.at["benefits", "value"] == pytest.approx(
        wecom_truth, rel=0.2)
    assert orders.at["interaction", "value"] / orders.at["product_explanation", "value"] == (
        pytest.approx(interaction_orders, rel=0.2))
    for measure in effectiveness.MEASURES:  # each interval brackets its estimate
        part = eff.loc[measure]
        assert ((part["ci_low"] <= part["value"]) & (part["value"] <= part["ci_high"])).all()


def test_brand_self_share_and_channel_shares_match_the_truth(demo_warehouse):
    with demo_warehouse.connect() as conn:
        frame = sessions.sessions(conn, ALL)
        shares = sessions.channel_shares(conn, ALL)
        planted = _truth(conn, "brand_self_share_of_live_gmv")
        realised = _truth(conn, "brand_self_share_of_live_gmv_realised")
        live_video = _truth(conn, "live_short_video_gmv_share")
        n_sessions = conn.execute(sa.select(sa.func.count()).select_from(live_sessions)
                                  ).scalar_one()
    assert len(frame) == n_sessions
    split = sessions.host_split(frame).set_index("host_type")
    assert split.at["brand_self", "gmv_share"] == pytest.approx(realised, abs=0.005)
    assert split.at["brand_self", "gmv_share"] == pytest.approx(planted, abs=0.03)
    assert shares["live_stream"] + shares["short_video"] == pytest.approx(live_video, abs=0.005)


def test_watch_time_and_conversion_correlate_as_planted(demo_warehouse):
    with demo_warehouse.connect() as conn:
        frame = sessions.sessions(conn, ALL)
        truth = _truth(conn, "live_dwell_conversion_correlation")
    created_per_viewer = frame["orders_created"] / frame["unique_viewers"]
    rho = spearmanr(frame["avg_watch_minutes"], created_per_viewer).statistic
    assert rho == pytest.approx(truth, abs=0.02)


def test_room_gmv_agrees_with_the_orders_table(demo_warehouse):
    with demo_warehouse.connect() as conn:
        k = sessions.period_totals(conn, ALL)
        paid = conn.execute(sa.text(
            "SELECT CAST(SUM(total_cny) AS DOUBLE PRECISION), COUNT(*) FROM orders "
            "WHERE live_session_id IS NOT NULL AND status <> 'cancelled'")).one()
    assert k["gmv_cny"] == pytest.approx(paid[0], rel=1e-6)
    assert k["orders"] == paid[1]
    assert k["conversion"] == pytest.approx(k["orders"] / k["unique_viewers"])


def test_follow_through_counts_match_the_tables(demo_warehouse):
    f = Filters(date(2026, 6, 1), date(2026, 8, 31))
    with demo_warehouse.connect() as conn:
        counts = followthrough.session_counts(conn, f)
        buyers, members = conn.execute(sa.text(
            "SELECT (SELECT COUNT(*) FROM (SELECT DISTINCT o.live_session_id, o.customer_id "
            "FROM orders o JOIN live_sessions s ON s.live_session_id = o.live_session_id "
            "WHERE o.status <> 'cancelled' AND s.started_at >= '2026-06-01' "
            "AND s.started_at < '2026-09-01') b), "
            "(SELECT COUNT(*) FROM customers c JOIN live_sessions s "
            "ON s.live_session_id = c.wecom_live_session_id "
            "WHERE s.started_at >= '2026-06-01' AND s.started_at < '2026-09-01')")).one()
    assert counts["buyers"].sum() == buyers > 0
    assert counts["wecom_members"].sum() == members > 0
    assert (counts["buyers_7d"] <= counts["buyers_30d"]).all()
    assert (counts["buyers_30d"] <= counts["buyers"]).all()
    hosts = followthrough.rates(counts, by="host_name")
    assert hosts["buyers"].sum() == buyers
    assert hosts["buyer_repurchase_30d"].between(0, 1).all()
    assert hosts["refund_rate"].between(0, 0.5).all()
