"""Parse text columns into money, timestamps and ids, refusing whatever would need a guess."""

from __future__ import annotations

import re
from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from cockpit.ingest.problems import SHOW, Problem, raise_errors

# Every parser takes a Series of text whose index holds line numbers (as readers.Table gives)
# and returns the parsed Series with the same index, or raises IngestError whose problems name
# the column and the first offending lines.
LOCAL_TIMEZONE = "Asia/Shanghai"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # right from serial 61 (after Excel's 1900 leap bug)
# Serials read as dates: 1970-01-01 .. 9999-12-31. Smaller numbers (years such as 2024,
# counts) are far more likely another column than orders placed before 1970.
EXCEL_SERIALS = ((25569, "1970-01-01"), (2958465, "9999-12-31"))

# --- money -----------------------------------------------------------------------------------
_MONEY = re.compile(r"^(?P<s1>[-+])?\s*(?:¥|CNY|RMB)?\s*(?P<s2>[-+])?\s*"
                    r"(?P<num>\d[\d.,' ]*|[.,]\d+)\s*(?:元|CNY|RMB)?$", re.IGNORECASE)
_OTHER_CURRENCY = re.compile(r"[$€£₩₹]|\b(?:USD|EUR|GBP|HKD|JPY|TWD|SGD|AUD|CAD|KRW)\b",
                             re.IGNORECASE)
_SPACE_GROUPS = r"\d{1,3}(?:[ ']\d{3})+(?:[.,]\d+)?"
# category -> pattern; "dot"/"comma" = which decimal separator the value proves
_FORMS = {
    "int": (r"\d+", None),
    "dot_ambiguous": (r"\d{1,3}\.\d{3}", None),  # 1.234 = 1.234 or 1234
    "comma_ambiguous": (r"\d{1,3},\d{3}", None),  # 1,234 = 1234 or 1.234
    "comma_grouped_int": (r"\d{1,3}(?:,\d{3}){2,}", "dot"),
    "dot_grouped_int": (r"\d{1,3}(?:\.\d{3}){2,}", "comma"),
    "comma_grouped_dot": (r"\d{1,3}(?:,\d{3})+\.\d+", "dot"),
    "dot_grouped_comma": (r"\d{1,3}(?:\.\d{3})+,\d+", "comma"),
    "dot_decimal": (r"\d*\.\d+", "dot"),
    "comma_decimal": (r"\d*,\d+", "comma"),
}
_MONEY_HINT = ("write plain amounts such as 1234.50; ¥, 元, CNY and thousands separators are "
               "fine, inf, NaN and words are not")


_PLAIN_AMOUNT = r"\d+(?:\.\d{1,2})?"


def parse_money(values: pd.Series, *, column: str | None = None, allow_negative: bool = False,
                required: bool = True) -> pd.Series:
    """Amounts in CNY as floats. A decimal comma (5.880,00 or 5,88) is read only when the
    column shows it and never a decimal point; mixed or ambiguous columns are refused.
    Empty cells are errors when `required`, else NaN; zero is fine; negatives need
    `allow_negative`."""
    column = column or _name(values)
    text = clean_text(values).str.replace("\u2212", "-", regex=False)
    empty = text == ""
    if not (empty & required).any() and text[~empty].str.fullmatch(_PLAIN_AMOUNT).all():
        # the common case, read in one vectorised call: 12, 12.5, 12.50 (no thousands
        # separator can be meant with fewer than three decimals)
        return pd.to_numeric(text.where(~empty, None)).astype(float).rename(column)
    problems = empty_problem(values, empty, column) if required else []
    parts = text.str.extract(_MONEY)
    num = parts["num"].fillna("").str.strip()
    spaced = num.str.fullmatch(_SPACE_GROUPS)
    num = num.where(~spaced, num.str.replace(r"[ ']", "", regex=True))
    form = pd.Series("", index=text.index, dtype=object)
    for name, (pattern, _) in _FORMS.items():
        form = form.where((form != "") | ~num.str.fullmatch(pattern), name)
    both_signs = parts["s1"].notna() & parts["s2"].notna()
    bad = ~empty & ((form == "") | both_signs)
    other = bad & text.str.contains(_OTHER_CURRENCY)
    if other.any():
        problems.append(Problem.rows("currency", "carry a currency other than CNY",
                                     values[other], column=column,
                                     hint="convert the amounts to CNY before the import"))
    if (bad & ~other).any():
        problems.append(Problem.rows("not_a_number", "are not numbers", values[bad & ~other],
                                     column=column, hint=_MONEY_HINT))
    proves = form.map({k: v for k, (_, v) in _FORMS.items()})
    convention, more = _decimal_convention(values, form, proves, column)
    problems += more
    canonical = _canonical_numbers(num, form, convention)
    negative = (parts["s1"] == "-") | (parts["s2"] == "-")
    amounts = pd.to_numeric(canonical.where(~empty & ~bad, None), errors="coerce")
    amounts = amounts.astype(float).where(~negative, -amounts) + 0.0  # no -0.0
    if not allow_negative and (amounts < 0).any():
        problems.append(Problem.rows(
            "negative", "are negative", values[amounts < 0], column=column,
            hint="this column takes amounts of zero or more (net refunds out before export)"))
    raise_errors(problems)
    return amounts.rename(column)


