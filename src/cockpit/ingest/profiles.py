"""Column-mapping profiles: which export header holds each standard field, how the platform's
statuses map to the warehouse's, and the platform's value quirks. Shipped profiles live in
cockpit/data/profiles/<name>.toml; a user mapping file has the same form and may name a
shipped profile to extend (`extends = "taobao"`)."""

from __future__ import annotations

import json
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from cockpit.ingest.fields import FIELDS_BY_NAME, ORDER_FIELDS
from cockpit.ingest.problems import IngestError, Problem
from cockpit.warehouse.schema import ORDER_STATUSES, PLATFORMS

PROFILE_NAMES = ("generic", "taobao", "douyin", "shopify")
LEVELS = ("auto", "order", "line")
# What a line's after-sale status means: a completed refund (the line's amount is refunded),
# a refund in progress (not yet a refund: the line stays paid, with a warning), or no refund.
AFTER_SALES = ("refunded", "pending", "none")


@dataclass(frozen=True)
class Profile:
    """How to read one platform's export. `columns`: field -> header candidates, the first
    present one wins; `statuses`: normalised status text -> warehouse status;
    `after_sales`: normalised after-sale status text -> one of AFTER_SALES."""

    name: str
    platform: str
    level: str = "auto"
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    after_sales: dict[str, str] = field(default_factory=dict)
    hash_customer_ids: bool = False
    empty_values: tuple[str, ...] = ()

    def status_of(self, text: str) -> str | None:
        """The warehouse status for a platform status, or None when unmapped."""
        return self.statuses.get(status_key(text))

    def after_sale_of(self, text: str) -> str | None:
        """What a line's after-sale status means (one of AFTER_SALES), or None when unmapped;
        an empty cell is no after-sale."""
        key = status_key(text)
        return self.after_sales.get(key) if key else "none"


def status_key(text: str) -> str:
    """A status compared loosely: NFKC (full-width ， becomes ,), case-folded, no spaces."""
    return "".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def load_profile(name: str) -> Profile:
    """A shipped profile by name (see PROFILE_NAMES)."""
    if name not in PROFILE_NAMES:
        raise IngestError([Problem(rule="unknown_profile", message=f"no profile {name!r}",
                                   hint="use one of: " + ", ".join(PROFILE_NAMES))])
    text = resources.files("cockpit.data").joinpath(f"profiles/{name}.toml").read_text("utf-8")
    return _from_dict(name, tomllib.loads(text), base=None, source=f"profile {name}")


def read_mapping_toml(path: str | Path) -> dict:
    """A user mapping file (UTF-8 TOML) as a dict; IngestError when it cannot be read."""
    try:
        return tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise IngestError([Problem(rule="bad_mapping_file", message=f"cannot read it: {exc}",
                                   hint="write it as UTF-8 TOML; see docs/import.md")],
                          str(path)) from None


def load_mapping_file(path: str | Path, base: Profile) -> Profile:
    """A user mapping file (TOML) on top of `base` (or of the profile it `extends`)."""
    data = read_mapping_toml(path)
    if "extends" in data:
        base = load_profile(str(data["extends"]))
    return _from_dict(base.name, data, base=base, source=str(path))


def _from_dict(name: str, data: dict, base: Profile | None, source: str) -> Profile:
    problems: list[Problem] = []
    columns = dict(base.columns) if base else {}
    for key, headers in data.get("columns", {}).items():
        if key not in FIELDS_BY_NAME:
            problems.append(Problem(rule="unknown_field", message=f"[columns] names {key!r}, "
                                    "which is not a standard field",
                                    hint="use one of: " + ", ".join(FIELDS_BY_NAME)))
            continue
        columns[key] = (headers,) if isinstance(headers, str) else tuple(headers)
    statuses = _text_table(data, "statuses", base.statuses if base else {}, ORDER_STATUSES,
                           "unknown_status_target", problems)
    after_sales = _text_table(data, "after_sales", base.after_sales if base else {},
                              AFTER_SALES, "unknown_after_sale_target", problems)
    platform = str(data.get("platform", base.platform if base else "other"))
    level = str(data.get("level", base.level if base else "auto"))
    if platform not in PLATFORMS:
        problems.append(Problem(rule="unknown_platform", message=f"platform {platform!r}",
                                hint="use one of: " + ", ".join(PLATFORMS)))
    if level not in LEVELS:
        problems.append(Problem(rule="unknown_level", message=f"level {level!r}",
                                hint="use one of: " + ", ".join(LEVELS)))
    if problems:
        raise IngestError(problems, source)
    start = base or Profile(name=name, platform=platform)
    return replace(start, platform=platform, level=level, columns=columns, statuses=statuses,
                   after_sales=after_sales,
                   hash_customer_ids=bool(data.get("hash_customer_ids",
                                                   start.hash_customer_ids)),
                   empty_values=tuple(data.get("empty_values", start.empty_values)))



def _text_table(data: dict, section: str, inherited: Mapping[str, str],
                allowed: tuple[str, ...], rule: str, problems: list[Problem]) -> dict[str, str]:
    """`inherited` with the file's `[section]` table (export text -> one of `allowed`) laid
    over it, keyed by `status_key`; a target not in `allowed` is added to `problems`."""
    table = dict(inherited)
    for text, target in data.get(section, {}).items():
        if target not in allowed:
            problems.append(Problem(rule=rule, message=f"[{section}] maps {text!r} to {target!r}",
                                    hint="map to one of: " + ", ".join(allowed)))
        table[status_key(text)] = target
    return table

def mapping_toml(profile: str, mapping: Mapping[str, str],
                 statuses: Mapping[str, str] | None = None,
                 after_sales: Mapping[str, str] | None = None) -> str:
    """A mapping file that reads exactly `mapping` (every standard field named: a header,
    or [] for "not in this file"), maps `statuses` (text -> warehouse status) and
    `after_sales` (text -> one of AFTER_SALES)."""
    lines = ["# Written by the Import page: the column mapping as confirmed there.",
             f"extends = {_quoted(profile)}", "", "[columns]"]
    for spec in ORDER_FIELDS:
        header = mapping.get(spec.name)
        lines.append(f"{spec.name} = {_quoted(header) if header else '[]'}")
    if statuses:
        lines += ["", "[statuses]"]
        lines += [f"{_quoted(text)} = {_quoted(status)}" for text, status in statuses.items()]
    if after_sales:
        lines += ["", "[after_sales]"]
        lines += [f"{_quoted(text)} = {_quoted(meaning)}"
                  for text, meaning in after_sales.items()]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(str(text), ensure_ascii=False).replace("\x7f", "\\u007f")
