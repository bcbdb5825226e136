"""What an import is asked to do and what it did, shared by the two ways a file is loaded
(in memory by `pipeline`, or inside DuckDB by `bulk` for large CSV files): the options, a
summary of the file as read, the history fields it leaves and the result it reports."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from cockpit.ingest.cells import ReadOptions
from cockpit.ingest.mapping import ColumnMapping
from cockpit.ingest.problems import Problem
from cockpit.ingest.profiles import Profile, load_mapping_file, load_profile


@dataclass(frozen=True)
class ImportOptions:
    """What the user chose; see `python -m cockpit import --help`."""

    profile: str = "generic"
    mapping_file: str | None = None
    overrides: dict[str, str | None] = field(default_factory=dict)
    mode: str = "append"
    platform: str | None = None
    dry_run: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    hash_customer_ids: bool = False
    strict: bool = False


@dataclass(frozen=True)
class FileSummary:
    """One file as read and mapped: what the history and the report say about it."""

    path: Path
    sha256: str
    profile: Profile
    mapping: ColumnMapping
    has_ids: bool
    rows_read: int
    warnings: list[Problem]
    in_memory_because: str | None = None  # a large CSV read in memory: why


@dataclass(frozen=True)
class FileResult:
    """What one file's import did (or, for a dry run, would do)."""

    path: str
    import_id: int | None
    rows_read: int
    rows_written: dict[str, int]
    already_imported: int
    warnings: list[Problem]
    mapping: dict[str, str]
    dry_run: bool
    in_memory_because: str | None = None  # a large CSV read in memory: why


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resolve_profile(options: ImportOptions) -> Profile:
    """The profile, with the user's mapping file on top and --platform, --hash-customer-ids."""
    profile = load_profile(options.profile)
    if options.mapping_file:
        profile = load_mapping_file(options.mapping_file, profile)
    return replace(profile, platform=options.platform or profile.platform,
                   hash_customer_ids=profile.hash_customer_ids or options.hash_customer_ids)


def history_fields(summary: FileSummary, options: ImportOptions) -> dict:
    """The import history row's fields for `summary` read with `options`."""
    read = options.read
    return {
        "file_name": summary.path.name, "sha256": summary.sha256, "table_name": "orders",
        "profile": summary.profile.name, "mode": options.mode,
        "has_ids": summary.has_ids, "rows_read": summary.rows_read,
        "rows_written": {}, "warnings": [w.describe() for w in summary.warnings],
        "options": {"platform": summary.profile.platform, "timezone": read.timezone,
                    "dayfirst": read.dayfirst, "fx": read.fx,
                    "hash_customer_ids": summary.profile.hash_customer_ids,
                    "strict": options.strict, "mapping": summary.mapping.fields},
    }


def file_result(summary: FileSummary, import_id: int | None, written: dict[str, int],
                known: int, dry_run: bool) -> FileResult:
    return FileResult(str(summary.path), import_id, summary.rows_read, written, known,
                      summary.warnings, dict(summary.mapping.fields), dry_run,
                      summary.in_memory_because)
