"""Warnings about a history before it is forecast: an outlier in its last periods, which every
model would otherwise carry into the forecast without a word."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cockpit.calendar import festival_days

RECENT = 3  # the last periods checked
OUTLIER_Z = 5.0  # robust z-score (median and MAD of the seasonal changes) that counts
MAD_TO_SD = 1.4826


def recent_outliers(history: pd.DataFrame, freq: str, season: int,
                    recent: int = RECENT, threshold: float = OUTLIER_Z) -> pd.DataFrame:
    """One row per period among the last `recent` whose change from one season before is an
    outlier against the history's other seasonal changes: ds, y, expected (y one season
    before plus the typical change) and z. Daily festival days are not flagged: their spike is
    the calendar's, which Prophet models."""
    y = history["y"].to_numpy(float)
    lag = season if len(y) > 2 * season else 1
    cols = ["ds", "y", "expected", "z"]
    if len(y) <= lag + recent + 4:
        return pd.DataFrame(columns=cols)
    change = y[lag:] - y[:-lag]
    past, last = change[:-recent], change[-recent:]
    centre = float(np.median(past))
    spread = MAD_TO_SD * float(np.median(np.abs(past - centre)))
    if spread <= 0:
        spread = float(np.mean(np.abs(past - centre)))
    if spread <= 0:
        return pd.DataFrame(columns=cols)
    z = (last - centre) / spread
    frame = pd.DataFrame({"ds": history["ds"].to_numpy()[-recent:], "y": y[-recent:],
                          "expected": y[-recent - lag:len(y) - lag] + centre, "z": z})
    frame = frame[np.abs(frame["z"]) > threshold]
    if freq == "D" and not frame.empty:  # the day or the day a season before in a festival
        step = pd.Timedelta(days=lag)
        days = pd.DatetimeIndex(festival_days((frame["ds"].min() - step).date(),
                                              frame["ds"].max().date())["ds"])
        frame = frame[~(frame["ds"].isin(days) | (frame["ds"] - step).isin(days))]
    return frame.reset_index(drop=True)


def outlier_message(found: pd.DataFrame) -> str:
    """A sentence naming the outlying periods (English, for the API's warning and logs)."""
    parts = [f"{pd.Timestamp(r.ds).date()} (y = {r.y:,.1f}, about {r.expected:,.1f} expected)"
             for r in found.itertuples()]
    return ("outlier in the last periods: " + "; ".join(parts) + ". The forecast starts "
            "from it; check the data, or drop or correct the value if it is an error")
