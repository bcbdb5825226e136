"""Strings of the Import page (导入数据)."""

_PAGE = {
    "page.import_data": ("导入数据", "Import data"),
    "import_data.intro": (
        "上传平台导出的订单文件（淘宝/天猫、抖店、Shopify，或任意 CSV、Excel、Parquet），"
        "或门店、直播、物流、库存等其他数据表。"
        "文件先检查、不写入；确认后才导入，每次导入都可以撤销。",
        "Upload an order export (Taobao/Tmall, Douyin shop, Shopify, or any CSV, Excel or "
        "Parquet file), or another table: stores, live sessions, shipments, stock... It is "
        "checked first and nothing is written until you confirm; every "
        "import can be undone."),
    "import_data.empty_warehouse": (
        "数据仓库还没有数据：第一次导入会创建它，之后各页面都基于导入的数据。",
        "The warehouse has no data yet: the first import creates it, and every page then "
        "runs on the imported data."),
    "import_data.demo_warehouse": (
        "当前数据仓库里是**演示数据**。导入自己的数据请选择「替换现有数据」：演示数据会被删除"
        "（需要时可用 `python -m cockpit demo` 重建），演示数据和真实数据不会混在一起。",
        "The warehouse holds the **demo data**. To import your own data, choose \"Replace "
        "existing data\": the demo data is removed (`python -m cockpit demo` builds it again); "
        "demo and real data never mix."),
    "import_data.step.upload": ("① 上传文件", "1 · Upload a file"),
    "import_data.step.mapping": ("② 核对列对应", "2 · Check the columns"),
    "import_data.step.report": ("③ 检查结果", "3 · Check result"),
    "import_data.step.history": ("导入历史", "Import history"),
    "import_data.upload": ("文件（CSV、TSV、TXT、Excel、Parquet）",
                           "File (CSV, TSV, TXT, Excel, Parquet)"),
    "import_data.upload_help": (
        "编码自动识别：UTF-8（含或不含 BOM）、GBK/GB18030、UTF-16；分隔符自动识别。",
        "Encoding detected: UTF-8 (with or without BOM), GBK/GB18030, UTF-16; the delimiter "
        "is sniffed."),
    "import_data.limit": (
        "单个文件最大 **{mb} MB**（Streamlit 的 `server.maxUploadSize`，在 "
        "`.streamlit/config.toml` 中设置）。更大的文件请用命令行："
        "`python -m cockpit import 文件`。",
        "Up to **{mb} MB** per file (Streamlit's `server.maxUploadSize`, set in "
        "`.streamlit/config.toml`). For larger files use the command line: "
        "`python -m cockpit import FILE`."),
    "import_data.checking": ("正在检查文件…", "Checking the file…"),
}

_OPTIONS = {
    "import_data.profile": ("导出来源（列模板）", "Export source (column profile)"),
    "import_data.profile.generic": ("通用（任意订单表）", "Generic (any order table)"),
    "import_data.profile.taobao": ("淘宝/天猫（千牛订单报表）", "Taobao/Tmall (Qianniu report)"),
    "import_data.profile.douyin": ("抖店 订单导出", "Douyin shop order export"),
    "import_data.profile.shopify": ("Shopify 订单导出", "Shopify orders export"),
    "import_data.platform": ("销售平台", "Sales platform"),
    "import_data.platform_default": ("按导出来源：{platform}", "From the source: {platform}"),
    "import_data.mode": ("导入方式", "Import mode"),
    "import_data.mode.append": ("追加到现有数据", "Add to existing data"),
    "import_data.mode.replace": ("替换现有数据", "Replace existing data"),
    "import_data.mode_help": (
        "追加：新订单加入数据仓库，已导入过的订单（同一订单号）跳过。替换：先清空已导入的订单、"
        "明细、商品和客户再写入；在演示数据上，替换会新建一个只含导入数据的数据仓库。",
        "Add: new orders join the warehouse, orders imported before (same order number) are "
        "skipped. Replace: the imported orders, lines, products and customers are emptied "
        "first; over the demo data, a fresh warehouse with only the imported data is started."),
    "import_data.dates": ("日期顺序", "Date order"),
    "import_data.dates.auto": ("自动", "Auto"),
    "import_data.dates.dayfirst": ("日在前", "Day first"),
    "import_data.dates.monthfirst": ("月在前", "Month first"),
    "import_data.dates_help": (
        "03/01/2024 可能是 1 月 3 日，也可能是 3 月 1 日。默认按数据判断（出现大于 12 的日就能"
        "确定）；判断不了时，检查结果会请你在这里选择。",
        "03/01/2024 may be 3 January or March 1. By default the data decides (a day above 12 "
        "tells); when it cannot, the check result asks you to choose here."),
    "import_data.timezone": ("店铺时区", "Shop time zone"),
    "import_data.timezone_help": (
        "带时区的时间（如 +08:00 或 Z）换算到这个时区；不带时区的时间按这个时区理解。",
        "Times with an offset (such as +08:00 or Z) are converted to this zone; times "
        "without one are taken as local times of this zone."),
}

