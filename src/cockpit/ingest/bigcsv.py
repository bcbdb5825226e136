"""Large delimited files read by DuckDB's CSV reader (C++, streaming) instead of Python's
csv module: the same cells as text. Used only where its line numbers are certainly those a
text editor shows (one record per line, no blank lines); anything else — a quoted cell
spanning lines, a ragged row, a quoting error — falls back to the exact Python reader,
which reports the problem with its line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from cockpit.ingest.encoding import detect_encoding, transcode_to_utf8

log = logging.getLogger(__name__)

BIG_FILE_BYTES = 32 * 1024 * 1024
_BLOCK = 1 << 24


def newline_count(path: Path) -> int:
    """Line breaks in the file, counted in blocks; a last line without one counts too."""
    count, last = 0, b"\n"
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(_BLOCK), b""):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


@contextmanager
def utf8_source(path: Path, encoding: str | None = None) -> Iterator[Path]:
    """The file itself when UTF-8, else a UTF-8 copy (DuckDB reads only UTF-8 here; its GBK
    support is an extension fetched at run time), removed afterwards. `encoding` is the
    file's when known (else detected)."""
    encoding = encoding or detect_encoding(path)
    source = path if encoding in ("utf-8", "utf-8-sig") else transcode_to_utf8(path)
    try:
        yield Path(source)
    finally:
        if Path(source) != path:
            Path(source).unlink(missing_ok=True)


def strict_csv_sql(delimiter: str) -> tuple[str, list[str]]:
    """`read_csv(?, ...)` reading every cell as text the strict way, and its parameters
    after the file name (the file name is the first parameter)."""
    return ("read_csv(?, header=true, all_varchar=true, sep=?, quote='\"', escape='\"', "
            "strict_mode=true, null_padding=false)", [delimiter])


def clean_header(name: object) -> str:
    return str(name).strip().lstrip("\ufeff").strip()


def read_big_csv(path: Path, delimiter: str, encoding: str | None = None
                 ) -> pd.DataFrame | None:
    """The file's cells as text with line numbers (header = line 1), or None when DuckDB's
    reading could differ from the exact reader's (then the caller reads it the slow way)."""
    reader, params = strict_csv_sql(delimiter)
    with utf8_source(path, encoding) as source:
        try:
            frame = duckdb.execute(f"SELECT * FROM {reader}", [str(source), *params]).df()
        except duckdb.Error as exc:
            log.info("DuckDB could not read %s the strict way (%s); using the exact reader",
                     path, exc)
            return None
    if newline_count(path) != len(frame) + 1:  # blank lines or cells across lines
        return None
    frame = frame.fillna("")
    frame.columns = [clean_header(c) for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    return frame
