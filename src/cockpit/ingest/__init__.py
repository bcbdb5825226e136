"""Bring your own data: read order exports as they are and parse values, never guessing."""

# problems: Problem and IngestError (the readable report); encoding: detect and transcode;
# readers: CSV/TSV, Excel, Parquet into text frames indexed by line number; values: money,
# timestamps, ids; columns: headers to fields; checks: exact duplicate lines.
from cockpit.ingest.problems import IngestError, Problem

__all__ = ["IngestError", "Problem"]