def _decimal_convention(values: pd.Series, form: pd.Series, proves: pd.Series,
                        column: str) -> tuple[str, list[Problem]]:
    dot, comma = proves == "dot", proves == "comma"
    if dot.any() and comma.any():
        half = max(SHOW // 2, 1)
        both = pd.concat([values[dot].head(half + 1), values[comma].head(half + 1)])
        problem = Problem.rows(
            "mixed_decimal", "mix a decimal point (1,234.50) and a decimal comma (1.234,50)",
            both.sort_index(), column=column, hint="export the column with one number format")
        return "dot", [replace(problem, count=int(dot.sum() + comma.sum()))]
    if comma.any():
        unclear = form.isin(["dot_ambiguous", "comma_ambiguous"])
        if unclear.any():
            return "comma", [Problem.rows(
                "ambiguous_number", "could be read two ways in a column that uses a decimal "
                "comma (1.234 or 1,234: thousands or decimals?)", values[unclear],
                column=column, hint="write these amounts with their decimals, as 1.234,00")]
        return "comma", []
    unclear = form == "dot_ambiguous"
    if unclear.any() and not dot.any():
        return "dot", [Problem.rows(
            "ambiguous_number", "could be read two ways: is 1.234 one thousand two hundred "
            "thirty-four, or one point two three four?", values[unclear], column=column,
            hint="write the amounts with their decimals (1234.00 or 1.234,00) or without "
                 "separators")]
    return "dot", []


def _canonical_numbers(num: pd.Series, form: pd.Series, convention: str) -> pd.Series:
    """Digits with '.' as the decimal point and no grouping."""
    no_comma = num.str.replace(",", "", regex=False)
    comma_to_dot = num.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    comma_rule = {"comma_decimal", "dot_grouped_int", "dot_grouped_comma"}
    if convention == "comma":
        comma_rule |= {"dot_ambiguous", "comma_ambiguous"}
    return no_comma.where(~form.isin(comma_rule), comma_to_dot)


# --- ids -------------------------------------------------------------------------------------
def parse_ids(values: pd.Series, *, column: str | None = None,
              required: bool = True) -> pd.Series:
    """Ids as text exactly as written, without surrounding whitespace; a whole number written
    with a trailing .0 (583.0, from a spreadsheet) becomes 583. Empty ids are errors when
    `required`; ids that Excel turned into 5.83E+17 are refused (their digits are lost)."""
    column = column or _name(values)
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    text = text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    problems = empty_problem(values, text == "", column) if required else []
    scientific = text.str.fullmatch(r"\d(?:\.\d+)?E\+\d+", case=False)
    if scientific.any():
        problems.append(Problem.rows(
            "id_scientific", "are ids in scientific notation: Excel has dropped their digits",
            values[scientific], column=column,
            hint="format the id column as text in Excel, or export the ids again"))
    raise_errors(problems)
    return text.rename(column)


# --- dates and timestamps --------------------------------------------------------------------
def _time(separator: str) -> str:
    return (rf"(?:{separator}(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}})"
            r"(?:[.,](?P<F>\d{1,9}))?)?(?:\s*(?P<P>[AP]M))?"
            r"(?:\s*(?P<Z>Z|UTC|GMT|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?))?)?")


_FAMILIES = {
    "ymd": re.compile(r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
                      + _time(r"(?:T|\s+)") + "$", re.IGNORECASE),
    "cjk": re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"
                      + _time(r"\s*") + "$", re.IGNORECASE),
    "aby": re.compile(r"^(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"
                      + _time(r"(?:T|\s+)") + "$", re.IGNORECASE),
}
_SERIAL = r"\d+(?:\.\d+)?"
_PLAIN = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}:\d{2})?"  # naive ISO, fixed widths
_DATE_HINT = ("use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; 2024/1/5, 2024年1月5日, 05/01/2024, "
              "timestamps with +08:00 or Z, and Excel serial numbers are read too")


