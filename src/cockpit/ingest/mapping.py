"""Which header of a file holds each standard field: the profile's columns first, then the
common aliases; personal-data headers are recognised so that they are dropped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cockpit.ingest.columns import header_key, match_columns
from cockpit.ingest.fields import FIELDS_BY_NAME, LINE_FIELDS, ORDER_FIELDS, PERSONAL_HEADERS
from cockpit.ingest.problems import IngestError, Problem
from cockpit.ingest.profiles import Profile


@dataclass(frozen=True)
class ColumnMapping:
    """field -> header for the fields found; `personal` headers are dropped unread;
    `ignored` headers hold nothing the cockpit uses."""

    fields: dict[str, str]
    personal: tuple[str, ...]
    ignored: tuple[str, ...]

    @property
    def has_lines(self) -> bool:
        return any(name in self.fields for name in LINE_FIELDS)


def detect_mapping(columns: Sequence[str], profile: Profile,
                   overrides: Mapping[str, str | None] | None = None) -> ColumnMapping:
    """The mapping of `columns` under `profile`; `overrides` (field -> header, or None to
    leave the field unmapped) win. Raises IngestError when two headers claim one field or a
    required field has no column."""
    chosen = propose_mapping(columns, profile, overrides)
    missing = [f.name for f in ORDER_FIELDS if f.required and f.name not in chosen]
    if missing:
        raise IngestError([_missing(name, columns) for name in missing])
    used = set(chosen.values())
    personal_keys = {header_key(h) for h in PERSONAL_HEADERS}
    personal = tuple(c for c in columns if c not in used and header_key(c) in personal_keys)
    ignored = tuple(c for c in columns if c not in used and c not in personal)
    return ColumnMapping(chosen, personal, ignored)


def propose_mapping(columns: Sequence[str], profile: Profile,
                    overrides: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """field -> header as `detect_mapping` chooses them, without requiring any field (the
    Import page shows this to be corrected). Raises IngestError for an override naming an
    unknown field or header, or two headers claiming one field."""
    by_key = {header_key(c): c for c in columns}
    chosen: dict[str, str] = {}
    for name, candidates in profile.columns.items():
        found = next((by_key[header_key(h)] for h in candidates if header_key(h) in by_key),
                     None)
        if found is not None:
            chosen[name] = found
    rest = [c for c in columns if c not in chosen.values()]
    readable = set(profile_fields(profile))
    aliases = {f.name: f.aliases for f in ORDER_FIELDS if f.name not in profile.columns
               and f.name in readable}
    chosen.update(match_columns(rest, aliases))
    for name, header in (overrides or {}).items():
        _check_override(name, header, columns)
        chosen.pop(name, None)
        if header is not None:
            chosen = {k: v for k, v in chosen.items() if v != header}
            chosen[name] = header
    return chosen


def _check_override(name: str, header: str | None, columns: Sequence[str]) -> None:
    if name not in FIELDS_BY_NAME:
        raise IngestError([Problem(rule="unknown_field", message=f"no standard field {name!r}",
                                   hint="use one of: " + ", ".join(FIELDS_BY_NAME))])
    if header is not None and header not in columns:
        raise IngestError([Problem(rule="unknown_header", lines=(1,),
                                   message=f"the header has no column {header!r} for {name}",
                                   hint="pick one of: " + ", ".join(columns))])


def _missing(name: str, columns: Sequence[str]) -> Problem:
    field = FIELDS_BY_NAME[name]
    shown = ", ".join(map(str, columns)) or "none"
    return Problem(rule="missing_column", lines=(1,),
                   message=f"no column for {name} ({field.doc}) — looked for "
                           + ", ".join((name, *field.aliases)) + f"; the header has: {shown}",
                   hint=f"rename the column that holds it to {name}, or map it in a mapping "
                        f"file ([columns] {name} = \"<header>\")")


def profile_fields(profile: Profile) -> tuple[str, ...]:
    """The standard fields a file read with `profile` can hold (no line fields when the
    profile's exports are one row per order)."""
    return tuple(f.name for f in ORDER_FIELDS
                 if not (profile.level == "order" and f.level == "line"))
