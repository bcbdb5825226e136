"""Large delimited files read by DuckDB's CSV reader (C++, streaming) instead of Python's
csv module: the same cells as text. Used only where its line numbers are certainly those a
text editor shows (one record per line, no blank lines); anything else — a quoted cell
spanning lines, a ragged row, a quoting error — falls back to the exact Python reader,
which reports the problem with its line."""

from __future__ import annotations

import logging
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


def read_big_csv(path: Path, delimiter: str) -> pd.DataFrame | None:
    """The file's cells as text with line numbers (header = line 1), or None when DuckDB's
    reading could differ from the exact reader's (then the caller reads it the slow way)."""
    encoding = detect_encoding(path)
    source = path if encoding in ("utf-8", "utf-8-sig") else transcode_to_utf8(path)
    try:
        relation = duckdb.read_csv(str(source), header=True, all_varchar=True, sep=delimiter,
                                   quotechar='"', escapechar='"', strict_mode=True,
                                   null_padding=False)
        frame = relation.df()
    except duckdb.Error as exc:
        log.info("DuckDB could not read %s the strict way (%s); using the exact reader",
                 path, exc)
        return None
    finally:
        if source != path:
            Path(source).unlink(missing_ok=True)
    if newline_count(path) != len(frame) + 1:  # blank lines or cells across lines
        return None
    frame = frame.fillna("")
    frame.columns = [str(c).strip().lstrip("\ufeff").strip() for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    return frame