_MAPPING = {
    "import_data.mapping_caption": (
        "每个标准字段读取文件中的哪一列：已按列名自动识别；识别错了或没识别到，就在下拉框里改，"
        "检查结果随之更新。带 * 的字段必填。",
        "Which column of your file each standard field reads: detected from the column "
        "names; if a guess is wrong or missing, change it in the dropdown and the check "
        "result follows. Fields marked * are required."),
    "import_data.col.field": ("标准字段", "Standard field"),
    "import_data.col.header": ("文件中的列", "Column in your file"),
    "import_data.col.values": ("前几行的值", "First values"),
    "import_data.col.meaning": ("含义", "Meaning"),
    "import_data.required": (" \\*", " \\*"),
    "import_data.not_in_file": ("（文件中没有）", "(not in this file)"),
    "import_data.more_fields": ("其他 {n} 个可选字段（文件中没有识别到）",
                                "{n} more optional fields (not found in the file)"),
    "import_data.personal": ("不保存的个人信息列：{columns}",
                             "Personal data, not stored: {columns}"),
    "import_data.unused": ("没有用到的列：{columns}（如果其中有上面缺的字段，请在下拉框里选它）",
                           "Columns not used: {columns} (if one holds a field above, pick it "
                           "in the dropdown)"),
    "import_data.state.detected": (":green[✓ 自动识别]", ":green[✓ detected]"),
    "import_data.state.corrected": (":blue[✎ 已手动指定]", ":blue[✎ set by you]"),
    "import_data.state.needed": (":red[✗ 未找到：请选择一列]", ":red[✗ not found: pick a column]"),
    "import_data.state.absent": (":gray[文件中没有]", ":gray[not in this file]"),
    "import_data.statuses": ("订单状态：文件中有 {n} 种状态，导出来源的模板不认识",
                             "Order statuses: {n} in the file that the profile does not know"),
    "import_data.statuses_caption": (
        "请说明每种状态的含义：它决定订单是否计入成交额（GMV）。",
        "Say what each one means: it decides whether the order counts towards GMV."),
    "import_data.status.choose": ("请选择含义…", "Choose a meaning…"),
    "import_data.status.paid": ("已付款（计入 GMV）", "Paid (counts as GMV)"),
    "import_data.status.returned": ("已退货（计入 GMV，减去退款）",
                                    "Returned (GMV less the refund)"),
    "import_data.status.refunded": ("已退款（计入 GMV，减去退款）",
                                    "Refunded (GMV less the refund)"),
    "import_data.status.cancelled": ("已取消（不计入）", "Cancelled (not counted)"),
    "import_data.status.unpaid": ("未付款（不计入）", "Unpaid (not counted)"),
    "import_data.status.closed": ("已关闭（不计入）", "Closed (not counted)"),
    "import_data.after_sales": ("售后状态：文件中有 {n} 种售后状态，导出来源的模板不认识",
                                "After-sale statuses: {n} in the file that the profile does "
                                "not know"),
    "import_data.after_sales_caption": (
        "请说明每种售后状态是否表示退款已完成：退款完成的商品行金额从 GMV 中扣除，退款中的仍按"
        "已付款计。",
        "Say whether each after-sale status is a completed refund: a refunded line's amount "
        "is subtracted from GMV, a refund in progress still counts as paid."),
    "import_data.after_sale.choose": ("请选择含义…", "Choose a meaning…"),
    "import_data.after_sale.refunded": ("退款已完成（从 GMV 扣除）",
                                        "Refund completed (subtracted from GMV)"),
    "import_data.after_sale.pending": ("退款处理中（仍计入 GMV）",
                                       "Refund in progress (still GMV)"),
    "import_data.after_sale.none": ("没有退款", "No refund"),
    "import_data.preview": ("文件前 {n} 行（原样）", "First {n} rows of the file (as they are)"),
    "import_data.col.line": ("行号", "Line"),
}

