"""The import pipeline on a corpus of bad and awkward order exports, on DuckDB and PostgreSQL.

Every file is made here (bytes, a file name, a profile and options) with its expected outcome
and imported through `run_import` into a warehouse that already holds a small baseline import:

- rejected: the error names the rule, the column (as the file's header writes it) and the line
  as a text editor shows it (header = line 1, quoted line breaks and blank lines counted);
  afterwards the warehouse is unchanged (row counts and a checksum of every table an import
  writes; for DuckDB the file's bytes too, and no staging file left behind);
- accepted: the right orders land (external ids exactly as text, amounts in CNY, local
  timestamps, statuses, dimensions or NULL, regions from provinces), GMV as the cockpit counts
  it (`cockpit.filters.is_sale` / `sale_amount`: unpaid, closed and cancelled never count,
  refunds subtracted), the expected warnings, and no personal data anywhere in the warehouse.

Scenarios over several files follow (re-imports, refusals, demo replace, undo, hashing), and a
few files go through the CLI in a subprocess (exit codes 0/1/2/3, never a traceback).
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
import sqlalchemy as sa
from conftest import DIALECTS, _janitor, _pg_url
from pytest_postgresql.janitor import DatabaseJanitor
from support.files import STAMP, parquet, utf16, xlsx

from cockpit.filters import is_sale, sale_amount
from cockpit.ingest import history
from cockpit.ingest.cells import ReadOptions
from cockpit.ingest.pipeline import FileResult, ImportOptions, run_import
from cockpit.ingest.problems import IngestError
from cockpit.ingest.undo import undo_import
from cockpit.warehouse import read_engine
from cockpit.warehouse.schema import METADATA, external_ids, order_items, orders, products

BASE_DB = "cockpit_corpus_base"
IMPORT_TABLES = ("orders", "order_items", "customers", "products", "external_ids",
                 "order_revisions", "warehouse_info")
CLI_TIMEOUT_S = 180

# --- real export headers ---------------------------------------------------------------------
# Taobao/Tmall 订单报表 (千牛 → 导出订单), the 46 columns of a real export as found in public
# code, with the trailing spaces some of its headers carry. GBK, CRLF, ids as ="…".
TAOBAO_HEADER = [
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分",
    "总金额", "返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言",
    "收货人姓名", "收货地址 ", "运送方式", "联系电话 ", "联系手机", "订单创建时间",
    "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注", "宝贝总数量",
    "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单",
    "分阶段订单信息", "特权订金订单id", "是否上传合同照片", "是否上传小票", "是否代付", "定金排名",
    "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易",
    "退款金额", "预约门店",
]
# Douyin shop 抖店 order export: one row per sub-order, UTF-8 with BOM, ids as "\t…", "-".
DOUYIN_HEADER = [
    "主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码",
    "商品单价", "订单应付金额", "运费", "优惠总金额", "收件人", "收件人手机号", "省", "市", "区",
    "街道", "详细地址", "买家留言", "订单提交时间", "订单完成时间", "订单状态", "售后状态",
    "取消原因", "商家备注", "支付方式", "APP渠道", "流量来源",
]
# Shopify orders_export.csv (79 columns): one row per line item, order fields on the first.
SHOPIFY_HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
    "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
    "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
    "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
    "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip",
    "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes",
    "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level",
    "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value",
    "Tax 3 Name", "Tax 3 Value", "Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone",
    "Receipt Number", "Duties", "Billing Province Name", "Shipping Province Name", "Payment ID",
    "Payment Terms Name", "Next Payment Due At", "Payment References",
]
assert (len(TAOBAO_HEADER), len(SHOPIFY_HEADER)) == (46, 79)


def table_text(header: list[str], rows: list[dict[str, str]], *, sep: str = ",",
               eol: str = "\n", empty: str = "") -> str:
    """Delimited text: the header, then each row's cells by header name (the strip()ped name,
    so headers with trailing spaces are addressed without them); cells carry their quoting."""
    lines = [sep.join(header)]
    lines += [sep.join(row.get(h.strip(), empty) for h in header) for row in rows]
    return eol.join(lines) + eol


def lines(*rows: str, eol: str = "\n") -> str:
    return eol.join(rows) + eol


# --- the shipped profiles' files -------------------------------------------------------------
TB_PERSONAL = ("赵六", "钱七", "tb_alipay_zl@163.com", "13800138000", "13900139000",
               "科技园1号", "三里屯路2号", "文三路3号")


def taobao_rows() -> list[dict[str, str]]:
    return [
        {"订单编号": '="35153131473293579"', "买家会员名": "tb_wxm2024",
         "买家支付宝账号": "tb_alipay_zl@163.com", "买家实际支付金额": "128.50",
         "订单状态": "交易成功", "收货人姓名": "赵六",
         "收货地址": '"广东省 深圳市 南山区 粤海街道 科技园1号"', "联系手机": "'13800138000",
         "订单创建时间": "2024-03-01 10:28:49", "宝贝标题": "连帽卫衣", "宝贝总数量": "1",
         "退款金额": "0.00"},
        {"订单编号": '="35153131473293580"', "买家会员名": "583.0", "买家实际支付金额": "0.00",
         "订单状态": "交易关闭", "收货人姓名": "钱七",
         "收货地址": '"北京 北京市 朝阳区 三里屯路2号"', "联系手机": "13900139000",
         "订单创建时间": "2024-03-02 11:00:00", "退款金额": "0.00"},
        {"订单编号": '="35153131473293581"', "买家会员名": "583", "买家实际支付金额": "99.00",
         "订单状态": "退款成功", "收货人姓名": "钱七",
         "收货地址": '"浙江省 杭州市 西湖区 文三路3号"', "联系手机": "13900139000",
         "订单创建时间": "2024-03-03 12:00:00", "退款金额": "99.00"},
        {"订单编号": '="35153131473293582"', "买家会员名": "tb_wxm2024",
         "买家实际支付金额": "66.00", "订单状态": "等待买家付款",
         "收货地址": '"新疆维吾尔自治区 乌鲁木齐市 天山区 x路"',
         "订单创建时间": "2024-03-04 12:00:00", "退款金额": "0.00"},
        {"订单编号": '="35153131473293583"', "买家会员名": "tb_wxm2024",
         "买家实际支付金额": "200.00", "订单状态": "卖家已发货，等待买家确认",
         "收货地址": '"上海 上海市 浦东新区 y路"', "订单创建时间": "2024-03-05 12:00:00",
         "退款金额": "50.00"},
    ]


def taobao_csv(rows: list[dict[str, str]] | None = None) -> str:
    return table_text(TAOBAO_HEADER, taobao_rows() if rows is None else rows, eol="\r\n")


def taobao_one(**cells: str) -> list[dict[str, str]]:
    base = {"订单编号": '="3515313147329001"', "买家会员名": "tb_one", "买家实际支付金额": "10.00",
            "订单状态": "交易成功", "订单创建时间": "2024-03-01 10:00:00"}
    return [{**base, **cells}]


def taobao_xlsx() -> bytes:
    """A newer 千牛 export: .xlsx, ids as text, amounts as numbers, a date-formatted cell."""
    cells = {"订单编号": "35153131473293590", "买家会员名": "tb_x",
             "订单创建时间": (45352.25, STAMP), "买家实际支付金额": 88.8, "订单状态": "交易成功",
             "收货地址": "江苏省 南京市 玄武区 z路", "收货人姓名": "赵六", "退款金额": 0}
    return xlsx({"订单报表": [TAOBAO_HEADER, [cells.get(h.strip()) for h in TAOBAO_HEADER]]})


DY_PERSONAL = ("张三", "李四", "13800138000", "139****9000", "xx街道", "某路1号")
DY_P, DY_Q = "6917926768823643751", "6917926768823643752"


def douyin_rows() -> list[dict[str, str]]:
    return [
        {"主订单编号": f'"\t{DY_P}"', "子订单编号": f'"\t{DY_P}1"', "选购商品": '"\t辣丝丝"',
         "商品规格": '"\t1袋"', "商品数量": "2", "商品ID": '"\t3588123456789"',
         "商家编码": '"\tLSS-1"', "商品单价": "14.45", "订单应付金额": "28.90", "运费": "0.00",
         "收件人": "张三", "收件人手机号": "13800138000", "省": "四川省", "市": "成都市",
         "区": "武侯区", "街道": "xx街道", "详细地址": "某路1号",
         "订单提交时间": "2024-05-01 00:54:10", "订单状态": "已完成", "支付方式": "抖音支付"},
        {"主订单编号": f'"\t{DY_P}"', "子订单编号": f'"\t{DY_P}2"', "选购商品": '"\t麻辣牛肉"',
         "商品数量": "1", "商品ID": '"\t3588123456790"', "商品单价": "20.00",
         "订单应付金额": "20.00", "收件人": "张三", "收件人手机号": "13800138000", "省": "四川省",
         "市": "成都市", "订单提交时间": "2024-05-01 00:54:10", "订单状态": "已完成"},
        {"主订单编号": f'"\t{DY_Q}"', "子订单编号": f'"\t{DY_Q}1"', "选购商品": '"\t辣丝丝"',
         "商品数量": "1", "商品ID": '"\t3588123456789"', "商品单价": "14.45",
         "订单应付金额": "14.45", "收件人": "李四", "收件人手机号": "139****9000",
         "订单提交时间": "2024-05-02 10:00:00", "订单状态": "已关闭"},
    ]


DY_R, DY_S = "6917926768823643753", "6917926768823643754"


def douyin_after_sale_rows() -> list[dict[str, str]]:
    """Sub-orders with after-sales: P's first refunded, Q's in progress (售后中 order), R
    refunded whole, S refunded whole but already closed."""
    first, second, third = douyin_rows()
    return [{**first, "售后状态": "退款成功"}, {**second, "售后状态": "售后关闭"},
            {**third, "订单状态": "售后中", "售后状态": "退款中"},
            {**third, "主订单编号": f'"\t{DY_R}"', "订单状态": "已完成", "售后状态": "退款成功",
             "订单提交时间": "2024-05-03 10:00:00"},
            {**third, "主订单编号": f'"\t{DY_S}"', "售后状态": "退款成功",
             "订单提交时间": "2024-05-04 10:00:00"}]


def douyin_csv(rows: list[dict[str, str]] | None = None) -> bytes:
    text = table_text(DOUYIN_HEADER, douyin_rows() if rows is None else rows, empty="-")
    return codecs.BOM_UTF8 + text.encode("utf-8")


SHOPIFY_PERSONAL = ("ana@example.com", "bo@example.com", "Ana Souza", "+55 11 99999-0000",
                    "Rua Augusta 1")


def shopify_csv(currency: str = "USD") -> str:
    rows = [
        {"Name": "#1001", "Email": "ana@example.com", "Financial Status": "paid",
         "Currency": currency, "Subtotal": "30.00", "Total": "30.00",
         "Created at": "2025-09-11 20:20:59 -0300", "Lineitem quantity": "2",
         "Lineitem name": "Mug", "Lineitem price": "10.00", "Lineitem sku": "MUG-1",
         "Billing Name": "Ana Souza", "Shipping Name": "Ana Souza",
         "Shipping Address1": "Rua Augusta 1", "Shipping City": "São Paulo",
         "Shipping Province": "SP", "Shipping Country": "BR", "Phone": "+55 11 99999-0000",
         "Id": "5551234567", "Source": "web"},
        {"Name": "#1001", "Email": "ana@example.com", "Created at": "2025-09-11 20:20:59 -0300",
         "Lineitem quantity": "1", "Lineitem name": "Tea", "Lineitem price": "10.00",
         "Lineitem sku": "TEA-1"},
        {"Name": "#1002", "Email": "bo@example.com", "Financial Status": "partially_refunded",
         "Currency": currency, "Total": "50.00", "Refunded Amount": "20.00",
         "Created at": "2025-09-12 08:00:00 -0300", "Lineitem quantity": "1",
         "Lineitem name": "Pot", "Lineitem price": "50.00", "Lineitem sku": "POT-1"},
        {"Name": "#1003", "Email": "bo@example.com", "Financial Status": "voided",
         "Currency": currency, "Total": "5.00", "Created at": "2025-09-13 09:00:00 -0300",
         "Lineitem quantity": "1", "Lineitem name": "Tea", "Lineitem price": "5.00",
         "Lineitem sku": "TEA-1"},
    ]
    return table_text(SHOPIFY_HEADER, rows)


# --- generic files ---------------------------------------------------------------------------
GEN = "order_id,customer_id,ordered_at,total,status"
NOID = "customer_id,ordered_at,total,status"
LINES = "order_id,customer_id,ordered_at,sku,product_name,quantity,unit price,status"


def generic_xlsx() -> bytes:
    return xlsx({"订单": [["订单号", "客户ID", "下单时间", "实付金额", "订单状态"],
                          ["X-1", 583.0, (45292.5, STAMP), 12.5, "已付款"],
                          ["X-2", "u2", "2024-01-02 09:00:00", 0, "交易关闭"]],
                 "说明": [["导出说明"], ["仅供参考"]]})


def numeric_ids_xlsx() -> bytes:
    """Excel kept 17-digit order ids as numbers: two orders now share one id."""
    header = ["订单编号", "买家会员名", "订单创建时间", "买家实际支付金额", "订单状态"]
    return xlsx({"Sheet1": [header,
                            [35153131473293579, "u1", "2024-01-01 10:00:00", 12.5, "交易成功"],
                            [35153131473293580, "u2", "2024-01-02 09:00:00", 8, "交易成功"]]})


def typed_parquet() -> bytes:
    utc = dt.UTC
    return parquet(pa.table({
        "order_id": pa.array([1001, 1002], pa.int64()),
        "customer_id": pa.array([583.0, 584.0]),
        "ordered_at": pa.array([dt.datetime(2024, 1, 1, 0, 30, tzinfo=utc),
                                dt.datetime(2024, 1, 2, 20, 0, tzinfo=utc)],
                               pa.timestamp("us", tz="UTC")),
        "total": pa.array([12.5, 0.0]),
        "status": ["paid", "cancelled"],
    }))


def nan_parquet() -> bytes:
    return parquet(pa.table({"customer_id": ["u1", "u2"],
                             "ordered_at": ["2024-01-01", "2024-01-02"],
                             "total": pa.array([12.5, float("nan")])}))


# --- expectations ----------------------------------------------------------------------------
def order(ext: str | None, customer: str | None, at: str, total: float, status: str = "paid",
          **more: object) -> dict:
    """An expected order: its external id, buyer id (None: not checked, e.g. hashed), local
    time, amount paid and status; more: refunded, city, region, channel, platform, items."""
    found = {"ext_order": ext, "ordered_at": at, "total_cny": total, "status": status}
    if customer is not None:
        found["ext_customer"] = customer
    found.update({"refunded_cny": more.pop("refunded", None), "city": more.pop("city", None),
                  "region": more.pop("region", None), "channel": more.pop("channel", None)})
    if "items" in more:
        found["item_count"] = more.pop("items")
    found.update(more)
    return found


def line(ext: str, number: int, sku: str, name: str, quantity: int, price: float | None,
         amount: float) -> tuple:
    return (ext, number, sku, name, quantity, price, amount)


@dataclass(frozen=True)
class Rejected:
    """An error with this rule, naming `column` (None: the file as a whole) and starting at
    these `lines`; `says`: texts the report must contain."""

    rule: str
    column: str | None
    lines: tuple[int, ...]
    says: tuple[str, ...] = ()


@dataclass(frozen=True)
class Accepted:
    orders: list[dict]
    gmv: float | None = None
    warnings: frozenset[str] = frozenset()
    lines: list[tuple] | None = None
    absent: tuple[str, ...] = ()  # texts that no warehouse cell may contain
    check: Callable[[sa.Connection, FileResult, Target], None] | None = None


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    data: str | bytes | Callable[[], bytes]
    expect: Rejected | Accepted
    profile: str = "generic"
    read: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    mapping: str | None = None  # a user mapping file (TOML text)
    encoding: str = "utf-8"

    def content(self) -> bytes:
        data = self.data() if callable(self.data) else self.data
        return data.encode(self.encoding) if isinstance(data, str) else data

    def import_options(self, folder: Path) -> ImportOptions:
        mapping_file = None
        if self.mapping is not None:
            mapping_file = folder / "mapping.toml"
            mapping_file.write_text(self.mapping, encoding="utf-8")
        return ImportOptions(profile=self.profile, read=ReadOptions(**self.read),
                             mapping_file=str(mapping_file) if mapping_file else None,
                             **self.options)


NO_STATUS = frozenset({"no_status"})


def _history_fx(expected: dict[str, float]) -> Callable:
    def check(conn: sa.Connection, result: FileResult, target: Target) -> None:
        entry = history.entry(target.app_url, result.import_id)
        assert entry["options"]["fx"] == expected
        assert entry["status"] == "imported"
    return check


def _hashed_buyers(count: int) -> Callable:
    def check(conn: sa.Connection, result: FileResult, target: Target) -> None:
        ids = _orders_of(conn, result.import_id)["ext_customer"]
        assert ids.nunique() == count
        assert ids.str.fullmatch(r"[0-9a-f]{24}").all(), ids.tolist()
    return check


def _platforms(expected: str) -> Callable:
    def check(conn: sa.Connection, result: FileResult, target: Target) -> None:
        stmt = sa.select(external_ids.c.platform).distinct().where(
            external_ids.c.import_id == result.import_id)
        assert set(conn.execute(stmt).scalars()) == {expected}
    return check


def _nothing_written(conn: sa.Connection, result: FileResult, target: Target) -> None:
    assert not any(result.rows_written.values()), result.rows_written


CORPUS: list[Case] = [
    # --- Taobao / Tmall ----------------------------------------------------------------------
    Case("taobao-real-export-gbk", "ExportOrderList202403061200.csv", taobao_csv(),
         Accepted([
             order("35153131473293579", "tb_wxm2024", "2024-03-01 10:28:49", 128.5,
                   refunded=0.0, city="深圳", region="south", platform="taobao"),
             order("35153131473293580", "583", "2024-03-02 11:00:00", 0.0, "closed",
                   refunded=0.0, city="北京", region="north"),
             order("35153131473293581", "583", "2024-03-03 12:00:00", 99.0, "refunded",
                   refunded=99.0, city="杭州", region="east"),
             order("35153131473293582", "tb_wxm2024", "2024-03-04 12:00:00", 66.0, "unpaid",
                   refunded=0.0, city="乌鲁木齐", region="northwest"),
             order("35153131473293583", "tb_wxm2024", "2024-03-05 12:00:00", 200.0,
                   refunded=50.0, city="上海", region="east")],
             gmv=128.5 + 0 + 150.0, absent=TB_PERSONAL), profile="taobao", encoding="gbk"),
    Case("taobao-gb18030-rare-characters", "ExportOrderList.csv",
         taobao_csv(taobao_one(买家会员名="𠮷野家_店", 宝贝标题="䶮字T恤")),
         Accepted([order("3515313147329001", "𠮷野家_店", "2024-03-01 10:00:00", 10.0)]),
         profile="taobao", encoding="gb18030"),
    Case("taobao-xlsx", "ExportOrderList.xlsx", taobao_xlsx,
         Accepted([order("35153131473293590", "tb_x", "2024-03-01 06:00:00", 88.8,
                         refunded=0.0, city="南京", region="east")], absent=("赵六",)),
         profile="taobao"),
    Case("taobao-utf16-tab-text", "ExportOrderList.txt",
         lambda: utf16(table_text(TAOBAO_HEADER, taobao_one(), sep="\t", eol="\r\n")
                       .replace('="3515313147329001"', "3515313147329001")),
         Accepted([order("3515313147329001", "tb_one", "2024-03-01 10:00:00", 10.0)]),
         profile="taobao"),
    Case("taobao-unknown-status", "ExportOrderList.csv",
         taobao_csv(taobao_rows()[:2] + taobao_one(订单状态="已签收未评价")),
         Rejected("unknown_status", "订单状态", (4,), ("'已签收未评价'", "--mapping")),
         profile="taobao", encoding="gbk"),
    Case("taobao-unknown-status-mapped", "ExportOrderList.csv",
         taobao_csv(taobao_one(订单状态="已签收未评价")),
         Accepted([order("3515313147329001", "tb_one", "2024-03-01 10:00:00", 10.0)],
                  gmv=10.0),
         profile="taobao", encoding="gbk",
         mapping='extends = "taobao"\n[statuses]\n"已签收未评价" = "paid"\n'),
    Case("taobao-bad-amount-after-multiline-note", "ExportOrderList.csv",
         taobao_csv(taobao_rows()[:1] + taobao_one(订单备注='"第一行\r\n第二行\r\n第三行"')
                    + taobao_one(订单编号='="3515313147329002"', 买家实际支付金额="待定")),
         Rejected("not_a_number", "买家实际支付金额", (6,), ("'待定'",)),
         profile="taobao", encoding="gbk"),
    Case("taobao-id-in-scientific-notation", "ExportOrderList.csv",
         taobao_csv(taobao_one(订单编号="3.51531E+17")),
         Rejected("id_scientific", "订单编号", (2,), ("format the id column as text",)),
         profile="taobao", encoding="gbk"),
    Case("taobao-xlsx-ids-stored-as-numbers", "ExportOrderList.xlsx", numeric_ids_xlsx,
         Rejected("order_disagrees", "买家会员名", (2, 3), ("more than 15 digits",)),
         profile="taobao"),
    Case("taobao-same-order-listed-twice", "ExportOrderList.csv",
         taobao_csv(taobao_one() + taobao_one()),
         Accepted([order("3515313147329001", "tb_one", "2024-03-01 10:00:00", 10.0)]),
         profile="taobao", encoding="gbk"),
    # --- Douyin ------------------------------------------------------------------------------
    Case("douyin-real-export", "抖店订单导出.csv", douyin_csv,
         Accepted([order(DY_P, None, "2024-05-01 00:54:10", 48.9, city="成都",
                         region="southwest", items=2, platform="douyin"),
                   order(DY_Q, None, "2024-05-02 10:00:00", 14.45, "closed", items=1)],
                  gmv=48.9,
                  lines=[line(DY_P, 1, "3588123456789", "辣丝丝", 2, 14.45, 28.9),
                         line(DY_P, 2, "3588123456790", "麻辣牛肉", 1, 20.0, 20.0),
                         line(DY_Q, 1, "3588123456789", "辣丝丝", 1, 14.45, 14.45)],
                  absent=DY_PERSONAL, check=_hashed_buyers(2)),
         profile="douyin"),
    Case("douyin-sub-orders-disagree", "抖店订单导出.csv",
         lambda: douyin_csv(douyin_rows()[:1] + [{**douyin_rows()[1],
                                                  "订单提交时间": "2024-05-01 09:00:00"}]),
         Rejected("order_disagrees", "订单提交时间", (2, 3), ("'2024-05-01 09:00:00'",)),
         profile="douyin"),
    Case("douyin-no-buyer-on-any-line", "抖店订单导出.csv",
         lambda: douyin_csv([{**r, "收件人手机号": "-"} for r in douyin_rows()[2:]]),
         Rejected("empty_value", "收件人手机号", (2,), ("have no customer_id",)),
         profile="douyin"),
    Case("douyin-unknown-status", "抖店订单导出.csv",
         lambda: douyin_csv(douyin_rows()[:2] + [{**douyin_rows()[2], "订单状态": "已签收"}]),
         Rejected("unknown_status", "订单状态", (4,), ("'已签收'",)), profile="douyin"),
    Case("douyin-after-sale-refunds", "抖店订单导出.csv",
         lambda: douyin_csv(douyin_after_sale_rows()),
         Accepted([order(DY_P, None, "2024-05-01 00:54:10", 48.9, refunded=28.9, items=2,
                         city="成都", region="southwest"),
                   order(DY_Q, None, "2024-05-02 10:00:00", 14.45, items=1),
                   order(DY_R, None, "2024-05-03 10:00:00", 14.45, "refunded", refunded=14.45),
                   order(DY_S, None, "2024-05-04 10:00:00", 14.45, "closed", refunded=14.45)],
                  gmv=48.9 - 28.9 + 14.45, warnings=frozenset({"after_sale_pending"})),
         profile="douyin"),
    Case("douyin-unknown-after-sale", "抖店订单导出.csv",
         lambda: douyin_csv(douyin_rows()[:2] + [{**douyin_rows()[2], "售后状态": "售后完成"}]),
         Rejected("unknown_after_sale", "售后状态", (4,),
                  ("'售后完成'", "[after_sales]", "--mapping")), profile="douyin"),
    Case("douyin-unknown-after-sale-mapped", "抖店订单导出.csv",
         lambda: douyin_csv(douyin_rows()[:2] + [{**douyin_rows()[2], "订单状态": "已完成",
                                                  "售后状态": "售后完成"}]),
         Accepted([order(DY_P, None, "2024-05-01 00:54:10", 48.9, items=2, city="成都",
                         region="southwest"),
                   order(DY_Q, None, "2024-05-02 10:00:00", 14.45, "refunded",
                         refunded=14.45)], gmv=48.9),
         profile="douyin", mapping='extends = "douyin"\n[after_sales]\n"售后完成" = "refunded"\n'),
    # --- Shopify -----------------------------------------------------------------------------
    Case("shopify-usd-without-fx", "orders_export.csv", shopify_csv(),
         Rejected("currency_without_rate", "Currency", (2, 3, 4), ("in USD", "--fx USD=")),
         profile="shopify"),
    Case("shopify-usd-with-fx", "orders_export_1.csv", shopify_csv(),
         Accepted([order("#1001", None, "2025-09-12 07:20:59", 216.0, items=2,
                         city="São Paulo", platform="shopify"),
                   order("#1002", None, "2025-09-12 19:00:00", 360.0, refunded=144.0, items=1),
                   order("#1003", None, "2025-09-13 20:00:00", 36.0, "cancelled", items=1)],
                  gmv=216.0 + 360.0 - 144.0,
                  lines=[line("#1001", 1, "MUG-1", "Mug", 2, 72.0, 144.0),
                         line("#1001", 2, "TEA-1", "Tea", 1, 72.0, 72.0),
                         line("#1002", 1, "POT-1", "Pot", 1, 360.0, 360.0),
                         line("#1003", 1, "TEA-1", "Tea", 1, 36.0, 36.0)],
                  absent=SHOPIFY_PERSONAL, check=_history_fx({"USD": 7.2})),
         profile="shopify", read={"fx": {"USD": 7.2}}),
    Case("shopify-cny-shop-timezone", "orders_export.csv", shopify_csv("CNY"),
         Accepted([order("#1001", None, "2025-09-11 20:20:59", 30.0, items=2,
                         city="São Paulo"),
                   order("#1002", None, "2025-09-12 08:00:00", 50.0, refunded=20.0, items=1),
                   order("#1003", None, "2025-09-13 09:00:00", 5.0, "cancelled", items=1)],
                  gmv=60.0, absent=SHOPIFY_PERSONAL, check=_hashed_buyers(2)),
         profile="shopify", read={"timezone": "America/Sao_Paulo"}),
    Case("shopify-expired-status", "orders_export.csv",
         shopify_csv("CNY").replace(",voided,", ",expired,"),
         Rejected("unknown_status", "Financial Status", (5,), ("'expired'",)),
         profile="shopify"),
    # --- encodings and file kinds ------------------------------------------------------------
    Case("utf8-bom", "orders.csv", codecs.BOM_UTF8 + lines(
         GEN, "A1,u1,2024-01-01 10:00:00,5,paid").encode(),
         Accepted([order("A1", "u1", "2024-01-01 10:00:00", 5.0)], gmv=5.0)),
    Case("gbk-chinese-headers", "订单.csv",
         lines("订单号,客户ID,下单时间,实付金额,订单状态,省份,城市",
               "D1,王五,2024/1/5 9:30,99.5,已付款,湖北省,武汉市"),
         Accepted([order("D1", "王五", "2024-01-05 09:30:00", 99.5, city="武汉",
                         region="central")]), encoding="gbk"),
    Case("utf16-be-bom", "orders.csv",
         lambda: utf16(lines(GEN, "A1,u1,2024-01-01,5,paid"), "be"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0)])),
    Case("utf16-without-bom", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid"),
         Rejected("nul_bytes", None, (1,), ("UTF-16",)), encoding="utf-16-le"),
    Case("neither-utf8-nor-gbk", "orders.csv",
         lines(GEN, "A1,u1,2024-01-01,5,paid").encode() + b"A2,\x80\x80,2024-01-01,5,paid\n",
         Rejected("encoding", None, (3,), ("CSV UTF-8",))),
    Case("semicolon-delimited", "orders.csv",
         lines("order_id;customer_id;ordered_at;total;status", "A1;u1;2024-01-01;5;paid"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0)])),
    Case("tab-delimited", "orders.tsv", lines(GEN.replace(",", "\t"),
                                             "A1\tu1\t2024-01-01\t5\tpaid"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0)])),
    Case("parquet-typed-columns", "orders.parquet", typed_parquet,
         Accepted([order("1001", "583", "2024-01-01 08:30:00", 12.5),
                   order("1002", "584", "2024-01-03 04:00:00", 0.0, "cancelled")], gmv=12.5)),
    Case("parquet-nan-amount", "orders.parquet", nan_parquet,
         Rejected("not_a_number", "total", (3,), ("'nan'",))),
    Case("xlsx-two-sheets", "订单.xlsx", generic_xlsx,
         Accepted([order("X-1", "583", "2024-01-01 12:00:00", 12.5),
                   order("X-2", "u2", "2024-01-02 09:00:00", 0.0, "closed")], gmv=12.5,
                  warnings=frozenset({"other_sheets"}))),
    Case("html-named-xls", "ExportOrderList.xls",
         b"<html><body><table><tr><td>\xe8\xae\xa2\xe5\x8d\x95</td></tr></table></body></html>",
         Rejected("markup_as_excel", None, (), ("save it as .xlsx",))),
    Case("empty-file", "orders.csv", b"", Rejected("empty_file", None, ())),
    Case("header-only", "orders.csv", lines(GEN),
         Accepted([], gmv=0.0, check=_nothing_written)),
    Case("crlf-and-blank-lines", "orders.csv",
         lines(GEN, "A1,u1,2024-01-01,5,paid", "", "", "A2,u2,2024-01-02,五元,paid",
               eol="\r\n"), Rejected("not_a_number", "total", (5,), ("'五元'",))),
    # --- dates -------------------------------------------------------------------------------
    Case("ambiguous-day-month", "orders.csv",
         lines(GEN, "A1,u1,03-01-2024,5,paid", "A2,u2,04-02-2024,6,paid"),
         Rejected("ambiguous_day_order", "ordered_at", (2, 3),
                  ("is '03-01-2024' 3 January 2024 (day-first) or March 1, 2024 "
                   "(month-first)?", "--dayfirst or --monthfirst"))),
    Case("ambiguous-day-month-dayfirst", "orders.csv",
         lines(GEN, "A1,u1,03-01-2024,5,paid", "A2,u2,04-02-2024,6,paid"),
         Accepted([order("A1", "u1", "2024-01-03 00:00:00", 5.0),
                   order("A2", "u2", "2024-02-04 00:00:00", 6.0)]), read={"dayfirst": True}),
    Case("ambiguous-day-month-monthfirst", "orders.csv",
         lines(GEN, "A1,u1,03-01-2024 18:05,5,paid"),
         Accepted([order("A1", "u1", "2024-03-01 18:05:00", 5.0)]),
         read={"dayfirst": False}),
    Case("day-first-proven-by-data", "orders.csv",
         lines(GEN, "A1,u1,13/01/2024,5,paid", "A2,u2,03/02/2024,6,paid"),
         Accepted([order("A1", "u1", "2024-01-13 00:00:00", 5.0),
                   order("A2", "u2", "2024-02-03 00:00:00", 6.0)])),
    Case("day-order-mixed", "orders.csv",
         lines(GEN, "A1,u1,13/01/2024,5,paid", "A2,u2,01/13/2024,6,paid"),
         Rejected("mixed_day_order", "ordered_at", (2, 3))),
    Case("dayfirst-contradicted", "orders.csv", lines(GEN, "A1,u1,01/13/2024,5,paid"),
         Rejected("contradicts_day_order", "ordered_at", (2,), ("month-first",)),
         read={"dayfirst": True}),
    Case("chinese-and-slash-dates", "orders.csv",
         lines(GEN, "A1,u1,2024年1月5日 14:30,5,paid", "A2,u2,2024/1/6,5,paid",
               "A3,u3,2024-01-07 02:30 PM,5,paid"),
         Accepted([order("A1", "u1", "2024-01-05 14:30:00", 5.0),
                   order("A2", "u2", "2024-01-06 00:00:00", 5.0),
                   order("A3", "u3", "2024-01-07 14:30:00", 5.0)])),
    Case("offsets-and-z", "orders.csv",
         lines(GEN, "A1,u1,2024-01-07T08:00:00Z,5,paid",
               "A2,u2,2024-01-07T08:00:00+08:00,5,paid",
               "A3,u3,2024-01-07 23:30:00 -0500,5,paid"),
         Accepted([order("A1", "u1", "2024-01-07 16:00:00", 5.0),
                   order("A2", "u2", "2024-01-07 08:00:00", 5.0),
                   order("A3", "u3", "2024-01-08 12:30:00", 5.0)])),
    Case("excel-serial-dates", "orders.csv",
         lines(GEN, "A1,u1,45292,5,paid", "A2,u2,45293.75,5,paid"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0),
                   order("A2", "u2", "2024-01-02 18:00:00", 5.0)])),
    Case("serials-among-dates", "orders.csv",
         lines(GEN, "A1,u1,45292,5,paid", "A2,u2,2024-01-02,5,paid"),
         Rejected("mixed_date_formats", "ordered_at", (2,))),
    Case("not-a-date", "orders.csv", lines(GEN, "A1,u1,yesterday,5,paid"),
         Rejected("not_a_date", "ordered_at", (2,), ("'yesterday'",))),
    Case("no-such-day", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid",
                                           "A2,u1,2024-02-30,5,paid"),
         Rejected("invalid_date", "ordered_at", (3,), ("'2024-02-30'",))),
    Case("empty-date", "orders.csv", lines(GEN, "A1,u1,,5,paid"),
         Rejected("empty", "ordered_at", (2,))),
    Case("future-date-warns", "orders.csv", lines(GEN, "F1,u1,2099-01-01 10:00:00,5,paid"),
         Accepted([order("F1", "u1", "2099-01-01 10:00:00", 5.0)],
                  warnings=frozenset({"future_date"}))),
    Case("future-date-strict", "orders.csv", lines(GEN, "F1,u1,2099-01-01 10:00:00,5,paid"),
         Rejected("future_date", "ordered_at", (2,)), options={"strict": True}),
    # --- money -------------------------------------------------------------------------------
    Case("decimal-comma-column", "orders.csv",
         lines("order_id;customer_id;ordered_at;total;status",
               "A1;u1;2024-01-01;5.880,00;paid", "A2;u2;2024-01-02;12,50;paid"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5880.0),
                   order("A2", "u2", "2024-01-02 00:00:00", 12.5)], gmv=5892.5)),
    Case("yuan-signs-and-thousands", "orders.csv",
         lines(GEN, 'A1,u1,2024-01-01,"¥1,234.50",paid', "A2,u2,2024-01-02,2000元,paid",
               "A3,u3,2024-01-03,RMB 88,paid", "A4,u4,2024-01-04,１２３.５０,paid",
               "A5,u5,2024-01-05,\"1 234,5\",paid"),
         Rejected("mixed_decimal", "total", (2, 5, 6))),
    Case("yuan-signs-thousands-fullwidth", "orders.csv",
         lines(GEN, 'A1,u1,2024-01-01,"¥1,234.50",paid', "A2,u2,2024-01-02,2000元,paid",
               "A3,u3,2024-01-03,RMB 88,paid", "A4,u4,2024-01-04,１２３.５０,paid",
               'A5,u5,2024-01-05,"¥ 12,000",paid'),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 1234.5),
                   order("A2", "u2", "2024-01-02 00:00:00", 2000.0),
                   order("A3", "u3", "2024-01-03 00:00:00", 88.0),
                   order("A4", "u4", "2024-01-04 00:00:00", 123.5),
                   order("A5", "u5", "2024-01-05 00:00:00", 12000.0)], gmv=15446.0)),
    Case("inf-amount", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid",
                                          "A2,u2,2024-01-01,inf,paid"),
         Rejected("not_a_number", "total", (3,), ("'inf'",))),
    Case("nan-amount", "orders.csv", lines(GEN, "A1,u1,2024-01-01,NaN,paid"),
         Rejected("not_a_number", "total", (2,), ("'NaN'",))),
    Case("words-in-amount", "orders.csv", lines(GEN, "A1,u1,2024-01-01,免费,paid",
                                               "A2,u1,2024-01-01,ten,paid"),
         Rejected("not_a_number", "total", (2, 3))),
    Case("negative-amount", "orders.csv", lines(GEN, "A1,u1,2024-01-01,-5,paid"),
         Rejected("negative", "total", (2,))),
    Case("zero-amount", "orders.csv", lines(GEN, "Z1,u1,2024-01-01,0,paid"),
         Accepted([order("Z1", "u1", "2024-01-01 00:00:00", 0.0)], gmv=0.0)),
    Case("thousands-separator-unquoted", "orders.csv",
         lines(GEN, "A1,u1,2024-01-01,1,234.50,paid"),
         Rejected("too_many_fields", None, (2,), ("thousands separator",))),
    Case("dollar-amount", "orders.csv", lines(GEN, "A1,u1,2024-01-01,$12.00,paid"),
         Rejected("currency", "total", (2,))),
    Case("ambiguous-thousands", "orders.csv", lines(GEN, "A1,u1,2024-01-01,1.234,paid"),
         Rejected("ambiguous_number", "total", (2,))),
    Case("empty-amount", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid",
                                            "A2,u2,2024-01-02,,paid"),
         Rejected("empty_value", "total", (3,), ("have no amount paid",))),
    # --- ids ---------------------------------------------------------------------------------
    Case("ids-kept-as-text", "orders.csv",
         lines(GEN, "#1001,583.0,2024-01-01,5,paid", "007,583,2024-01-02,6,paid",
               "351531314732935791,C2M-HOODIE-01,2024-01-03,7,paid",
               "1001,00583,2024-01-04,8,paid"),
         Accepted([order("#1001", "583", "2024-01-01 00:00:00", 5.0),
                   order("007", "583", "2024-01-02 00:00:00", 6.0),
                   order("351531314732935791", "C2M-HOODIE-01", "2024-01-03 00:00:00", 7.0),
                   order("1001", "00583", "2024-01-04 00:00:00", 8.0)],
                  check=lambda conn, result, target: _count_customers(conn, result, 3))),
    Case("empty-buyer-id", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid",
                                              "A2,,2024-01-01,5,paid"),
         Rejected("empty", "customer_id", (3,))),
    # --- columns -----------------------------------------------------------------------------
    Case("two-columns-one-field", "orders.csv",
         lines("order_id,customer_id,ordered_at,amount,金额", "A1,u1,2024-01-01,5,5"),
         Rejected("two_columns_one_field", "amount and 金额", (1,), ("total_cny",))),
    Case("no-buyer-column", "orders.csv", lines("order_id,ordered_at,total", "A1,2024-01-01,5"),
         Rejected("missing_column", None, (1,), ("customer_id", "买家会员名"))),
    Case("duplicate-header", "orders.csv",
         lines("order_id,customer_id,ordered_at,total,customer_id", "A1,u1,2024-01-01,5,u1"),
         Rejected("duplicate_header", "customer_id", (1,))),
    Case("value-under-no-header", "orders.csv",
         lines("order_id,customer_id,ordered_at,total,", "A1,u1,2024-01-01,5,",
               "A2,u2,2024-01-01,5,oops"),
         Rejected("unnamed_column", None, (3,), ("column 5",))),
    Case("row-too-short", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid",
                                             "A2,u2,2024-01-01"),
         Rejected("too_few_fields", None, (3,))),
    Case("quote-never-closed", "orders.csv",
         lines(GEN, "A1,u1,2024-01-01,5,paid", 'A2,u2,"2024-01-01,5,paid',
               "A3,u3,2024-01-01,5,paid"),
         Rejected("unclosed_quote", None, (3,))),
    Case("header-aliases-loosely", "orders.csv",
         lines("Order ID,Customer  ID,ORDER DATE,Order Total,Order-Status",
               "A1,u1,2024-01-01,5,Paid"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0)])),
    Case("mapping-file-columns", "erp.csv",
         lines("单号,会员昵称X,成交时间,成交额,状态", "E1,vip-1,2024-01-01 08:00,88,成交"),
         Accepted([order("E1", "vip-1", "2024-01-01 08:00:00", 88.0)], gmv=88.0),
         mapping='[columns]\norder_id = "单号"\ncustomer_id = "会员昵称X"\n'
                 'ordered_at = "成交时间"\ntotal_cny = "成交额"\nstatus = "状态"\n'
                 '[statuses]\n"成交" = "paid"\n'),
    Case("mapping-file-bad-target", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,签收"),
         Rejected("unknown_status_target", None, (), ("'签收'", "'received'")),
         mapping='[statuses]\n"签收" = "received"\n'),
    Case("mapping-file-not-toml", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid"),
         Rejected("bad_mapping_file", None, (), ("UTF-8 TOML",)),
         mapping="[statuses\nnot toml"),
    # --- statuses ----------------------------------------------------------------------------
    Case("statuses-and-gmv-meaning", "orders.csv",
         lines("order_id,customer_id,ordered_at,total,refund,status",
               "S1,u1,2024-01-01,100,,paid", "S2,u1,2024-01-01,200,,交易成功",
               "S3,u1,2024-01-01,300,,等待买家付款", "S4,u1,2024-01-01,400,,交易关闭",
               "S5,u1,2024-01-01,500,,cancelled", "S6,u1,2024-01-01,600,600,退款成功",
               "S7,u1,2024-01-01,700,100,returned", "S8,u1,2024-01-01,800,50,paid"),
         Accepted([order("S1", "u1", "2024-01-01 00:00:00", 100.0),
                   order("S2", "u1", "2024-01-01 00:00:00", 200.0),
                   order("S3", "u1", "2024-01-01 00:00:00", 300.0, "unpaid"),
                   order("S4", "u1", "2024-01-01 00:00:00", 400.0, "closed"),
                   order("S5", "u1", "2024-01-01 00:00:00", 500.0, "cancelled"),
                   order("S6", "u1", "2024-01-01 00:00:00", 600.0, "refunded", refunded=600.0),
                   order("S7", "u1", "2024-01-01 00:00:00", 700.0, "returned", refunded=100.0),
                   order("S8", "u1", "2024-01-01 00:00:00", 800.0, refunded=50.0)],
                  gmv=100 + 200 + 0 + 600 + 750)),
    Case("unknown-status", "orders.csv",
         lines(GEN, "A1,u1,2024-01-01,5,paid", "A2,u1,2024-01-01,5,on hold",
               "A3,u1,2024-01-01,5,on hold"),
         Rejected("unknown_status", "status", (3, 4), ("'on hold'",))),
    Case("unknown-status-mapped", "orders.csv",
         lines(GEN, "A1,u1,2024-01-01,5,paid", "A2,u1,2024-01-01,5,on hold"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0),
                   order("A2", "u1", "2024-01-01 00:00:00", 5.0, "unpaid")], gmv=5.0),
         mapping='[statuses]\n"On Hold" = "unpaid"\n'),
    Case("status-spelling-variants", "orders.csv",
         lines(GEN, "A1,u1,2024-01-01,5, PAID ", "A2,u1,2024-01-01,5,Refunded",
               "A3,u1,2024-01-01,5,Canceled"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0),
                   order("A2", "u1", "2024-01-01 00:00:00", 5.0, "refunded"),
                   order("A3", "u1", "2024-01-01 00:00:00", 5.0, "cancelled")], gmv=10.0)),
    Case("no-status-column", "orders.csv",
         lines("order_id,customer_id,ordered_at,total", "A1,u1,2024-01-01,5"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0)], gmv=5.0,
                  warnings=NO_STATUS)),
    Case("empty-status", "orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid",
                                            "A2,u1,2024-01-01,5,"),
         Rejected("unknown_status", "status", (3,))),
    # --- order lines -------------------------------------------------------------------------
    Case("lines-fold-into-orders", "order_lines.csv",
         lines(LINES, "O1,c1,2024-01-01 10:00,S1,卫衣,2,10.5,paid",
               "O1,c1,2024-01-01 10:00,S2,袜子,1,3,paid", "O2,c2,2024-01-02,S1,卫衣,1,10.5,paid"),
         Accepted([order("O1", "c1", "2024-01-01 10:00:00", 24.0, items=2),
                   order("O2", "c2", "2024-01-02 00:00:00", 10.5, items=1)], gmv=34.5,
                  lines=[line("O1", 1, "S1", "卫衣", 2, 10.5, 21.0),
                         line("O1", 2, "S2", "袜子", 1, 3.0, 3.0),
                         line("O2", 1, "S1", "卫衣", 1, 10.5, 10.5)])),
    Case("lines-disagree-on-order-field", "order_lines.csv",
         lines(LINES, "O1,c1,2024-01-01 10:00,S1,卫衣,2,10.5,paid",
               "O1,c2,2024-01-01 10:00,S2,袜子,1,3,paid"),
         Rejected("order_disagrees", "customer_id", (2, 3), ("'c2'",))),
    Case("fractional-quantity", "order_lines.csv",
         lines(LINES, "O1,c1,2024-01-01,S1,卫衣,1.5,10,paid"),
         Rejected("not_whole", "quantity", (2,))),
    Case("line-without-product", "order_lines.csv",
         lines(LINES, "O1,c1,2024-01-01,S1,卫衣,1,10,paid", "O1,c1,2024-01-01,,,1,10,paid"),
         Rejected("empty_value", "sku", (3,), ("name no product",))),
    Case("lines-without-order-ids", "lines.csv",
         lines("customer_id,ordered_at,sku,quantity,price,status",
               "c1,2024-01-01,S1,2,10,paid", "c1,2024-01-01,S2,1,3,paid"),
         Accepted([order(None, "c1", "2024-01-01 00:00:00", 20.0, items=1),
                   order(None, "c1", "2024-01-01 00:00:00", 3.0, items=1)], gmv=23.0)),
    Case("duplicate-lines-without-ids", "orders.csv",
         lines(NOID, "u1,2024-01-01,5,paid", "u1,2024-01-01,5,paid", "u2,2024-01-01,5,paid"),
         Accepted([order(None, "u1", "2024-01-01 00:00:00", 5.0),
                   order(None, "u1", "2024-01-01 00:00:00", 5.0),
                   order(None, "u2", "2024-01-01 00:00:00", 5.0)], gmv=15.0,
                  warnings=frozenset({"duplicate_lines"}))),
    Case("duplicate-lines-strict", "orders.csv",
         lines(NOID, "u1,2024-01-01,5,paid", "u1,2024-01-01,5,paid"),
         Rejected("duplicate_lines", None, (3,), ("same as line 2",)),
         options={"strict": True}),
    # --- dimensions --------------------------------------------------------------------------
    Case("unknown-channel", "orders.csv",
         lines("order_id,customer_id,ordered_at,total,status,channel",
               "A1,u1,2024-01-01,5,paid,tmall_live"),
         Rejected("unknown_channel", "channel", (2,), ("'tmall_live'",))),
    Case("dimensions-or-null", "orders.csv",
         lines("order_id,customer_id,ordered_at,total,status,channel,省,城市",
               "A1,u1,2024-01-01,5,paid,app,广东省,深圳市", "A2,u1,2024-01-01,5,paid,,火星,",
               "A3,u1,2024-01-01,5,paid,,,",
               "A4,u1,2024-01-01,5,paid,wecom,内蒙古自治区,呼和浩特市"),
         Accepted([order("A1", "u1", "2024-01-01 00:00:00", 5.0, channel="app", city="深圳",
                         region="south"),
                   order("A2", "u1", "2024-01-01 00:00:00", 5.0),
                   order("A3", "u1", "2024-01-01 00:00:00", 5.0),
                   order("A4", "u1", "2024-01-01 00:00:00", 5.0, channel="wecom",
                         city="呼和浩特", region="north")])),
    Case("platform-option", "jd.csv", lines(GEN, "J1,u1,2024-01-01,5,paid"),
         Accepted([order("J1", "u1", "2024-01-01 00:00:00", 5.0, platform="jd")],
                  check=_platforms("jd")), options={"platform": "jd"}),
    Case("platform-unknown", "orders.csv", lines(GEN, "J1,u1,2024-01-01,5,paid"),
         Rejected("not_allowed", "orders.platform", (2,), ("'mars'",)),
         options={"platform": "mars"}),
    # --- personal data -----------------------------------------------------------------------
    Case("personal-columns-dropped", "orders.csv",
         lines("订单号,客户ID,下单时间,实付金额,订单状态,收货人姓名,联系手机,收货地址,详细地址",
               "P1,vip-9,2024-01-01,5,已付款,孙八,13700137000,江苏省 苏州市 姑苏区 平江路9号,"
               "平江路9号"),
         Accepted([order("P1", "vip-9", "2024-01-01 00:00:00", 5.0, city="苏州",
                         region="east")], absent=("孙八", "13700137000", "平江路9号"))),
    Case("hash-customer-ids", "orders.csv",
         lines(GEN, "H1,buyer-secret-1,2024-01-01,5,paid", "H2,buyer-secret-2,2024-01-01,5,paid",
               "H3,buyer-secret-1,2024-01-02,5,paid"),
         Accepted([order("H1", None, "2024-01-01 00:00:00", 5.0),
                   order("H2", None, "2024-01-01 00:00:00", 5.0),
                   order("H3", None, "2024-01-02 00:00:00", 5.0)],
                  absent=("buyer-secret",), check=_hashed_buyers(2)),
         options={"hash_customer_ids": True}),
]


def _count_customers(conn: sa.Connection, result: FileResult, expected: int) -> None:
    assert result.rows_written["customers"] == expected


# --- warehouses ------------------------------------------------------------------------------
BASELINE = lines(LINES, "BASE-1,base-c1,2023-06-01 09:00:00,BASE-SKU,基线商品,2,10,paid",
                 "BASE-1,base-c1,2023-06-01 09:00:00,BASE-SKU2,基线商品2,1,5,paid",
                 "BASE-2,base-c2,2023-06-02 09:00:00,BASE-SKU,基线商品,1,10,refunded")


@dataclass(frozen=True)
class Target:
    """A warehouse (DuckDB file or PostgreSQL database) and this test's app store."""

    url: str
    app_url: str
    folder: Path

    @property
    def file(self) -> Path | None:
        from cockpit.warehouse.engine import is_embedded_file

        return is_embedded_file(self.url)

    def run(self, name: str, data: bytes | str, **options) -> list[FileResult]:
        path = self.folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        read = options.pop("read", {})
        return run_import([path], ImportOptions(read=ReadOptions(**read), **options),
                          self.url, self.app_url)


