"""What the Import page checks before anything is written: the upload saved to a staging
folder, its headers and first rows, the proposed column mapping with the user's corrections,
the statuses no mapping knows, and the validation report of a dry run.

The user's corrections become a mapping file (TOML, `extends` the chosen profile, every
standard field named explicitly) that both the dry run here and the import worker read, so
what was checked is what is written. No Streamlit here: the page caches and draws it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from cockpit.ingest.cells import ReadOptions, clean_cells
from cockpit.ingest.columns import header_key
from cockpit.ingest.fields import FIELDS_BY_NAME, ORDER_FIELDS
from cockpit.ingest.mapping import profile_fields, propose_mapping
from cockpit.ingest.pipeline import FileResult, ImportOptions, resolve_profile, run_import
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.profiles import Profile, mapping_toml
from cockpit.ingest.readers import Table, read_table
from cockpit.ingest.table_import import run_table_import
from cockpit.ingest.values import LOCAL_TIMEZONE

log = logging.getLogger(__name__)

UPLOAD_DIR_ENV = "COCKPIT_UPLOAD_DIR"
PREVIEW_ROWS = 8
MAX_STATUSES = 30  # status texts offered for mapping on the page
NOT_IN_FILE = ""  # the mapping choice "not in this file"


@dataclass(frozen=True)
class Choice:
    """What the user picked above the mapping: see `python -m cockpit import --help`."""

    profile: str = "generic"
    platform: str | None = None  # None: the profile's platform
    mode: str = "append"
    dayfirst: bool | None = None  # None: decided by the data
    timezone: str = LOCAL_TIMEZONE
    table: str = "orders"  # what the file holds: orders, or the rows of one other table

    def options(self, mapping_file: Path | None, dry_run: bool) -> ImportOptions:
        return ImportOptions(profile=self.profile,
                             mapping_file=str(mapping_file) if mapping_file else None,
                             mode=self.mode, platform=self.platform, dry_run=dry_run,
                             read=ReadOptions(dayfirst=self.dayfirst, timezone=self.timezone))


@dataclass(frozen=True)
class Review:
    """One upload checked under one choice and set of corrections."""

    path: Path
    headers: tuple[str, ...] = ()
    preview: pd.DataFrame | None = None
    fields: tuple[str, ...] = ()  # the standard fields this profile reads
    detected: dict[str, str] = field(default_factory=dict)  # before the corrections
    mapping: dict[str, str] = field(default_factory=dict)  # after them
    statuses: tuple[str, ...] = ()  # status texts the profile does not know
    after_sales: tuple[str, ...] = ()  # after-sale status texts the profile does not know
    problems: tuple[Problem, ...] = ()
    result: FileResult | None = None
    failure: str | None = None  # an unexpected failure, in one line
    mapping_file: Path | None = None
    table: str = "orders"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def ready(self) -> bool:
        """Nothing blocks: the import may be confirmed."""
        return self.result is not None and not self.errors and self.failure is None

    def orders(self, mode: str) -> tuple[int, int]:
        """(orders, or rows of the table imported, the import writes; those already in the
        warehouse it skips); replace clears them first, so then every row is written."""
        if self.result is None:
            return 0, 0
        new = self.result.rows_written.get(self.table, 0)
        known = self.result.already_imported
        revised = self.result.rows_written.get("order_revisions", 0)  # known, restated
        return (new + known + revised, 0) if mode == "replace" else (new, known)

    def updated(self, mode: str) -> int:
        """Orders already imported that the file restates (appending updates them;
        replace writes them anew)."""
        if self.result is None or mode == "replace":
            return 0
        return self.result.rows_written.get("order_revisions", 0)


def upload_dir() -> Path:
    """Where uploads wait for their import: COCKPIT_UPLOAD_DIR, else a temp folder."""
    return Path(os.environ.get(UPLOAD_DIR_ENV) or Path(tempfile.gettempdir()) / "cockpit-uploads")


def safe_name(name: str) -> str:
    """The upload's file name without any folder part or control characters."""
    base = Path(str(name).replace("\\", "/")).name
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    return base or "upload"


def save_upload(data: bytes, name: str, owner: str = "") -> Path:
    """The upload's bytes in a folder of their own, under its name: named by their SHA-256
    and by `owner` (the browser session's id of this upload), so that two sessions sending
    the same bytes never share, or remove, each other's folder; saved once per owner."""
    content = hashlib.sha256(data).hexdigest()[:16]
    folder = upload_dir() / f"{content}-{hashlib.sha256(owner.encode()).hexdigest()[:8]}"
    path = folder / safe_name(name)
    if not (path.exists() and path.stat().st_size == len(data)):
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        os.replace(partial, path)
    return path


def _write_mapping(folder: Path, text: str) -> Path:
    path = folder / f"mapping-{hashlib.sha256(text.encode()).hexdigest()[:12]}.toml"
    if not path.exists():
        partial = path.with_name(path.name + ".part")
        partial.write_text(text, "utf-8")
        os.replace(partial, path)
    return path


