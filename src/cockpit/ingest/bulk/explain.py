"""Reports for rules counted in SQL, worded by the in-memory import: the offending lines
(and the other lines of their orders) are read back as a small table and run through
`ingest.orders.parse_orders`, whose problems get the counts found over the whole file."""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import pandas as pd

from cockpit.ingest.bulk.sql import Found
from cockpit.ingest.cells import ReadOptions
from cockpit.ingest.mapping import ColumnMapping
from cockpit.ingest.orders import parse_orders
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.profiles import Profile
from cockpit.ingest.readers import Table


class Unexplained(Exception):
    """The in-memory code did not find, on the sample, a problem the SQL counted."""


@dataclass(frozen=True)
class Reading:
    """How the file is read: where its UTF-8 text is (`source`), its delimiter and cleaned
    headers, and what `parse_orders` needs besides the rows."""

    path: Path
    source: Path
    delimiter: str
    headers: list[str]
    mapping: ColumnMapping
    profile: Profile
    options: ReadOptions
    salt: str | None


def file_records(reading: Reading, lines: set[int]) -> dict[int, list[str]]:
    """The cells of the given lines, read from the file (one record per line: the bulk
    path takes no file whose cells span lines)."""
    out: dict[int, list[str]] = {}
    with open(reading.source, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if number in lines:
                text = raw.rstrip(b"\n").rstrip(b"\r").decode("utf-8")
                out[number] = next(csv.reader([text], delimiter=reading.delimiter,
                                              strict=True))
                if len(out) == len(lines):
                    break
    return out


def sample_table(db: duckdb.DuckDBPyConnection, reading: Reading, lines: list[int],
                 whole_orders: bool) -> Table:
    """The raw cells of `lines` (with every line of their orders when `whole_orders`),
    indexed by line like readers.Table."""
    if whole_orders:
        lines = [r[0] for r in db.execute(
            "SELECT line FROM rows WHERE order_key IN (SELECT order_key FROM rows "
            "WHERE line IN (SELECT unnest(?)))", [lines]).fetchall()]
    records = file_records(reading, set(lines))
    frame = pd.DataFrame([records[n] for n in sorted(records)], columns=reading.headers,
                         index=pd.Index(sorted(records), name="line"))
    return Table(frame, str(reading.path), "csv")


def explain(db: duckdb.DuckDBPyConnection, reading: Reading, hits: list[Found],
            more_lines: list[int] = (), whole_orders: bool = True) -> list[Problem]:
    """The problems (errors, or warnings when the hits are warnings) as the in-memory
    import words them, with the whole file's counts."""
    lines = [n for hit in hits for n in hit.lines] + list(more_lines)
    table = sample_table(db, reading, lines, whole_orders)
    try:
        parsed = parse_orders(table, reading.mapping, reading.profile, reading.options,
                              salt=reading.salt)
        problems = parsed.warnings
    except IngestError as exc:
        problems = exc.problems
    counts = {(hit.rule, hit.column): hit.count for hit in hits}
    worded = {(p.rule, p.column) for p in problems}
    if not set(counts) <= worded:
        raise Unexplained(f"rules {sorted(set(counts) - worded)} found in SQL only")
    return [replace(p, count=counts.get((p.rule, p.column), p.count)) for p in problems]
