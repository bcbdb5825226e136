"""Render docs/warehouse.md from the schema module and docs/import.md from the import code
(standard fields, shipped profiles, the CLI's options and exit codes), so that neither can
drift from what it describes."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from cockpit.config import PROJECT_ROOT
from cockpit.warehouse.schema import METADATA, TRUTH_METADATA

DOC_PATH = PROJECT_ROOT / "docs" / "warehouse.md"
IMPORT_DOC_PATH = PROJECT_ROOT / "docs" / "import.md"

_HEADER = """# The warehouse

Generated from `src/cockpit/warehouse/schema.py` by `python -m cockpit docs`; a test fails when
this file and the schema differ. Edit the schema's comments, then regenerate.

Conventions: `<entity>_id` keys, `is_` booleans, `_at` timestamps (local time, Asia/Shanghai),
`_on`/`_date` dates, units in names (`_cny` money in yuan ¥, `_km`, `_kg`, `_c` °C). Money is
stored as DECIMAL(14,2). Every table states its grain.

Keys: PostgreSQL enforces the primary, unique and foreign keys below. The DuckDB file declares
none of them (their indexes cost more than the loads they guard, and must fit in memory while a
write commits): every writer checks the keys it writes, and a data test checks them on the demo.

The app reads the tables under "Tables". The tables under "Ground truth" are written by the demo
generator for tests only (true personas, planted effect sizes); no page reads them.
"""


def _type_name(column: sa.Column) -> str:
    return column.type.compile(dialect=postgresql.dialect()).lower()


def _table_section(table: sa.Table) -> str:
    lines = [f"### `{table.name}`", "", f"{table.comment}", "",
             f"Grain: {table.info['grain']}.", ""]
    keys = [c.name for c in table.primary_key.columns]
    if keys:
        lines += [f"Primary key: {', '.join(f'`{k}`' for k in keys)}.", ""]
    lines += ["| column | type | null | meaning, unit, allowed values |",
              "| --- | --- | --- | --- |"]
    for col in table.columns:
        ref = ""
        for fk in col.foreign_keys:
            ref = f" → `{fk.target_fullname}`"
        null = "yes" if col.nullable else "no"
        lines.append(f"| `{col.name}` | {_type_name(col)} | {null} | {col.comment}{ref} |")
    return "\n".join(lines) + "\n"


def render() -> str:
    parts = [_HEADER, "## Tables\n"]
    parts += [_table_section(t) for t in METADATA.tables.values()]
    parts += ["## Ground truth\n"]
    parts += [_table_section(t) for t in TRUTH_METADATA.tables.values()]
    return "\n".join(parts)


def write() -> list[Path]:
    """Write docs/warehouse.md and docs/import.md; returns their paths."""
    from cockpit.import_docs import render_import

    DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
    DOC_PATH.write_text(render(), encoding="utf-8")
    IMPORT_DOC_PATH.write_text(render_import(), encoding="utf-8")
    return [DOC_PATH, IMPORT_DOC_PATH]
