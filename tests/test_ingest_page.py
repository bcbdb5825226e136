"""The Import page in AppTest, in both languages: it renders on the demo warehouse and on none
at all, a GBK upload gets its detected mapping as one dropdown per standard field, a
correction changes the mapping, broken files are reported by column and line, and a confirmed
import (and its undo) runs through the worker into a warehouse that did not exist."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import assert_clean, open_page

from cockpit.ingest.fields import ORDER_FIELDS
from cockpit.ingest.mapping import detect_mapping
from cockpit.ingest.profiles import load_mapping_file, load_profile
from cockpit.ui.i18n import t
from cockpit.ui.import_data.review import (
    Choice,
    mapping_toml,
    review_upload,
    safe_name,
    save_upload,
)

SCRIPT = "pages/import.py"
CJK = re.compile(r"[\u4e00-\u9fff]")
HEADER = "订单号,客户ID,下单时间,成交金额,订单状态,收货人\n"
ROWS = ("A1,c1,2026-11-01 10:00:00,120.50,交易成功,张三\n"
        "A2,c2,2026-11-02 11:00:00,80,交易成功,李四\n"
        "A3,c1,2026-11-03 12:00:00,30,交易关闭,张三\n")
GBK_CSV = (HEADER + ROWS).encode("gbk")


pytestmark = pytest.mark.usefixtures("import_stores")


@pytest.fixture
def demo_copy(demo_duckdb_path, tmp_path) -> Path:
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_duckdb_path, path)
    return path


def _open(path: Path, monkeypatch, lang: str) -> AppTest:
    return open_page(path, monkeypatch, SCRIPT, lang)


def _upload(at: AppTest, data: bytes, name: str = "orders_gbk.csv") -> AppTest:
    at.file_uploader(key="import_upload").set_value((name, data, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _report(at: AppTest, lang: str) -> list[dict]:
    """The rows of the problem tables (errors, then warnings)."""
    column = t("import_data.col.problem", lang)
    return [row for table in at.table if table.value.index.name == column
            for row in table.value.reset_index().to_dict("records")]


def _texts(at: AppTest) -> list[str]:
    kinds = ("title", "subheader", "caption", "markdown", "info", "warning", "success")
    return [str(el.value) for kind in kinds for el in getattr(at.main, kind)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_on_the_demo_warehouse(demo_copy, monkeypatch, lang):
    at = _open(demo_copy, monkeypatch, lang)
    assert at.title[0].value == t("page.import_data", lang)
    uploader = at.file_uploader(key="import_upload")
    assert set(uploader.allowed_type) >= {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".parquet"}
    from streamlit import config

    limit = config.get_option("server.maxUploadSize")
    assert any(f"{limit} MB" in c.value for c in at.caption)
    assert any(t("import_data.demo_warehouse", lang) == i.value for i in at.info)
    assert at.radio(key="import_mode").value == "replace"  # over the demo data
    assert t("import_data.no_history", lang) in [c.value for c in at.caption]
    assert t("filters.header", lang) in [h.value for h in at.sidebar.header]
    if lang == "en":
        assert not [text for text in _texts(at) if CJK.search(text)]


def test_config_sets_a_one_gigabyte_upload_limit():
    text = (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text()
    assert tomllib.loads(text)["server"]["maxUploadSize"] == 1024


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gbk_upload_mapping_correction_and_report(tmp_path, monkeypatch, lang):
    at = _open(tmp_path / "none.duckdb", monkeypatch, lang)  # no warehouse yet
    assert t("import_data.empty_warehouse", lang) in [i.value for i in at.info]
    assert not at.sidebar.header  # no data, no filters
    _upload(at, GBK_CSV)
    boxes = {box.key: box for box in at.selectbox if box.key.startswith("import_map_")}
    assert set(boxes) == {f"import_map_{f.name}" for f in ORDER_FIELDS}
    assert boxes["import_map_order_id"].value == "订单号"
    assert boxes["import_map_customer_id"].value == "客户ID"
    assert boxes["import_map_ordered_at"].value == "下单时间"
    assert boxes["import_map_status"].value == "订单状态"
    assert boxes["import_map_total_cny"].value == ""  # 成交金额 is no alias it knows
    assert boxes["import_map_total_cny"].options[0] == t("import_data.not_in_file", lang)
    [problem] = _report(at, lang)
    assert problem[t("import_data.col.column", lang)] == t("import_data.field.total_cny", lang)
    assert problem[t("import_data.col.lines", lang)] == "2, 3, 4"
    assert problem[t("import_data.col.fix", lang)] == t("import_data.hint.mapping", lang)
    assert at.button(key="import_confirm").disabled

    at.selectbox(key="import_map_total_cny").set_value("成交金额").run()
    assert_clean(at)
    assert at.selectbox(key="import_map_total_cny").value == "成交金额"
    assert t("import_data.state.corrected", lang) in " ".join(m.value for m in at.markdown)
    assert _report(at, lang) == []
    assert [s.value for s in at.success] == [t("import_data.passed", lang)]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("import_data.count.orders", lang)] == "3"
    confirm = at.button(key="import_confirm")
    assert not confirm.disabled and confirm.label == t("import_data.confirm", lang, n="3")

    # a correction that takes another field's column moves it there
    at.selectbox(key="import_map_order_id").set_value("客户ID").run()
    assert at.selectbox(key="import_map_order_id").value == "客户ID"
    assert at.selectbox(key="import_map_customer_id").value == ""
    assert any(p[t("import_data.col.problem", lang)] == t("import_data.rule.missing_column",
                                                          lang) for p in _report(at, lang))


@pytest.mark.parametrize(("lang", "line", "cell", "rule"), [
    ("zh", "A2,c2,2026-11-02 11:00:00,八十,交易成功,李四", "成交金额", "not_a_number"),
    ("en", "A2,c2,2026-13-45 11:00:00,80,交易成功,李四", "下单时间", "invalid_date"),
])
def test_a_broken_file_is_reported_by_column_and_line(tmp_path, monkeypatch, lang, line, cell,
                                                     rule):
    at = _open(tmp_path / "none.duckdb", monkeypatch, lang)
    rows = ROWS.splitlines()
    rows[1] = line  # line 3 of the file
    _upload(at, (HEADER + "\n".join(rows) + "\n").encode("gbk"))
    at.selectbox(key="import_map_total_cny").set_value("成交金额").run()
    [problem] = _report(at, lang)
    assert problem[t("import_data.col.problem", lang)] == t(f"import_data.rule.{rule}", lang)
    assert problem[t("import_data.col.column", lang)] == cell
    assert problem[t("import_data.col.lines", lang)] == "3"
    assert "line 3" in problem[t("import_data.col.detail", lang)]
    assert at.error and at.button(key="import_confirm").disabled
    assert not at.exception


def test_a_file_that_is_not_a_table_is_a_report_not_a_traceback(tmp_path, monkeypatch):
    at = _open(tmp_path / "none.duckdb", monkeypatch, "en")
    _upload(at, b'a,b\n"1,2\n', "broken.csv")
    [problem] = _report(at, "en")
    assert problem[t("import_data.col.problem", "en")] == t("import_data.rule.unclosed_quote",
                                                            "en")
    assert problem[t("import_data.col.lines", "en")] == "2"
    _upload(at, b"PK\x03\x04 not really a spreadsheet", "orders.xlsx")
    assert not at.exception
    assert at.error  # a short message (report or failure), never a traceback


def test_dates_and_statuses_are_asked_not_guessed(tmp_path, monkeypatch):
    at = _open(tmp_path / "none.duckdb", monkeypatch, "zh")
    text = ("订单号,客户ID,下单时间,实付金额,订单状态\n"
            "B1,c1,03/01/2026,10,拼团中\nB2,c2,04/02/2026,20,交易成功\n")
    _upload(at, text.encode("utf-8-sig"), "orders.csv")
    problem = t("import_data.col.problem", "zh")
    assert [p[problem] for p in _report(at, "zh")] == [
        t("import_data.rule.ambiguous_day_order", "zh")]
    at.radio(key="import_dates").set_value("dayfirst").run()
    assert [p[problem] for p in _report(at, "zh")] == [
        t("import_data.rule.unknown_status", "zh")]  # the next stage of the checks
    [status] = [box for box in at.selectbox if box.key.startswith("import_status_")]
    assert status.label == "拼团中"
    status.set_value("unpaid").run()
    assert_clean(at)
    assert _report(at, "zh") == []
    assert not at.button(key="import_confirm").disabled


def test_confirm_imports_through_the_worker_into_a_new_warehouse_then_undo(tmp_path,
                                                                          monkeypatch):
    path = tmp_path / "fresh.duckdb"
    at = _open(path, monkeypatch, "en")
    _upload(at, GBK_CSV)
    at.selectbox(key="import_map_total_cny").set_value("成交金额").run()
    at.button(key="import_confirm").click().run()
    assert_clean(at)
    assert [s.value for s in at.success][0] == t("import_data.done.import", "en").format(
        subject="orders_gbk.csv", seconds=at.success[0].value.split(" in ")[1].split(" s")[0])
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*), sum(total_cny) FROM orders").fetchone() == (3,
                                                                                         230.5)
    markdown = [m.value for m in at.markdown]
    assert "`orders_gbk.csv`" in markdown and t("import_data.history_status.imported",
                                                "en") in markdown
    assert at.button(key="import_confirm").disabled  # every order is in now
    assert t("filters.header", "en") in [h.value for h in at.sidebar.header]

    at.button(key="import_undo_1").click().run()
    assert_clean(at)
    assert at.success[0].value.startswith("Undid import 1")
    assert t("import_data.history_status.undone", "en") in [m.value for m in at.markdown]
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM orders").fetchone() == (0,)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_later_export_updates_the_orders_it_restates(tmp_path, monkeypatch, lang):
    path = tmp_path / "shop.duckdb"
    at = _open(path, monkeypatch, lang)
    _upload(at, GBK_CSV)
    at.selectbox(key="import_map_total_cny").set_value("成交金额").run()
    at.button(key="import_confirm").click().run()
    later = (HEADER + ROWS.replace("A2,c2,2026-11-02 11:00:00,80,交易成功",
                                   "A2,c2,2026-11-02 11:00:00,80,退款成功")
             + "A4,c3,2026-11-09 09:00:00,15,交易成功,王五\n").encode("gbk")
    _upload(at, later, "orders_week2.csv")
    at.selectbox(key="import_map_total_cny").set_value("成交金额").run()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("import_data.count.orders", lang)] == "1"  # A4
    assert metrics[t("import_data.count.known", lang)] == "2"  # A1, A3 unchanged
    assert metrics[t("import_data.count.updated", lang)] == "1"  # A2 refunded now
    confirm = at.button(key="import_confirm")
    assert confirm.label == t("import_data.confirm_updates", lang, n="1", m="1")
    confirm.click().run()
    assert_clean(at)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT status, count(*) FROM orders GROUP BY status ORDER BY 1"
                           ).fetchall() == [("closed", 1), ("paid", 2), ("refunded", 1)]
    updated = t("import_data.history_updated", lang, n="1")
    assert any(updated in m.value for m in at.markdown)


def test_mapping_file_reads_exactly_the_mapping_shown(tmp_path):
    headers = ['Order "No"', "客户\\ID", "when\x7f", "金额", "状态"]
    shown = {"order_id": headers[0], "customer_id": headers[1], "ordered_at": headers[2],
             "total_cny": headers[3]}
    text = mapping_toml("taobao", shown, {"拼团中": "unpaid"})
    file = tmp_path / "m.toml"
    file.write_text(text, "utf-8")
    profile = load_mapping_file(file, load_profile("generic"))
    assert profile.name == "taobao" and profile.status_of("拼团中") == "unpaid"
    assert detect_mapping(headers, profile).fields == shown  # 状态 unmapped: it said so


def test_review_saves_uploads_safely_and_never_raises(tmp_path):
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\订单.csv") == "订单.csv"
    assert safe_name("..") == "upload"
    path = save_upload(b"\x00\x01garbage", "x.parquet")
    assert path.read_bytes() == b"\x00\x01garbage" and save_upload(b"\x00\x01garbage",
                                                                    "x.parquet") == path
    review = review_upload(path, Choice(), {}, {}, f"duckdb:///{tmp_path / 'w.duckdb'}",
                           f"sqlite:///{tmp_path / 'a.sqlite'}")
    assert not review.ready and (review.problems or review.failure)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_large_file_read_in_memory_says_why(tmp_path, monkeypatch, lang):
    """A file large enough to stream whose 币种 column only the in-memory reader takes:
    the report says it is read whole in memory, and which column sent it there."""
    from cockpit.ingest.bulk import run as bulk_run

    monkeypatch.setattr(bulk_run, "BIG_FILE_BYTES", 0)  # every file counts as large
    data = ("订单号,客户ID,下单时间,实付金额,订单状态,币种\n"
            "A1,c1,2026-11-01 10:00:00,120.50,交易成功,CNY\n"
            "A2,c2,2026-11-02 11:00:00,80,交易成功,CNY\n").encode()
    at = _upload(_open(tmp_path / "none.duckdb", monkeypatch, lang), data, "orders.csv")
    [note] = [i.value for i in at.info if "币种" in i.value]
    lead = t("import_data.in_memory", lang, reason="").split("：" if lang == "zh" else ":")[0]
    assert note.startswith(lead) and "memory" in note.split(lead)[1]
