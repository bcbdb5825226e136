"""The review's words in 简体中文 and English, shared by the narrative, the deck and the page:
KPI names with definition and unit, bridge parts, block metrics, deck headings."""

from __future__ import annotations

from collections.abc import Callable

Names = Callable[[str, str, str], str]  # (kind, code, lang) -> display name

WORDS: dict[str, tuple[str, str]] = {
    "kpi.gmv": ("成交额 GMV", "GMV"),
    "kpi.gmv.help": ("本周（周一至周日）未取消订单的实付金额减退款。单位：元。",
                     "Paid amount less refunds of the week's non-cancelled orders (Monday "
                     "to Sunday). Unit: CNY."),
    "kpi.orders": ("订单数", "Orders"),
    "kpi.orders.help": ("本周未取消订单数。单位：单。", "Non-cancelled orders. Unit: orders."),
    "kpi.aov": ("客单价", "Avg order value"),
    "kpi.aov.help": ("成交额 ÷ 订单数。单位：元/单。", "GMV ÷ orders. Unit: CNY per order."),
    "kpi.active_customers": ("下单客户数", "Active customers"),
    "kpi.active_customers.help": ("本周下单的去重客户数。单位：人。",
                                  "Distinct customers with an order. Unit: customers."),
    "kpi.new_customers": ("新客数", "New customers"),
    "kpi.new_customers.help": ("首单落在本周的客户数。单位：人。",
                               "Customers whose first-ever order fell in the week. Unit: "
                               "customers."),
    "kpi.live_share": ("直播+短视频占比", "Live+video share"),
    "kpi.live_share.help": ("直播与短视频成交额 ÷ 成交额。单位：%。",
                            "Live-stream and short-video GMV ÷ GMV. Unit: %."),
    "step.start": ("上周成交额", "Last week's GMV"),
    "step.orders": ("订单数变化", "Orders effect"),
    "step.aov": ("客单价变化", "Order value effect"),
    "step.end": ("本周成交额", "This week's GMV"),
    "dim.channel": ("渠道", "Channel"),
    "dim.region": ("区域", "Region"),
    "dim.category": ("品类", "Category"),
    "dim.customer_type": ("新老客", "New vs returning"),
    "dim.total": ("合计", "Total"),
    "seg.new": ("新客", "new customers"),
    "seg.returning": ("老客", "returning customers"),
    "seg.other": ("退款及其他", "refunds and other"),
    "seg.all": ("全部", "all"),
    "dir.spike": ("异常偏高", "spike"),
    "dir.dip": ("异常偏低", "dip"),
    "kind.day": ("日", "day"),
    "kind.week": ("周", "week"),
    "kind.segment": ("细分", "segment"),
    "block.live": ("直播", "Live commerce"),
    "block.o2o": ("门店带动线上销售", "Store-driven online sales"),
    "block.o2o.note": ("门店带动 = 线上订单中，同一顾客在下单前 {days} 天内到店体验过的同品类商品"
                       "金额（与 O2O 页面同一口径）；占比的分母为本周所选渠道、品类的全部线上"
                       "订单金额。",
                       "Store-driven = online order lines of a category the same customer "
                       "tried in a store in the {days} days before ordering (as on the O2O "
                       "page); the share is of all the week's online lines in the chosen "
                       "channels and categories."),
    "block.o2o.items": ("带动线上成交额最高的门店", "Top stores by store-driven online GMV"),
    "block.forecast": ("下周缺货风险", "Stock-out risk next week"),
    "block.forecast.note": ("{date} 的库存对比未来 {days} 天的日需求（来自{source}），不计补货；"
                            "可售天数 = 库存 ÷ 日均需求，缺口 = {days} 天需求 − 库存。",
                            "Stock on {date} against daily demand for the next {days} days "
                            "(from {source}), no replenishment; days of cover = stock ÷ daily "
                            "demand, shortfall = {days} days' demand − stock."),
    "block.forecast.source.forecast": ("已存储的批量预测", "the stored batch forecast"),
    "block.forecast.source.history": ("最近 {history} 天的日均销量；没有截至本周日的已存储预测",
                                      "the mean of the last {history} days; no stored "
                                      "forecast was made to this Sunday"),
    "block.forecast.source.mixed": ("已存储的批量预测，部分 SKU 取最近 {history} 天的日均销量",
                                    "the stored batch forecast, for some SKUs the mean of the "
                                    "last {history} days"),
    "block.forecast.old_stock": ("库存数据最晚到 {date}，早于本周日 {end}：以下按 {date} 的库存"
                                 "计算。",
                                 "Stock data ends on {date}, before the week's Sunday {end}: "
                                 "the figures use the stock of {date}."),
    "block.forecast.items": ("缺货风险最高的 SKU", "SKUs most at risk"),
    "block.logistics": ("绿色物流", "Green logistics"),
    "block.segments": ("客户分层迁移", "Tier migration"),
    "m.sessions": ("直播场次", "Sessions"),
    "m.best_session": ("成交最高场次", "Best session"),
    "m.best_gmv": ("最高场次成交额", "Best session GMV"),
    "m.worst_session": ("成交最低场次", "Weakest session"),
    "m.worst_gmv": ("最低场次成交额", "Weakest session GMV"),
    "m.dropoff_session": ("最大流失场次", "Worst drop-off in"),
    "m.dropoff_minute": ("流失发生在第几分钟", "Drop-off at minute"),
    "m.dropoff_viewers": ("两分钟内流失观众", "Viewers lost in two minutes"),
    "m.store_driven_gmv": ("门店带动线上成交额", "Store-driven online GMV"),
    "m.store_driven_share": ("占线上成交额", "Share of online GMV"),
    "m.online_gmv": ("线上成交额", "Online GMV"),
    "m.stock_date": ("库存日期", "Stock as of"),
    "m.stock_date_old": ("库存日期（早于周日）", "Stock as of (earlier)"),
    "m.pairs": ("有库存或需求的 SKU×仓", "SKU × warehouse in stock or sold"),
    "m.pairs_short": ("下周会缺货的 SKU×仓", "SKU × warehouse short next week"),
    "m.shortfall_total": ("预计缺口合计", "Shortfall, total"),
    "m.co2e_per_order": ("每单碳排放", "CO2e per order"),
    "m.green_share": ("绿色配送占比", "Green delivery share"),
    "m.shipments": ("发货单数", "Shipments"),
    "m.tier_up": ("层级上升客户", "Customers moved up"),
    "m.tier_down": ("层级下降客户", "Customers moved down"),
    "m.tier_in": ("新进入客户", "Customers entering"),
    "m.tier_out": ("流出客户", "Customers leaving"),
    "m.new_vip": ("新晋 VIP", "New VIPs"),
    "deck.title": ("周报复盘 {week}", "Weekly review {week}"),
    "deck.subtitle": ("{start} 至 {end} · 筛选：{filters} · 数据截至 {asof}",
                      "{start} to {end} · Filters: {filters} · Data as of {asof}"),
    "deck.all": ("全部", "all"),
    "deck.kpis": ("核心指标", "Headline KPIs"),
    "deck.bridge": ("成交额变化拆解（对比上周）", "GMV bridge (vs last week)"),
    "deck.bridge_segments": ("按渠道、区域、品类、新老客拆解", "By channel, region, category, "
                             "new vs returning"),
    "deck.anomalies": ("异常", "Anomalies"),
    "deck.narrative": ("本周小结", "This week in words"),
    "deck.actions": ("待办事项", "Open actions"),
    "deck.no_actions": ("暂无待办。", "No open actions."),
    "col.kpi": ("指标", "KPI"),
    "col.week": ("本周", "This week"),
    "col.previous": ("上周", "Last week"),
    "col.vs_previous": ("环比", "vs last week"),
    "col.last_year": ("去年同周", "Same week last year"),
    "col.vs_last_year": ("同比", "vs last year"),
    "col.lunar": ("去年农历同期", "Same lunar days last year"),
    "col.plan": ("计划", "Plan"),
    "col.attainment": ("达成率", "Attainment"),
    "col.dimension": ("维度", "Dimension"),
    "col.segment": ("细分", "Segment"),
    "col.gmv_ref": ("上周成交额", "Last week GMV"),
    "col.gmv": ("本周成交额", "This week GMV"),
    "col.change": ("变化", "Change"),
    "col.points": ("贡献（百分点）", "Contribution (points)"),
    "col.kind": ("类型", "Kind"),
    "col.day": ("日期", "Day"),
    "col.value": ("实际", "Actual"),
    "col.expected": ("预期", "Expected"),
    "col.range": ("预期区间", "Expected range"),
    "col.deviation": ("偏离", "Deviation"),
    "col.direction": ("判断", "Verdict"),
    "col.metric": ("指标", "Metric"),
    "col.shift": ("变化", "Change"),
    "col.store": ("门店", "Store"),
    "col.store_orders": ("带动线上订单（单）", "Store-driven orders"),
    "col.store_gmv": ("带动线上成交额", "Store-driven online GMV"),
    "col.store_share": ("占门店带动合计", "Share of store-driven"),
    "col.sku": ("SKU", "SKU"),
    "col.product": ("商品", "Product"),
    "col.warehouse": ("仓库", "Warehouse"),
    "col.on_hand": ("库存（件）", "Stock (units)"),
    "col.daily_demand": ("日均需求（件/天）", "Daily demand (units/day)"),
    "col.cover": ("可售天数（天）", "Days of cover (days)"),
    "col.shortfall": ("预计缺口（件）", "Expected shortfall (units)"),
    "col.risk": ("缺货概率", "Stock-out probability"),
    "col.text": ("内容", "Text"),
    "col.owner": ("负责人", "Owner"),
    "col.due": ("截止日期", "Due"),
    "col.status": ("状态", "Status"),
    "last_year_53": ("（本年第 53 周，对比去年第 52 周）",
                     " (week 53 compares with last year's week 52)"),
}


def word(key: str, lang: str, **kw: object) -> str:
    """The word `key` in `lang` (zh or en), formatted with `kw`; the key when unknown."""
    entry = WORDS.get(key)
    if entry is None:
        return key
    text = entry[0] if lang == "zh" else entry[1]
    return text.format(**kw) if kw else text


def plain_names(kind: str, code: str, lang: str) -> str:
    """Dimension values as their codes (readable: live_stream, east); the page and the CLI
    pass the app catalogue's names instead."""
    return word(f"seg.{code}", lang) if f"seg.{code}" in WORDS else code.replace("_", " ")