# The standard fields (cockpit.ingest.fields) in the manager's words.
_FIELDS = {
    "import_data.field.order_id": ("订单号", "Order number"),
    "import_data.doc.order_id": ("同一订单的多行共用它；没有时每行算一笔订单。",
                                 "Lines of one order share it; without it every row is an "
                                 "order."),
    "import_data.field.customer_id": ("客户 ID", "Customer ID"),
    "import_data.doc.customer_id": ("买家会员名或编号，原样保存为文本。",
                                    "Buyer name or number, kept as text."),
    "import_data.field.ordered_at": ("下单时间", "Order time"),
    "import_data.doc.ordered_at": ("下单的日期和时间。", "When the order was placed."),
    "import_data.field.status": ("订单状态", "Order status"),
    "import_data.doc.status": ("决定是否计入 GMV；没有这一列时全部按已付款计。",
                               "Decides what counts as GMV; without it every order counts "
                               "as paid."),
    "import_data.field.total_cny": ("实付金额", "Amount paid"),
    "import_data.doc.total_cny": ("买家为订单实际支付的金额（元）；没有时按商品行金额求和。",
                                  "What the buyer paid for the order (CNY); without it, the "
                                  "sum of the line amounts."),
    "import_data.field.refunded_cny": ("退款金额", "Amount refunded"),
    "import_data.doc.refunded_cny": ("从 GMV 中扣除。", "Subtracted from GMV."),
    "import_data.field.currency": ("币种", "Currency"),
    "import_data.doc.currency": ("金额的币种；人民币以外需要汇率。",
                                 "Currency of the amounts; anything but CNY needs a rate."),
    "import_data.field.channel": ("销售渠道", "Sales channel"),
    "import_data.doc.channel": ("渠道代码（app、live_stream 等）；没有时记为未知。",
                                "Channel code (app, live_stream, ...); unknown when absent."),
    "import_data.field.province": ("省份", "Province"),
    "import_data.doc.province": ("收货省份，用来归入大区。",
                                 "Delivery province, mapped to a region."),
    "import_data.field.city": ("城市", "City"),
    "import_data.doc.city": ("收货城市。", "Delivery city."),
    "import_data.field.address": ("收货地址", "Delivery address"),
    "import_data.doc.address": ("只保留省和市，其余属于个人信息，不保存。",
                                "Only province and city are kept; the rest is personal data "
                                "and not stored."),
    "import_data.field.sku": ("商品编码", "SKU"),
    "import_data.doc.sku": ("每行商品的编码或 SKU。", "Product id or SKU of the line."),
    "import_data.field.product_name": ("商品名称", "Product name"),
    "import_data.doc.product_name": ("每行商品的名称。", "Product name of the line."),
    "import_data.field.category": ("品类", "Category"),
    "import_data.doc.category": ("店铺使用的商品品类。", "Product category as the shop names it."),
    "import_data.field.quantity": ("数量", "Quantity"),
    "import_data.doc.quantity": ("每行的件数（整数）。", "Units on the line (whole number)."),
    "import_data.field.unit_price_cny": ("单价", "Unit price"),
    "import_data.doc.unit_price_cny": ("每行商品的单价（元）。", "Unit price on the line (CNY)."),
    "import_data.field.line_amount_cny": ("商品行金额", "Line amount"),
    "import_data.doc.line_amount_cny": ("每行实付金额（元）；没有时按单价 × 数量。",
                                        "Amount paid for the line (CNY); without it, unit "
                                        "price × quantity."),
    "import_data.field.after_sale_status": ("售后状态", "After-sale status"),
    "import_data.doc.after_sale_status": ("每行的售后状态：退款成功的行金额从 GMV 扣除，"
                                          "退款中的仍按已付款计。",
                                          "After-sale status of the line: a refunded line's "
                                          "amount is subtracted from GMV, a refund in "
                                          "progress still counts as paid."),
}

