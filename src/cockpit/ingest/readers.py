"""Read CSV/TSV, Excel and Parquet files into text cells indexed by line number."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from cockpit.ingest.bigcsv import BIG_FILE_BYTES, read_big_csv
from cockpit.ingest.encoding import decode, detect_encoding, transcode_to_utf8
from cockpit.ingest.problems import IngestError, Problem, raise_errors

__all__ = ["DELIMITERS", "Table", "decode", "detect_encoding", "file_delimiter", "read_table",
           "sniff_delimiter", "table_from_text", "transcode_to_utf8"]

DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARS = 64 * 1024
SNIFF_ROWS = 1000
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
PARQUET_SUFFIXES = (".parquet", ".pq")
FILE_MAGIC = {b"PK\x03\x04": "excel", b"\xd0\xcf\x11\xe0": "excel", b"PAR1": "parquet"}
_DIGITS_EXCEL_KEEPS = 15


@dataclass(frozen=True)
class Table:
    """A file's cells as text (empty cells are ""), one column per header name; the index
    (named "line") holds each row's line number as a text editor shows it (header = line 1;
    for Excel the sheet's row number; for Parquet, as if written to CSV with a header)."""

    frame: pd.DataFrame
    source: str
    kind: str  # "csv", "excel" or "parquet"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    warnings: tuple[Problem, ...] = field(default=())


def read_table(path: str | Path, *, delimiter: str | None = None, encoding: str | None = None,
               sheet: str | int | None = None) -> Table:
    """Read `path` by its content (zip/OLE → Excel, PAR1 → Parquet, else delimited text).
    Every problem raises IngestError naming the file and the line."""
    path = Path(path)
    with open(path, "rb") as stream:
        head = stream.read(512)
    kind = FILE_MAGIC.get(head[:4])
    markup = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (kind is None and path.suffix.lower() in EXCEL_SUFFIXES + PARQUET_SUFFIXES
            and markup.startswith((b"<html", b"<!doctype", b"<table", b"<?xml"))):
        raise IngestError([Problem(
            rule="markup_as_excel", message="this is a web page (HTML) or XML file named "
            "like a spreadsheet, as some platforms export", hint="open it in Excel and save "
            "it as .xlsx or CSV UTF-8")], str(path))
    try:
        if kind == "excel":
            return _read_excel(path, sheet)
        if kind == "parquet":
            return _read_parquet(path)
        if path.stat().st_size >= BIG_FILE_BYTES and encoding is None:
            table = _big_table(path, delimiter)
            if table is not None:
                return table
        data = path.read_bytes()
        text, used = decode(data, encoding)
        return table_from_text(text, source=str(path), delimiter=delimiter, encoding=used)
    except IngestError as exc:
        raise exc.with_source(str(path)) from None


def file_delimiter(path: Path, encoding: str) -> str:
    """The delimiter sniffed from the start of a delimited file in `encoding`."""
    with open(path, "rb") as stream:  # the last character may be cut: errors ignored
        head = stream.read(SNIFF_CHARS * 4).decode(encoding, errors="ignore")
    return sniff_delimiter(head[:SNIFF_CHARS])


def _big_table(path: Path, delimiter: str | None) -> Table | None:
    """A large file through DuckDB's reader when that gives the same cells and lines."""
    used = detect_encoding(path)
    used_delimiter = delimiter or file_delimiter(path, used)
    frame = read_big_csv(path, used_delimiter, used)
    if frame is None or frame.columns.duplicated().any() or "" in frame.columns:
        return None
    return Table(frame, str(path), "csv", encoding=used, delimiter=used_delimiter)


def table_from_text(text: str, *, source: str = "<text>", delimiter: str | None = None,
                    encoding: str | None = None) -> Table:
    """Parse delimited text (delimiter sniffed among , ; tab | unless given)."""
    used = delimiter or sniff_delimiter(text)
    table = _build(_csv_records(text, used), source, delimiter=used)
    return Table(table.frame, source, "csv", encoding=encoding, delimiter=used)