@pytest.fixture
def target(empty_warehouse: sa.Engine, tmp_path: Path) -> Target:
    """An empty warehouse (the schema, no rows) on each dialect, with an app store."""
    url = empty_warehouse.url.render_as_string(hide_password=False)
    empty_warehouse.dispose()
    folder = tmp_path / "files"
    folder.mkdir()
    return Target(url, f"sqlite:///{tmp_path / 'app.sqlite'}", folder)


@pytest.fixture(scope="module", params=DIALECTS)
def baseline(request, tmp_path_factory) -> Iterator[Target]:
    """A warehouse holding the baseline import (2 orders, 3 lines, 2 customers, 2 products),
    made once per module and dialect and copied for each test: a DuckDB file, or a
    PostgreSQL database used as the template of each test's database."""
    folder = tmp_path_factory.mktemp("baseline")
    app_url = f"sqlite:///{folder / 'app.sqlite'}"
    if request.param == "duckdb":
        yield _with_baseline(Target(f"duckdb:///{folder / 'base.duckdb'}", app_url, folder))
        return
    proc = request.getfixturevalue("postgresql_proc")
    with _janitor(proc, BASE_DB):
        yield _with_baseline(Target(_pg_url(proc, BASE_DB), app_url, folder))


def _with_baseline(target: Target) -> Target:
    result, = target.run("baseline.csv", BASELINE)
    assert result.rows_written["orders"] == 2
    return target


