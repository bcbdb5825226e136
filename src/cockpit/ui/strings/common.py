"""Strings every page may use: time grains, column names, units."""

STRINGS = {
    "grain.day": ("日", "Day"),
    "grain.week": ("周", "Week"),
    "grain.month": ("月", "Month"),
    "col.kpi": ("指标", "KPI"),
    "col.value": ("本期", "This period"),
    "col.previous": ("上期", "Previous period"),
    "col.vs_previous": ("环比", "vs previous"),
    "col.last_year": ("去年同期", "Same period last year"),
    "col.vs_last_year": ("同比", "vs last year"),
    "col.unit": ("单位", "Unit"),
    "col.period": ("周期", "Period"),
    "col.channel": ("渠道", "Channel"),
    "col.gmv_cny": ("成交额（元）", "GMV (CNY)"),
    "col.orders": ("订单数", "Orders"),
    "col.total": ("合计", "Total"),
    "unit.cny": ("元", "CNY"),
    "unit.count": ("个", "count"),
    "unit.ratio": ("比例", "ratio"),
    "unit.kg": ("千克", "kg"),
    "unit.pp": ("个百分点", " pp"),
}
