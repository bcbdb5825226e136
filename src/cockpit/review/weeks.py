"""ISO weeks (Monday to Sunday) as the review's period: parse `2024-W52`, bounds, the default
week and the weeks a review compares with."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from cockpit.filters import Filters

_WEEK = re.compile(r"(\d{4})-W(\d{2})", re.ASCII)


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO week: `year` is the ISO year (the week's Thursday's year), `week` 1–53."""

    year: int
    week: int

    def __post_init__(self) -> None:
        if not 1 <= self.week <= weeks_in_year(self.year):
            raise ValueError(f"ISO year {self.year} has no week {self.week} "
                             f"(it has {weeks_in_year(self.year)})")

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def start(self) -> date:
        """The Monday."""
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def end(self) -> date:
        """The Sunday."""
        return date.fromisocalendar(self.year, self.week, 7)

    def previous(self) -> IsoWeek:
        return week_of(self.start - timedelta(days=7))

    def next(self) -> IsoWeek:
        return week_of(self.start + timedelta(days=7))

    def last_year(self) -> tuple[IsoWeek, bool]:
        """The same ISO week a year earlier, and True when week 53 had to compare with
        week 52 (the year before has no week 53)."""
        prior = self.year - 1
        if self.week > weeks_in_year(prior):
            return IsoWeek(prior, weeks_in_year(prior)), True
        return IsoWeek(prior, self.week), False

    def filters(self, f: Filters) -> Filters:
        """`f` with its dates replaced by this week's Monday to Sunday."""
        return replace(f, start=self.start, end=self.end)


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December."""
    return date(year, 12, 28).isocalendar()[1]


def week_of(day: date) -> IsoWeek:
    iso = day.isocalendar()
    return IsoWeek(iso[0], iso[1])


def parse_week(text: str) -> IsoWeek:
    """`2024-W52` -> IsoWeek(2024, 52); ValueError naming the value otherwise."""
    match = _WEEK.fullmatch(str(text).strip())
    if not match:
        raise ValueError(f"week {text!r} is not an ISO week such as 2024-W52")
    try:
        return IsoWeek(int(match[1]), int(match[2]))
    except ValueError as exc:
        raise ValueError(f"week {text!r}: {exc}") from None


def default_week(last_day: date) -> IsoWeek:
    """The last complete week on or before `last_day` (the data's last day): the week of
    `last_day` when it is a Sunday, else the week before."""
    week = week_of(last_day)
    return week if last_day == week.end else week.previous()


def weeks_between(first: date, last: date) -> list[IsoWeek]:
    """The complete weeks within [first, last], newest first."""
    out = []
    week = default_week(last)
    while week.start >= first:
        out.append(week)
        week = week.previous()
    return out


def check_in_data(week: IsoWeek, first: date, last: date) -> None:
    """ValueError unless the week lies within the data [first, last]."""
    if week.start < first or week.end > last:
        raise ValueError(f"week {week} ({week.start} to {week.end}) is not within the data "
                         f"({first} to {last})")