@pytest.fixture
def warehouse(baseline: Target, request, tmp_path: Path) -> Iterator[Target]:
    """A copy of the baseline warehouse and its app store for this test."""
    folder = tmp_path / "files"
    folder.mkdir()
    app_store = tmp_path / "app.sqlite"
    shutil.copyfile(sa.make_url(baseline.app_url).database, app_store)
    if baseline.file is not None:
        (tmp_path / "warehouse").mkdir()
        copy = tmp_path / "warehouse" / "wh.duckdb"
        shutil.copyfile(baseline.file, copy)
        yield _relabelled(Target(f"duckdb:///{copy}", f"sqlite:///{app_store}", folder),
                          baseline)
        return
    from conftest import _db_counter

    proc = request.getfixturevalue("postgresql_proc")
    dbname = f"cockpit_corpus_{next(_db_counter)}"
    with DatabaseJanitor(user=proc.user, host=proc.host, port=proc.port, dbname=dbname,
                         template_dbname=BASE_DB, password=proc.password):
        yield _relabelled(Target(_pg_url(proc, dbname), f"sqlite:///{app_store}", folder),
                          baseline)


def _relabelled(target: Target, baseline: Target) -> Target:
    """The copied app store's history, as if the baseline had gone into `target`."""
    engine = sa.create_engine(target.app_url)
    with engine.begin() as conn:
        conn.execute(sa.text("update import_history set warehouse = :new"),
                     {"new": history.warehouse_label(target.url)})
    engine.dispose()
    return target


