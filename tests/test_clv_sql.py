"""CLV on the demo warehouse, DuckDB and PostgreSQL: the SQL summary equals the pandas one,
scores recover the generator's planted purchase rates and lifetimes, and the holdout check
predicts the purchases that happened."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from scipy.stats import spearmanr

from cockpit.clv import model
from cockpit.clv.summary import rfm_summary
from cockpit.clv.warehouse import clv_fit, customer_clv, customer_summary, holdout_check
from cockpit.demo.customers import ACQUISITION
from cockpit.demo.personas import PERSONAS
from cockpit.warehouse.schema import customers, orders, truth_customers

END = date(2026, 11, 24)  # conftest DEMO_END_DATE
CAL = date(2026, 6, 1)


def paid_orders(conn) -> pd.DataFrame:
    rows = conn.execute(sa.select(orders.c.customer_id, orders.c.order_date,
                                  orders.c.total_cny.label("amount"))
                        .where(orders.c.status != "cancelled")).all()
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])


def test_sql_summary_equals_the_pandas_summary(demo_warehouse):
    with demo_warehouse.connect() as conn:
        sql = customer_summary(conn, CAL)
        expected = rfm_summary(paid_orders(conn), CAL)
    assert len(sql) == len(expected) > 1000
    pd.testing.assert_frame_equal(sql.reset_index(drop=True),
                                  expected.astype(sql.dtypes.to_dict()).reset_index(drop=True),
                                  check_exact=False, rtol=1e-9)


def test_scores_recover_planted_rates_and_lifetimes(demo_warehouse):
    with demo_warehouse.connect() as conn:
        clv = customer_clv(conn, END)
        known = conn.execute(sa.select(customers.c.customer_id,
                                       customers.c.acquisition_channel,
                                       truth_customers.c.persona)
                             .join(truth_customers, truth_customers.c.customer_id
                                   == customers.c.customer_id)).all()
        buyers = conn.execute(sa.select(sa.func.count(sa.distinct(orders.c.customer_id)))
                              .where(orders.c.status != "cancelled")).scalar_one()
    assert len(clv) == buyers and clv["customer_id"].is_unique
    assert clv["p_alive"].between(0, 1).all()
    assert (clv[["expected_purchases", "expected_aov", "clv"]] >= 0).all().all()
    truth = pd.DataFrame(known, columns=["customer_id", "channel", "persona"]).merge(
        clv, on="customer_id")
    # planted purchase rates (orders a year while alive) order the personas' expected purchases
    planted = {p.name: p.orders_per_year for p in PERSONAS}
    by_persona = truth.groupby("persona")["expected_purchases"].mean()
    rho = spearmanr([planted[p] for p in by_persona.index], by_persona.to_numpy()).statistic
    assert rho > 0.75, by_persona
    # planted mean lifetimes by acquisition channel (320–900 days): customers of long-lived
    # channels are expected to buy more, and are worth more
    life = {c: v[2] for c, v in ACQUISITION.items()}
    by_channel = truth.groupby("channel")[["expected_purchases", "clv"]].mean()
    rho = spearmanr([life[c] for c in by_channel.index],
                    by_channel["expected_purchases"]).statistic
    assert rho > 0.7, by_channel
    long_lived = truth["channel"].map(life) >= 650
    assert truth[long_lived]["clv"].mean() > 1.1 * truth[~long_lived]["clv"].mean()


def test_fit_reports_what_it_fitted(demo_warehouse):
    with demo_warehouse.connect() as conn:
        fit = clv_fit(conn, END)
        summary = customer_summary(conn, END)
    assert fit.customers == fit.customers_total == len(summary)
    assert fit.repeat_customers == int((summary["monetary_value"] > 0).sum())
    assert all(np.isfinite(v) and v > 0 for v in fit.params().values())
    assert fit.q > 1  # the expected spend of a customer without repeats needs q > 1
    sampled = model.fit_summary(summary, END, sample=800)
    assert sampled.customers == 800 and sampled.customers_total == len(summary)
    assert sampled == model.fit_summary(summary, END, sample=800)  # seeded
    assert sampled.r == pytest.approx(fit.r, rel=0.35)


@pytest.mark.parametrize("holdout_days", [90, 180])
def test_holdout_check_predicts_the_holdout(demo_warehouse, holdout_days):
    calibration_end = END - timedelta(days=holdout_days)
    with demo_warehouse.connect() as conn:
        check = holdout_check(conn, calibration_end, END)
        actual = conn.execute(
            sa.select(sa.func.count(sa.distinct(sa.tuple_(orders.c.customer_id,
                                                          orders.c.order_date))))
            .where(orders.c.status != "cancelled", orders.c.order_date > calibration_end,
                   orders.c.customer_id.in_(
                       sa.select(orders.c.customer_id)
                       .where(orders.c.status != "cancelled",
                              orders.c.order_date <= calibration_end)))).scalar_one()
    assert list(check.columns) == ["frequency_bucket", "customers", "predicted", "actual"]
    assert check["actual"].sum() == actual
    assert check["predicted"].sum() == pytest.approx(actual, rel=0.15)
    big = check[check["customers"] >= 100]
    assert len(big) >= 6
    ratio = big["predicted"] / big["actual"]
    assert ratio.between(0.6, 1.4).all(), check
    # the buckets' purchases per customer go up and down together
    per_customer = check[["predicted", "actual"]].div(check["customers"], axis=0)
    assert per_customer["predicted"].corr(per_customer["actual"]) > 0.85


def test_holdout_check_refuses_an_empty_window(demo_warehouse):
    with demo_warehouse.connect() as conn, pytest.raises(ValueError, match="after"):
        holdout_check(conn, END, END)


def test_too_few_buyers_give_an_empty_frame_and_a_clear_fit_error(empty_warehouse):
    from cockpit.warehouse.load import append_frame

    one = pd.DataFrame({
        "order_id": [1, 2], "customer_id": [1, 1],
        "ordered_at": pd.to_datetime(["2026-01-05 10:00", "2026-02-01 11:00"]),
        "order_date": [date(2026, 1, 5), date(2026, 2, 1)], "platform": "own_app",
        "channel": "app",
        "city": "上海", "region": "east", "store_id": pd.NA, "live_session_id": pd.NA,
        "warehouse_id": pd.NA, "item_count": 1, "subtotal_cny": 100.0, "discount_cny": 0.0,
        "total_cny": 100.0, "coupon_type": "none", "status": "paid", "return_reason": None})
    buyer = pd.DataFrame({
        "customer_id": [1], "signup_date": [date(2026, 1, 5)], "city": "上海", "region": "east",
        "home_latitude": 31.2, "home_longitude": 121.5, "age_band": "25-34",
        "acquisition_channel": "douyin", "acquisition_domain": "public",
        "member_tier": "regular", "wecom_joined_at": pd.NaT, "wecom_live_session_id": pd.NA})
    with empty_warehouse.begin() as conn:
        append_frame(conn, customers, buyer)
        append_frame(conn, orders, one)
    with empty_warehouse.connect() as conn:
        summary = customer_summary(conn, END)
        clv = customer_clv(conn, END)
        with pytest.raises(ValueError, match="at least two customers"):
            clv_fit(conn, END)
    assert summary[["frequency", "recency", "monetary_value"]].iloc[0].tolist() == [1, 27 / 7,
                                                                                   100.0]
    assert clv.empty and list(clv.columns) == [*summary.columns, *model.SCORE_COLUMNS]
