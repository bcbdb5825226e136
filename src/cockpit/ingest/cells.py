"""A mapped file's cells as typed columns: quirks cleaned (="123" wrappers, leading tabs and
apostrophes, a profile's placeholder for empty), each field parsed by its kind, and every
column's problems collected so that one report lists them all."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from cockpit.ingest.fields import FIELDS_BY_NAME
from cockpit.ingest.mapping import ColumnMapping
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.profiles import Profile
from cockpit.ingest.values import (
    LOCAL_TIMEZONE,
    parse_dates,
    parse_ids,
    parse_money,
    parse_timestamps,
)

EXCEL_TEXT = r'^="(.*)"$'  # ="35153131473293579", how Taobao keeps Excel off long ids


@dataclass(frozen=True)
class ReadOptions:
    """How to read values: day order of a/b/yyyy dates, the local time zone, exchange rates
    to CNY (currency -> CNY per unit)."""

    dayfirst: bool | None = None
    timezone: str = LOCAL_TIMEZONE
    fx: dict[str, float] = field(default_factory=dict)


def clean_cells(frame: pd.DataFrame, profile: Profile) -> pd.DataFrame:
    """Text cells without surrounding white space (tabs included), Excel's ="…" wrapper or
    the profile's placeholders for empty (such as "-")."""
    out = frame.apply(lambda col: col.astype(str).str.strip()
                      .str.replace(EXCEL_TEXT, r"\1", regex=True).str.strip())
    if profile.empty_values:
        out = out.mask(out.isin(profile.empty_values), "")
    return out


def parse_fields(frame: pd.DataFrame, mapping: ColumnMapping, options: ReadOptions,
                 required: frozenset[str]) -> tuple[dict[str, pd.Series], list[Problem]]:
    """Each mapped field parsed by its kind (ids as text, money and counts as floats,
    timestamps as naive local times, codes and text as stripped text, "" for empty).
    `required` fields may not be empty. Returns the columns and every problem found."""
    columns: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for name, header in mapping.fields.items():
        try:
            columns[name] = _parse(name, frame[header], header, options, name in required)
        except IngestError as exc:
            problems += exc.problems
    return columns, problems


def _parse(name: str, values: pd.Series, header: str, options: ReadOptions,
           required: bool) -> pd.Series:
    kind = FIELDS_BY_NAME[name].kind
    if kind in ("id", "timestamp", "money"):
        return parse_common(kind, values, header, options, required)
    if kind == "count":
        return _counts(values, header, required)
    return values.rename(header)


def parse_common(kind: str, values: pd.Series, header: str, options: ReadOptions,
                 required: bool) -> pd.Series:
    """Cells of a kind every import reads alike: id (text, a leading apostrophe dropped),
    timestamp, date (naive local) or money."""
    if kind == "id":
        return parse_ids(values.str.lstrip("'"), column=header, required=required)
    if kind == "money":
        return parse_money(values, column=header, required=required)
    parse = parse_timestamps if kind == "timestamp" else parse_dates
    return parse(values, column=header, dayfirst=options.dayfirst, timezone=options.timezone,
                 required=required)


def _counts(values: pd.Series, header: str, required: bool) -> pd.Series:
    """Whole numbers ≥ 0 (units on a line)."""
    numbers = parse_money(values, column=header, required=required)
    broken = numbers.notna() & (numbers != numbers.round())
    if broken.any():
        raise IngestError([Problem.rows("not_whole", "are not whole numbers of units",
                                        values[broken], column=header,
                                        hint="write quantities as whole numbers")])
    return numbers


def convert_currency(columns: dict[str, pd.Series], header: str | None,
                     fx: dict[str, float]) -> list[Problem]:
    """Money columns in CNY, in place: rows in another currency are multiplied by its
    `fx` rate; a currency without a rate is an error naming it."""
    if header is None or "currency" not in columns:
        return []
    currency = columns["currency"].str.upper().replace("", "CNY").replace("RMB", "CNY")
    rates = currency.map({**{k.upper(): v for k, v in fx.items()}, "CNY": 1.0})
    unknown = rates.isna()
    if unknown.any():
        found = ", ".join(sorted(currency[unknown].unique()))
        return [Problem.rows("currency_without_rate", f"are in {found}, not CNY",
                             currency[unknown], column=header,
                             hint=f"give the rate to CNY, e.g. --fx {found.split(',')[0]}=7.2 "
                                  "(CNY per unit; it is stored in the import history)")]
    for name, values in columns.items():
        if FIELDS_BY_NAME[name].kind == "money":
            columns[name] = values * rates
    return []
