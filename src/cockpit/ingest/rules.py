"""Validation rules derived from the schema module, so schema and rules never drift: every
non-nullable column filled, code columns within their allowed values, primary keys unique,
numbers finite. Run on the rows an import is about to write, before anything is written."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from cockpit.ingest.problems import Problem

NUMERIC = (sa.Integer, sa.Numeric, sa.Float)


def check_rows(table: sa.Table, frame: pd.DataFrame, lines: pd.Series | None = None
               ) -> list[Problem]:
    """The schema's rules on `frame` (rows for `table`); `lines` gives each row's file line
    (default: the row number + 2, as under a header)."""
    where = lines.to_numpy() if lines is not None else np.arange(len(frame)) + 2
    problems: list[Problem] = []
    for column in table.columns:
        if column.name not in frame:
            if not column.nullable:
                problems.append(Problem(rule="missing_column",
                                        message=f"{table.name}.{column.name} is required "
                                                f"({column.comment})", lines=(1,)))
            continue
        values = pd.Series(frame[column.name].to_numpy(), index=where)
        problems += _column_rules(table, column, values)
    problems += _unique_key(table, frame, where)
    return problems


def _column_rules(table: sa.Table, column: sa.Column, values: pd.Series) -> list[Problem]:
    name = f"{table.name}.{column.name}"
    found = []
    empty = values.isna()
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        empty = empty | (values.astype(str) == "")
    if not column.nullable and empty.any():
        found.append(Problem.rows("not_null", "leave it empty", values[empty].astype(str),
                                  column=name, hint=f"fill it in: {column.comment}"))
    allowed = column.info.get("allowed")
    if allowed is not None:
        outside = ~empty & ~values.isin(allowed)
        if outside.any():
            found.append(Problem.rows("not_allowed", "have a value it does not allow",
                                      values[outside].astype(str), column=name,
                                      hint="use one of: " + ", ".join(allowed)))
    if isinstance(column.type, NUMERIC) and not empty.all():
        numbers = pd.to_numeric(values[~empty], errors="coerce")
        bad = numbers.isna() | ~np.isfinite(numbers.astype("float64"))
        if bad.any():
            found.append(Problem.rows("not_finite", "are not finite numbers",
                                      values[~empty][bad].astype(str), column=name))
    return found


def _unique_key(table: sa.Table, frame: pd.DataFrame, where: np.ndarray) -> list[Problem]:
    key = [c.name for c in table.primary_key.columns]
    if not key or not all(k in frame for k in key):
        return []
    repeated = frame.duplicated(key, keep=False).to_numpy()
    if not repeated.any():
        return []
    shown = frame.loc[repeated, key].astype(str).agg("/".join, axis=1)
    return [Problem.rows("duplicate_key", "repeat a key", pd.Series(shown.to_numpy(),
                         index=where[repeated]), column=f"{table.name}.{'+'.join(key)}",
                         hint="each key may appear once")]
