"""docs/import.md is the import code rendered (fields, profiles, CLI); both must say the same."""

from __future__ import annotations

import re
import tomllib

from cockpit import docs
from cockpit.commands import importer
from cockpit.import_docs import render_import
from cockpit.ingest.fields import ORDER_FIELDS, PERSONAL_HEADERS
from cockpit.ingest.profiles import PROFILE_NAMES, load_mapping_file, load_profile
from cockpit.warehouse.schema import ORDER_STATUSES


def _text() -> str:
    return docs.IMPORT_DOC_PATH.read_text(encoding="utf-8")


def test_import_doc_matches_the_code():
    assert _text() == render_import(), (
        "docs/import.md differs from the import code: run `python -m cockpit docs` and commit")


def test_every_field_and_alias_is_documented():
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `(\w+)` \| \w+ \| (?:order|line)"
                                                        r" \|.*$", _text(), re.M)}
    assert set(rows) == {f.name for f in ORDER_FIELDS}
    for field in ORDER_FIELDS:
        assert field.doc in rows[field.name]
        for alias in field.aliases:
            assert f"`{alias}`" in rows[field.name], (field.name, alias)
    for header in PERSONAL_HEADERS:
        assert f"`{header}`" in _text()


def test_every_profile_mapping_status_and_source_is_documented():
    text = _text()
    sections = re.split(r"^### ", text, flags=re.M)
    for name in PROFILE_NAMES:
        section = next(s for s in sections if s.startswith(f"`--profile {name}`"))
        profile = load_profile(name)
        for field, headers in profile.columns.items():
            assert f"| `{field}` | " + ", ".join(f"`{h}`" for h in headers) in section
        for status in profile.statuses.values():
            assert f"| `{status}` |" in section
        assert f"platform `{profile.platform}`" in section
    assert "How sure: seen in real files" in text  # the Shopify profile's own comment
    assert "less sure than Taobao's and Shopify's" in text  # Douyin's


def test_statuses_options_and_exit_codes_are_documented():
    text = _text()
    for status in ORDER_STATUSES:
        assert f"| `{status}` |" in text
    for code, meaning in importer.EXIT_CODES.items():
        assert f"| {code} | {meaning} |" in text
    for flag in ("--profile", "--mapping", "--mode", "--platform", "--dry-run", "--dayfirst",
                 "--monthfirst", "--timezone", "--fx", "--hash-customer-ids", "--strict",
                 "--undo", "--history"):
        assert f"| `{flag}" in text, flag


def test_the_documented_mapping_file_loads(tmp_path):
    block = re.search(r"```toml\n(.*?)```", _text(), re.S).group(1)
    path = tmp_path / "mapping.toml"
    path.write_text(block, encoding="utf-8")
    profile = load_mapping_file(path, load_profile("generic"))
    data = tomllib.loads(block)
    assert profile.name == data["extends"] and profile.platform == data["platform"]
    assert profile.columns["customer_id"] == (data["columns"]["customer_id"],)
    assert profile.status_of("已签收未评价") == "paid"