def _read(url: str, fn: Callable[[sa.Connection], object]) -> object:
    engine = read_engine(url)
    try:
        with engine.connect() as conn:
            return fn(conn)
    finally:
        engine.dispose()


def snapshot(target: Target) -> dict[str, object]:
    """Row counts and a checksum of every table an import writes (and the DuckDB file)."""
    def state(conn: sa.Connection) -> dict[str, object]:
        found: dict[str, object] = {}
        for name in IMPORT_TABLES:
            table = METADATA.tables[name]
            keys = [c for c in table.primary_key.columns] or list(table.columns)
            frame = pd.DataFrame(conn.execute(sa.select(table).order_by(*keys)).all(),
                                 columns=[c.name for c in table.columns])
            found[name] = (len(frame), hashlib.sha256(
                frame.to_csv(index=False).encode()).hexdigest())
        return found

    found = _read(target.url, state)
    if target.file is not None:
        found["file"] = hashlib.sha256(target.file.read_bytes()).hexdigest()
        found["leftovers"] = sorted(p.name for p in target.file.parent.iterdir()
                                    if p.name != target.file.name
                                    and not p.name.endswith(".lock"))
    return found


def _orders_of(conn: sa.Connection, import_id: int) -> pd.DataFrame:
    """The orders an import wrote, in key order, with their external ids as text."""
    ext_order = external_ids.alias("eo")
    ext_customer = external_ids.alias("ec")
    stmt = (
        sa.select(ext_order.c.external_id.label("ext_order"),
                  ext_customer.c.external_id.label("ext_customer"), orders.c.ordered_at,
                  orders.c.platform, orders.c.channel, orders.c.city, orders.c.region,
                  orders.c.item_count, orders.c.total_cny, orders.c.refunded_cny,
                  orders.c.status)
        .select_from(orders)
        .outerjoin(ext_order, sa.and_(ext_order.c.entity == "order",
                                      ext_order.c.internal_id == orders.c.order_id,
                                      ext_order.c.platform == orders.c.platform))
        .outerjoin(ext_customer, sa.and_(ext_customer.c.entity == "customer",
                                         ext_customer.c.internal_id == orders.c.customer_id,
                                         ext_customer.c.platform == orders.c.platform))
        .where(orders.c.import_id == import_id).order_by(orders.c.order_id))
    rows = [dict(r._mapping) for r in conn.execute(stmt)]
    return pd.DataFrame(rows, columns=["ext_order", "ext_customer", "ordered_at", "platform",
                                       "channel", "city", "region", "item_count", "total_cny",
                                       "refunded_cny", "status"])


