"""Strings every page shares: app, filters, link notices, guard messages, first run, KPIs,
time grains, column names, units; and the dimension names of cockpit.names."""

from cockpit.names import DIMENSION_NAMES

_APP = {
    "app.title": ("商务运营驾驶舱", "Commerce Ops Cockpit"),
    "page.overview": ("经营总览", "Overview"),
    "page.review": ("周报复盘", "Weekly review"),
    "table.download": ("下载 CSV", "Download CSV"),
    "page.fresh": ("数据截至 {last}。", "Data as of {last}."),
    "page.fresh_updated": ("数据截至 {last}（数据仓库更新于 {updated}）。",
                           "Data as of {last} (warehouse updated {updated})."),
    "page.fresh_last_import_at": ("数据截至 {last}（最近一次导入：{when}）。",
                                  "Data as of {last} (last import {when})."),
    "page.fresh_built_at": ("数据截至 {last}（演示数据生成于 {when}）。",
                            "Data as of {last} (demo data built {when})."),
}

_FILTERS = {
    "filters.header": ("筛选", "Filters"),
    "filters.start": ("开始日期", "Start date"),
    "filters.end": ("结束日期", "End date"),
    "filters.channel": ("销售渠道", "Channel"),
    "filters.region": ("大区", "Region"),
    "filters.city": ("城市", "City"),
    "filters.category": ("品类", "Category"),
    "filters.platform": ("平台", "Platform"),
    "filters.all": ("全部", "All"),
    "filters.language": ("语言 / Language", "语言 / Language"),
    "filters.swapped": ("开始日期晚于结束日期，已自动对调。",
                        "The start date was after the end date; they were swapped."),
    "filters.data_span": ("数据范围：{first} 至 {last}", "Data from {first} to {last}"),
    "filters.reset": ("重置筛选", "Reset filters"),
}

# A scoped user (region or store manager): what they see and why some figures are missing.
_SCOPE = {
    "scope.platform_wide": ("营销投放是全平台数据，不分大区或门店：您的账号限定在部分大区或门店，"
                            "因此这里不显示投放与获客成本（CAC）。",
                            "Marketing spend is platform-wide, with no region or store: your "
                            "account is limited to some regions or stores, so spend and "
                            "acquisition cost (CAC) are not shown here."),
    "scope.live": ("直播场次是全平台数据，不分大区或门店：您的账号限定在部分大区或门店，"
                   "因此这里不显示直播数据。",
                   "Live sessions are platform-wide, with no region or store: your account "
                   "is limited to some regions or stores, so no live figures are shown here."),
}

# The notice when a link's values cannot be used as given ({value}: the value as a code span).
_URL = {
    "url.notice": ("已调整链接中的参数：{items}。", "Adjusted from the link: {items}."),
    "url.separator": ("；", "; "),
    "url.what.start": ("开始日期", "start"),
    "url.what.end": ("结束日期", "end"),
    "url.what.channel": ("渠道", "channel"),
    "url.what.region": ("大区", "region"),
    "url.what.city": ("城市", "city"),
    "url.what.platform": ("平台", "platform"),
    "url.what.category": ("品类", "category"),
    "url.what.lang": ("语言", "language"),
    "url.unknown": ("{what} {value} 已忽略（没有这个{what}）",
                    "{what} {value} ignored (no such {what})"),
    "url.out_of_scope": ("{what} {value} 已忽略（不在您的数据范围内）",
                         "{what} {value} ignored (outside your data scope)"),
    "url.not_date": ("{what} {value} 已改为默认的 {now}（不是日期，格式应为 YYYY-MM-DD）",
                     "{what} {value} replaced by the default {now} (not a date, YYYY-MM-DD)"),
    "url.clamped_first": ("{what} {value} 已改为 {now}（数据起始日）",
                          "{what} {value} changed to {now} (the first day of data)"),
    "url.clamped_last": ("{what} {value} 已改为 {now}（数据截止日）",
                         "{what} {value} changed to {now} (the last day of data)"),
    "url.after_last": ("{what} {value} 已改为默认的 {now}（晚于数据截止日 {limit}）",
                       "{what} {value} replaced by the default {now} (after the last day of "
                       "data, {limit})"),
    "url.before_first": ("{what} {value} 已改为默认的 {now}（早于数据起始日 {limit}）",
                         "{what} {value} replaced by the default {now} (before the first day "
                         "of data, {limit})"),
    "url.start_after_end": ("开始日期 {value} 与结束日期 {other} 已改为默认范围 {now} 至 {until}"
                            "（开始日期晚于结束日期）",
                            "start {value} and end {other} replaced by the default range {now} "
                            "to {until} (the start was after the end)"),
    "url.unsupported_lang": ("语言 {value} 已改为 {now}（仅支持 zh、en）",
                             "language {value} replaced by {now} (only zh or en)"),
}