def sniff_delimiter(text: str) -> str:
    """The one of , ; tab | that splits the header into the most consistent rows below it;
    ',' for a single-column file. Two delimiters that fit equally well raise IngestError."""
    sample = text[:SNIFF_CHARS]
    truncated = len(text) > SNIFF_CHARS
    scores = {}
    for candidate in DELIMITERS:
        rows = _sample_rows(sample, candidate, truncated)
        if rows and len(rows[0]) >= 2:
            width = len(rows[0])
            body = rows[1:SNIFF_ROWS]
            fit = sum(len(r) == width for r in body) / len(body) if body else 1.0
            scores[candidate] = fit
    if not scores:
        return ","
    best = max(scores.values())
    tied = [d for d, s in scores.items() if s == best]
    if len(tied) > 1:
        shown = " and ".join(repr(d) for d in tied)
        raise IngestError([Problem(
            rule="delimiter", lines=(1,),
            message=f"cannot tell the delimiter: {shown} fit the lines equally well",
            hint="save the file with one delimiter, or name it (delimiter=...)")])
    return tied[0]


def _sample_rows(sample: str, delimiter: str, truncated: bool) -> list[list[str]]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter,
                        skipinitialspace=True)
    try:
        rows = [r for r in reader if any(c.strip() for c in r)]
    except csv.Error:
        return []
    return rows[:-1] if truncated and len(rows) > 1 else rows


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, its fields) for every record; quoted cells may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True,
                        skipinitialspace=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise IngestError([_quote_problem(exc, start, reader.line_num)]) from None
        yield start, row


def _quote_problem(exc: csv.Error, start: int, line: int) -> Problem:
    if any(word in str(exc) for word in ("end of data", "EOF", "field larger")):
        return Problem(rule="unclosed_quote", lines=(start,),
                       message="a quoted value starts here and is never closed",
                       hint='close the quote, or double a quote inside a value ("")')
    return Problem(rule="bad_quote", lines=(line,), message=f"malformed quoting ({exc})",
                   hint='a quote inside a quoted value must be doubled (""); put the whole '
                        "value in quotes")


def _build(records: Iterable[tuple[int, list[str]]], source: str, *,
           delimiter: str | None = None) -> Table:
    """Header = first non-blank record; blank rows skipped; field counts checked."""
    rows = ((line, cells) for line, cells in records if "".join(cells).strip())
    first = next(rows, None)
    if first is None:
        raise IngestError([Problem(rule="empty_file", message="the file has no header and no "
                                   "rows", hint="export the table with its header row")])
    header_line, raw_header = first
    header = [c.strip().lstrip("\ufeff").strip() for c in raw_header]
    width = len(header)
    lines, body = [], []
    long_rows, short_rows = {}, {}
    for line, cells in rows:
        if len(cells) > width:
            if any(c.strip() for c in cells[width:]):
                long_rows[line] = _shown(cells, delimiter)
                continue
            cells = cells[:width]
        elif len(cells) < width:
            short_rows[line] = _shown(cells, delimiter)
            continue
        lines.append(line)
        body.append(cells)
    problems = _shape_problems(long_rows, short_rows, width, delimiter)
    columns = list(zip(*body, strict=True)) if body else [() for _ in header]
    keep = []
    for i, name in enumerate(header):
        if name:
            keep.append(i)
        elif any(v.strip() for v in columns[i]):
            filled = pd.Series(columns[i], index=lines)
            problems.append(Problem.rows(
                "unnamed_column", f"have a value in column {i + 1}, which has no header name",
                filled[filled.str.strip() != ""], hint="give the column a name in the header "
                f"(line {header_line}) or delete it"))
    problems += _duplicate_names([header[i] for i in keep], header_line)
    raise_errors(problems)
    frame = pd.DataFrame({header[i]: pd.Series(columns[i], dtype=object) for i in keep})
    frame = frame.astype(str) if len(frame) else frame.astype(object)
    frame.index = pd.Index(lines, name="line", dtype="int64")
    return Table(frame, source, "csv", delimiter=delimiter)


def _shown(cells: list[str], delimiter: str | None) -> str:
    return f"{len(cells)} fields: " + (delimiter or " | ").join(cells)


def _shape_problems(long_rows: dict[int, str], short_rows: dict[int, str], width: int,
                    delimiter: str | None) -> list[Problem]:
    problems = []
    if long_rows:
        hint = (f"a value contains the delimiter {delimiter!r} unquoted (for example a "
                "thousands separator as in 1,234.50): put such values in quotes or remove "
                "the separator" if delimiter else "a value stands right of the last named "
                "column: give its column a header name or delete it")
        problems.append(Problem.rows(
            "too_many_fields", f"have more fields than the {width} column(s) of the header",
            pd.Series(long_rows), hint=hint))
    if short_rows:
        problems.append(Problem.rows(
            "too_few_fields", f"have fewer fields than the {width} column(s) of the header",
            pd.Series(short_rows),
            hint="check those lines for a missing delimiter or a line broken in two"))
    return problems


