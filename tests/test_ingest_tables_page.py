"""The Import page's "what the file holds" select in AppTest: a monthly-targets file checked
(a wrong month reported by column and line), imported through the worker, listed in the
history with the rows it wrote, and undone."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import assert_clean, open_page

from cockpit.ui.i18n import t

SCRIPT = "pages/import.py"
TARGETS = "month,channel,gmv_target_cny,orders_target\n2026-11-01,all,3000,60\n"


pytestmark = pytest.mark.usefixtures("import_stores")


def _upload(at: AppTest, text: str) -> AppTest:
    at.file_uploader(key="import_upload").set_value(("targets.csv", text.encode(), "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _problems(at: AppTest, lang: str) -> list[dict]:
    column = t("import_data.col.problem", lang)
    return [row for table in at.table if table.value.index.name == column
            for row in table.value.reset_index().to_dict("records")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_table_file_is_checked_imported_and_undone(tmp_path: Path, monkeypatch, lang):
    path = tmp_path / "fresh.duckdb"
    at = open_page(path, monkeypatch, SCRIPT, lang)
    select = at.selectbox(key="import_table")
    assert select.value == "orders"
    assert t("coverage.table.monthly_targets", lang) in select.options
    select.set_value("monthly_targets").run()

    _upload(at, TARGETS + "2026-12-15,all,4000,80\n")
    [problem] = _problems(at, lang)
    assert problem[t("import_data.col.column", lang)] == "month"
    assert problem[t("import_data.col.lines", lang)] == "3"
    assert not [b for b in at.selectbox if b.key.startswith("import_map_")]  # orders only
    assert at.button(key="import_confirm").disabled

    _upload(at, TARGETS + "2026-12-01,all,4000,80\n")
    assert _problems(at, lang) == []
    table = t("coverage.table.monthly_targets", lang)
    confirm = at.button(key="import_confirm")
    assert confirm.label == t("import_data.confirm_rows", lang, n="2", table=table)
    confirm.click().run()
    assert_clean(at)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*), sum(gmv_target_cny) FROM monthly_targets"
                           ).fetchone() == (2, 7000)
    markdown = [m.value for m in at.markdown]
    assert "`targets.csv`" in markdown and "2" in markdown
    assert t("import_data.undo_confirm_rows", lang, id=1, file="`targets.csv`", orders="2",
             table=table) in markdown

    at.button(key="import_undo_1").click().run()
    assert_clean(at)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM monthly_targets").fetchone() == (0,)
