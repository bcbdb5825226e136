"""China's calendar as a Prophet holidays frame: public holidays and shopping festivals.

The Spring Festival comes from its lunar dates (`cockpit.calendar`), split into the shopping
run-up and the holiday week; 618, Double 11 and Double 12 each have a pre-sale window and a
peak. The other statutory holidays (New Year, Qingming, Labour Day, Dragon Boat, Mid-Autumn,
National Day, with their bridging days off) come from the `holidays` package. Every day of one
window shares one Prophet column, so each window has one effect a manager can read.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pandas as pd

from cockpit.calendar import festival_windows

# Prophet holiday name per (festival, phase) of cockpit.calendar.festival_windows
FESTIVAL_HOLIDAYS = {
    ("spring_festival", "run_up"): "spring_festival_run_up",
    ("spring_festival", "holiday"): "spring_festival_holiday",
    ("618", "run_up"): "618_presale",
    ("618", "peak"): "618_peak",
    ("double_11", "run_up"): "double_11_presale",
    ("double_11", "peak"): "double_11_peak",
    ("double_12", "run_up"): "double_12_presale",
    ("double_12", "peak"): "double_12_peak",
}
# statutory holidays from the `holidays` package, by the start of their English name
PUBLIC_HOLIDAYS = {
    "New Year's Day": "new_year",
    "Tomb-Sweeping Day": "qingming",
    "Labor Day": "labour_day",
    "Dragon Boat Festival": "dragon_boat",
    "Mid-Autumn Festival": "mid_autumn",
    "National Day": "national_day",
}
FESTIVALS = tuple(FESTIVAL_HOLIDAYS.values())
HOLIDAY_NAMES = FESTIVALS + tuple(PUBLIC_HOLIDAYS.values())


def festival_rows(years: range) -> list[tuple[str, pd.Timestamp]]:
    """(holiday, day) for every day of every shopping-festival and Spring Festival window."""
    rows = []
    for year in years:
        for festival, phase, first, last in festival_windows(year):
            name = FESTIVAL_HOLIDAYS[(festival, phase)]
            rows += [(name, day) for day in pd.date_range(first, last)]
    return rows


def public_holiday_rows(years: range) -> list[tuple[str, pd.Timestamp]]:
    """(holiday, day) for the statutory days off other than the Spring Festival; a bridging
    day off counts with the holiday just before it."""
    import holidays as holiday_calendars

    days = holiday_calendars.China(years=list(years), language="en_US")
    rows: list[tuple[str, pd.Timestamp]] = []
    current = None
    for day, label in sorted(days.items()):
        key = next((v for k, v in PUBLIC_HOLIDAYS.items() if label.startswith(k)), None)
        if key is None and label.startswith("Day off") and current is not None:
            key = current if (pd.Timestamp(day) - rows[-1][1]).days <= 10 else None
        if key is not None:
            rows.append((key, pd.Timestamp(day)))
            current = key
        elif "Chinese New Year" in label:
            current = None  # the Spring Festival week is a festival window
    return rows


@lru_cache(maxsize=32)
def _calendar(first_year: int, last_year: int, public: bool) -> pd.DataFrame:
    """Every (holiday, ds) row of the years; cached (one forecast asks for it a dozen times),
    so callers must not modify it."""
    years = range(first_year, last_year + 1)
    rows = festival_rows(years) + (public_holiday_rows(years) if public else [])
    return pd.DataFrame(rows, columns=["holiday", "ds"])


def china_holidays(start: date, end: date, public: bool = True) -> pd.DataFrame:
    """Prophet holidays frame (holiday, ds, lower_window, upper_window) covering [start, end]."""
    frame = _calendar(start.year - 1, end.year + 1, public)
    frame = frame[(frame["ds"] >= pd.Timestamp(start)) & (frame["ds"] <= pd.Timestamp(end))]
    return frame.assign(lower_window=0, upper_window=0).sort_values(["ds", "holiday"],
                                                                   ignore_index=True)


def festival_exposure(periods: pd.DatetimeIndex, freq: str) -> pd.DataFrame:
    """Share of each period's days that fall in each festival window (columns FESTIVALS), for
    weekly or monthly series where a day-level holiday cannot be placed."""
    first = periods[0].to_period(freq).start_time.date()
    last = periods[-1].to_period(freq).end_time.date()
    days = china_holidays(first, last, public=False)
    days["period"] = days["ds"].dt.to_period(freq).dt.start_time
    counts = days.pivot_table(index="period", columns="holiday", values="ds", aggfunc="count")
    starts = periods.to_period(freq).start_time
    length = periods.to_period(freq).end_time.normalize() - starts + pd.Timedelta(days=1)
    counts = counts.reindex(index=starts, columns=list(FESTIVALS)).fillna(0.0)
    return counts.div(length.days.to_numpy(), axis=0).set_axis(periods)