_GUARD = {
    "guard.missing": ("找不到数据仓库。", "The warehouse was not found."),
    "guard.missing_tables": ("数据仓库缺少以下数据表：{tables}。",
                             "The warehouse lacks these tables: {tables}."),
    "guard.missing_fix": ("请运行 `python -m cockpit demo` 生成演示数据；只缺汇总表"
                           "（customer_facts、shipment_co2e）时运行 `python -m cockpit refresh`；"
                           "或检查 COCKPIT_DB_URL。",
                          "Run `python -m cockpit demo` to build the demo data, `python -m "
                          "cockpit refresh` when only summary tables (marts: customer_facts, "
                          "shipment_co2e) are missing, or check COCKPIT_DB_URL."),
    "guard.unreachable": ("无法连接数据仓库。", "The warehouse cannot be reached."),
    "guard.unreachable_fix": ("请检查 COCKPIT_DB_URL（主机、端口、用户名与密码）"
                              "以及数据库服务是否在运行。",
                              "Check COCKPIT_DB_URL (host, port, user, password) and that "
                              "the database server is running."),
    "guard.busy": ("数据仓库正在更新，请稍后重试。",
                   "The warehouse is being updated; retry in a moment."),
    "guard.retry": ("重试", "Retry"),
    "guard.corrupt": ("数据仓库文件 {path} 不是可读取的 DuckDB 数据仓库：{why}",
                      "The warehouse file {path} is not a readable DuckDB warehouse: {why}"),
    "guard.corrupt_empty": ("它是空文件（0 字节）。", "it is empty (0 bytes)."),
    "guard.corrupt_folder": ("该路径是一个文件夹。", "it is a folder."),
    "guard.corrupt_not_duckdb": ("它不是 DuckDB 文件。", "it is not a DuckDB file."),
    "guard.corrupt_damaged": ("文件已损坏或不完整（例如复制或写入中途中断）。",
                              "it is damaged or incomplete (for example a copy or a write "
                              "that was cut short)."),
    "guard.corrupt_fix": ("请把它移到别处，然后运行 `python -m cockpit demo` 生成演示数据，"
                          "或重新导入数据；如果本应使用另一个数据仓库，请检查 COCKPIT_DB_URL。",
                          "Move it aside, then run `python -m cockpit demo` to build the demo "
                          "data or import your data again; if another warehouse was meant, "
                          "check COCKPIT_DB_URL."),
    "guard.warehouse_error": ("数据仓库出错：{detail}", "Warehouse error: {detail}"),
    "guard.unexpected": ("页面出错，已记录日志。错误信息：{detail}",
                         "Something went wrong on this page; it has been logged. "
                         "Message: {detail}"),
    "guard.nothing_matched": ("当前筛选条件下没有数据。", "The filters matched nothing."),
    "guard.nothing_matched_fix": ("请放宽筛选：扩大日期范围，"
                                  "或减少渠道、大区、城市、品类的选择。",
                                  "Widen the date range or remove some channel, region, city "
                                  "or category selections."),
    "guard.rebuilding": ("演示数据正在重建，完成后页面将显示新数据。",
                         "The demo data is being rebuilt; pages show the new data once it is "
                         "done."),
}

_FIRSTRUN = {
    "firstrun.title": ("首次启动：正在生成演示数据", "First start: building the demo data"),
    "firstrun.intro": ("未找到数据仓库，正在生成默认演示数据（约需几分钟）。",
                       "No warehouse was found; building the default demo data "
                       "(a few minutes)."),
    "firstrun.step": ("第 {done}/{total} 步：{step}", "Step {done}/{total}: {step}"),
    "firstrun.waiting": ("另一个会话正在生成演示数据，请稍候……",
                         "Another session is building the demo data; please wait…"),
    "firstrun.failed": ("生成演示数据失败：{detail}", "Building the demo data failed: {detail}"),
}

