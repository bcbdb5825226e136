"""The CLV models reproduce published fits on the CDNOW data that the `lifetimes` package ships.

- BG/NBD: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to
  the Pareto/NBD Model", Marketing Science 24(2), 275–284: 2,357 CDNOW customers, 39-week
  calibration; r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = −9582.4; a customer with
  x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226 purchases in the next 39 weeks.
- Gamma-Gamma: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value" (note), on the
  946 repeat customers: p = 6.25, q = 3.74, gamma = 15.44.

The files are read from lifetimes' datasets folder without importing lifetimes.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from support.cdnow import (
    PUBLISHED_BGNBD,
    PUBLISHED_GG,
    PUBLISHED_LL,
    cdnow_transactions,
    datasets,
)

from cockpit.clv import bgnbd, gammagamma, model
from cockpit.clv.summary import rfm_summary

CALIBRATION_END = date(1997, 9, 30)  # 39 weeks after the cohort's first day, 1997-01-01


def test_bgnbd_reproduces_fader_hardie_lee_2005():
    summary = pd.read_csv(datasets() / "cdnow_customers_summary.csv")
    assert len(summary) == 2357
    params, ll = bgnbd.fit(*(summary[c].to_numpy(float) for c in ("frequency", "recency", "T")))
    for name, value in PUBLISHED_BGNBD.items():
        assert params[name] == pytest.approx(value, abs=0.001), name
    assert ll == pytest.approx(PUBLISHED_LL, abs=0.05)
    assert bgnbd.expected_purchases(params, 39, 2, 30.43, 38.86) == pytest.approx(1.226,
                                                                                   abs=5e-4)


def test_gamma_gamma_reproduces_fader_hardie_2013():
    frame = pd.read_csv(datasets() / "cdnow_customers_summary_with_transactions.csv")
    repeat = frame[frame["x"] > 0]
    assert len(repeat) == 946
    params, _ = gammagamma.fit(repeat["x"].to_numpy(float), repeat["zbar"].to_numpy(float))
    for name, value in PUBLISHED_GG.items():
        assert params[name] == pytest.approx(value, abs=0.01), name


def test_summary_from_raw_transactions_matches_the_published_summary():
    """Same-day orders count as one, frequency = repeat days, weeks, mean repeat spend."""
    summary = rfm_summary(cdnow_transactions(), CALIBRATION_END)
    published = pd.read_csv(datasets() / "cdnow_customers_summary_with_transactions.csv")
    both = summary.merge(published, left_on="customer_id", right_on="ID")
    assert len(both) == len(published) == len(summary)
    assert (both["frequency"] == both["x"]).all()
    # the published file rounds to two decimals
    np.testing.assert_allclose(both["recency"], both["t_x"], atol=0.006)
    np.testing.assert_allclose(both["T_x"], both["T_y"], atol=0.006)
    np.testing.assert_allclose(both["monetary_value"], both["zbar"], atol=0.006)


def test_full_pipeline_on_transactions_gives_the_published_parameters():
    fit = model.fit_summary(rfm_summary(cdnow_transactions(), CALIBRATION_END))
    for name, value in {**PUBLISHED_BGNBD, **PUBLISHED_GG}.items():
        assert getattr(fit, name) == pytest.approx(value, abs=0.01), name
    assert (fit.customers, fit.repeat_customers) == (2357, 946)


def test_rfm_summary_conventions_on_a_hand_made_history():
    orders = pd.DataFrame({
        "customer_id": [1, 1, 1, 1, 2, 3],
        "order_date": pd.to_datetime(["2025-01-01 09:00", "2025-01-01 20:00", "2025-01-15 00:00",
                                      "2025-01-29 00:00", "2025-01-08 00:00", "2025-03-01 00:00"]),
        "amount": [10.0, 5.0, 20.0, 40.0, 7.0, 99.0],
    })
    out = rfm_summary(orders, date(2025, 2, 12), observation_end=date(2025, 3, 31))
    one = out.set_index("customer_id").loc[1]
    assert one["frequency"] == 2  # two repeat purchase days; the two Jan-1 orders are one
    assert one["recency"] == pytest.approx(4.0) and one["T"] == pytest.approx(6.0)
    assert one["monetary_value"] == pytest.approx(30.0)  # (20 + 40) / 2, first day excluded
    two = out.set_index("customer_id").loc[2]
    assert (two["frequency"], two["recency"], two["monetary_value"]) == (0, 0.0, 0.0)
    assert 3 not in out["customer_id"].tolist()  # first order after the calibration end
    assert out["frequency_holdout"].sum() == 0


def test_scores_behave_as_the_model_says():
    summary = pd.read_csv(datasets() / "cdnow_customers_summary_with_transactions.csv").rename(
        columns={"ID": "customer_id", "x": "frequency", "t_x": "recency", "zbar":
                 "monetary_value"})
    fit = model.fit_summary(summary)
    scored = model.score(summary, fit, horizon_days=273, annual_discount_rate=0.0)
    no_repeat = scored[scored["frequency"] == 0]
    assert (no_repeat["p_alive"] == 1.0).all()  # BG/NBD: no repeat, no chance to drop out
    assert no_repeat["expected_aov"].to_numpy() == pytest.approx(
        fit.p * fit.gamma / (fit.q - 1))
    # undiscounted CLV is expected purchases × expected spend per purchase
    np.testing.assert_allclose(scored["clv"], scored["expected_purchases"]
                               * scored["expected_aov"], rtol=1e-9)
    # a customer who stopped buying long ago is less likely alive than a recent one
    same = scored[scored["frequency"] == 5].sort_values("recency")
    assert same["p_alive"].iloc[0] < same["p_alive"].iloc[-1]
    discounted = model.score(summary, fit, horizon_days=273)
    assert (discounted["clv"] <= scored["clv"] + 1e-12).all()
    assert discounted["clv"].sum() > 0.9 * scored["clv"].sum()
