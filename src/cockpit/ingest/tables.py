"""One warehouse table read from a file whose columns carry the schema's column names
(`python -m cockpit import FILE --table NAME`, for every table but orders, which has its own
path with profiles and folding). Grain: one file row is one row of the table.

Each column is parsed by its SQL type with the parsers of `values` (dates, timestamps,
money, whole numbers, ids as text), plus floats and yes/no values; ids of orders, customers
and products are read as the external ids the exports use (the keys step maps them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.ingest.cells import ReadOptions, clean_cells, parse_common
from cockpit.ingest.columns import match_columns
from cockpit.ingest.problems import IngestError, Problem, raise_errors
from cockpit.ingest.profiles import Profile, read_mapping_toml
from cockpit.ingest.readers import read_table
from cockpit.ingest.values import clean_text, empty_problem, parse_money
from cockpit.warehouse.schema import MART_TABLES, METADATA

# Tables no file is imported into, and why (docs/import.md lists them).
NOT_IMPORTED = {
    "orders": "`--table orders`, the default, is the order-export path above",
    "warehouse_info": "facts about the warehouse itself, kept by the import",
    "external_ids": "written by the import: the external ids it has mapped to keys",
    "order_revisions": "written by the import: orders a later export changed, with their "
                       "previous values",
    "emission_factors": "shipped with the app (src/cockpit/data/emission_factors.csv), "
                        "loaded when shipments are first imported",
    "forecast_runs": "derived: written by python -m cockpit forecast",
    "forecast_points": "derived: written by python -m cockpit forecast",
    "forecast_metrics": "derived: written by python -m cockpit forecast",
    **dict.fromkeys(MART_TABLES, "derived from the other tables by every import "
                                 "(cockpit.marts; python -m cockpit refresh derives it again)"),
}
TABLES = tuple(name for name in METADATA.tables if name not in NOT_IMPORTED)
TABLE_CHOICES = ("orders", *TABLES)
# Tables whose rows the exports name by external ids (text), and how the warehouse keeps
# them: orders and customers through external_ids, products by their SKU.
ENTITIES = {"orders": "order", "customers": "customer", "products": "product"}
# Columns that name an entity without a foreign key in the schema.
EXTRA_REFERENCES = {("products", "c2m_counterpart_id"): "products"}
# Date columns that hold a month, as its first day (the weekly review spreads a month's
# target over its days by that date).
MONTH_COLUMNS = {("monthly_targets", "month")}
# How a column of each SQL type is written, first match wins (Float is a Numeric).
SQL_KINDS = ((sa.Boolean, "yes_no"), (sa.DateTime, "timestamp"), (sa.Date, "date"),
             (sa.Integer, "integer"), (sa.Float, "float"), (sa.Numeric, "money"))
# Kinds parsed as the order path parses its fields (cockpit.ingest.cells.parse_common).
COMMON_KINDS = {"external_id": "id", "timestamp": "timestamp", "date": "date",
                "money": "money"}
TRUE_WORDS = ("true", "1", "yes", "y", "是", "真")
FALSE_WORDS = ("false", "0", "no", "n", "否", "假")


@dataclass(frozen=True)
class ParsedTable:
    """A file read for `table`: typed columns named as the schema (index: file lines), the
    cells as written (for reports), field -> header, and the warnings found."""

    table: sa.Table
    frame: pd.DataFrame
    cells: pd.DataFrame
    mapping: dict[str, str]
    extra: tuple[str, ...]
    warnings: tuple[Problem, ...]


def assigned_columns(table: sa.Table) -> tuple[str, ...]:
    """Columns the import fills, never the file: import_id, and a product's key."""
    return ("import_id", "product_id") if table.name == "products" else ("import_id",)


def file_columns(table: sa.Table) -> list[sa.Column]:
    """The columns a file for `table` carries (required: the non-nullable ones)."""
    return [c for c in table.columns if c.name not in assigned_columns(table)]


def reference(table: sa.Table, column: sa.Column) -> str | None:
    """The table whose rows `column` names: a foreign key's target, a column of
    EXTRA_REFERENCES, or for customers.customer_id the customer itself."""
    if table.name == "customers" and column.name == "customer_id":
        return "customers"
    if (table.name, column.name) in EXTRA_REFERENCES:
        return EXTRA_REFERENCES[(table.name, column.name)]
    targets = [fk.column.table.name for fk in column.foreign_keys]
    return targets[0] if targets else None


def file_key(table: sa.Table) -> list[str]:
    """The columns that tell one file row from another: products by SKU, else the key."""
    return ["sku"] if table.name == "products" else [c.name for c in table.primary_key]


def kind(table: sa.Table, column: sa.Column) -> str:
    """How the file writes `column`: external_id, yes_no, date, timestamp, integer, float,
    money or text."""
    if reference(table, column) in ENTITIES:
        return "external_id"
    return next((name for sql, name in SQL_KINDS if isinstance(column.type, sql)), "text")


def read_mapping(path: str | Path, table: sa.Table) -> dict[str, tuple[str, ...]]:
    """A mapping file's [columns] table: schema column -> the header(s) holding it."""
    data = read_mapping_toml(path)
    names = [c.name for c in file_columns(table)]
    columns = data.get("columns", {})
    unknown = [key for key in columns if key not in names]
    if unknown:
        raise IngestError([Problem(rule="unknown_field", message=f"[columns] names {key!r}, "
                                   f"which is not a column of {table.name}",
                                   hint="use one of: " + ", ".join(names)) for key in unknown],
                          str(path))
    return {key: (value,) if isinstance(value, str) else tuple(map(str, value))
            for key, value in columns.items()}


