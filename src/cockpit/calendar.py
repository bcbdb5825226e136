"""The China retail calendar: Spring Festival on its lunar dates, 618, Double 11, Double 12."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from lunardate import LunarDate

# Pre-sale windows as platforms run them (Tmall/JD): 618 from about 31 May, Double 11 from
# about 20 October, Double 12 a few days ahead. Spring Festival: shopping rush in the three
# weeks before New Year's Day, public holiday from New Year's Eve for eight days.
FESTIVALS = ("spring_festival", "618", "double_11", "double_12")


def spring_festival(year: int) -> date:
    """Lunar New Year's Day (正月初一) of `year`."""
    return LunarDate(year, 1, 1).to_solar_date()


def festival_windows(year: int) -> list[tuple[str, str, date, date]]:
    """(festival, phase, first day, last day) for one year; phase is run_up, peak or holiday."""
    sf = spring_festival(year)
    return [
        ("spring_festival", "run_up", sf - timedelta(days=21), sf - timedelta(days=2)),
        ("spring_festival", "holiday", sf - timedelta(days=1), sf + timedelta(days=6)),
        ("618", "run_up", date(year, 5, 31), date(year, 6, 15)),
        ("618", "peak", date(year, 6, 16), date(year, 6, 18)),
        ("double_11", "run_up", date(year, 10, 20), date(year, 11, 9)),
        ("double_11", "peak", date(year, 11, 10), date(year, 11, 11)),
        ("double_12", "run_up", date(year, 12, 8), date(year, 12, 11)),
        ("double_12", "peak", date(year, 12, 12), date(year, 12, 12)),
    ]


def festival_days(start: date, end: date) -> pd.DataFrame:
    """One row per day in [start, end] that falls in a festival window:
    columns ds, festival, phase, days_to_peak (0 on the festival day itself)."""
    rows = []
    for year in range(start.year - 1, end.year + 2):
        for festival, phase, first, last in festival_windows(year):
            anchor = spring_festival(year) if festival == "spring_festival" else last
            day = first
            while day <= last:
                if start <= day <= end:
                    rows.append((pd.Timestamp(day), festival, phase, (anchor - day).days))
                day += timedelta(days=1)
    return pd.DataFrame(rows, columns=["ds", "festival", "phase", "days_to_peak"])
