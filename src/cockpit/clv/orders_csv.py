"""Read an analyst's order export (customer_id, order_date, amount) for the CLV command through
cockpit.ingest: CSV/TSV in any supported encoding, Excel or Parquet; every problem becomes an
IngestError naming the column and the first bad lines, duplicate lines a warning."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cockpit.ingest.checks import duplicate_lines
from cockpit.ingest.columns import match_columns
from cockpit.ingest.problems import IngestError, Problem, raise_errors
from cockpit.ingest.readers import Table, read_table
from cockpit.ingest.values import LOCAL_TIMEZONE, parse_ids, parse_money, parse_timestamps

REQUIRED = ("customer_id", "order_date", "amount")
FIELDS = {  # field -> common Chinese export headers
    "customer_id": ("客户id", "客户编号", "会员id", "用户id"),
    "order_date": ("下单日期", "订单日期", "下单时间", "日期"),
    "amount": ("金额", "实付金额", "订单金额"),
}


@dataclass(frozen=True)
class OrdersFile:
    """One row per order line: customer_id (str), order_date (local Timestamp), amount
    (float ≥ 0); `warnings` to show the user; `table` as read (encoding, sheet, ...)."""

    orders: pd.DataFrame
    warnings: tuple[Problem, ...]
    table: Table


def read_orders(path: str | Path, *, dayfirst: bool | None = None,
                timezone: str = LOCAL_TIMEZONE) -> OrdersFile:
    """Read and check an order export; raises IngestError with every problem found."""
    source = str(path)
    table = read_table(path)
    try:
        columns = match_columns(list(table.frame.columns), FIELDS, required=REQUIRED)
        if table.frame.empty:
            raise IngestError([Problem(rule="no_rows", message="no order rows below the header",
                                       hint="export the orders with their rows")])
        raw = table.frame
        parsers = {
            "customer_id": lambda s: parse_ids(s, column=columns["customer_id"]),
            "order_date": lambda s: parse_timestamps(s, column=columns["order_date"],
                                                     dayfirst=dayfirst, timezone=timezone),
            "amount": lambda s: parse_money(s, column=columns["amount"]),
        }
        parsed, problems = {}, []
        for field, parse in parsers.items():
            try:
                parsed[field] = parse(raw[columns[field]]).rename(field)
            except IngestError as exc:
                problems += exc.problems
        raise_errors(problems)
    except IngestError as exc:
        raise exc.with_source(source) from None
    warnings = list(table.warnings)
    repeated = duplicate_lines(raw)
    if repeated is not None:
        warnings.append(repeated)
    return OrdersFile(pd.DataFrame(parsed), tuple(warnings), table)
