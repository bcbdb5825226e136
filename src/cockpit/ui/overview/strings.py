"""Strings of the Overview page."""

STRINGS = {    "overview.title": ("经营总览", "Overview"),
    "overview.caption": ("{start} 至 {end}（{days} 天）；"
                         "环比对比上一个 {days} 天，同比对比去年同期。",
                         "{start} to {end} ({days} days); compared with the previous {days} "
                         "days and with the same period last year."),
    "overview.vs_previous": ("环比", "vs prev."),
    "overview.vs_last_year": ("同比 {delta}", "vs last year {delta}"),
    "overview.no_last_year": ("同比 —", "vs last year —"),
    "overview.trend": ("分渠道成交额趋势", "GMV trend by channel"),
    "overview.grain": ("时间粒度", "Time grain"),
    "overview.kpi_table": ("指标明细", "KPI table"),
    "overview.trend_table": ("分渠道成交额明细", "GMV by channel, table"),
    "overview.pages": ("更多分析", "More analyses"),
}