_REPORT = {
    "import_data.check_failed": (
        "检查文件时出错：{detail}。请确认文件能用 Excel 打开；命令行 "
        "`python -m cockpit import 文件 --dry-run` 会给出详情。",
        "Checking the file failed: {detail}. Make sure Excel opens it; "
        "`python -m cockpit import FILE --dry-run` on the command line tells more."),
    "import_data.blocked": (
        "发现 **{n} 个问题**，必须先修正：改上面的选项或列对应，或改好文件后重新上传。"
        "尚未写入任何数据。",
        "**{n} problem(s)** block the import: fix them with the options or the column "
        "mapping above, or in the file and upload it again. Nothing has been written."),
    "import_data.passed": ("检查通过，可以导入。确认后将写入：",
                           "The file passed the checks. Confirming will write:"),
    "import_data.in_memory": (
        "这个大文件将整个读入内存（更慢，占用更多内存），没有流式导入，原因：{reason}",
        "This large file will be read whole in memory (slower, more memory), not streamed, "
        "because: {reason}"),
    "import_data.warned": ("{n} 条提醒：不阻止导入，会记录在导入历史中。",
                           "{n} warning(s): they do not block the import and are kept in the "
                           "import history."),
    "import_data.count.rows": ("读取行数", "Rows read"),
    "import_data.count.rows.help": ("文件中的数据行（不含表头）。",
                                    "Data rows in the file (without the header)."),
    "import_data.count.orders": ("新订单", "New orders"),
    "import_data.count.orders.help": ("确认后写入的订单数。", "Orders that confirming writes."),
    "import_data.count.table_rows": ("新行", "New rows"),
    "import_data.count.table_rows.help": ("确认后写入该表的行数。",
                                          "Rows of the table that confirming writes."),
    "import_data.table": ("文件内容", "What the file holds"),
    "import_data.table_help": (
        "订单（默认，可含商品行）或其他一张表的数据；其他表的列名用数据表的标准列名，见 "
        "docs/import.md。",
        "Orders (the default, with or without order lines) or the rows of one other table, "
        "whose columns carry the table's standard names (docs/import.md)."),
    "import_data.count.known": ("已导入过（跳过）", "Imported before (skipped)"),
    "import_data.count.known.help": ("订单号已在数据仓库中、内容也没变的订单，不会重复写入。",
                                     "Orders whose number is already in the warehouse, "
                                     "unchanged; they are not written twice."),
    "import_data.count.updated": ("已导入过（更新）", "Imported before (updated)"),
    "import_data.count.updated.help": (
        "订单号已在数据仓库中、但本文件的状态、实付金额或退款金额不同的订单（如 已付款 → "
        "退款成功）：以后导入的文件为准，原值保留，撤销本次导入即恢复。",
        "Orders already in the warehouse whose status, amount paid or refund this file states "
        "differently (for example paid → refunded): the file imported last wins; the "
        "previous values are kept, and undoing this import puts them back."),
    "import_data.count.customers": ("新客户", "New customers"),
    "import_data.count.customers.help": ("数据仓库中还没有的客户。",
                                         "Customers the warehouse does not have yet."),
    "import_data.count.lines": ("订单明细行", "Order lines"),
    "import_data.count.lines.help": ("文件有商品行时写入的明细行数。",
                                     "Order lines written when the file has product lines."),
    "import_data.col.problem": ("问题", "Problem"),
    "import_data.col.column": ("列", "Column"),
    "import_data.col.rows": ("行数", "Rows"),
    "import_data.col.lines": ("行号（前几个）", "Lines (first)"),
    "import_data.col.detail": ("详情", "Detail"),
    "import_data.col.fix": ("怎么改", "How to fix"),
    "import_data.hint.replace": ("在上方「导入方式」选择「替换现有数据」",
                                 "Choose \"Replace existing data\" under Import mode above"),
    "import_data.hint.mapping": ("在上方「核对列对应」中为这个字段选择文件里的列",
                                 "Pick the file's column for this field in \"Check the "
                                 "columns\" above"),
    "import_data.hint.dates": ("在上方「日期顺序」选择日在前或月在前",
                               "Choose day first or month first under Date order above"),
    "import_data.hint.statuses": ("在「订单状态」中说明每种状态的含义",
                                  "Say what each status means under Order statuses"),
    "import_data.hint.after_sales": ("在「售后状态」中说明每种售后状态的含义",
                                     "Say what each status means under After-sale statuses"),
    "import_data.hint.undo": ("先在下方「导入历史」中撤销之前的那次导入",
                              "Undo the earlier import in \"Import history\" below first"),
    "import_data.hint.fx": ("页面暂不做外币换算：请用命令行 "
                            "python -m cockpit import 文件 --fx USD=7.2",
                            "The page does not convert currencies: use "
                            "python -m cockpit import FILE --fx USD=7.2"),
    "import_data.replace_demo": ("确认后会删除演示数据，数据仓库只保留本次导入的订单。",
                                 "Confirming removes the demo data: the warehouse then holds "
                                 "only this import's orders."),
    "import_data.replace_data": ("确认后会先清空已导入的订单、明细、商品和客户，再写入本文件。",
                                 "Confirming first empties the imported orders, lines, products "
                                 "and customers, then writes this file."),
    "import_data.nothing_new": ("文件中的订单都已导入过，内容也没变，没有新数据可写入。",
                                "Every order in this file was imported before, unchanged: "
                                "there is nothing new to write."),
    "import_data.confirm_rows": ("确认导入 {n} 行{table}", "Import {n} rows of {table}"),
    "import_data.confirm": ("确认导入 {n} 笔订单", "Import {n} orders"),
    "import_data.confirm_updates": ("确认导入 {n} 笔新订单、更新 {m} 笔",
                                    "Import {n} new orders, update {m}"),
    "import_data.confirm_updates_only": ("确认更新 {m} 笔已导入的订单",
                                         "Update {m} orders imported before"),
    "import_data.confirm_blocked": ("确认导入（先解决上面的问题）",
                                    "Import (fix the problems above first)"),
    "import_data.confirm_nothing": ("没有新订单可导入", "No new orders to import"),
    "import_data.confirm_help": ("在后台进程中导入：要么全部写入，要么什么都不写；导入期间页面"
                                 "显示进度。",
                                 "Runs in a background process, all or nothing; the page shows "
                                 "its progress meanwhile."),
}

