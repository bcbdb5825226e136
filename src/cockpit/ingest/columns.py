"""Match a file's header names to the fields a reader needs, by name or alias."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from cockpit.ingest.problems import Problem, raise_errors


def header_key(name: object) -> str:
    """A header name compared loosely: NFKC, case-folded, runs of spaces, - and _ as one _."""
    text = unicodedata.normalize("NFKC", str(name)).strip().lstrip("\ufeff").strip().casefold()
    return re.sub(r"[\s_\-]+", "_", text)


def match_columns(columns: Sequence[str], fields: Mapping[str, Iterable[str]], *,
                  required: Iterable[str] = ()) -> dict[str, str]:
    """field -> the column whose header is the field's name or one of its `fields` aliases.
    Two columns for one field, or a missing required field, raise IngestError."""
    keys = {header_key(field): field for field in fields}
    for field, aliases in fields.items():
        keys.update({header_key(alias): field for alias in aliases})
    claims: dict[str, list[str]] = {}
    for column in columns:
        field = keys.get(header_key(column))
        if field is not None:
            claims.setdefault(field, []).append(column)
    problems = [Problem(rule="two_columns_one_field", column=" and ".join(found), lines=(1,),
                        message=f"{len(found)} columns mean {field}: "
                                + ", ".join(repr(c) for c in found),
                        hint="keep one of them (delete or rename the others)")
                for field, found in claims.items() if len(found) > 1]
    missing = [f for f in required if f not in claims]
    if missing:
        shown = ", ".join(map(str, columns)) or "none"
        for field in missing:
            aliases = ", ".join(fields.get(field, ()))
            problems.append(Problem(
                rule="missing_column", lines=(1,),
                message=f"missing column {field}"
                        + (f" (or one named {aliases})" if aliases else "")
                        + f"; the header has: {shown}",
                hint="add the column, or rename the header of the column that holds it"))
    raise_errors(problems)
    return {field: found[0] for field, found in claims.items()}