def _lines_of(conn: sa.Connection, import_id: int) -> list[tuple]:
    stmt = (
        sa.select(external_ids.c.external_id, order_items.c.line_number, products.c.sku,
                  products.c.name_zh, order_items.c.quantity, order_items.c.unit_price_cny,
                  order_items.c.amount_cny)
        .select_from(order_items)
        .join(products, products.c.product_id == order_items.c.product_id)
        .join(orders, orders.c.order_id == order_items.c.order_id)
        .outerjoin(external_ids, sa.and_(external_ids.c.entity == "order",
                                         external_ids.c.internal_id == orders.c.order_id,
                                         external_ids.c.platform == orders.c.platform))
        .where(order_items.c.import_id == import_id)
        .order_by(order_items.c.order_id, order_items.c.line_number))
    return [tuple(_plain(v) for v in row) for row in conn.execute(stmt)]


def _gmv(conn: sa.Connection, import_id: int) -> float:
    stmt = sa.select(sa.func.coalesce(sa.func.sum(sale_amount()), 0)).where(
        is_sale(), orders.c.import_id == import_id)
    return float(conn.execute(stmt).scalar_one())


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | pd.Timestamp):
        return pd.Timestamp(value).strftime("%Y-%m-%d %H:%M:%S")
    return value


def _text_cells(conn: sa.Connection) -> list[str]:
    """Every text value in every warehouse table."""
    cells = []
    for table in METADATA.tables.values():
        text = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
        if text:
            cells += [str(v) for row in conn.execute(sa.select(*text)) for v in row
                      if v is not None]
    return cells


