"""Live replay on a hand-made warehouse (DuckDB and PostgreSQL): metric formulas, period totals,
one session's replay, explanation windows, segment rates and private-domain follow-through."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from support.handmade import frame

from cockpit.filters import Filters
from cockpit.live import effectiveness, followthrough, replay, sessions, windows
from cockpit.live.metrics import METRICS, metric_value
from cockpit.marts import refresh_marts
from cockpit.warehouse.load import append_frame
from cockpit.warehouse.schema import LIVE_SEGMENTS, METADATA

WEEK = Filters(date(2026, 3, 2), date(2026, 3, 8))
S1 = datetime(2026, 3, 2, 20, 0)
S2 = datetime(2026, 3, 3, 10, 0)
S3 = datetime(2026, 3, 20, 20, 0)  # outside WEEK
# session 1, four minutes: (segment, product, online, entries, exits, gmv, orders, created,
# comments, shares, clicks, exposures, wecom, followers, feed, paid, short video, followers)
S1_MINUTES = [
    ("interaction", None, 100, 100, 0, 0.0, 0, 0, 5, 1, 2, 20, 1, 2, 60, 20, 10, 10),
    ("product_explanation", 1, 120, 40, 20, 200.0, 2, 3, 10, 0, 8, 40, 4, 1, 20, 10, 5, 5),
    ("product_explanation", 1, 110, 10, 20, 0.0, 0, 0, 3, 2, 4, 30, 0, 1, 5, 0, 5, 0),
    ("benefits", 1, 90, 5, 25, 100.0, 1, 1, 2, 1, 3, 10, 2, 0, 2, 1, 0, 2),
]
S2_MINUTES = [
    ("product_explanation", 2, 50, 50, 0, 100.0, 1, 1, 1, 0, 5, 10, 0, 0, 50, 0, 0, 0),
    ("product_explanation", 2, 40, 5, 15, 0.0, 0, 0, 1, 0, 1, 5, 1, 0, 5, 0, 0, 0),
]
S3_MINUTES = [("benefits", 2, 10, 10, 0, 999.0, 9, 9, 0, 0, 9, 9, 9, 0, 10, 0, 0, 0)]
MINUTE_FIELDS = ("segment", "featured_product_id", "online_viewers", "entries", "exits",
                 "gmv_cny", "orders", "orders_created", "comments", "shares", "product_clicks",
                 "product_exposures", "wecom_adds", "new_followers", "entries_feed",
                 "entries_paid", "entries_short_video", "entries_followers")


def _minutes(session: int, start: datetime, rows) -> list[dict]:
    out = []
    for i, values in enumerate(rows):
        row = dict(zip(MINUTE_FIELDS, values, strict=True))
        out.append({**row, "live_session_id": session, "minute_index": i,
                    "minute_at": start + timedelta(minutes=i), "likes": 10})
    return out


def _order(oid, cid, at, channel="app", session=None, status="paid", total=100.0):
    return dict(order_id=oid, customer_id=cid, ordered_at=at, order_date=at.date(),
                channel=channel, live_session_id=session, status=status, total_cny=total,
                subtotal_cny=total, discount_cny=0.0, item_count=1, warehouse_id=None,
                store_id=None)


ORDERS = [
    _order(1, 10, S1 + timedelta(minutes=1), "live_stream", 1, total=200.0),
    _order(2, 11, S1 + timedelta(minutes=1, seconds=30), "live_stream", 1, "returned"),
    _order(3, 10, S1 + timedelta(minutes=3), "live_stream", 1),  # same session: no repurchase
    _order(4, 12, S1 + timedelta(minutes=3), "live_stream", 1, "cancelled"),
    _order(5, 10, datetime(2026, 3, 5, 9), "app"),  # buyer 10 again within 7 days
    _order(6, 11, datetime(2026, 3, 20, 9), "wecom"),  # buyer 11 again within 30 days
    _order(7, 20, datetime(2026, 3, 4, 9), "wecom"),  # WeCom member 20 buys within 7 days
    _order(8, 13, datetime(2026, 5, 1, 9), "app"),  # moves the data end past every window
    _order(9, 12, datetime(2026, 3, 3, 9), "app", status="cancelled"),
]


def _load(engine: sa.Engine) -> None:
    frames = {
        "products": [dict(product_id=1, sku="p1", name_zh="电饭煲", name_en="Rice cooker"),
                     dict(product_id=2, sku="p2", name_zh="坚果礼盒", name_en="Nut gift box")],
        "customers": [dict(customer_id=c) for c in (10, 11, 12, 13)] + [
            dict(customer_id=20, wecom_joined_at=S1 + timedelta(minutes=2),
                 wecom_live_session_id=1),
            dict(customer_id=21, wecom_joined_at=S1 + timedelta(minutes=3),
                 wecom_live_session_id=1)],
        "live_sessions": [
            dict(live_session_id=1, title="家电专场", host_name="A", host_type="influencer",
                 started_at=S1, ended_at=S1 + timedelta(minutes=4), unique_viewers=125,
                 impressions=1000),
            dict(live_session_id=2, title="坚果专场", host_name="B", host_type="brand_self",
                 started_at=S2, ended_at=S2 + timedelta(minutes=2), unique_viewers=50,
                 impressions=400),
            dict(live_session_id=3, title="later", host_name="B", host_type="brand_self",
                 started_at=S3, ended_at=S3 + timedelta(minutes=1), unique_viewers=10,
                 impressions=100)],
        "live_minutes": (_minutes(1, S1, S1_MINUTES) + _minutes(2, S2, S2_MINUTES)
                         + _minutes(3, S3, S3_MINUTES)),
        "orders": ORDERS,
    }
    with engine.begin() as conn:
        for name, rows in frames.items():
            append_frame(conn, METADATA.tables[name], frame(name, rows))
        refresh_marts(conn)


@pytest.fixture
def hand(empty_warehouse) -> sa.Engine:
    _load(empty_warehouse)
    return empty_warehouse


S1_TOTALS = dict(views=155, gmv_cny=300.0, orders=3, unique_viewers=125, viewer_minutes=420,
                 comments=20, shares=4, impressions=1000, product_clicks=17,
                 product_exposures=100)


def test_metric_formulas_on_a_hand_made_session(hand):
    with hand.connect() as conn:
        frame = sessions.sessions(conn, WEEK).set_index("live_session_id")
    assert list(frame.index) == [1, 2]  # GMV order; session 3 is outside the week
    s1 = frame.loc[1]
    assert s1["gpm"] == pytest.approx(300 * 1000 / 155)
    assert s1["uv_value"] == pytest.approx(300 / 125)
    assert s1["avg_watch_minutes"] == pytest.approx((100 + 120 + 110 + 90) / 125)
    assert s1["interaction_rate"] == pytest.approx((20 + 4) / 125)
    assert s1["conversion"] == pytest.approx(3 / 125)
    assert s1["aov"] == pytest.approx(100)
    assert s1["entry_rate"] == pytest.approx(155 / 1000)
    assert s1["click_through"] == pytest.approx(17 / 100)
    assert (s1["minutes"], s1["wecom_adds"], s1["new_followers"]) == (4, 7, 4)
    assert frame.loc[2, "gmv_rank"] == 2
    for key in METRICS:  # SQL and Python evaluate the same definitions
        assert s1[key] == pytest.approx(metric_value(key, S1_TOTALS | {"orders": 3}))


def test_period_metrics_are_ratios_of_sums_and_compare_with_the_previous_period(hand):
    with hand.connect() as conn:
        k = sessions.overview(conn, WEEK).set_index("kpi")
        nothing = sessions.sessions(conn, Filters(WEEK.start, WEEK.end, channels=("app",)))
    assert k.at["sessions", "value"] == 2
    assert k.at["gmv_cny", "value"] == pytest.approx(400)
    assert k.at["hours_live", "value"] == pytest.approx(6 / 60)
    assert k.at["gpm", "value"] == pytest.approx(400 * 1000 / 210)  # not the mean of GPMs
    assert k.at["uv_value", "value"] == pytest.approx(400 / 175)
    assert k.at["gmv_cny", "per_session"] == pytest.approx(200)
    assert k.at["gmv_cny", "previous"] == 0  # no session in the week before
    assert k.at["gmv_cny", "median"] == pytest.approx(200)  # sessions of 300 and 100
    assert k.at["gmv_cny", "top_quartile"] == pytest.approx(250)
    assert nothing.empty  # a channel filter without live_stream selects no session


def test_host_split_and_channel_shares(hand):
    with hand.connect() as conn:
        split = sessions.host_split(sessions.sessions(conn, WEEK)).set_index("host_type")
        shares = sessions.channel_shares(conn, WEEK)
    assert split.at["brand_self", "gmv_share"] == pytest.approx(100 / 400)
    assert split.at["influencer", "gpm"] == pytest.approx(300 * 1000 / 155)
    # non-cancelled orders in the week: 200 + 100 + 100 live, 100 app, 100 wecom
    assert shares["total_gmv_cny"] == pytest.approx(600)
    assert shares["live_stream"] == pytest.approx(400 / 600)
    assert shares["short_video"] == 0


def test_one_sessions_replay(hand):
    with hand.connect() as conn:
        info = replay.session_info(conn, 1)
        minutes = replay.session_minutes(conn, 1)
        with pytest.raises(KeyError):
            replay.session_info(conn, 99)
    assert info["title"] == "家电专场" and info["views"] == 155
    assert list(minutes["minute_index"]) == [0, 1, 2, 3]
    assert set(minutes["live_session_id"]) == {1}  # only the opened session's minutes
    assert list(minutes["product_en"].fillna("")) == ["", "Rice cooker", "Rice cooker",
                                                      "Rice cooker"]
    fun = replay.funnel(info).set_index("step")
    assert list(fun["count"]) == [1000, 155, 17, 4, 3]
    assert fun.at["product_clicks", "step_rate"] == pytest.approx(17 / 155)
    assert fun.at["orders", "overall_rate"] == pytest.approx(3 / 1000)
    src = replay.traffic_sources(info).set_index("source")
    assert src["entries"].tolist() == [87, 31, 20, 17]
    assert src["share"].sum() == pytest.approx(1)
    blocks = replay.segment_blocks(minutes)
    assert blocks[["segment", "start", "end"]].values.tolist() == [
        ["interaction", 0, 0], ["product_explanation", 1, 2], ["benefits", 3, 3]]


def test_explanation_windows_with_a_tail(hand):
    with hand.connect() as conn:
        win = windows.explanation_windows(replay.session_minutes(conn, 1))
        whole = windows.explanation_windows(replay.session_minutes(conn, 2))
        s2 = replay.session_info(conn, 2)
    assert len(win) == 1
    w = win.iloc[0]
    assert (w["start"], w["end"], w["minutes"], w["product_en"]) == (1, 2, 2, "Rice cooker")
    assert (w["gmv_cny"], w["orders"], w["product_clicks"]) == (200, 2, 12)
    assert w["views"] == 100 + 40 + 10  # the room before the window plus its entries
    assert w["gpm"] == pytest.approx(200 * 1000 / 150)
    # a window covering a whole session has the session's views and GPM
    assert len(whole) == 1 and whole.at[0, "views"] == s2["views"] == 55
    assert whole.at[0, "gpm"] == pytest.approx(s2["gpm"])
    assert whole.at[0, "viewers_lost"] == 0 - 40  # from an empty room to 40
    assert w["gmv_per_minute"] == pytest.approx(100)
    assert (w["tail_gmv_cny"], w["tail_orders"]) == (100, 1)  # the benefits minute after
    assert w["viewers_lost"] == 100 - 110  # the room grew during the pitch


def test_segment_rates_are_ratios_of_sums(hand):
    with hand.connect() as conn:
        r = effectiveness.rates(conn, WEEK)
    i = {s: k for k, s in enumerate(LIVE_SEGMENTS)}
    assert r.sessions == 2
    gmv = r.point["gmv_per_minute"]
    assert gmv[i["product_explanation"]] == pytest.approx((200 + 100) / 4)
    assert gmv[i["benefits"]] == pytest.approx(100)
    assert gmv[i["interaction"]] == 0
    available = (120 + 20) + (110 + 20) + (50 + 0) + (40 + 15)
    assert r.point["retention"][i["product_explanation"]] == pytest.approx(
        1 - (20 + 20 + 0 + 15) / available)
    assert r.point["wecom_per_1k_viewer_minutes"][i["benefits"]] == pytest.approx(2 / 90 * 1000)
    assert r.base_minutes.tolist() == [2.0, 0.5, 0.5]  # mean minutes per session
    lo, hi = np.nanquantile(r.draws["gmv_per_minute"][:, i["product_explanation"]], [0.05, 0.95])
    assert lo <= 75 <= hi


def test_follow_through_counts_buyers_members_repurchase_and_refunds(hand):
    with hand.connect() as conn:
        per = followthrough.by_session(conn, WEEK).set_index("live_session_id")
        hosts = followthrough.by_host(conn, WEEK).set_index("host_name")
    s1 = per.loc[1]
    assert (s1["orders"], s1["returned"], s1["buyers"]) == (3, 1, 2)
    assert s1["refund_rate"] == pytest.approx(1 / 3)
    assert s1["buyer_repurchase_7d"] == pytest.approx(1 / 2)  # buyer 10 on 5 March
    assert s1["buyer_repurchase_30d"] == pytest.approx(2 / 2)  # and buyer 11 on 20 March
    assert s1["wecom_members"] == 2
    assert s1["wecom_repurchase_7d"] == pytest.approx(1 / 2)
    assert per.loc[2, "buyers"] == 0 and pd.isna(per.loc[2, "refund_rate"])
    assert hosts.at["A", "buyers"] == 2 and hosts.at["B", "sessions"] == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_metric_and_kpi_has_a_tooltip_with_its_unit(lang):
    from cockpit.ui.i18n import CATALOGUE, t

    unit_word = "单位" if lang == "zh" else "Unit"
    for key in (*METRICS, *sessions.KPIS, "new_followers"):
        assert f"live.kpi.{key}.help" in CATALOGUE, key
        assert unit_word in t(f"live.kpi.{key}.help", lang)
