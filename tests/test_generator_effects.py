"""The demo generator's planted effects are present in the built warehouse (DuckDB,
PostgreSQL and ClickHouse), measured with SQL independent of the generator's code. The SQL
keeps to what all three run: no correlated subqueries, and a CTE's qualified columns named
(ClickHouse keeps `i.product_id` as the name)."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from cockpit.calendar import spring_festival


def q(engine: sa.Engine, sql: str, **params) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(sa.text(sql), conn, params=params)


def truth(engine: sa.Engine, effect: str) -> float:
    return float(q(engine, "SELECT value FROM truth_effects WHERE effect = :e", e=effect)
                 ["value"].iloc[0])


SOLD = "status <> 'cancelled'"


def test_personas_buy_at_their_own_hours(demo_warehouse):
    hours = q(demo_warehouse, f"""
        SELECT t.persona, CAST(EXTRACT(hour FROM o.ordered_at) AS INTEGER) AS hour,
               COUNT(*) AS n
        FROM orders o JOIN truth_customers t USING (customer_id)
        WHERE o.channel IN ('app', 'mini_program', 'short_video', 'wecom') AND {SOLD}
        GROUP BY 1, 2""")
    peak = hours.loc[hours.groupby("persona")["n"].idxmax()].set_index("persona")["hour"]
    assert 7 <= peak["family"] <= 9
    assert peak["overtime"] in (21, 22, 23)


def test_personas_have_their_own_basket_mix(demo_warehouse):
    mix = q(demo_warehouse, f"""
        SELECT t.persona, i.category, SUM(i.quantity) AS units
        FROM order_items i JOIN orders o USING (order_id)
        JOIN truth_customers t ON t.customer_id = o.customer_id
        WHERE o.channel <> 'live_stream' AND o.{SOLD}
        GROUP BY 1, 2""")
    top = mix.loc[mix.groupby("persona")["units"].idxmax()].set_index("persona")["category"]
    assert top["family"] == "fresh"
    assert top["overtime"] == "snacks"
    assert top["fitness"] == "sports"
    assert top["gift"] == "nut_gifts"


def test_persona_review_words(demo_warehouse):
    share = q(demo_warehouse, """
        SELECT t.persona,
               AVG(CASE WHEN r.text_zh LIKE '%适合孩子吃%' THEN 1.0 ELSE 0.0 END) AS kids,
               AVG(CASE WHEN r.text_zh LIKE '%加班%' THEN 1.0 ELSE 0.0 END) AS overtime
        FROM reviews r JOIN truth_customers t USING (customer_id) GROUP BY 1
        """).set_index("persona")
    assert share["kids"].idxmax() == "family"
    assert share["overtime"].idxmax() == "overtime"


def test_eco_customers_prefer_sustainable_products(demo_warehouse):
    share = q(demo_warehouse, """
        SELECT t.persona, AVG(CASE WHEN p.is_sustainable THEN 1.0 ELSE 0.0 END) AS share
        FROM order_items i JOIN orders o USING (order_id)
        JOIN products p ON p.product_id = i.product_id
        JOIN truth_customers t ON t.customer_id = o.customer_id GROUP BY 1
        """).set_index("persona")["share"]
    assert share.idxmax() == "eco"
    assert share["eco"] > 2 * share.drop("eco").mean()


def test_c2m_products_are_rebought_about_twice_as_often(demo_warehouse):
    rates = q(demo_warehouse, f"""
        WITH buys AS (
            SELECT o.customer_id AS customer_id, i.product_id AS product_id,
                   p.is_c2m AS is_c2m, o.ordered_at AS ordered_at
            FROM order_items i JOIN orders o USING (order_id)
            JOIN products p ON p.product_id = i.product_id WHERE o.{SOLD}),
        firsts AS (
            SELECT customer_id, product_id, is_c2m, MIN(ordered_at) AS first_at
            FROM buys GROUP BY 1, 2, 3),
        rebought AS (
            SELECT DISTINCT f.customer_id AS customer_id, f.product_id AS product_id
            FROM firsts f JOIN buys b
              ON b.customer_id = f.customer_id AND b.product_id = f.product_id
            WHERE b.ordered_at > f.first_at
              AND b.ordered_at <= f.first_at + INTERVAL '90 days')
        SELECT f.is_c2m AS is_c2m,
               AVG(CASE WHEN r.product_id IS NOT NULL THEN 1.0 ELSE 0.0 END) AS rebuy
        FROM firsts f LEFT JOIN rebought r
          ON r.customer_id = f.customer_id AND r.product_id = f.product_id
        GROUP BY 1""").set_index("is_c2m")["rebuy"]
    ratio = rates[True] / rates[False]
    assert 1.6 <= ratio <= 2.8, ratio


def test_c2m_hoodie_outsells_its_regular_counterpart_threefold(demo_warehouse):
    units = q(demo_warehouse, f"""
        SELECT p.sku, SUM(i.quantity) AS units
        FROM order_items i JOIN orders o USING (order_id)
        JOIN products p ON p.product_id = i.product_id
        WHERE p.sku IN ('C2M-HOODIE-01', 'APP-000') AND o.{SOLD}
          AND o.ordered_at >= (SELECT CAST(launched_on AS TIMESTAMP) FROM products
                               WHERE sku = 'C2M-HOODIE-01')
        GROUP BY 1""").set_index("sku")["units"]
    assert 2.0 <= units["C2M-HOODIE-01"] / units["APP-000"] <= 4.5


def test_acquisition_cost_roughly_triples(demo_warehouse):
    cac = q(demo_warehouse, f"""
        WITH firsts AS (SELECT customer_id, MIN(order_date) AS d FROM orders WHERE {SOLD}
                        GROUP BY 1),
        bounds AS (SELECT MIN(spend_date) AS lo, MAX(spend_date) AS hi FROM marketing_spend)
        SELECT CASE WHEN s.spend_date < b.lo + 180 THEN 'first' ELSE 'last' END AS half,
               SUM(s.spend_cny) AS spend
        FROM marketing_spend s, bounds b
        WHERE s.spend_date < b.lo + 180 OR s.spend_date > b.hi - 180 GROUP BY 1
        """).set_index("half")["spend"]
    new = q(demo_warehouse, f"""
        WITH firsts AS (SELECT customer_id, MIN(order_date) AS d FROM orders WHERE {SOLD}
                        GROUP BY 1),
        bounds AS (SELECT MIN(spend_date) AS lo, MAX(spend_date) AS hi FROM marketing_spend)
        SELECT CASE WHEN f.d < b.lo + 180 THEN 'first' ELSE 'last' END AS half, COUNT(*) AS n
        FROM firsts f, bounds b WHERE f.d < b.lo + 180 OR f.d > b.hi - 180 GROUP BY 1
        """).set_index("half")["n"]
    growth = (cac["last"] / new["last"]) / (cac["first"] / new["first"])
    assert 2.0 <= growth <= 4.5, growth


def test_live_and_short_video_over_a_third_of_gmv(demo_warehouse):
    gmv = q(demo_warehouse, f"""
        SELECT channel, SUM(total_cny) AS gmv FROM orders WHERE {SOLD} GROUP BY 1
        """).set_index("channel")["gmv"]
    assert (gmv["live_stream"] + gmv["short_video"]) / gmv.sum() > 1 / 3
    by_host = q(demo_warehouse, f"""
        SELECT s.host_type, SUM(o.total_cny) AS gmv FROM orders o
        JOIN live_sessions s USING (live_session_id) WHERE o.{SOLD} GROUP BY 1
        """).set_index("host_type")["gmv"]
    assert by_host["brand_self"] / by_host.sum() > 0.5


def test_live_segments_drive_wecom_and_orders(demo_warehouse):
    seg = q(demo_warehouse, """
        SELECT segment, SUM(wecom_adds) * 1.0 / SUM(online_viewers) AS wecom,
               SUM(orders_created) * 1.0 / SUM(online_viewers) AS orders
        FROM live_minutes GROUP BY 1""").set_index("segment")
    assert seg["wecom"].idxmax() == "interaction"
    assert seg["orders"].idxmax() == "benefits"


def test_planted_live_dropoffs_are_visible(demo_warehouse):
    drops = q(demo_warehouse, """
        SELECT e.entity_id AS entity_id,
               MAX(CASE WHEN m.minute_at BETWEEN e.occurred_at - INTERVAL '3 minutes'
                                             AND e.occurred_at - INTERVAL '1 minute'
                        THEN m.online_viewers END) AS before,
               MIN(CASE WHEN m.minute_at BETWEEN e.occurred_at
                                             AND e.occurred_at + INTERVAL '2 minutes'
                        THEN m.online_viewers END) AS after
        FROM truth_events e LEFT JOIN live_minutes m ON m.live_session_id = e.entity_id
        WHERE e.event = 'live_dropoff'
        GROUP BY e.entity_id, e.occurred_at""")
    assert len(drops) > 0
    fell = 1 - drops["after"] / drops["before"]
    assert (fell > 0.25).mean() > 0.9


def test_longer_watch_goes_with_higher_conversion(demo_warehouse):
    sessions = q(demo_warehouse, """
        SELECT s.live_session_id, SUM(m.online_viewers) * 1.0 / MAX(s.unique_viewers) AS watch,
               SUM(m.orders_created) * 1.0 / MAX(s.unique_viewers) AS conversion
        FROM live_sessions s JOIN live_minutes m USING (live_session_id) GROUP BY 1""")
    assert sessions["watch"].corr(sessions["conversion"], method="spearman") > 0.2


def test_store_visitors_buy_the_category_online_afterwards_appliances_most(demo_warehouse):
    lift = q(demo_warehouse, f"""
        WITH v AS (
            SELECT visit_id, customer_id, visited_at, category_experienced AS category
            FROM store_visits WHERE customer_id IS NOT NULL
              AND category_experienced IS NOT NULL),
        bought AS (
            SELECT v.visit_id AS visit_id, v.category AS category,
                   MAX(CASE WHEN i.order_id IS NOT NULL THEN 1.0 ELSE 0.0 END) AS hit
            FROM v LEFT JOIN orders o ON o.customer_id = v.customer_id
                 AND o.channel <> 'offline_store' AND o.{SOLD}
                 AND o.ordered_at > v.visited_at
                 AND o.ordered_at <= v.visited_at + INTERVAL '14 days'
            LEFT JOIN order_items i ON i.order_id = o.order_id AND i.category = v.category
            GROUP BY 1, 2)
        SELECT category, AVG(hit) AS rate FROM bought GROUP BY 1""").set_index("category")
    base = q(demo_warehouse, f"""
        SELECT i.category, COUNT(DISTINCT o.customer_id) * 1.0
               / (SELECT COUNT(*) FROM customers) AS buyers
        FROM orders o JOIN order_items i USING (order_id)
        WHERE o.channel <> 'offline_store' AND o.{SOLD}
          AND o.customer_id NOT IN (SELECT customer_id FROM store_visits
                                    WHERE customer_id IS NOT NULL)
        GROUP BY 1""").set_index("category")["buyers"]
    span = q(demo_warehouse, "SELECT MIN(order_date) AS lo, MAX(order_date) AS hi FROM orders")
    days = (pd.Timestamp(span["hi"].iloc[0]) - pd.Timestamp(span["lo"].iloc[0])).days
    baseline_14d = base * 14 / days  # upper bound: one buy per customer
    excess = lift["rate"] - baseline_14d.reindex(lift.index)
    assert excess.idxmax() == "appliances"
    assert excess["appliances"] > 0.1


def test_spring_festival_lifts_nut_gift_boxes_and_fresh_dips(demo_warehouse):
    daily = q(demo_warehouse, f"""
        SELECT o.order_date AS d, i.category, SUM(i.quantity) AS units
        FROM order_items i JOIN orders o USING (order_id) WHERE o.{SOLD}
          AND i.category IN ('nut_gifts', 'fresh') GROUP BY 1, 2""")
    daily["d"] = pd.to_datetime(daily["d"])
    units = daily.pivot_table(index="d", columns="category", values="units", fill_value=0)
    sf = pd.Timestamp(spring_festival(2025))
    run_up = units.loc[sf - pd.Timedelta(days=21): sf - pd.Timedelta(days=2)].mean()
    holiday = units.loc[sf - pd.Timedelta(days=1): sf + pd.Timedelta(days=6)].mean()
    normal = units.loc[sf + pd.Timedelta(days=30): sf + pd.Timedelta(days=75)].mean()
    assert run_up["nut_gifts"] > 3 * normal["nut_gifts"]
    assert holiday["fresh"] < 0.6 * normal["fresh"]


def test_618_and_double_11_lift_gmv(demo_warehouse):
    daily = q(demo_warehouse, f"""
        SELECT order_date AS d, SUM(total_cny) AS gmv FROM orders WHERE {SOLD} GROUP BY 1
        """)
    gmv = daily.assign(d=pd.to_datetime(daily["d"])).set_index("d")["gmv"].sort_index()
    for peak in ("2025-06-18", "2025-11-11"):
        day = pd.Timestamp(peak)
        base = gmv.loc[day - pd.Timedelta(days=75): day - pd.Timedelta(days=45)].mean()
        assert gmv.loc[day - pd.Timedelta(days=2): day].mean() > 1.8 * base, peak


def test_ai_resolves_about_80_percent_of_tickets(demo_warehouse):
    share = q(demo_warehouse, """
        SELECT AVG(CASE WHEN resolved_by = 'ai' THEN 1.0 ELSE 0.0 END) AS s
        FROM service_tickets""")["s"].iloc[0]
    assert share == pytest.approx(0.8, abs=0.04)


def test_cold_chain_excursions_are_returned_far_more_often(demo_warehouse):
    rates = q(demo_warehouse, """
        WITH exc AS (SELECT shipment_id,
                            MAX(CASE WHEN temperature_c < 0 OR temperature_c > 4
                                     THEN 1 ELSE 0 END) AS hit
                     FROM cold_chain_readings GROUP BY 1)
        SELECT e.hit, AVG(CASE WHEN o.status = 'returned' THEN 1.0 ELSE 0.0 END) AS rate
        FROM exc e JOIN shipments s USING (shipment_id) JOIN orders o USING (order_id)
        GROUP BY 1""").set_index("hit")["rate"]
    assert rates[1] > 4 * rates[0]


def test_direct_mail_line_halves_cross_border_lead_time(demo_warehouse):
    days = q(demo_warehouse, """
        SELECT route, AVG(EXTRACT(EPOCH FROM (delivered_at - shipped_at)) / 86400.0) AS days
        FROM shipments WHERE route IN ('eu_cn_postal', 'eu_cn_direct_mail') GROUP BY 1
        """).set_index("route")["days"]
    assert days["eu_cn_postal"] == pytest.approx(15, abs=3)
    assert days["eu_cn_direct_mail"] == pytest.approx(7, abs=2)


def test_low_carbon_packaging_cuts_packaging_cost_per_order(demo_warehouse):
    adopted = q(demo_warehouse, """
        SELECT occurred_at FROM truth_events WHERE event = 'low_carbon_packaging_adopted'
        """)["occurred_at"].iloc[0]
    cost = q(demo_warehouse, """
        SELECT CASE WHEN shipped_at < :t - INTERVAL '60 days' THEN 'before'
                    WHEN shipped_at > :t + INTERVAL '120 days' THEN 'after' END AS period,
               AVG(packaging_cost_cny) AS cost
        FROM shipments WHERE route = 'domestic' AND NOT is_cold_chain GROUP BY 1""",
             t=pd.Timestamp(adopted).to_pydatetime()).dropna().set_index("period")["cost"]
    assert cost["after"] / cost["before"] == pytest.approx(0.9, abs=0.05)