def check_accepted(target: Target, result: FileResult, expect: Accepted) -> None:
    def verify(conn: sa.Connection) -> None:
        found = _orders_of(conn, result.import_id)
        assert len(found) == len(expect.orders) == result.rows_written.get("orders", 0)
        for position, wanted in enumerate(expect.orders):
            got = {k: _plain(found.iloc[position][k]) for k in wanted}
            assert got == wanted, f"order {position + 1}"
        if expect.gmv is not None:
            assert _gmv(conn, result.import_id) == pytest.approx(expect.gmv)
        if expect.lines is not None:
            assert _lines_of(conn, result.import_id) == expect.lines
        if expect.absent:
            cells = _text_cells(conn)
            for secret in expect.absent:
                assert not [c for c in cells if secret in c], f"{secret!r} is stored"
        if expect.check:
            expect.check(conn, result, target)

    assert {w.rule for w in result.warnings} == set(expect.warnings)
    _read(target.url, verify)


def check_rejected(error: IngestError, expect: Rejected) -> None:
    report = error.report()
    matching = [p for p in error.errors if p.rule == expect.rule]
    assert matching, report
    problem = matching[0]
    assert problem.column == expect.column, report
    assert problem.lines[:len(expect.lines)] == expect.lines, report
    if expect.column:
        assert f"column {expect.column}" in report
    if expect.lines:
        assert f"line {expect.lines[0]}" in report
    for text in expect.says:
        assert text in report, report