_KPIS = {
    "kpi.gmv": ("成交额 GMV", "GMV"),
    "kpi.gmv.help": ("未取消订单的实付金额合计（含退货订单）；"
                     "选择品类时为匹配品类订单行的实付金额。单位：元。",
                     "Amount paid on non-cancelled orders (returned orders included); with a "
                     "category filter, the amount of matching order lines. Unit: CNY (¥)."),
    "kpi.orders": ("订单数", "Orders"),
    "kpi.orders.help": ("未取消订单的数量；选择品类时为含该品类商品的订单。单位：单。",
                        "Count of non-cancelled orders; with a category filter, orders with a "
                        "matching line. Unit: orders."),
    "kpi.aov": ("客单价", "Avg order value"),
    "kpi.aov.help": ("成交额 ÷ 订单数。单位：元/单。", "GMV ÷ orders. Unit: CNY per order."),
    "kpi.active_customers": ("下单客户数", "Active customers"),
    "kpi.active_customers.help": ("本期有未取消订单的去重客户数。单位：人。",
                                  "Distinct customers with a non-cancelled order in the "
                                  "period. Unit: customers."),
    "kpi.repurchase_rate": ("复购率", "Repurchase rate"),
    "kpi.repurchase_rate.help": ("本期下单客户中下单 ≥ 2 次的比例。单位：%。",
                                 "Share of active customers with two or more non-cancelled "
                                 "orders in the period. Unit: %."),
    "kpi.cac": ("获客成本", "CAC"),
    "kpi.cac.help": ("本期营销投放 ÷ 首单落在本期的新客户数。"
                     "投放为全平台口径，不随渠道/大区/城市筛选变化；"
                     "新客户按其首单是否符合筛选计数。单位：元/人。",
                     "Marketing spend in the period ÷ customers whose first-ever non-cancelled "
                     "order falls in it. Spend is platform-wide (channel, region and city "
                     "filters do not split it); new customers count when their first order "
                     "matches the filters. Unit: CNY per new customer."),
    "kpi.live_share": ("直播+短视频占比", "Live+video share"),
    "kpi.live_share.help": ("直播与短视频渠道成交额 ÷ 已知渠道订单的成交额"
                            "（导出数据没有渠道时不计算）。单位：%。",
                            "GMV of the live-stream and short-video channels ÷ GMV of the "
                            "orders whose channel is known (not computed when an export has "
                            "no channel). Unit: %."),
    "kpi.ai_resolution_rate": ("AI 客服解决率", "AI resolution rate"),
    "kpi.ai_resolution_rate.help": ("本期新建客服工单中由 AI 解决的比例；"
                                    "有渠道/大区/城市/品类筛选时，"
                                    "只计与匹配订单相关的工单。单位：%。",
                                    "Share of service tickets opened in the period that AI "
                                    "resolved; with channel, region, city or category filters, "
                                    "only tickets about a matching order. Unit: %."),
    "kpi.co2e_per_order": ("单均碳排放", "CO2e per order"),
    "kpi.co2e_per_order.help": ("每个已发货订单的运输与包装碳排放（GLEC / ISO 14083，油井到车轮）。"
                                "单位：千克 CO2e/单。",
                                "Transport and packaging emissions per shipped order (GLEC / "
                                "ISO 14083, well-to-wheel). Unit: kg CO2e per order."),
}

_COMMON = {
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

# What a page, tab or KPI card says when the warehouse lacks its data (cockpit.ui.coverage).
_COVERAGE = {
    "coverage.needs": ("这里需要的数据尚未导入：", "This needs data the warehouse does not hold "
                       "yet:"),
    "coverage.needs_doc": ("每张表导入一个文件；各表的列与格式见 {doc}。",
                           "One file per table; the columns and formats are described in "
                           "{doc}."),
    "coverage.needs_item": ("{table}：{command}", "{table}: {command}"),
    "coverage.file": ("文件", "FILE"),
    "coverage.table_named": ("{name}（`{table}`）", "{name} (`{table}`)"),
    "coverage.separator": ("、", ", "),
    "coverage.card_caption": ("需要数据：{tables}", "Needs data: {tables}"),
    "coverage.card_help": ("需要{tables}的数据，数据仓库中尚无。导入方法：{commands}；"
                           "格式见 {doc}。",
                           "Needs {tables}, which the warehouse does not hold yet. Import it "
                           "like this: {commands}; see {doc}."),
    "coverage.richer": ("导入{tables}后，这里会显示更多内容（格式见 {doc}）。",
                        "Import {tables} to see more here (see {doc})."),
    "coverage.table.orders": ("订单", "orders"),
    "coverage.table.order_items": ("订单明细", "order lines"),
    "coverage.table.products": ("商品", "products"),
    "coverage.table.customers": ("客户", "customers"),
    "coverage.table.cities": ("城市", "cities"),
    "coverage.table.marketing_spend": ("营销投放", "marketing spend"),
    "coverage.table.service_tickets": ("客服工单", "service tickets"),
    "coverage.table.shipments": ("物流发货", "shipments"),
    "coverage.table.emission_factors": ("排放因子", "emission factors"),
    "coverage.table.cold_chain_readings": ("冷链温度记录", "cold-chain readings"),
    "coverage.table.warehouses": ("仓库", "warehouses"),
    "coverage.table.inventory_daily": ("每日库存", "daily inventory"),
    "coverage.table.live_sessions": ("直播场次", "live sessions"),
    "coverage.table.live_minutes": ("直播分钟数据", "live minutes"),
    "coverage.table.stores": ("门店", "stores"),
    "coverage.table.store_visits": ("到店记录", "store visits"),
    "coverage.table.reviews": ("商品评价", "reviews"),
    "coverage.table.monthly_targets": ("月度目标", "monthly targets"),
    "coverage.table.warehouse_info": ("数据仓库信息", "warehouse facts"),
    "coverage.table.external_ids": ("外部编号", "external ids"),
    "coverage.table.forecast_runs": ("批量预测任务", "forecast runs"),
    "coverage.table.forecast_points": ("批量预测结果", "forecast points"),
    "coverage.table.forecast_metrics": ("批量预测回测", "forecast metrics"),
}

_PARTS = (_APP, _FILTERS, _URL, _SCOPE, _GUARD, _FIRSTRUN, _KPIS, DIMENSION_NAMES, _COMMON,
          _COVERAGE)
STRINGS: dict[str, tuple[str, str]] = {k: v for part in _PARTS for k, v in part.items()}
if len(STRINGS) != sum(map(len, _PARTS)):
    raise ValueError("a shared catalogue key is defined twice")
