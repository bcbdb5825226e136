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
