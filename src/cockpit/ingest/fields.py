"""The standard fields of an order export: what each means, its kind, whether it belongs to
the order or to one line, and the header names it is recognised by (Chinese and English).

One file of these fields becomes rows of orders (and, when it has line fields, order_items
and products; customers from its buyer ids). docs/import.md is generated from this module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["id", "text", "timestamp", "money", "count", "code"]
Level = Literal["order", "line"]


@dataclass(frozen=True)
class Field:
    """One standard column of an order export."""

    name: str
    kind: Kind
    level: Level
    doc: str
    aliases: tuple[str, ...] = ()
    required: bool = False


ORDER_FIELDS: tuple[Field, ...] = (
    Field("order_id", "id", "order", "Order number as the platform writes it (kept as text); "
          "the lines of one order share it. Without it every row is one order.",
          ("订单编号", "订单号", "主订单编号", "订单id", "order id", "order number",
           "order #", "order no")),
    Field("customer_id", "id", "order", "Buyer id as the platform writes it (kept as text, "
          "or as a salted hash with --hash-customer-ids).",
          ("买家会员名", "客户id", "客户编号", "会员id", "用户id", "买家id", "买家账号",
           "下单帐号", "customer id", "customer", "buyer", "email", "customer email"),
          required=True),
    Field("ordered_at", "timestamp", "order", "When the order was placed; an offset or Z is "
          "converted to --timezone, a naive time is taken as --timezone local time.",
          ("下单时间", "订单创建时间", "订单提交时间", "创建时间", "下单日期", "订单日期", "日期",
           "created at", "order date", "date", "ordered at"), required=True),
    Field("status", "code", "order", "Order status as the platform writes it; the profile's "
          "[statuses] table maps it to paid, returned, refunded, cancelled, unpaid or closed. "
          "Without the column every order counts as paid (the report says so).",
          ("订单状态", "交易状态", "status", "financial status", "order status")),
    Field("total_cny", "money", "order", "Amount the buyer paid for the order, CNY (¥, 元 and "
          "thousands separators are fine). Without it, the sum of the line amounts.",
          ("实付金额", "买家实际支付金额", "买家实付金额", "订单金额", "应付金额", "金额",
           "total", "amount", "order total", "total_cny")),
    Field("refunded_cny", "money", "order", "Amount refunded on the order, CNY; subtracted "
          "from GMV.", ("退款金额", "refunded amount", "refund")),
    Field("currency", "code", "order", "Currency of the amounts; anything but CNY needs "
          "--fx CUR=RATE.", ("币种", "货币", "currency")),
    Field("channel", "code", "order", "Sales channel code (app, mini_program, live_stream, "
          "short_video, offline_store, wecom); unknown when absent.",
          ("渠道", "销售渠道", "channel")),
    Field("province", "text", "order", "Delivery province (省); mapped to a sales region.",
          ("省", "省份", "收货省份", "shipping province name", "shipping province")),
    Field("city", "text", "order", "Delivery city (市), kept as written without 市.",
          ("市", "城市", "收货城市", "shipping city", "city")),
    Field("address", "text", "order", "Delivery address: only its province and city are "
          "kept (the rest is personal data and is not stored).", ("收货地址",)),
    Field("sku", "id", "line", "Product id or SKU code of the line (kept as text).",
          ("sku", "商品id", "商家编码", "商品编码", "货号", "lineitem sku", "product id")),
    Field("product_name", "text", "line", "Product name of the line.",
          ("商品名称", "商品标题", "宝贝标题", "标题", "选购商品", "lineitem name",
           "product name", "product")),
    Field("category", "text", "line", "Product category as the shop names it.",
          ("品类", "类目", "商品类目", "category", "product type")),
    Field("quantity", "count", "line", "Units on the line (a whole number).",
          ("数量", "购买数量", "商品数量", "订购数量", "lineitem quantity", "quantity", "qty")),
    Field("unit_price_cny", "money", "line", "Unit price on the line, CNY.",
          ("单价", "价格", "商品单价", "京东价", "lineitem price", "unit price", "price")),
    Field("line_amount_cny", "money", "line", "Amount paid for the line, CNY; without it, "
          "unit price × quantity.", ("商品金额", "line amount", "line total")),
    Field("after_sale_status", "code", "line", "After-sale status of the line as the platform "
          "writes it (售后状态); the profile's [after_sales] table says which texts are a "
          "completed refund (the line's amount is refunded), a refund in progress (still "
          "paid, with a warning) or no refund. Recognised by its own name, or by the "
          "header a profile or mapping file names (no aliases: its texts need a mapping)."),
)
FIELDS_BY_NAME = {f.name: f for f in ORDER_FIELDS}
LINE_FIELDS = tuple(f.name for f in ORDER_FIELDS if f.level == "line")

# Headers of personal data: recognised so that they are dropped (never stored) and said so.
PERSONAL_HEADERS: tuple[str, ...] = (
    "收货人姓名", "收件人", "收货人", "联系电话", "联系手机", "收件人手机号", "手机号", "电话",
    "详细地址", "街道", "买家支付宝账号", "客户姓名", "客户地址", "billing name",
    "billing street", "billing address1", "billing address2", "billing phone", "shipping name",
    "shipping street", "shipping address1", "shipping address2", "shipping phone", "phone",
)
