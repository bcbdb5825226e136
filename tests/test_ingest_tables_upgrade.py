"""`import --table` on a warehouse built before the domain tables had an import_id column (the
import adds it, the rows already there keep null), and the month rule of monthly_targets, on
DuckDB and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from cockpit.ingest.cells import ReadOptions
from cockpit.ingest.outcome import ImportOptions
from cockpit.ingest.problems import IngestError
from cockpit.ingest.table_import import run_table_import
from cockpit.ingest.undo import undo_import
from cockpit.ingest.warehouse_state import read_state
from cockpit.ingest.writer import present_columns
from cockpit.warehouse import read_engine

STORES = ("store_id,name_zh,name_en,city,latitude,longitude,store_format,opened_on,"
          "floor_area_sqm\n2,杭州店,Hangzhou,杭州,30.27,120.15,standard,2023-06-01,300\n")


def _rows(url: str, sql: str) -> list[tuple]:
    engine = read_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()


def _import(url: str, tmp_path: Path, table: str, text: str) -> int:
    path = tmp_path / f"{table}.csv"
    path.write_text(text, encoding="utf-8")
    result, = run_table_import(table, [path], ImportOptions(read=ReadOptions()), url,
                               f"sqlite:///{tmp_path / 'app.sqlite'}")
    return result.import_id


def test_a_warehouse_without_import_id_columns_gains_them(empty_warehouse, tmp_path):
    url = empty_warehouse.url.render_as_string(hide_password=False)
    with empty_warehouse.begin() as conn:
        conn.execute(sa.text("ALTER TABLE stores DROP COLUMN import_id"))
        conn.execute(sa.text(
            "INSERT INTO stores VALUES (1, '上海店', 'Shanghai', '上海', 31.23, 121.47, "
            "'experience', DATE '2023-01-01', 800)"))
        assert "import_id" not in present_columns(conn)["stores"]
    empty_warehouse.dispose()
    assert read_state(url).next_import_id == 1  # no failure on the missing column

    import_id = _import(url, tmp_path, "stores", STORES)
    assert _rows(url, "SELECT store_id, import_id FROM stores ORDER BY store_id") == [
        (1, None), (2, import_id)]
    assert read_state(url).next_import_id == import_id + 1
    undo_import(import_id, url, f"sqlite:///{tmp_path / 'app.sqlite'}")
    assert _rows(url, "SELECT store_id FROM stores") == [(1,)]


def test_a_month_is_written_as_its_first_day(empty_warehouse, tmp_path):
    url = empty_warehouse.url.render_as_string(hide_password=False)
    empty_warehouse.dispose()
    text = "month,channel,gmv_target_cny\n2024-03-01,all,3100\n2024-04-15,all,2000\n"
    with pytest.raises(IngestError) as caught:
        _import(url, tmp_path, "monthly_targets", text)
    [problem] = caught.value.errors
    assert (problem.rule, problem.column, problem.lines, problem.samples) == (
        "not_month_start", "month", (3,), ("2024-04-15",))
    assert _rows(url, "SELECT count(*) FROM monthly_targets") == [(0,)]
    _import(url, tmp_path, "monthly_targets", text.replace("2024-04-15", "2024-04-01"))
    assert _rows(url, "SELECT count(*) FROM monthly_targets") == [(2,)]
