"""Strings of the Customer segments page: tiers, RFM, migration, acquisition, C2M."""

STRINGS = {
    "page.segments": ("客群运营", "Customer segments"),
    "segments.caption": ("{start} 至 {end}（{days} 天）。客群按截至 {end} 的未取消订单划分，"
                         "遵循左侧渠道、大区、城市与品类筛选。",
                         "{start} to {end} ({days} days). Customers are grouped on their "
                         "non-cancelled orders up to {end}, within the channel, region, city "
                         "and category filters on the left."),
    "segments.tab.tiers": ("生命周期", "Lifecycle tiers"),
    "segments.tab.rfm": ("RFM 分群", "RFM"),
    "segments.tab.migration": ("迁移", "Migration"),
    "segments.tab.clv": ("终身价值 CLV", "CLV"),
    "segments.tab.personas": ("场景化画像", "Personas"),
    "segments.tab.playbooks": ("运营策略", "Playbooks"),
    "segments.tab.acquisition": ("获客", "Acquisition"),
    "segments.tab.c2m": ("C2M 复购", "C2M"),
    "segments.no_clv": ("客户终身价值模型暂不可用，CLV 相关数字留空。",
                        "The CLV model is not available yet; CLV figures are left empty."),
    # lifecycle tiers
    "segments.tier.new": ("新客", "New"),
    "segments.tier.returning": ("回头客", "Returning"),
    "segments.tier.vip": ("高价值客户", "VIP"),
    "segments.tier.at_risk": ("流失风险", "At risk"),
    "segments.tier.dormant": ("沉睡客户", "Dormant"),
    "segments.tier.none": ("尚未成为客户", "Not yet a customer"),
    "segments.tier.new.help": ("首单（历史第一笔未取消订单）落在所选期间内的客户。单位：人。",
                               "First-ever non-cancelled order falls in the selected period. "
                               "Unit: customers."),
    "segments.tier.returning.help": ("非新客，在活跃窗口内（截止日前 {active} 天，或所选期间更长时"
                                     "取所选期间）下过单，且不属于高价值客户。单位：人。",
                                     "Not new, ordered in the active window (the {active} days "
                                     "to the end date, or the selected period when longer), "
                                     "not high-value. Unit: customers."),
    "segments.tier.vip.help": ("非新客，在活跃窗口内下过单，且近 365 天消费额位于全部已购客户的"
                               "前 {vip}。单位：人。",
                               "Not new, ordered in the active window, and spend over the last "
                               "365 days in the top {vip} of all buyers. Unit: customers."),
    "segments.tier.at_risk.help": ("活跃窗口内未下单，最后一单在截止日前 {risk} 天内。单位：人。",
                                   "No order in the active window; last order within {risk} "
                                   "days of the end date. Unit: customers."),
    "segments.tier.dormant.help": ("最后一单早于截止日前 {risk} 天。单位：人。",
                                   "Last order more than {risk} days before the end date. "
                                   "Unit: customers."),
    "segments.tiers.gmv_share": ("本期成交额占比 {share}", "{share} of period GMV"),
    "segments.tiers.table": ("分层指标", "Tier metrics"),
    "segments.tiers.table_caption": (
        "成交额、订单数、客单价为所选期间内的数值（元、单、元/单）；复购率 = 本期下单 ≥ 2 次的客户"
        " ÷ 本期下单客户；人均订单 = 本期订单 ÷ 该层客户数；人均累计成交额为截至截止日的"
        "历史实付金额（元/人）；距上次下单为平均天数。",
        "GMV, orders and average order value are for the selected period (CNY, orders, CNY per "
        "order); repurchase rate = customers with 2+ orders in the period ÷ customers who "
        "ordered in it; orders per customer = period orders ÷ tier customers; lifetime GMV per "
        "customer is all amounts paid up to the end date (CNY per customer); days since last "
        "order is an average."),
    "segments.tiers.trend": ("各层客户数月度趋势", "Customers per tier by month"),
    "segments.tiers.trend_caption": ("每个月按该月作为所选期间、以月末（或截止日）为准重新分层。"
                                     "单位：人。",
                                     "Each month is tiered as if it were the selected period, "
                                     "as of its last day (or the end date). Unit: customers."),
    "segments.col.tier": ("客群", "Tier"),
    "segments.col.customers": ("客户数", "Customers"),
    "segments.col.customer_share": ("客户占比", "Share of customers"),
    "segments.col.gmv": ("本期成交额", "Period GMV"),
    "segments.col.gmv_share": ("成交额占比", "GMV share"),
    "segments.col.orders": ("本期订单数", "Period orders"),
    "segments.col.repurchase_rate": ("复购率", "Repurchase rate"),
    "segments.col.aov": ("客单价", "Average order value"),
    "segments.col.orders_per_customer": ("人均订单", "Orders per customer"),
    "segments.col.lifetime_gmv": ("人均累计成交额", "Lifetime GMV per customer"),
    "segments.col.days_since_last": ("距上次下单（天）", "Days since last order"),
    "segments.col.month": ("月份", "Month"),
    # RFM
    "segments.rfm.intro": (
        "R（最近一次消费）、F（消费频次）、M（消费金额）按 {start} 至 {end} 的订单打分，"
        "各为 1–5 分的五分位（5 为最好，相同数值同分）。分群规则参照 Shopify / Klaviyo 的 "
        "R × F 网格。",
        "R (recency), F (frequency) and M (monetary) are scored on orders from {start} to {end}, "
        "each 1–5 by quintile (5 is best; equal values share a score). Groups follow the R × F "
        "grid used by Shopify / Klaviyo RFM groups."),
    "segments.rfm.groups": ("RFM 分群", "RFM groups"),
    "segments.rfm.heatmap": ("R × F 热力图（客户数）", "R × F heatmap (customers)"),
    "segments.rfm.heatmap_caption": ("格内为客户数，颜色越深客户越多；悬停查看消费金额与所属分群。"
                                     "R：5 = 最近；F：5 = 最频繁。",
                                     "Cells show customers; darker means more. Hover for spend "
                                     "and group. R: 5 = most recent; F: 5 = most frequent."),
    "segments.rfm.table_caption": ("消费金额为 RFM 窗口内实付金额（元）；平均间隔天数 = 最后一单到"
                                   "截止日的天数；平均订单数为窗口内订单数。",
                                   "Spend is the amount paid in the RFM window (CNY); days since "
                                   "last order is measured to the end date; orders are counted "
                                   "in the window."),
    "segments.rfm.r": ("R 最近消费（5 = 最近）", "R recency (5 = most recent)"),
    "segments.rfm.f": ("F 消费频次（5 = 最多）", "F frequency (5 = most)"),
    "segments.col.rfm_group": ("RFM 分群", "RFM group"),
    "segments.col.rfm_rule": ("规则（R；F）", "Rule (R; F)"),
    "segments.col.monetary": ("消费金额", "Spend"),
    "segments.col.value_share": ("金额占比", "Share of spend"),
    "segments.col.avg_recency": ("平均距上次下单（天）", "Avg days since last order"),
    "segments.col.avg_orders": ("平均订单数", "Avg orders"),
    "segments.col.avg_monetary": ("人均消费金额", "Avg spend per customer"),
    "segments.rfm.champions": ("冠军客户", "Champions"),
    "segments.rfm.loyal": ("忠诚客户", "Loyal"),
    "segments.rfm.potential_loyalist": ("潜力忠诚客户", "Potential loyalists"),
    "segments.rfm.new": ("新客户", "New"),
    "segments.rfm.promising": ("有潜力客户", "Promising"),
    "segments.rfm.needs_attention": ("需关注客户", "Needs attention"),
    "segments.rfm.about_to_sleep": ("即将沉睡", "About to sleep"),
    "segments.rfm.at_risk": ("流失风险客户", "At risk"),
    "segments.rfm.cant_lose": ("不能失去的客户", "Can't lose"),
    "segments.rfm.hibernating": ("休眠客户", "Hibernating"),
    "segments.rfm.none": ("窗口内无订单", "No order in window"),
    # migration
    "segments.migration.grouping": ("按何种分群", "Group by"),
    "segments.migration.by.tier": ("生命周期分层", "Lifecycle tiers"),
    "segments.migration.by.rfm": ("RFM 分群", "RFM groups"),
    "segments.migration.intro": (
        "左：上期（{pstart} 至 {pend}）的客群；右：本期（{start} 至 {end}）的客群。每条流标注客户数"
        "与「CLV 风险金额」：这些客户未来 365 天预期价值（BG/NBD + Gamma-Gamma，截止 {end}）之和，"
        "单位：元。",
        "Left: groups in the previous period ({pstart} to {pend}); right: this period ({start} "
        "to {end}). Each flow is labelled with its customers and the CLV at stake: the sum of "
        "those customers' expected value over the next 365 days (BG/NBD + Gamma-Gamma, as of "
        "{end}), in CNY."),
    "segments.migration.prev": ("上期", "Before"),
    "segments.migration.cur": ("本期", "Now"),
    "segments.migration.flow_label": ("{customers} 人 · {clv}", "{customers} · {clv}"),
    "segments.migration.small_note": ("带宽与客户数成正比，但每条流至少有一行标签的宽度，"
                                      "因此很小的流画得略宽。颜色：绿 = 升级，红 = 降级，"
                                      "蓝 = 新进入，灰 = 不变或离开。",
                                      "Band width is proportional to customers, but every flow is "
                                      "at least one label high, so very small flows are drawn a "
                                      "little wider. Colours: green = up, red = down, blue = "
                                      "joined, grey = same or left."),
    "segments.migration.down": ("降级客户的 CLV", "CLV moving down"),
    "segments.migration.down.help": ("从较好分群流向较差分群（如回头客 → 流失风险）"
                                     "的客户未来 365 天预期价值之和。单位：元。",
                                     "Expected value over the next 365 days of customers who "
                                     "moved to a worse group (e.g. returning → at risk). "
                                     "Unit: CNY."),
    "segments.migration.up": ("升级客户的 CLV", "CLV moving up"),
    "segments.migration.up.help": ("从较差分群流向较好分群的客户未来 365 天预期价值之和"
                                   "（不含新客）。单位：元。",
                                   "Expected value over the next 365 days of customers who "
                                   "moved to a better group (new customers excluded). "
                                   "Unit: CNY."),
    "segments.migration.moved": ("换群客户", "Changed group"),
    "segments.migration.moved.help": ("上期与本期分群不同的客户数（含新进入的客户）。单位：人。",
                                      "Customers whose group differs between the two periods "
                                      "(newcomers included). Unit: customers."),
    "segments.migration.table": ("全部流向", "All flows"),
    "segments.col.from": ("上期分群", "From"),
    "segments.col.to": ("本期分群", "To"),
    "segments.col.clv_at_stake": ("CLV 风险金额（元）", "CLV at stake (CNY)"),
    "segments.col.clv_per_customer": ("人均 CLV（元）", "CLV per customer (CNY)"),
    "segments.col.direction": ("方向", "Direction"),
    "segments.dir.up": ("升级", "up"),
    "segments.dir.down": ("降级", "down"),
    "segments.dir.same": ("不变", "same"),
    "segments.dir.in": ("新进入", "joined"),
    "segments.dir.out": ("离开", "left"),
    # acquisition
    "segments.acq.intro": (
        "获客成本（CAC）= 获客渠道的营销投放 ÷ 其带来的新客户数（首单落在当月/窗口内）。"
        "投放为全平台口径，只随日期筛选变化。"
        "新客价值 = 截至 {end} 的成交额 + 未来 365 天预期 CLV（元/人）。",
        "Acquisition cost (CAC) = an acquisition channel's marketing spend ÷ the new customers "
        "it brought (first order in the month or window). Spend is platform-wide, so only the "
        "dates filter it. Value per new customer = GMV to {end} + expected CLV over the next "
        "365 days (CNY per customer)."),
    "segments.acq.trend": ("各获客渠道 CAC 月度趋势", "CAC by acquisition channel, monthly"),
    "segments.acq.trend_caption": ("单位：元/新客户。虚线为全部渠道合计。",
                                   "Unit: CNY per new customer. The dashed line is all "
                                   "channels together."),
    "segments.acq.all": ("全部渠道", "All channels"),
    "segments.acq.growth": ("CAC 变化", "CAC change"),
    "segments.acq.growth.help": ("最近 6 个月全渠道 CAC ÷ 最早 6 个月全渠道 CAC。单位：倍。",
                                 "All-channel CAC over the last 6 months ÷ that of the first 6 "
                                 "months. Unit: times."),
    "segments.acq.cac_now": ("近 365 天 CAC", "CAC, last 365 days"),
    "segments.acq.cac_now.help": ("窗口（{start} 至 {end}）内全部获客投放 ÷ 窗口内新客户数。"
                                  "单位：元/人。",
                                  "All acquisition spend from {start} to {end} ÷ new customers "
                                  "in that window. Unit: CNY per customer."),
    "segments.acq.ratio": ("新客价值 / CAC", "Value / CAC"),
    "segments.acq.ratio.help": ("窗口内新客户的人均价值（已成交 + 未来 365 天预期 CLV）÷ CAC。"
                                "单位：倍。",
                                "Value per new customer in the window (GMV so far + expected "
                                "CLV over the next 365 days) ÷ CAC. Unit: times."),
    "segments.acq.by_channel": ("按获客渠道（{start} 至 {end} 获取的新客）",
                                "By acquisition channel (customers acquired {start} to {end})"),
    "segments.acq.by_domain": ("公域 vs 私域 vs 线下", "Public vs private domain vs offline"),
    "segments.acq.bar_caption": ("柱：人均价值（元）；点：CAC（元）。",
                                 "Bars: value per new customer (CNY); dots: CAC (CNY)."),
    "segments.acq.value": ("人均价值", "Value per customer"),
    "segments.col.acq_channel": ("获客渠道", "Acquisition channel"),
    "segments.col.domain": ("流量域", "Domain"),
    "segments.col.spend": ("投放（元）", "Spend (CNY)"),
    "segments.col.new_customers": ("新客户数", "New customers"),
    "segments.col.cac": ("CAC（元/人）", "CAC (CNY)"),
    "segments.col.gmv_per_customer": ("人均已成交（元）", "GMV so far per customer (CNY)"),
    "segments.col.clv_next": ("人均预期 CLV（元）", "Expected CLV per customer (CNY)"),
    "segments.col.value_per_customer": ("人均价值（元）", "Value per customer (CNY)"),
    "segments.col.value_to_cac": ("价值/CAC（倍）", "Value / CAC (times)"),
    "segments.acqch.douyin": ("抖音", "Douyin"),
    "segments.acqch.xiaohongshu": ("小红书", "Xiaohongshu"),
    "segments.acqch.search_ads": ("搜索广告", "Search ads"),
    "segments.acqch.wecom_group": ("企业微信社群", "WeCom groups"),
    "segments.acqch.referral": ("老带新", "Referral"),
    "segments.acqch.official_account": ("公众号", "Official account"),
    "segments.acqch.offline_store": ("线下门店", "Offline store"),
    "segments.domain.public": ("公域", "Public domain"),
    "segments.domain.private": ("私域", "Private domain"),
    "segments.domain.offline": ("线下", "Offline"),
    # C2M
    "segments.c2m.intro": (
        "90 天复购率：首次购买某商品（{lo} 至 {hi}）的客户中，90 天内再次购买同一商品的比例。"
        "C2M 为按消费者需求反向定制的商品。",
        "90-day re-buy rate: of customers who first bought a product between {lo} and {hi}, "
        "the share who bought the same product again within 90 days. C2M products are made to "
        "order from consumer demand."),
    "segments.c2m.rate_c2m": ("C2M 商品复购率", "C2M re-buy rate"),
    "segments.c2m.rate_regular": ("常规商品复购率", "Regular re-buy rate"),
    "segments.c2m.ratio": ("C2M / 常规", "C2M / regular"),
    "segments.c2m.rate.help": ("首购后 90 天内再次购买同一商品的客户 ÷ 首购客户。单位：%。",
                               "Customers who bought the same product again within 90 days of "
                               "their first purchase ÷ first-time buyers. Unit: %."),
    "segments.c2m.ratio.help": ("C2M 商品复购率 ÷ 常规商品复购率。单位：倍。",
                                "C2M re-buy rate ÷ regular re-buy rate. Unit: times."),
    "segments.c2m.buyers": ("首购客户 {n} 人", "{n} first-time buyers"),
    "segments.c2m.pairs": ("C2M 商品与其对标常规商品", "C2M products beside their regular "
                                                      "counterparts"),
    "segments.c2m.pairs_caption": ("样本量小的商品复购率波动大，请结合首购客户数判断。",
                                   "Rates of products with few first-time buyers are noisy; "
                                   "read them with the buyer counts."),
    "segments.col.product": ("商品", "Product"),
    "segments.col.kind": ("类型", "Type"),
    "segments.col.first_buyers": ("首购客户数", "First-time buyers"),
    "segments.col.rebuyers": ("90 天内复购客户数", "Re-bought within 90 days"),
    "segments.col.rebuy_rate": ("90 天复购率", "90-day re-buy rate"),
    "segments.kind.c2m": ("C2M 定制", "C2M"),
    "segments.kind.regular": ("常规", "Regular"),
    "segments.unit.times": ("{x} 倍", "{x}×"),
}