# --- the corpus ------------------------------------------------------------------------------
def test_corpus_is_large_and_covers_both_outcomes():
    ids = [case.id for case in CORPUS]
    assert len(ids) == len(set(ids))
    rejected = sum(isinstance(c.expect, Rejected) for c in CORPUS)
    assert len(CORPUS) >= 60 and rejected >= 30 and len(CORPUS) - rejected >= 25


@pytest.mark.parametrize("case", CORPUS, ids=[c.id for c in CORPUS])
def test_corpus_file(warehouse: Target, case: Case) -> None:
    path = warehouse.folder / case.name
    path.write_bytes(case.content())
    before = snapshot(warehouse)
    options = case.import_options(warehouse.folder)
    if isinstance(case.expect, Rejected):
        with pytest.raises(IngestError) as caught:
            run_import([path], options, warehouse.url, warehouse.app_url)
        check_rejected(caught.value, case.expect)
        assert snapshot(warehouse) == before, "a rejected file changed the warehouse"
        entries = history.imports(warehouse.app_url, history.warehouse_label(warehouse.url))
        assert list(entries["status"]).count("imported") == 1  # the baseline only
        return
    result, = run_import([path], options, warehouse.url, warehouse.app_url)
    check_accepted(warehouse, result, case.expect)
    after = snapshot(warehouse)
    for name in ("orders", "order_items", "customers", "products", "external_ids"):
        assert after[name][0] == before[name][0] + result.rows_written.get(name, 0), name


# --- scenarios over several files ------------------------------------------------------------
def _import_tables(state: dict) -> dict:
    return {k: v for k, v in state.items() if k in IMPORT_TABLES and k != "warehouse_info"}


def test_reimport_with_order_ids_writes_nothing_new(warehouse: Target) -> None:
    taobao = taobao_csv().encode("gbk")
    first, = warehouse.run("ExportOrderList.csv", taobao, profile="taobao")
    before = snapshot(warehouse)
    again, = warehouse.run("ExportOrderList.csv", taobao, profile="taobao")
    assert not any(again.rows_written.values()), again.rows_written
    assert again.already_imported == 5
    assert _import_tables(snapshot(warehouse)) == _import_tables(before)
    # an overlapping export: two known orders, one new; only the new one is written
    rows = taobao_rows()[3:] + taobao_one(订单编号='="35153131473293599"', 买家会员名="583")
    overlap, = warehouse.run("ExportOrderList2.csv", taobao_csv(rows).encode("gbk"),
                             profile="taobao")
    assert overlap.already_imported == 2
    assert overlap.rows_written["orders"] == 1 and overlap.rows_written["customers"] == 0
    assert first.import_id < again.import_id < overlap.import_id


def test_same_file_without_order_ids_twice_is_refused(warehouse: Target) -> None:
    data = lines(NOID, "u1,2024-01-01,5,paid", "u2,2024-01-02,6,paid")
    first, = warehouse.run("no_ids.csv", data)
    assert first.rows_written["orders"] == 2
    before = snapshot(warehouse)
    with pytest.raises(IngestError) as caught:
        warehouse.run("no_ids_copy.csv", data)
    assert caught.value.errors[0].rule == "already_imported"
    assert "--undo" in caught.value.report()
    assert snapshot(warehouse) == before


def test_dry_run_writes_nothing(warehouse: Target) -> None:
    before = snapshot(warehouse)
    result, = warehouse.run("orders.csv", lines(GEN, "A1,u1,2024-01-01,5,paid",
                                                "BASE-1,base-c1,2023-06-01 09:00:00,25,paid",
                                                "BASE-2,base-c2,2023-06-02 09:00:00,10,paid"),
                            dry_run=True)
    assert result.dry_run and result.import_id is None
    assert result.rows_written["orders"] == 1 and result.already_imported == 1
    assert result.rows_written["order_revisions"] == 1  # BASE-2 was refunded
    assert snapshot(warehouse) == before