def _duplicate_names(names: list[str], header_line: int) -> list[Problem]:
    seen: dict[str, list[int]] = {}
    for position, name in enumerate(names, 1):
        seen.setdefault(name, []).append(position)
    return [Problem(rule="duplicate_header", lines=(header_line,), column=name,
                    message=f"the header names this column {len(where)} times (columns "
                            f"{', '.join(map(str, where))})",
                    hint="rename or delete all but one of them")
            for name, where in seen.items() if len(where) > 1]


def _read_excel(path: Path, sheet: str | int | None) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            names = list(book.sheet_names)
            if not names:
                raise IngestError([Problem(rule="empty_file", message="the workbook has no "
                                           "sheets")])
            chosen = _choose_sheet(names, sheet)
            cells = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as exc:
        if isinstance(exc, IngestError):
            raise
        raise IngestError([Problem(rule="unreadable_excel",
                                   message=f"not a readable Excel file ({exc})",
                                   hint="open it in Excel and save it again as .xlsx")]
                          ) from None
    long_numbers: dict[int, str] = {}
    records = [(i, [_cell_text(v, i, long_numbers) for v in row])
               for i, row in enumerate(cells, 1)]
    table = _build(records, str(path))
    warnings = []
    if sheet is None and len(names) > 1:
        warnings.append(Problem(rule="other_sheets", severity="warning",
                                message=f"read sheet {chosen!r}; the workbook also has "
                                        + ", ".join(repr(n) for n in names if n != chosen),
                                hint="name the sheet to read another one"))
    if long_numbers:
        warnings.append(Problem.rows(
            "long_number", f"hold numbers of more than {_DIGITS_EXCEL_KEEPS} digits, which "
            "Excel cannot store exactly", pd.Series(long_numbers), severity="warning",
            hint="if these are ids, format the column as text in Excel and export again"))
    return Table(table.frame, str(path), "excel", sheet=chosen, warnings=tuple(warnings))


def _choose_sheet(names: list[str], sheet: str | int | None) -> str:
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if sheet in names:
        return str(sheet)
    raise IngestError([Problem(rule="no_such_sheet", message=f"no sheet {sheet!r}; the "
                               f"workbook has {', '.join(map(repr, names))}")])


def _cell_text(value: object, line: int, long_numbers: dict[int, str]) -> str:
    """Excel cell → the text it shows: whole numbers without '.0', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        text = _number_text(float(value)) if isinstance(value, float) else str(value)
        if sum(c.isdigit() for c in text) > _DIGITS_EXCEL_KEEPS:
            long_numbers.setdefault(line, text)
        return text
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _number_text(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return np.format_float_positional(value, unique=True, trim="-")


def _read_parquet(path: Path) -> Table:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        data = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise IngestError([Problem(rule="unreadable_parquet",
                                   message=f"not a readable Parquet file ({exc})",
                                   hint="write the file again, or export it as CSV")]
                          ) from None
    columns = {}
    for name, column in zip(data.column_names, data.columns, strict=True):
        kind = column.type
        if pa.types.is_floating(kind):
            values = ["" if v is None else _number_text(v) for v in column.to_pylist()]
        elif pa.types.is_temporal(kind):
            values = ["" if v is None else _cell_text(v, 0, {}) for v in column.to_pylist()]
        elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
            values = column.fill_null("").to_pylist()
        else:
            try:
                values = pc.cast(column, pa.string()).fill_null("").to_pylist()
            except pa.ArrowException:
                values = ["" if v is None else str(v) for v in column.to_pylist()]
        columns[str(name)] = values
    raise_errors(_duplicate_names([str(n) for n in data.column_names], 1))
    frame = pd.DataFrame(columns, dtype=object)
    frame = frame.astype(str) if len(frame) else frame
    frame.index = pd.Index(range(2, len(frame) + 2), name="line", dtype="int64")
    return Table(frame, str(path), "parquet")
