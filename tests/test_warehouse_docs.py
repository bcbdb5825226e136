"""docs/warehouse.md is the schema module rendered; both must say the same thing."""

from __future__ import annotations

import re

from cockpit import docs
from cockpit.warehouse.schema import METADATA, TRUTH_METADATA


def test_warehouse_doc_matches_schema():
    committed = docs.DOC_PATH.read_text(encoding="utf-8")
    assert committed == docs.render(), (
        "docs/warehouse.md differs from the schema: run `python -m cockpit docs` and commit")


def test_doc_lists_every_table_and_column_of_the_metadata():
    text = docs.DOC_PATH.read_text(encoding="utf-8")
    documented: dict[str, set[str]] = {}
    table = None
    for line in text.splitlines():
        if m := re.match(r"^### `(\w+)`", line):
            table = m.group(1)
            documented[table] = set()
        elif table and (m := re.match(r"^\| `(\w+)` \|", line)):
            documented[table].add(m.group(1))
    expected = {t.name: {c.name for c in t.columns}
                for md in (METADATA, TRUTH_METADATA) for t in md.tables.values()}
    assert documented == expected


def test_every_table_has_a_grain_and_every_column_a_comment():
    for md in (METADATA, TRUTH_METADATA):
        for table in md.tables.values():
            assert table.info.get("grain"), table.name
            assert table.comment, table.name
            for col in table.columns:
                assert col.comment and len(col.comment) > 5, f"{table.name}.{col.name}"


def test_money_columns_are_named_with_their_unit():
    for table in METADATA.tables.values():
        for col in table.columns:
            if "Numeric" in type(col.type).__name__:
                assert col.name.endswith(("_cny", "_cny_per_unit_day")), col.name