# Problem kinds (Problem.rule of cockpit.ingest) in a few words; the detail stays as checked.
_RULES = {
    "import_data.rule.missing_column": ("缺少必需的列", "Required column missing"),
    "import_data.rule.empty_value": ("必填的值为空", "Required value empty"),
    "import_data.rule.empty": ("值为空", "Empty values"),
    "import_data.rule.two_columns_one_field": ("两列表示同一字段", "Two columns for one field"),
    "import_data.rule.unknown_header": ("没有这一列", "No such column"),
    "import_data.rule.unknown_field": ("没有这个标准字段", "No such standard field"),
    "import_data.rule.not_a_number": ("不是数字", "Not a number"),
    "import_data.rule.not_finite": ("不是有效数字", "Not a finite number"),
    "import_data.rule.negative": ("金额为负", "Negative amount"),
    "import_data.rule.mixed_decimal": ("小数点和小数逗号混用", "Decimal point and comma mixed"),
    "import_data.rule.ambiguous_number": ("数字有两种读法", "Number readable two ways"),
    "import_data.rule.not_whole": ("数量不是整数", "Quantity not whole"),
    "import_data.rule.currency": ("不是人民币", "Not in CNY"),
    "import_data.rule.currency_without_rate": ("外币缺少汇率", "Currency without a rate"),
    "import_data.rule.not_a_date": ("不是日期", "Not a date"),
    "import_data.rule.invalid_date": ("日期或时间不存在", "No such date or time"),
    "import_data.rule.mixed_date_formats": ("日期格式混用", "Date formats mixed"),
    "import_data.rule.mixed_day_order": ("日月顺序互相矛盾", "Day order contradicts itself"),
    "import_data.rule.ambiguous_day_order": ("分不清日在前还是月在前", "Day or month first?"),
    "import_data.rule.contradicts_day_order": ("与所选日期顺序矛盾",
                                               "Contradicts the chosen date order"),
    "import_data.rule.serial_out_of_range": ("Excel 日期序号超出范围",
                                             "Excel date serial out of range"),
    "import_data.rule.future_date": ("日期在未来", "Dated in the future"),
    "import_data.rule.id_scientific": ("编号被 Excel 改成了科学计数法",
                                       "Id in scientific notation"),
    "import_data.rule.long_number": ("长编号可能丢失了位数", "Long id may have lost digits"),
    "import_data.rule.unknown_status": ("未知的订单状态", "Unknown order status"),
    "import_data.rule.unknown_after_sale": ("未知的售后状态", "Unknown after-sale status"),
    "import_data.rule.after_sale_pending": ("退款处理中，仍计入 GMV",
                                            "Refund in progress, still counted as GMV"),
    "import_data.rule.after_sale_not_lines": ("售后状态只适用于逐行（子订单）导出",
                                              "After-sale status needs a one-row-per-line "
                                              "export"),
    "import_data.rule.no_status": ("没有订单状态列", "No status column"),
    "import_data.rule.unknown_channel": ("未知的销售渠道", "Unknown channel"),
    "import_data.rule.order_disagrees": ("同一订单的各行不一致", "Lines of one order disagree"),
    "import_data.rule.duplicate_lines": ("完全相同的重复行", "Exact duplicate lines"),
    "import_data.rule.duplicate_key": ("编号重复", "Repeated key"),
    "import_data.rule.not_null": ("不能为空", "May not be empty"),
    "import_data.rule.not_allowed": ("不允许的值", "Value not allowed"),
    "import_data.rule.already_imported": ("这个文件已导入过", "File imported before"),
    "import_data.rule.demo_warehouse": ("当前是演示数据", "The warehouse holds demo data"),
    "import_data.rule.encoding": ("无法识别文字编码", "Unknown text encoding"),
    "import_data.rule.nul_bytes": ("文件含有空字节", "File contains NUL bytes"),
    "import_data.rule.delimiter": ("无法确定分隔符", "Delimiter unclear"),
    "import_data.rule.unclosed_quote": ("引号没有闭合", "Unclosed quote"),
    "import_data.rule.bad_quote": ("引号格式错误", "Malformed quoting"),
    "import_data.rule.too_many_fields": ("这一行的字段比表头多", "More fields than the header"),
    "import_data.rule.too_few_fields": ("这一行的字段比表头少", "Fewer fields than the header"),
    "import_data.rule.unnamed_column": ("有值的列没有列名", "Column without a name"),
    "import_data.rule.duplicate_header": ("列名重复", "Repeated column name"),
    "import_data.rule.empty_file": ("文件是空的", "Empty file"),
    "import_data.rule.markup_as_excel": ("这是网页文件，不是 Excel", "A web page, not Excel"),
    "import_data.rule.unreadable_excel": ("无法读取 Excel 文件", "Excel file unreadable"),
    "import_data.rule.unreadable_parquet": ("无法读取 Parquet 文件", "Parquet file unreadable"),
    "import_data.rule.other_sheets": ("还有其他工作表", "Other sheets not read"),
    "import_data.rule.no_such_sheet": ("没有这个工作表", "No such sheet"),
}

