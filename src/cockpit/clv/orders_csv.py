"""Read an analyst's order export (customer_id, order_date, amount) for the CLV command:
UTF-8 with or without BOM, or GBK/GB18030 (Chinese Excel exports); every problem becomes an
OrdersFileError that names the column and the first bad rows (line numbers as in the file)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import pandas as pd

REQUIRED = ("customer_id", "order_date", "amount")
ALIASES = {  # common Chinese export headers
    "客户id": "customer_id", "客户编号": "customer_id", "会员id": "customer_id",
    "用户id": "customer_id", "下单日期": "order_date", "订单日期": "order_date",
    "下单时间": "order_date", "日期": "order_date", "金额": "amount", "实付金额": "amount",
    "订单金额": "amount",
}
ENCODINGS = ("utf-8", "gb18030")  # GB18030 is a superset of GBK and GB2312
SHOW_ROWS = 5
_CURRENCY = re.compile(r"[¥￥,，\s]|元$|CNY|RMB", re.IGNORECASE)
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


class OrdersFileError(ValueError):
    """The orders file cannot be used; the message says why and where."""


def read_orders(path: str | Path) -> pd.DataFrame:
    """customer_id (str), order_date (Timestamp), amount (float ≥ 0), one row per order."""
    text, encoding = decode(Path(path).read_bytes())
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                          skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise OrdersFileError(f"{path}: not a readable CSV ({encoding}): {exc}") from exc
    raw = raw.rename(columns=_canonical)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        found = ", ".join(map(str, raw.columns)) or "none"
        raise OrdersFileError(f"{path}: missing column(s) {', '.join(missing)}; found: {found}. "
                              f"Expected a header with {', '.join(REQUIRED)}.")
    if raw.empty:
        raise OrdersFileError(f"{path}: no order rows below the header")
    checks = {"customer_id": _customer_ids, "order_date": _dates, "amount": _amounts}
    columns, problems = {}, []
    for name, check in checks.items():
        try:
            columns[name] = check(raw[name])
        except OrdersFileError as exc:
            problems.append(str(exc))
    if problems:
        raise OrdersFileError(f"{path}:\n  " + "\n  ".join(problems))
    return pd.DataFrame(columns)


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding used: UTF-8 (BOM removed), else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            error = exc
    line = data[:error.start].count(b"\n") + 1
    raise OrdersFileError(f"cannot decode the file: neither UTF-8 nor GBK/GB18030 "
                          f"(first undecodable byte on line {line}); save it as UTF-8 CSV")


def _canonical(name: str) -> str:
    key = str(name).strip().lstrip("\ufeff").strip().lower()
    return ALIASES.get(key, key)


def _bad(column: str, problem: str, values: pd.Series) -> OrdersFileError:
    """Error naming the column, how many rows fail and the first few (file line numbers)."""
    first = values.head(SHOW_ROWS)
    rows = ", ".join(f"line {i + 2}: {v!r}" for i, v in first.items())
    more = f" (first {SHOW_ROWS} shown)" if len(values) > SHOW_ROWS else ""
    return OrdersFileError(f"column {column}: {len(values)} row(s) {problem}{more}: {rows}")


def _customer_ids(column: pd.Series) -> pd.Series:
    ids = column.str.strip()
    empty = ids == ""
    if empty.any():
        raise _bad("customer_id", "are empty", column[empty])
    return ids


def _dates(column: pd.Series) -> pd.Series:
    text = column.str.strip().str.replace(_CJK_DATE, r"\1-\2-\3", regex=True)
    parsed = pd.to_datetime(text, format="ISO8601", errors="coerce")
    retry = parsed.isna() & (text != "")
    if retry.any():
        parsed[retry] = pd.to_datetime(text[retry], format="mixed", errors="coerce")
    bad = parsed.isna()
    if bad.any():
        raise _bad("order_date", "are not dates (use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)",
                   column[bad])
    return parsed


def _amounts(column: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(column.str.replace(_CURRENCY, "", regex=True), errors="coerce")
    bad = numbers.isna()
    if bad.any():
        raise _bad("amount", "are not numbers", column[bad])
    negative = numbers < 0
    if negative.any():
        raise _bad("amount", "are negative (refunds must be netted before export)",
                   column[negative])
    return numbers.astype(float)
