"""Line-level after-sale statuses (Douyin's 售后状态): the profile's [after_sales] table, a
mapping file extending it, how refunded lines fold into their orders, and the Import page
asking what an unknown after-sale status means (instead of a mapping file). The imports
themselves, on DuckDB and PostgreSQL, are corpus cases (tests/test_ingest_corpus.py)."""

from __future__ import annotations

import codecs

import duckdb
import pandas as pd
import pytest
from support.apptest import assert_clean, open_page

from cockpit.ingest.after_sales import after_sale_meanings, fold_refunds, pending_warning
from cockpit.ingest.problems import IngestError
from cockpit.ingest.profiles import load_mapping_file, load_profile, mapping_toml
from cockpit.ui.i18n import t

HEADER = "主订单编号,选购商品,商品数量,商品ID,商品单价,订单应付金额,收件人手机号,订单提交时间," \
         "订单状态,售后状态\n"
ROWS = ("P1,辣丝丝,1,S1,10,10,13800138000,2026-11-01 10:00:00,已完成,退款成功\n"
        "P1,牛肉,1,S2,20,20,13800138000,2026-11-01 10:00:00,已完成,售后完成\n"
        "P2,牛肉,1,S2,20,20,13900139000,2026-11-02 10:00:00,已完成,-\n")


def test_the_douyin_profile_maps_refunds_and_refunds_in_progress():
    douyin = load_profile("douyin")
    assert douyin.columns["after_sale_status"] == ("售后状态",)
    assert douyin.after_sale_of("退款成功") == "refunded"
    assert douyin.after_sale_of(" 退款中 ") == "pending"
    assert douyin.after_sale_of("售后关闭") == douyin.after_sale_of("") == "none"
    assert douyin.after_sale_of("售后完成") is None  # a refund or an exchange: asked
    assert load_profile("taobao").after_sale_of("退款成功") is None


def test_a_mapping_file_adds_after_sales_and_refuses_other_meanings(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text('extends = "douyin"\n[after_sales]\n"售后完成" = "refunded"\n', "utf-8")
    profile = load_mapping_file(good, load_profile("generic"))
    assert profile.after_sale_of("售后完成") == "refunded"
    assert profile.after_sale_of("退款中") == "pending"  # the profile's own are kept
    bad = tmp_path / "bad.toml"
    bad.write_text('[after_sales]\n"售后完成" = "returned"\n', "utf-8")
    with pytest.raises(IngestError) as caught:
        load_mapping_file(bad, load_profile("douyin"))
    assert "unknown_after_sale_target" in {p.rule for p in caught.value.problems}
    assert "refunded, pending, none" in caught.value.report()
    text = mapping_toml("douyin", {"order_id": "主订单编号"}, {}, {"售后完成": "none"})
    written = tmp_path / "page.toml"
    written.write_text(text, "utf-8")
    assert load_mapping_file(written, load_profile("generic")).after_sale_of("售后完成") == "none"


def _lines_and_orders() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    lines = pd.DataFrame({"order_key": ["A", "A", "B", "C", "D"],
                          "amount_cny": [10.0, 20.0, 5.0, 7.0, 3.0], "line": [2, 3, 4, 5, 6]})
    orders = pd.DataFrame({"order_key": ["A", "B", "C", "D"],
                           "status": ["paid", "paid", "closed", "paid"],
                           "refunded_cny": [float("nan"), float("nan"), float("nan"), 1.0]})
    texts = pd.Series(["退款成功", "-", "退款成功", "退款成功", "退款中"], index=[2, 3, 4, 5, 6])
    return lines, orders, texts


def test_refunded_lines_fold_into_their_orders():
    lines, orders, texts = _lines_and_orders()
    meaning, problems = after_sale_meanings(texts.replace("-", ""), "售后状态",
                                            load_profile("douyin"), lines_file=True)
    assert problems == []
    folded = fold_refunds(orders, lines, meaning).set_index("order_key")
    assert folded.loc["A", "refunded_cny"] == 10.0 and folded.loc["A", "status"] == "paid"
    assert folded.loc["B", "refunded_cny"] == 5.0 and folded.loc["B", "status"] == "refunded"
    assert folded.loc["C", "refunded_cny"] == 7.0 and folded.loc["C", "status"] == "closed"
    assert folded.loc["D", "refunded_cny"] == 1.0 and folded.loc["D", "status"] == "paid"
    [warning] = pending_warning(meaning, texts, "售后状态")
    assert warning.severity == "warning" and warning.lines == (6,) and warning.count == 1
    assert "column 售后状态" in warning.describe() and "line 6: '退款中'" in warning.describe()


def test_an_unknown_after_sale_is_an_error_naming_column_text_and_lines():
    texts = pd.Series(["退款成功", "售后完成", "售后完成"], index=[2, 7, 9])
    _, [problem] = after_sale_meanings(texts, "售后状态", load_profile("douyin"), True)
    assert (problem.rule, problem.column, problem.lines) == ("unknown_after_sale", "售后状态",
                                                             (7, 9))
    text = problem.describe()
    assert "'售后完成'" in text and "[after_sales]" in text and "--mapping" in text
    _, [other] = after_sale_meanings(texts, "售后状态", load_profile("douyin"), False)
    assert other.rule == "after_sale_not_lines" and other.column == "售后状态"


@pytest.mark.usefixtures("import_stores")
def test_the_import_page_asks_what_an_unknown_after_sale_means(tmp_path, monkeypatch):
    at = open_page(tmp_path / "fresh.duckdb", monkeypatch, "pages/import.py", "en")
    at.selectbox(key="import_profile").set_value("douyin").run()
    data = codecs.BOM_UTF8 + (HEADER + ROWS).encode("utf-8")
    at.file_uploader(key="import_upload").set_value(("抖店.csv", data, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    problem = t("import_data.col.problem", "en")
    rules = [row[problem] for table in at.table if table.value.index.name == problem
             for row in table.value.reset_index().to_dict("records")]
    assert t("import_data.rule.unknown_after_sale", "en") in rules
    assert at.button(key="import_confirm").disabled
    [box] = [b for b in at.selectbox if b.key.startswith("import_after_sale_")]
    box.set_value("refunded").run()
    assert_clean(at)
    assert not at.button(key="import_confirm").disabled
    at.button(key="import_confirm").click().run()
    assert_clean(at)
    with duckdb.connect(str(tmp_path / "fresh.duckdb"), read_only=True) as con:
        assert con.execute("SELECT status, total_cny, refunded_cny FROM orders ORDER BY "
                           "order_id").fetchall() == [("refunded", 30.0, 30.0),
                                                      ("paid", 20.0, None)]