_JOBS = {
    "import_data.running.import": ("正在导入 {subject}…", "Importing {subject}…"),
    "import_data.running.undo": ("正在撤销导入 {subject}…", "Undoing import {subject}…"),
    "import_data.elapsed": (
        "已用 {seconds} 秒。全部写入成功后才生效，在此之前其他页面仍显示原来的数据。",
        "{seconds} s so far. Nothing changes until the whole import has succeeded; until "
        "then the other pages show the previous data."),
    "import_data.done.import": ("已导入 {subject}（用时 {seconds} 秒），各页面现在显示新数据。",
                                "Imported {subject} in {seconds} s: every page now shows the "
                                "new data."),
    "import_data.done.undo": ("已撤销导入 {subject}（用时 {seconds} 秒），它写入的数据已删除。",
                              "Undid import {subject} in {seconds} s: the rows it wrote are "
                              "removed."),
    "import_data.invalid.import": ("{subject} 没有通过导入检查，未写入任何数据，原因见下方输出。",
                                   "{subject} failed the import checks and nothing was "
                                   "written; the output below says why."),
    "import_data.invalid.undo": ("无法撤销导入 {subject}，未做任何修改，原因见下方输出。",
                                 "Import {subject} cannot be undone and nothing was changed; "
                                 "the output below says why."),
    "import_data.worker_failed": ("后台导入进程出错（退出码 {code}）：{detail}。数据仓库未改变。",
                                  "The background import failed (exit code {code}): {detail}. "
                                  "The warehouse is unchanged."),
    "import_data.output": ("命令输出", "Command output"),
    "import_data.see_overview": ("查看经营总览", "Open the Overview"),
    "import_data.no_history": ("这个数据仓库还没有导入记录。",
                               "No imports into this warehouse yet."),
    "import_data.history_caption": ("最新的在前，时间为 {zone}。撤销会删除那次导入写入的全部数据。",
                                    "Newest first, times in {zone}. Undo removes every row "
                                    "that import wrote."),
    "import_data.history_more": ("只显示最新的 {shown} 次，共 {n} 次（全部："
                                 "`python -m cockpit import --history`）。",
                                 "The newest {shown} of {n} imports (all of them: "
                                 "`python -m cockpit import --history`)."),
    "import_data.history.id": ("编号", "ID"),
    "import_data.history.file": ("文件", "File"),
    "import_data.history.sha": ("SHA-256", "SHA-256"),
    "import_data.history.rows": ("行数", "Rows"),
    "import_data.history.written": ("写入行数", "Rows written"),
    "import_data.history.status": ("状态", "Status"),
    "import_data.history.warnings": ("提醒", "Warnings"),
    "import_data.history.when": ("时间", "When"),
    "import_data.history.undo": ("操作", "Action"),
    "import_data.history_status.pending": ("进行中", "In progress"),
    "import_data.history_status.imported": ("已导入", "Imported"),
    "import_data.history_status.failed": ("失败", "Failed"),
    "import_data.history_status.undone": ("已撤销", "Undone"),
    "import_data.undo": ("撤销", "Undo"),
    "import_data.undo_confirm": ("撤销导入 {id}（{file}）会删除它写入的 {orders} 笔订单，以及它"
                                 "带来的明细、客户和商品。",
                                 "Undoing import {id} ({file}) removes its {orders} orders "
                                 "with the lines, customers and products it brought."),
    "import_data.undo_restores": ("它更新过的 {n} 笔订单恢复为导入前的状态和金额。",
                                  "The {n} orders it updated get their previous status and "
                                  "amounts back."),
    "import_data.history_updated": ("另更新 {n} 笔", "+{n} updated"),
    "import_data.undo_confirm_rows": ("撤销导入 {id}（{file}）会删除它写入{table}的 {orders} 行。",
                                      "Undoing import {id} ({file}) removes the {orders} rows "
                                      "it wrote to {table}."),
    "import_data.undo_button": ("确认撤销导入 {id}", "Undo import {id}"),
}

STRINGS = {**_PAGE, **_OPTIONS, **_MAPPING, **_FIELDS, **_REPORT, **_RULES, **_JOBS}