def usable_overrides(overrides: Mapping[str, str | None],
                     headers: tuple[str, ...]) -> dict[str, str | None]:
    """The corrections that still fit this file (a header of another upload is dropped)."""
    return {name: header for name, header in overrides.items()
            if name in FIELDS_BY_NAME and (header is None or header in headers)}


def propose(headers: tuple[str, ...], profile: Profile,
            overrides: Mapping[str, str | None]) -> tuple[dict[str, str], list[Problem]]:
    """field -> header as the import would read it with the corrections; two headers that
    both mean one field (and no correction says which) are an error, with the first one
    shown in the mapping to be confirmed or changed."""
    pinned = replace(profile, columns={**profile.columns, **{
        name: (header,) if header else () for name, header in overrides.items()}})
    try:
        return propose_mapping(list(headers), pinned, overrides), []
    except IngestError as exc:
        contested = _contested(headers, pinned)
        if not contested:
            raise
        settled = replace(pinned, columns={**pinned.columns, **{
            name: found[:1] for name, found in contested.items()}})
        return propose_mapping(list(headers), settled, overrides), exc.problems


def _contested(headers: tuple[str, ...], profile: Profile) -> dict[str, tuple[str, ...]]:
    """Fields (matched by alias) that more than one header claims."""
    found = {}
    for spec in ORDER_FIELDS:
        if spec.name in profile.columns:
            continue
        keys = {header_key(a) for a in (spec.name, *spec.aliases)}
        claims = tuple(h for h in headers if header_key(h) in keys)
        if len(claims) > 1:
            found[spec.name] = claims
    return found


def unknown_texts(table: Table, header: str | None, profile: Profile,
                  meaning_of: Callable[[str], str | None]) -> tuple[str, ...]:
    """The texts in column `header` that `meaning_of` (the profile's status_of or
    after_sale_of) does not map: the page asks what they mean."""
    if header is None:
        return ()
    cells = clean_cells(table.frame[[header]], profile)[header]
    texts = [text for text in pd.unique(cells) if text and meaning_of(text) is None]
    return tuple(texts[:MAX_STATUSES])


def review_upload(path: Path, choice: Choice, overrides: Mapping[str, str | None],
                  statuses: Mapping[str, str], url: str, app_url: str,
                  after_sales: Mapping[str, str] | None = None) -> Review:
    """Read `path`, propose its mapping with the corrections (columns, statuses and
    after-sale statuses), and dry-run the import (which writes nothing): every problem in
    `problems`, never an exception."""
    try:
        return _review(path, choice, overrides, statuses, url, app_url, after_sales or {})
    except IngestError as exc:
        return Review(path, problems=tuple(exc.problems))
    except Exception as exc:  # noqa: BLE001 - the page shows one line, never a traceback
        log.exception("checking %s failed", path)
        text = str(exc).splitlines()[0] if str(exc) else ""
        return Review(path, failure=f"{type(exc).__name__}: {text}".rstrip(": "))


def _review(path: Path, choice: Choice, overrides: Mapping[str, str | None],
            statuses: Mapping[str, str], url: str, app_url: str,
            after_sales: Mapping[str, str]) -> Review:
    if choice.table != "orders":
        return _review_table(path, choice, url, app_url)
    table = read_table(path)
    headers = tuple(str(c) for c in table.frame.columns)
    profile = resolve_profile(choice.options(None, dry_run=True))
    fields = profile_fields(profile)
    detected, _ = propose(headers, profile, {})
    corrections = usable_overrides(overrides, headers)
    mapping, problems = propose(headers, profile, corrections)
    mapping = {name: header for name, header in mapping.items() if name in fields}
    known = {text: status for text, status in statuses.items() if status}
    meanings = {text: meaning for text, meaning in after_sales.items() if meaning}
    base = Review(path, headers, _preview(table), fields, detected, mapping,
                  unknown_texts(table, mapping.get("status"), profile, profile.status_of),
                  unknown_texts(table, mapping.get("after_sale_status"), profile,
                                profile.after_sale_of), tuple(problems))
    mapping_file = _write_mapping(path.parent,
                                  mapping_toml(profile.name, mapping, known, meanings))
    base = replace(base, mapping_file=mapping_file)
    try:
        result = run_import([path], choice.options(mapping_file, dry_run=True), url, app_url)[0]
    except IngestError as exc:
        return replace(base, problems=(*base.problems, *exc.problems))
    return replace(base, result=result, problems=(*base.problems, *result.warnings))


def _review_table(path: Path, choice: Choice, url: str, app_url: str) -> Review:
    """A file of one other table (columns named as the schema): its dry run."""
    table = read_table(path)
    base = Review(path, tuple(str(c) for c in table.frame.columns), _preview(table),
                  table=choice.table)
    try:
        result, = run_table_import(choice.table, [path], choice.options(None, dry_run=True),
                                   url, app_url)
    except IngestError as exc:
        return replace(base, problems=tuple(exc.problems))
    return replace(base, mapping=dict(result.mapping), result=result,
                   problems=tuple(result.warnings))


def _preview(table: Table) -> pd.DataFrame:
    """The first rows as the file has them (indexed by their line numbers)."""
    return table.frame.head(PREVIEW_ROWS).copy()