def parse_timestamps(values: pd.Series, *, column: str | None = None,
                     dayfirst: bool | None = None, timezone: str = LOCAL_TIMEZONE,
                     required: bool = True) -> pd.Series:
    """Naive local timestamps in `timezone`: ISO dates and timestamps, 2024/1/5, 2024年1月5日,
    a/b/yyyy (day-first or month-first as `dayfirst` says, else as the data proves), or Excel
    serial numbers when the whole column is numeric. A timestamp with an offset or Z is
    converted to `timezone`; one without is taken as already local."""
    column = column or _name(values)
    zone = _zone(timezone)
    text = clean_text(values)
    empty = text == ""
    problems = empty_problem(values, empty, column) if required else []
    serial = text.str.fullmatch(_SERIAL) & ~empty
    if serial.any() and serial.sum() == (~empty).sum():
        stamps, more = _serials(values, text, serial, column)
        raise_errors(problems + more)
        return stamps.rename(column)
    plain = text.str.fullmatch(_PLAIN)  # the common case, parsed in one vectorised call
    parts, family = _components(text.where(~plain, ""))
    family[plain] = "plain"
    unmatched = ~empty & (family == "")
    if serial.any():
        problems.append(Problem.rows(
            "mixed_date_formats", "are numbers (Excel serial dates?) among written dates",
            values[serial], column=column, hint="format the whole column the same way"))
    if (unmatched & ~serial).any():
        problems.append(Problem.rows("not_a_date", "are not dates", values[unmatched & ~serial],
                                     column=column, hint=_DATE_HINT))
    order, unclear = _day_order(values, parts, family == "aby", dayfirst, column)
    problems += unclear
    stamps, invalid = _assemble(parts, family, order, zone)
    if plain.any():
        quick = pd.to_datetime(text[plain], format="ISO8601", errors="coerce")
        stamps[plain] = quick.astype("datetime64[ns]")
        invalid[plain] = quick.isna()
    if not unclear and invalid.any():
        problems.append(_invalid_dates(values, parts, family, invalid, dayfirst, column))
    raise_errors(problems)
    return stamps.rename(column)


def parse_dates(values: pd.Series, *, column: str | None = None, dayfirst: bool | None = None,
                timezone: str = LOCAL_TIMEZONE, required: bool = True) -> pd.Series:
    """The local day (midnight timestamps) of each value, as parse_timestamps reads it."""
    return parse_timestamps(values, column=column, dayfirst=dayfirst, timezone=timezone,
                            required=required).dt.normalize()