def parse_table(path: Path, table: sa.Table, profile: Profile, read: ReadOptions,
                aliases: dict[str, tuple[str, ...]]) -> ParsedTable:
    """Read `path` as rows of `table`; IngestError naming every column and line at fault."""
    source = read_table(path)
    cells = clean_cells(source.frame, profile)
    columns = file_columns(table)
    try:
        mapping = match_columns(list(cells.columns), {c.name: aliases.get(c.name, ())
                                                      for c in columns},
                                required=[c.name for c in columns if not c.nullable])
    except IngestError as exc:
        raise exc.with_source(str(path)) from None
    extra = tuple(h for h in cells.columns if h not in mapping.values())
    warnings = list(source.warnings)
    if extra:
        warnings.append(Problem(rule="unknown_columns", severity="warning", lines=(1,),
                                message=f"columns that {table.name} does not have were "
                                        "ignored: " + ", ".join(map(repr, extra)),
                                hint="rename them to the standard names (docs/import.md), "
                                     "or map them in a --mapping file"))
    parsed, problems = {}, []
    for column in columns:
        if column.name in mapping:
            header = mapping[column.name]
            try:
                parsed[column.name] = parse_column(table, column, cells[header], read)
            except IngestError as exc:
                problems += exc.problems
    frame = pd.DataFrame(parsed, index=cells.index)
    problems += _not_month_starts(table, frame, cells, mapping)
    problems += duplicate_keys(table, cells, mapping)
    if problems:
        raise IngestError([*warnings, *problems], str(path))
    shown = cells.rename(columns={h: c for c, h in mapping.items()})
    return ParsedTable(table, frame, shown, mapping, extra, tuple(warnings))


def parse_column(table: sa.Table, column: sa.Column, values: pd.Series,
                 read: ReadOptions) -> pd.Series:
    """One column's cells (text, index = lines) as its SQL type wants them; empty cells
    are null, or an error for a column that is not nullable."""
    header, required = str(values.name), not column.nullable
    found = kind(table, column)
    if found in COMMON_KINDS:
        return parse_common(COMMON_KINDS[found], values, header, read, required)
    if found == "integer":
        return _integers(values, header, required)
    if found == "float":
        return _floats(values, header, required)
    if found == "yes_no":
        return _yes_no(values, header, required)
    return values.where(values != "", None) if column.nullable else values


def _integers(values: pd.Series, header: str, required: bool) -> pd.Series:
    """Whole numbers ≥ 0 (counts, keys, ratings), thousands separators allowed."""
    numbers = parse_money(values, column=header, required=required)
    broken = numbers.notna() & (numbers != numbers.round())
    if broken.any():
        raise IngestError([Problem.rows("not_whole", "are not whole numbers", values[broken],
                                        column=header, hint="write whole numbers, as 12")])
    return numbers.astype("Int64")


def _floats(values: pd.Series, header: str, required: bool) -> pd.Series:
    """Measurements (degrees, km, kg, minutes, °C): a plain number with a decimal point,
    negative allowed; inf, NaN and words refused."""
    text = clean_text(values).str.replace("\u2212", "-", regex=False)
    empty = text == ""
    numbers = pd.to_numeric(text.where(~empty, None), errors="coerce").astype(float)
    bad = ~empty & (numbers.isna() | ~np.isfinite(numbers))
    problems = empty_problem(values, empty, header) if required else []
    if bad.any():
        problems.append(Problem.rows("not_a_number", "are not finite numbers", values[bad],
                                     column=header, hint="write plain numbers such as "
                                     "31.2304 or -1.5; inf, NaN and words are not numbers"))
    raise_errors(problems)
    return numbers.rename(header)


def _yes_no(values: pd.Series, header: str, required: bool) -> pd.Series:
    """true/false, 1/0, yes/no, 是/否 (any case) as booleans."""
    words = clean_text(values).str.casefold()
    empty = words == ""
    truth = words.map({**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)})
    bad = ~empty & truth.isna()
    problems = empty_problem(values, empty, header) if required else []
    if bad.any():
        problems.append(Problem.rows("not_yes_no", "are not yes/no values", values[bad],
                                     column=header, hint="write true or false (1/0, yes/no, "
                                                         "是/否 are read too)"))
    raise_errors(problems)
    return truth.astype("boolean" if not required else bool).rename(header)


def _not_month_starts(table: sa.Table, frame: pd.DataFrame, cells: pd.DataFrame,
                      mapping: dict[str, str]) -> list[Problem]:
    """Month columns (MONTH_COLUMNS) whose dates are not the first day of a month."""
    found = []
    for name in (c for t, c in MONTH_COLUMNS if t == table.name and c in frame):
        days = frame[name]
        wrong = days.notna() & (days.dt.day != 1)
        if wrong.any():
            header = mapping[name]
            found.append(Problem.rows("not_month_start", "are not the first day of a month",
                                      cells.loc[wrong, header], column=header,
                                      hint="write each month as its first day, e.g. "
                                           "2024-03-01 for March 2024"))
    return found


def duplicate_keys(table: sa.Table, cells: pd.DataFrame,
                   mapping: dict[str, str]) -> list[Problem]:
    """Rows of the file that repeat another row's key (as written)."""
    key = file_key(table)
    if not all(k in mapping for k in key):
        return []
    written = cells[[mapping[k] for k in key]]
    repeated = written.duplicated(keep=False)
    if not repeated.any():
        return []
    shown = written[repeated].astype(str).agg("/".join, axis=1)
    return [Problem.rows("duplicate_key", "repeat a key", shown,
                         column=f"{table.name}.{'+'.join(key)}",
                         hint="each key may appear once in a file")]
