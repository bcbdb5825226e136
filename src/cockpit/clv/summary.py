"""Per-customer frequency, recency, T and monetary value from transactions (FHL 2005
conventions: purchases on one day count as one, frequency counts repeat purchase days,
recency and T in weeks, monetary value is the mean spend per repeat purchase day)."""

from __future__ import annotations

from datetime import date

import pandas as pd

COLUMNS = ["customer_id", "frequency", "recency", "T", "monetary_value"]
DAYS_PER_WEEK = 7.0


def rfm_summary(transactions: pd.DataFrame, calibration_end: date,
                observation_end: date | None = None) -> pd.DataFrame:
    """One row per customer with a purchase on or before `calibration_end`, from a frame
    with customer_id, order_date (date or timestamp) and amount. With `observation_end`,
    also `frequency_holdout`: purchase days in (calibration_end, observation_end]."""
    days = _purchase_days(transactions)
    end = pd.Timestamp(calibration_end)
    cal = days[days["day"] <= end]
    if cal.empty:
        return pd.DataFrame(columns=COLUMNS)
    grouped = cal.groupby("customer_id", sort=True)
    first, last = grouped["day"].min(), grouped["day"].max()
    count, total = grouped["day"].size(), grouped["amount"].sum()
    first_amount = cal[cal["day"] == cal["customer_id"].map(first)].groupby("customer_id")[
        "amount"].sum()
    out = pd.DataFrame({
        "frequency": count - 1,
        "recency": (last - first).dt.days / DAYS_PER_WEEK,
        "T": (end - first).dt.days / DAYS_PER_WEEK,
        "monetary_value": ((total - first_amount) / (count - 1).where(count > 1)).fillna(0.0),
    }).rename_axis("customer_id").reset_index()
    if observation_end is not None:
        out["frequency_holdout"] = holdout_counts(days, end, pd.Timestamp(observation_end)
                                                  ).reindex(out["customer_id"], fill_value=0
                                                            ).to_numpy()
    return out[COLUMNS + (["frequency_holdout"] if observation_end is not None else [])]


def _purchase_days(transactions: pd.DataFrame) -> pd.DataFrame:
    """One row per customer and purchase day with the day's total amount."""
    frame = pd.DataFrame({
        "customer_id": transactions["customer_id"].to_numpy(),
        "day": pd.to_datetime(transactions["order_date"]).dt.normalize().to_numpy(),
        "amount": transactions["amount"].astype(float).to_numpy(),
    })
    return frame.groupby(["customer_id", "day"], as_index=False, sort=False)["amount"].sum()


def holdout_counts(days: pd.DataFrame, start_exclusive: pd.Timestamp,
                   end: pd.Timestamp) -> pd.Series:
    """Purchase days per customer in (start_exclusive, end]."""
    window = days[(days["day"] > start_exclusive) & (days["day"] <= end)]
    return window.groupby("customer_id")["day"].size()
