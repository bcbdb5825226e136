"""cockpit.ingest.values on awkward and bad values: each case gives the exact parsed values,
or the rule broken with the column and the line numbers (index = line, header = line 1)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cockpit.ingest.problems import IngestError
from cockpit.ingest.values import parse_dates, parse_ids, parse_money, parse_timestamps

T = pd.Timestamp


def col(*values: str, name: str = "金额") -> pd.Series:
    """A column as a reader gives it: text, index = line numbers from 2."""
    return pd.Series(list(values), index=range(2, 2 + len(values)), name=name, dtype=object)


def failure(parse, values: pd.Series, **options) -> IngestError:
    with pytest.raises(IngestError) as caught:
        parse(values, **options)
    return caught.value


MONEY_OK = [
    ("plain", ["12.50", "0", "3"], [12.5, 0.0, 3.0], {}),
    ("yuan_signs", ["¥12.50", "￥7", "8元", "CNY 9.9", "RMB10", "¥ 1,234.50 元"],
     [12.5, 7.0, 8.0, 9.9, 10.0, 1234.5], {}),
    ("thousands", ["1,234.50", "12,345,678.9", "999"], [1234.5, 12345678.9, 999.0], {}),
    ("comma_thousands_integers", ["1,234", "12,000", "5"], [1234.0, 12000.0, 5.0], {}),
    ("decimal_comma_grouped", ["5.880,00", "12,50", "1.234.567,89"],
     [5880.0, 12.5, 1234567.89], {}),
    ("decimal_comma_only", ["5,88", "0,5", "12"], [5.88, 0.5, 12.0], {}),
    ("dot_column_three_decimals", ["12.345", "1.234", "0.5"], [12.345, 1.234, 0.5], {}),
    ("full_width", ["１２．５０", "￥３，０００"], [12.5, 3000.0], {}),
    ("spaces_grouping", ["1 234.50", "12 000"], [1234.5, 12000.0], {}),
    ("zero", ["0.00", "¥0"], [0.0, 0.0], {}),
    ("negative_allowed", ["-12.5", "−3", "¥-1,000.00", "-0"], [-12.5, -3.0, -1000.0, 0.0],
     {"allow_negative": True}),
    ("optional_empty", ["", "5"], [math.nan, 5.0], {"required": False}),
    ("surrounding_space", ["  12.5 ", "\t7"], [12.5, 7.0], {}),
]


@pytest.mark.parametrize("values, expected, options",
                         [c[1:] for c in MONEY_OK], ids=[c[0] for c in MONEY_OK])
def test_money_is_read(values, expected, options):
    parsed = parse_money(col(*values), **options)
    assert parsed.index.tolist() == list(range(2, 2 + len(values)))
    assert parsed.name == "金额"
    assert parsed.tolist() == pytest.approx(expected, nan_ok=True)


MONEY_BAD = [
    ("inf", ["1", "inf"], {}, "not_a_number", [3]),
    ("nan", ["NaN", "2"], {}, "not_a_number", [2]),
    ("infinity_words", ["Infinity", "-inf", "3"], {"allow_negative": True}, "not_a_number",
     [2, 3]),
    ("words", ["12", "abc", "n/a"], {}, "not_a_number", [3, 4]),
    ("scientific", ["1e5", "2"], {}, "not_a_number", [2]),
    ("bad_grouping", ["1,23.5", "2"], {}, "not_a_number", [2]),
    ("two_signs", ["-¥-5", "2"], {"allow_negative": True}, "not_a_number", [2]),
    ("other_currency", ["$12.00", "5"], {}, "currency", [2]),
    ("usd", ["12 USD", "5"], {}, "currency", [2]),
    ("negative", ["5", "-12.5", "3", "-1"], {}, "negative", [3, 5]),
    ("empty", ["5", "", "  "], {}, "empty", [3, 4]),
    ("mixed_decimal", ["5.880,00", "12.50"], {}, "mixed_decimal", [2, 3]),
    ("mixed_decimal_comma_and_grouped_dot", ["1,234.50", "3,5"], {}, "mixed_decimal", [2, 3]),
    ("ambiguous_dot_thousands", ["1.234", "5.880", "12"], {}, "ambiguous_number", [2, 3]),
    ("ambiguous_in_comma_column", ["5,88", "1,234"], {}, "ambiguous_number", [3]),
    ("ambiguous_dot_in_comma_column", ["5,88", "1.234"], {}, "ambiguous_number", [3]),
]


@pytest.mark.parametrize("values, options, rule, lines",
                         [c[1:] for c in MONEY_BAD], ids=[c[0] for c in MONEY_BAD])
def test_bad_money_is_refused_naming_column_and_lines(values, options, rule, lines):
    error = failure(parse_money, col(*values), **options)
    problem = next(p for p in error.problems if p.rule == rule)
    assert problem.column == "金额"
    assert list(problem.lines) == lines
    assert problem.severity == "error"
    text = str(error)
    assert "column 金额" in text and f"line {lines[0]}" in text and "what to do" in text


def test_money_reports_every_problem_at_once():
    error = failure(parse_money, col("abc", "", "$3", "1", "-2"))
    assert {p.rule for p in error.problems} == {"not_a_number", "empty", "currency", "negative"}


def test_money_report_counts_beyond_the_lines_shown():
    error = failure(parse_money, col(*["x"] * 12))
    (problem,) = error.problems
    assert problem.count == 12 and len(problem.lines) == 5
    assert "12 row(s) are not numbers (first 5 shown)" in str(error)


LOCAL = "Asia/Shanghai"
STAMPS_OK = [
    ("iso_dates", ["2024-01-05", "2023-12-31"], [T("2024-01-05"), T("2023-12-31")], {}),
    ("slashes", ["2024/1/5", "2024/12/31"], [T("2024-01-05"), T("2024-12-31")], {}),
    ("dots", ["2024.1.5"], [T("2024-01-05")], {}),
    ("chinese", ["2024年1月5日", "2024年12月31日 10:30", "2024 年 2 月 3 日"],
     [T("2024-01-05"), T("2024-12-31 10:30"), T("2024-02-03")], {}),
    ("naive_local", ["2024-01-05 10:30:00", "2024-01-05T23:59:59"],
     [T("2024-01-05 10:30"), T("2024-01-05 23:59:59")], {}),
    ("offset_same_zone", ["2022-01-01T08:39:57+08:00"], [T("2022-01-01 08:39:57")], {}),
    ("offset_utc_z", ["2022-01-01T00:39:57Z", "2022-01-01T00:39:57.250Z"],
     [T("2022-01-01 08:39:57"), T("2022-01-01 08:39:57.250")], {}),
    ("offset_crosses_midnight", ["2022-01-01 20:00:00 -0500"], [T("2022-01-02 09:00")], {}),
    ("other_timezone", ["2022-07-01T12:00:00Z", "2022-07-01 08:00"],
     [T("2022-07-01 08:00"), T("2022-07-01 08:00")], {"timezone": "America/New_York"}),
    ("am_pm", ["2024-01-05 1:05 PM", "2024-01-05 12:00 AM"],
     [T("2024-01-05 13:05"), T("2024-01-05 00:00")], {}),
    ("dayfirst_by_data", ["03-01-2022", "13-02-2022"], [T("2022-01-03"), T("2022-02-13")], {}),
    ("monthfirst_by_data", ["03/01/2022", "02/13/2022"], [T("2022-03-01"), T("2022-02-13")],
     {}),
    ("dayfirst_given", ["03-01-2022", "04-02-2022"], [T("2022-01-03"), T("2022-02-04")],
     {"dayfirst": True}),
    ("monthfirst_given", ["03-01-2022", "04-02-2022"], [T("2022-03-01"), T("2022-04-02")],
     {"dayfirst": False}),
    ("same_day_and_month", ["05/05/2022", "11/11/2022"], [T("2022-05-05"), T("2022-11-11")],
     {}),
    ("iso_beside_dayfirst", ["2022-01-03", "13.02.2022"], [T("2022-01-03"), T("2022-02-13")],
     {}),
    ("excel_serials", ["45296", "45296.5", "44927"],
     [T("2024-01-05"), T("2024-01-05 12:00"), T("2023-01-01")], {}),
    ("full_width_digits", ["２０２４－０１－０５"], [T("2024-01-05")], {}),
    ("optional_empty", ["", "2024-01-05"], [pd.NaT, T("2024-01-05")], {"required": False}),
]


@pytest.mark.parametrize("values, expected, options",
                         [c[1:] for c in STAMPS_OK], ids=[c[0] for c in STAMPS_OK])
def test_timestamps_are_read_as_local_time(values, expected, options):
    parsed = parse_timestamps(col(*values, name="下单时间"), **options)
    assert parsed.name == "下单时间"
    assert parsed.dt.tz is None
    assert parsed.index.tolist() == list(range(2, 2 + len(values)))
    assert parsed.tolist() == expected


STAMPS_BAD = [
    ("ambiguous_day_order", ["03-01-2022", "04-02-2022"], {}, "ambiguous_day_order", [2, 3]),
    ("day_orders_contradict", ["03-01-2022", "13-02-2022", "02-13-2022"], {},
     "mixed_day_order", [3, 4]),
    ("monthfirst_contradicted", ["13-01-2022", "01-02-2022"], {"dayfirst": False},
     "contradicts_day_order", [2]),
    ("dayfirst_contradicted", ["01-13-2022"], {"dayfirst": True}, "contradicts_day_order",
     [2]),
    ("no_such_day", ["2024-02-30", "2024-01-05"], {}, "invalid_date", [2]),
    ("no_such_month", ["1997-13-45"], {}, "invalid_date", [2]),
    ("no_such_hour", ["2024-01-05 25:00"], {}, "invalid_date", [2]),
    ("bad_offset", ["2024-01-05T10:00:00+25:00"], {}, "invalid_date", [2]),
    ("words", ["2024-01-05", "yesterday", "N/A"], {}, "not_a_date", [3, 4]),
    ("two_digit_year", ["1/5/24"], {}, "not_a_date", [2]),
    ("compact_digits_as_serial", ["20240105", "20240106"], {}, "serial_out_of_range", [2, 3]),
    ("serial_before_1970", ["45296", "2024"], {}, "serial_out_of_range", [3]),
    ("serial_among_text", ["2024-01-05", "45296"], {}, "mixed_date_formats", [3]),
    ("empty", ["2024-01-05", ""], {}, "empty", [3]),
]


@pytest.mark.parametrize("values, options, rule, lines",
                         [c[1:] for c in STAMPS_BAD], ids=[c[0] for c in STAMPS_BAD])
def test_bad_dates_are_refused_naming_column_and_lines(values, options, rule, lines):
    error = failure(parse_timestamps, col(*values, name="order_date"), **options)
    problem = next(p for p in error.problems if p.rule == rule)
    assert problem.column == "order_date"
    assert list(problem.lines) == lines
    assert f"line {lines[0]}" in str(error)


def test_an_ambiguous_column_asks_the_question():
    error = failure(parse_timestamps, col("03-01-2022", "04-02-2022", name="order_date"))
    text = str(error)
    assert "'03-01-2022' 3 January 2022 (day-first) or March 1, 2022 (month-first)" in text
    assert "--dayfirst" in text and "--monthfirst" in text


def test_unknown_timezone_is_a_value_error():
    with pytest.raises(ValueError, match="unknown time zone"):
        parse_timestamps(col("2024-01-05"), timezone="Mars/Olympus")


def test_dates_drop_the_time_of_day_in_local_time():
    parsed = parse_dates(col("2022-01-01T20:00:00Z", "2024-01-05 10:30"))
    assert parsed.tolist() == [T("2022-01-02"), T("2024-01-05")]


IDS_OK = [
    ("kept_as_text", ["#1001", "C2M-HOODIE-01", "买家会员名A", "007"],
     ["#1001", "C2M-HOODIE-01", "买家会员名A", "007"]),
    ("float_suffix", ["583", "583.0", "583.00", " 42 "], ["583", "583", "583", "42"]),
    ("decimal_kept", ["583.5", "1.0.0", "A.0"], ["583.5", "1.0.0", "A.0"]),
    ("long_digits", ["123456789012345678901"], ["123456789012345678901"]),
    ("inner_space_kept", ["tb  user 1"], ["tb  user 1"]),
]


@pytest.mark.parametrize("values, expected", [c[1:] for c in IDS_OK],
                         ids=[c[0] for c in IDS_OK])
def test_ids_stay_text(values, expected):
    parsed = parse_ids(col(*values, name="客户ID"))
    assert parsed.tolist() == expected and parsed.name == "客户ID"


@pytest.mark.parametrize("values, rule, lines", [
    (["1", "", " "], "empty", [3, 4]),
    (["5.83E+17", "1"], "id_scientific", [2]),
], ids=["empty", "scientific"])
def test_bad_ids_are_refused(values, rule, lines):
    error = failure(parse_ids, col(*values, name="客户ID"))
    (problem,) = error.problems
    assert (problem.rule, problem.column, list(problem.lines)) == (rule, "客户ID", lines)


def test_optional_ids_may_be_empty():
    assert parse_ids(col("", "1"), required=False).tolist() == ["", "1"]


def test_the_report_says_what_where_and_what_to_do():
    import pickle

    from cockpit.ingest.problems import Problem

    error = IngestError([
        Problem.rows("negative", "are negative", col("-1", "-2")[:1], column="金额",
                     hint="net refunds out"),
        Problem(rule="duplicate_lines", message="1 line repeats line 2", lines=(3,),
                severity="warning"),
    ], "orders.csv")
    assert str(error) == (
        "orders.csv: 2 problems\n"
        "  error: column 金额: 1 row(s) are negative: line 2: '-1'\n"
        "    what to do: net refunds out\n"
        "  warning: 1 line repeats line 2: line 3")
    assert [p.rule for p in error.errors] == ["negative"]
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems and str(copy) == str(error)
    assert isinstance(error, ValueError)