def _counts(conn: sa.Connection) -> dict:
    return {name: conn.execute(sa.select(sa.func.count()).select_from(
        METADATA.tables[name])).scalar_one() for name in IMPORT_TABLES[:5]}


def test_replace_mode_on_imported_data_keeps_only_the_new_files(warehouse: Target) -> None:
    """Replace empties what the earlier imports wrote; several files replace together; a
    file without ids whose rows a replace removed may be imported again (and replace it)."""
    no_ids = lines(NOID, "u9,2024-01-09,9,paid")
    first, = warehouse.run("no_ids.csv", no_ids)
    results = run_import([_write(warehouse, "r1.csv", lines(GEN, "R1,u1,2024-01-01,5,paid")),
                          _write(warehouse, "r2.csv", lines(GEN, "R2,u2,2024-01-02,6,paid"))],
                         ImportOptions(mode="replace"), warehouse.url, warehouse.app_url)
    assert [r.rows_written["orders"] for r in results] == [1, 1]
    assert _read(warehouse.url, _counts) == {"orders": 2, "order_items": 0, "customers": 2,
                                             "products": 0, "external_ids": 4}
    entries = history.imports(warehouse.app_url, history.warehouse_label(warehouse.url))
    standing = entries.loc[entries["status"] == "imported", "import_id"]
    assert sorted(standing) == [r.import_id for r in results]  # baseline, no_ids: undone
    again, = warehouse.run("no_ids.csv", no_ids)
    assert again.rows_written["orders"] == 1 and again.import_id > first.import_id
    replaced, = warehouse.run("no_ids.csv", no_ids, mode="replace")
    assert replaced.rows_written["orders"] == 1
    assert _read(warehouse.url, _counts)["orders"] == 1


def _write(target: Target, name: str, text: str) -> Path:
    path = target.folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_into_a_missing_or_bare_warehouse_creates_the_schema(target: Target) -> None:
    from cockpit.warehouse import write_engine

    if target.file is not None:
        target.file.unlink()
    else:
        engine = write_engine(target.url)
        METADATA.drop_all(engine)
        engine.dispose()
    result, = target.run("orders.csv", lines(GEN, "N1,u1,2024-01-01,5,paid"))
    assert result.rows_written["orders"] == 1
    assert _read(target.url, _counts)["orders"] == 1
    kind = _read(target.url, lambda conn: conn.execute(sa.text(
        "select value from warehouse_info where key = 'kind'")).scalar_one())
    assert kind == "imported"


def _demo_url(target: Target, demo_duckdb_path: Path) -> str:
    """A demo warehouse in `target`: a copy of the session's DuckDB demo, or the small demo
    built into the PostgreSQL database."""
    if target.file is not None:
        shutil.copyfile(demo_duckdb_path, target.file)
        return target.url
    from conftest import DEMO_END_DATE, DEMO_SEED

    from cockpit.demo.build import build_demo

    build_demo(target.url, scale="small", seed=DEMO_SEED, end_date=DEMO_END_DATE)
    return target.url


def test_demo_warehouse_needs_replace_mode(target: Target, demo_duckdb_path: Path) -> None:
    _demo_url(target, demo_duckdb_path)
    before = snapshot(target)
    data = taobao_csv().encode("gbk")
    with pytest.raises(IngestError) as caught:
        target.run("ExportOrderList.csv", data, profile="taobao")
    assert caught.value.errors[0].rule == "demo_warehouse"
    assert "--mode replace" in caught.value.report()
    assert snapshot(target) == before
    result, = target.run("ExportOrderList.csv", data, profile="taobao", mode="replace")

    def state(conn: sa.Connection) -> tuple:
        kind = conn.execute(sa.text("select value from warehouse_info where key = 'kind'")
                            ).scalar_one()
        demo_rows = conn.execute(sa.select(sa.func.count()).select_from(orders).where(
            orders.c.import_id.is_(None))).scalar_one()
        other = {name: conn.execute(sa.select(sa.func.count()).select_from(
            METADATA.tables[name])).scalar_one() for name in ("live_sessions", "stores",
                                                              "reviews", "shipments")}
        return (kind, demo_rows, conn.execute(
            sa.select(sa.func.count()).select_from(orders)).scalar_one(), other)

    kind, demo_rows, total, other = _read(target.url, state)
    assert (kind, demo_rows, total) == ("imported", 0, 5)
    assert not any(other.values()), other
    assert result.rows_written["orders"] == 5


def test_undo_removes_one_import_unless_a_later_one_depends_on_it(warehouse: Target) -> None:
    base = snapshot(warehouse)
    first, = warehouse.run("a.csv", lines(GEN, "U1,new-buyer,2024-01-01,5,paid",
                                          "U2,other-buyer,2024-01-02,6,paid"))
    after_first = snapshot(warehouse)
    second, = warehouse.run("b.csv", lines(GEN, "U3,new-buyer,2024-01-03,7,paid"))
    assert second.rows_written["customers"] == 0  # the buyer of the first import
    before = snapshot(warehouse)
    with pytest.raises(IngestError) as caught:
        undo_import(first.import_id, warehouse.url, warehouse.app_url)
    assert caught.value.errors[0].rule == "undo_dependents"
    assert f"undo {second.import_id} first" in caught.value.report()
    assert snapshot(warehouse) == before
    removed = undo_import(second.import_id, warehouse.url, warehouse.app_url)
    assert removed["orders"] == 1 and removed["external_ids"] == 1
    assert _import_tables(snapshot(warehouse)) == _import_tables(after_first)
    undo_import(first.import_id, warehouse.url, warehouse.app_url)
    assert _import_tables(snapshot(warehouse)) == _import_tables(base)
    for import_id in (first.import_id, second.import_id):
        entry = history.entry(warehouse.app_url, import_id)
        assert entry["status"] == "undone" and entry["undone_at"] is not None
    with pytest.raises(IngestError) as again:
        undo_import(first.import_id, warehouse.url, warehouse.app_url)
    assert "it is undone" in again.value.report()


def test_hashed_buyer_ids_match_across_imports(warehouse: Target) -> None:
    first, = warehouse.run("a.csv", lines(GEN, "K1,13912345678,2024-01-01,5,paid"),
                           hash_customer_ids=True)
    second, = warehouse.run("b.csv", lines(GEN, "K2,13912345678,2024-01-02,5,paid"),
                            hash_customer_ids=True)
    assert first.rows_written["customers"] == 1 and second.rows_written["customers"] == 0
    assert not [c for c in _read(warehouse.url, _text_cells) if "13912345678" in c]


# --- the CLI ---------------------------------------------------------------------------------
def _cli(target: Target, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COCKPIT_APP_DB_URL": target.app_url, "COCKPIT_DB_URL": target.url}
    done = subprocess.run([sys.executable, "-m", "cockpit", "import", *args],
                          capture_output=True, text=True, env=env, timeout=CLI_TIMEOUT_S,
                          stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def test_cli_exit_codes(warehouse: Target) -> None:
    files = warehouse.folder
    (files / "ambiguous.csv").write_text(lines(GEN, "C1,u1,03-01-2024,5,paid",
                                               "C2,u2,04-02-2024,6,paid"))
    (files / "usd.csv").write_text(shopify_csv())
    before = snapshot(warehouse)

    rejected = _cli(warehouse, str(files / "ambiguous.csv"), "--quiet")
    assert rejected.returncode == 3, rejected.stderr
    assert "line 2" in rejected.stderr and "--dayfirst or --monthfirst" in rejected.stderr
    assert "nothing was written" in rejected.stderr
    for bad in (["--fx", "USD"], ["--mode", "merge"], ["--profile", "jd"], []):
        usage = _cli(warehouse, *([str(files / "usd.csv")] if bad else []), *bad)
        assert usage.returncode == 2, (bad, usage.stderr)
    missing = _cli(warehouse, str(files / "missing.csv"), "--quiet")
    assert missing.returncode == 1, missing.stderr
    assert missing.stderr.startswith("error: FileNotFoundError")
    assert snapshot(warehouse) == before

    ok = _cli(warehouse, str(files / "ambiguous.csv"), "--dayfirst", "--quiet")
    assert ok.returncode == 0, ok.stderr
    assert "wrote 2 orders" in ok.stdout
    usd = _cli(warehouse, str(files / "usd.csv"), "--profile", "shopify", "--fx", "USD=7.2")
    assert usd.returncode == 0, usd.stderr
    listed = _cli(warehouse, "--history")
    assert listed.returncode == 0 and "usd.csv" in listed.stdout
    import_id = history.imports(warehouse.app_url,
                                history.warehouse_label(warehouse.url))["import_id"].iloc[0]
    undone = _cli(warehouse, "--undo", str(import_id))
    assert undone.returncode == 0 and "removed" in undone.stdout, undone.stderr
    refused = _cli(warehouse, "--undo", str(import_id))
    assert refused.returncode == 3 and "it is undone" in refused.stderr