def _components(text: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Date and time parts as text, and which family matched ("" for none)."""
    names = ["y", "m", "d", "a", "b", "H", "M", "S", "F", "P", "Z"]
    parts = pd.DataFrame(np.nan, index=text.index, columns=names, dtype=object)
    family = pd.Series("", index=text.index, dtype=object)
    for name, pattern in _FAMILIES.items():
        todo = (family == "") & (text != "")
        if not todo.any():
            break
        found = text[todo].str.extract(pattern)
        hit = found["y"].notna()
        if hit.any():
            rows = found.index[hit]
            for part in names:
                if part in found.columns:
                    parts.loc[rows, part] = found.loc[rows, part]
            family[rows] = name
    return parts, family


def _day_order(values: pd.Series, parts: pd.DataFrame, aby: pd.Series, dayfirst: bool | None,
               column: str) -> tuple[bool, list[Problem]]:
    """Whether a/b/yyyy values are day-first: as given, else as the data proves."""
    if dayfirst is not None or not aby.any():
        return bool(dayfirst), []
    a = pd.to_numeric(parts["a"], errors="coerce")
    b = pd.to_numeric(parts["b"], errors="coerce")
    day_first = aby & (a > 12) & (b <= 12)
    month_first = aby & (b > 12) & (a <= 12)
    if day_first.any() and month_first.any():
        shown = pd.concat([values[day_first].head(3), values[month_first].head(3)]).sort_index()
        return True, [Problem.rows(
            "mixed_day_order", f"contradict each other: {int(day_first.sum())} can only be "
            f"day-first (13/01 = 13 January), {int(month_first.sum())} only month-first "
            "(01/13 = January 13)", shown, column=column,
            hint="the column mixes two date formats: export it again with one")]
    if day_first.any() or month_first.any():
        return bool(day_first.any()), []
    unclear = aby & (a != b)
    if not unclear.any():
        return True, []  # every a/b/yyyy date has day == month
    first = unclear.idxmax()
    day, month, year = int(a[first]), int(b[first]), parts.at[first, "y"]
    question = (f"is {values[first]!r} {day} {MONTHS[month - 1]} {year} (day-first) or "
                f"{MONTHS[day - 1]} {month}, {year} (month-first)?")
    return True, [Problem.rows(
        "ambiguous_day_order", "could be day-first or month-first: no day above 12 tells",
        values[unclear], column=column,
        hint=f"{question} Answer with --dayfirst or --monthfirst (dayfirst=True/False)")]


def _assemble(parts: pd.DataFrame, family: pd.Series, dayfirst: bool,
              zone: ZoneInfo) -> tuple[pd.Series, pd.Series]:
    """Local naive timestamps, and which rows matched a form but are no valid moment."""
    matched = family.isin(list(_FAMILIES))
    stamps = pd.Series(pd.NaT, index=family.index, dtype="datetime64[ns]")
    invalid = pd.Series(False, index=family.index)
    if matched.any():
        stamps[matched], invalid[matched] = _moments(parts[matched], family[matched], dayfirst,
                                                     zone)
    return stamps, invalid


def _moments(parts: pd.DataFrame, family: pd.Series, dayfirst: bool,
             zone: ZoneInfo) -> tuple[pd.Series, pd.Series]:
    aby = family == "aby"
    num = {k: pd.to_numeric(parts[k], errors="coerce") for k in ("y", "m", "d", "a", "b",
                                                                  "H", "M", "S")}
    day = num["d"].where(~aby, num["a"] if dayfirst else num["b"])
    month = num["m"].where(~aby, num["b"] if dayfirst else num["a"])
    hour, minute, second = (num[k].fillna(0) for k in ("H", "M", "S"))
    meridiem = parts["P"].fillna("").str.upper()
    bad_time = (hour > 23) | (minute > 59) | (second > 59)
    bad_time |= (meridiem != "") & ((hour < 1) | (hour > 12))
    hour = hour.where(meridiem != "PM", hour % 12 + 12).where(meridiem != "AM", hour % 12)
    fields = pd.DataFrame({"year": num["y"], "month": month, "day": day, "hour": hour,
                           "minute": minute, "second": second}).where(~bad_time)
    fields = fields.fillna({"year": 2000, "month": 1, "day": 1, "hour": 0, "minute": 0,
                            "second": 0})
    stamps = pd.to_datetime(fields.astype("int64"), errors="coerce").astype("datetime64[ns]")
    fraction = parts["F"].fillna("").str.ljust(9, "0")
    stamps = stamps + pd.to_timedelta(pd.to_numeric(fraction, errors="coerce").fillna(0),
                                      unit="ns")
    offset, bad_offset = _offsets(parts["Z"])
    aware = offset.notna()
    if aware.any():
        utc = (stamps[aware] - pd.to_timedelta(offset[aware], unit="min")).dt.tz_localize("UTC")
        stamps[aware] = utc.dt.tz_convert(zone).dt.tz_localize(None)
    invalid = stamps.isna() | bad_time | bad_offset
    return stamps.where(~invalid), invalid


def _offsets(zones: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Minutes east of UTC for each offset text (NaN where none), and invalid offsets."""
    text = zones.fillna("").str.upper().str.replace(r"^(?:UTC|GMT)(?=[+-])", "", regex=True)
    parts = text.str.extract(r"^(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?$")
    hours = pd.to_numeric(parts["h"], errors="coerce")
    minutes = pd.to_numeric(parts["m"], errors="coerce").fillna(0)
    sign = parts["sign"].map({"+": 1, "-": -1})
    offset = (sign * (hours * 60 + minutes)).where(parts["h"].notna())
    offset = offset.where(~text.isin(["Z", "UTC", "GMT"]), 0.0)
    bad = parts["h"].notna() & ((hours > 14) | (minutes > 59))
    return offset.where(~bad), bad


def _invalid_dates(values: pd.Series, parts: pd.DataFrame, family: pd.Series,
                   invalid: pd.Series, dayfirst: bool | None, column: str) -> Problem:
    if dayfirst is not None:
        month_part = parts["b"] if dayfirst else parts["a"]
        flipped = invalid & (family == "aby") & (pd.to_numeric(month_part, errors="coerce") > 12)
        if flipped.any():
            said, other = ("day-first", "month-first") if dayfirst else ("month-first",
                                                                        "day-first")
            return Problem.rows("contradicts_day_order", f"cannot be {said} dates as asked "
                                "(a month above 12)", values[flipped], column=column,
                                hint=f"these look {other}: check the option")
    return Problem.rows("invalid_date", "are not valid dates or times (no such day, month, "
                        "hour or offset)", values[invalid], column=column, hint=_DATE_HINT)


def _serials(values: pd.Series, text: pd.Series, serial: pd.Series,
             column: str) -> tuple[pd.Series, list[Problem]]:
    """Excel serial day numbers (fractions are the time of day) as timestamps."""
    days = pd.to_numeric(text.where(serial), errors="coerce")
    (low, low_day), (high, high_day) = EXCEL_SERIALS
    out = serial & ((days < low) | (days >= high + 1))
    problems = []
    if out.any():
        problems.append(Problem.rows(
            "serial_out_of_range", f"are numbers outside the Excel date serials read ({low} "
            f"= {low_day} to {high} = {high_day})", values[out], column=column,
            hint="is this the right column? 20240105-style dates need dashes: 2024-01-05"))
    seconds = (days.where(serial & ~out) * 86400).round()
    stamps = EXCEL_EPOCH + pd.to_timedelta(seconds, unit="s")
    return stamps.astype("datetime64[ns]"), problems


# --- shared ----------------------------------------------------------------------------------
def clean_text(values: pd.Series) -> pd.Series:
    """Text, NFKC-normalised (full-width digits and signs to ASCII), stripped; NaN → ""."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    return text.str.normalize("NFKC").str.strip()


def empty_problem(values: pd.Series, empty: pd.Series, column: str) -> list[Problem]:
    """The "are empty" problem for the cells of `values` marked `empty`, if any."""
    if not empty.any():
        return []
    return [Problem.rows("empty", "are empty", values[empty], column=column,
                         hint="fill in every row of this column, or remove the rows")]


def _name(values: pd.Series) -> str:
    return str(values.name) if values.name is not None else "value"


def _zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {timezone!r} (use a name like Asia/Shanghai)"
                         ) from exc
