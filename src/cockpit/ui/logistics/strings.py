"""Strings of the Green logistics page."""

_PAGE = {
    "page.logistics": ("绿色物流", "Green logistics"),
    "logistics.caption": ("{start} 至 {end}（{days} 天）已发货订单的物流碳排放"
                          "（GLEC 框架 / ISO 14083，油井到车轮 WTW）、"
                          "绿色配送、包装、冷链、跨境线路与可持续商品。",
                          "Logistics footprint of orders shipped {start} to {end} ({days} days), "
                          "GLEC Framework / ISO 14083 well-to-wheel, plus green delivery, "
                          "packaging, cold chain, cross-border lines and sustainable products."),
    "logistics.vs_previous": ("环比", "vs previous"),
    "logistics.tab.co2e": ("碳排放", "CO2e"),
    "logistics.tab.green": ("绿色配送", "Green"),
    "logistics.tab.packaging": ("包装", "Packaging"),
    "logistics.tab.cold": ("冷链", "Cold chain"),
    "logistics.tab.cross": ("跨境", "Cross-border"),
    "logistics.tab.sustainable": ("可持续商品", "Sustainable"),
    "logistics.tab.whatif": ("情景模拟", "What-if"),
    "logistics.tab.esg": ("ESG 汇总", "ESG"),
    "logistics.grain": ("时间粒度", "Time grain"),
    "logistics.split": ("拆分维度", "Split by"),
    "logistics.dim.mode": ("配送方式", "Delivery mode"),
    "logistics.dim.warehouse": ("发货仓", "Origin warehouse"),
    "logistics.dim.region": ("收货大区", "Delivery region"),
}

_KPIS = {
    "logistics.kpi.total": ("碳排放总量", "Total CO2e"),
    "logistics.kpi.total.help": ("本期已发货订单的干线运输、末端配送、包装与冷链制冷碳排放合计"
                                 "（GLEC / ISO 14083，油井到车轮）。单位：千克或吨 CO2e。",
                                 "Line haul, last mile, packaging and cold-chain refrigeration "
                                 "emissions of orders shipped in the period (GLEC / ISO 14083, "
                                 "well-to-wheel). Unit: kg or t CO2e."),
    "logistics.kpi.per_order": ("单均碳排放", "CO2e per order"),
    "logistics.kpi.per_order.help": ("碳排放总量 ÷ 已发货订单数（每单一个包裹）。"
                                     "单位：千克 CO2e/单。",
                                     "Total CO2e ÷ shipped orders (one parcel per order). "
                                     "Unit: kg CO2e per order."),
    "logistics.kpi.green_share": ("绿色配送占比", "Green delivery share"),
    "logistics.kpi.green_share.help": ("由电动货车或电动三轮/自行车完成末端配送的订单 ÷ "
                                       "已发货订单。单位：%。",
                                       "Orders whose last mile was by electric van or e-bike ÷ "
                                       "shipped orders. Unit: %."),
    "logistics.kpi.saving": ("绿色配送减排", "Green delivery saving"),
    "logistics.kpi.saving.help": ("对比全柴油基线：绿色配送包裹各自的末端公里若由柴油货车完成"
                                  "（本期柴油货车每公里碳排放 × 公里数）的碳排放，减去实际"
                                  "电动配送的碳排放。单位：千克或吨 CO2e。",
                                  "Against an all-diesel baseline: what the green parcels' own "
                                  "last-mile km would have emitted in a diesel van (the "
                                  "period's diesel-van kg CO2e per km × km) minus what they "
                                  "emitted by electric van or e-bike. Unit: kg or t CO2e."),
    "logistics.kpi.saving_caption": ("每单减排 {kg}", "{kg} saved per green order"),
    "logistics.kpi.compliance": ("冷链温度达标率", "Cold-chain compliance"),
    "logistics.kpi.compliance.help": ("冷链包裹处于 0–4 °C 的时长 ÷ 监测总时长"
                                      "（每个读数代表到下一读数的时长）。单位：%。"
                                      "行业参考：90–95% 可接受，≥ 95% 为优秀。",
                                      "Time cold-chain parcels spent within 0–4 °C ÷ time "
                                      "monitored (each reading stands for the time to the next). "
                                      "Unit: %. Industry reference: 90–95% acceptable, ≥ 95% "
                                      "high performers."),
    "logistics.kpi.sustainable_share": ("可持续商品成交占比", "Sustainable share of GMV"),
    "logistics.kpi.sustainable_share.help": ("带可持续标识商品的订单行实付金额 ÷ 全部订单行"
                                             "实付金额（未取消订单）。单位：%。",
                                             "Amount paid on order lines of products with a "
                                             "sustainability claim ÷ amount paid on all lines "
                                             "(non-cancelled orders). Unit: %."),
}

_CO2E = {
    "logistics.co2e.trend": ("碳排放趋势（按环节）", "CO2e trend by component"),
    "logistics.co2e.trend_caption": ("柱：各环节碳排放（千克 CO2e）；线：单均碳排放"
                                     "（千克 CO2e/单，右轴）。首末周期可能不完整。",
                                     "Bars: CO2e by component (kg CO2e); line: CO2e per order "
                                     "(kg CO2e per order, right axis). The first and last "
                                     "periods may be partial."),
    "logistics.co2e.split": ("碳排放拆分", "CO2e split"),
    "logistics.co2e.split_caption": ("各环节碳排放，单位：千克 CO2e；表中含单均碳排放。",
                                      "CO2e by component, kg CO2e; the table adds CO2e per "
                                      "order."),
    "logistics.co2e.table": ("碳排放明细", "CO2e table"),
    "logistics.co2e.factors": ("使用的排放因子及来源", "Emission factors used, with sources"),
    "logistics.co2e.factors_caption": ("本期发货单实际用到的 {n} 个因子"
                                       "（千克 CO2e/单位，油井到车轮），"
                                       "来自 src/cockpit/data/emission_factors.csv。"
                                       "干线 = 重量（吨）× 干线公里 × 吨公里因子；"
                                       "末端 = 分摊公里 × 车公里因子；包装 = 材料重量 × 材料因子；"
                                       "冷链 = 在途小时 × 制冷因子。电动车辆与冷链制冷的因子按全国"
                                       "电网因子给出，再按发货仓所在电网区域因子 ÷ 全国因子折算。",
                                       "The {n} factors applied to this period's shipments "
                                       "(kg CO2e per unit, well-to-wheel), from "
                                       "src/cockpit/data/emission_factors.csv. Line haul = "
                                       "tonnes × line-haul km × tonne-km factor; last mile = "
                                       "attributed km × vehicle-km factor; packaging = material "
                                       "kg × material factor; cold chain = hours in transit × "
                                       "refrigeration factor. Electric vehicles and refrigeration "
                                       "are stated at the national grid factor and rescaled by "
                                       "the origin warehouse's regional grid factor ÷ national."),
    "logistics.col.applied": ("应用于发货单数", "Shipments applied to"),
    "logistics.part.line_haul_kg": ("干线运输", "Line haul"),
    "logistics.part.last_mile_kg": ("末端配送", "Last mile"),
    "logistics.part.packaging_kg": ("包装", "Packaging"),
    "logistics.part.cold_chain_kg": ("冷链制冷", "Cold-chain refrigeration"),
    "logistics.col.key": ("分组", "Group"),
    "logistics.col.shipments": ("发货单数", "Shipped orders"),
    "logistics.col.total_kg": ("碳排放合计（千克 CO2e）", "Total (kg CO2e)"),
    "logistics.col.kg_per_order": ("单均碳排放（千克 CO2e/单）", "CO2e per order (kg)"),
    "logistics.col.kg_unit": ("{part}（千克 CO2e）", "{part} (kg CO2e)"),
    "logistics.col.factor_id": ("因子编号", "Factor id"),
    "logistics.col.activity": ("活动", "Activity"),
    "logistics.col.basis": ("计量单位", "Per unit of"),
    "logistics.col.region": ("区域", "Region"),
    "logistics.col.factor": ("千克 CO2e/单位", "kg CO2e per unit"),
    "logistics.col.source": ("来源", "Source"),
    "logistics.col.year": ("年份", "Year"),
    "logistics.mode.diesel_van": ("柴油货车", "Diesel van"),
    "logistics.mode.electric_van": ("电动货车", "Electric van"),
    "logistics.mode.e_bike": ("电动三轮/自行车", "E-bike"),
    "logistics.mode.cold_chain_truck": ("冷链车", "Cold-chain truck"),
    "logistics.mode.cross_border_air": ("跨境空运", "Cross-border air"),
    "logistics.mode.cross_border_sea": ("跨境海运", "Cross-border sea"),
}

_GREEN = {
    "logistics.green.trend": ("绿色配送占比趋势", "Green delivery share over time"),
    "logistics.green.trend_caption": ("每期电动货车与电动三轮/自行车配送的订单占已发货订单的比例"
                                      "（%）。",
                                      "Share of each period's shipped orders delivered by "
                                      "electric van or e-bike (%)."),
    "logistics.green.baseline": ("若用柴油货车（基线）", "If by diesel van (baseline)"),
    "logistics.green.baseline.help": ("绿色配送包裹若由柴油货车跑同样的末端公里，单均末端碳排放："
                                      "本期柴油货车每公里碳排放 × 这些包裹的公里数 ÷ 包裹数。"
                                      "单位：千克 CO2e/单。",
                                      "Mean last-mile CO2e of a green parcel had a diesel van "
                                      "driven its km: the period's diesel-van kg CO2e per km × "
                                      "the green parcels' km ÷ green parcels. Unit: kg CO2e per "
                                      "order."),
    "logistics.green.electric": ("电动实际", "Electric, as delivered"),
    "logistics.green.electric.help": ("电动货车与电动三轮/自行车包裹的平均末端配送碳排放（按所在"
                                      "电网区域折算）。单位：千克 CO2e/单。",
                                      "Mean last-mile CO2e of parcels delivered by electric van "
                                      "or e-bike (at their regional grid factor). Unit: kg CO2e "
                                      "per order."),
    "logistics.green.saving_per_order": ("每单绿色配送减排", "Saving per green order"),
    "logistics.green.saving_per_order.help": ("基线 − 电动实际：同样公里数下，每个绿色配送包裹"
                                              "少排的末端碳排放。单位：千克 CO2e/单。",
                                              "Baseline − electric as delivered: last-mile CO2e "
                                              "avoided per green parcel over the same km. Unit: "
                                              "kg CO2e per order."),
    "logistics.green.none": ("本期没有柴油或电动末端配送的订单，无法计算减排。",
                             "No diesel or electric last-mile deliveries in the period; the "
                             "saving cannot be computed."),
    "logistics.col.green_share": ("绿色配送占比", "Green share"),
}

_PACK = {
    "logistics.pack.standard": ("标准纸箱 + 塑料填充", "Standard box + plastic fill"),
    "logistics.pack.minimal": ("简约包装", "Minimal"),
    "logistics.pack.degradable": ("可降解包装", "Degradable"),
    "logistics.pack.reusable": ("循环包装", "Reusable"),
    "logistics.pack.mix": ("包装结构（全部历史，按月）", "Packaging mix (whole history, monthly)"),
    "logistics.pack.mix_caption": ("各类包装占当月发货单的比例（%）；虚线为低碳包装启用日 {day}。",
                                   "Share of each month's shipped orders by packaging type (%); "
                                   "the dashed line marks low-carbon packaging adoption on "
                                   "{day}."),
    "logistics.pack.no_adoption": ("数据中尚无低碳包装。",
                                   "No low-carbon packaging in the data yet."),
    "logistics.pack.before_after": ("启用低碳包装前后对比",
                                    "Before and after low-carbon packaging"),
    "logistics.pack.before_after_caption": ("全部历史（保留渠道、大区、城市、品类筛选），以首次使用"
                                            "低碳包装的日期 {day} 为界。",
                                            "Whole history (channel, region, city and category "
                                            "filters kept), split at the first low-carbon "
                                            "packaging on {day}."),
    "logistics.pack.cost_before": ("启用前单均包装成本", "Cost per order, before"),
    "logistics.pack.cost_after": ("启用后单均包装成本", "Cost per order, after"),
    "logistics.pack.cost.help": ("包装材料成本 ÷ 发货单数。单位：元/单。",
                                 "Packaging material cost ÷ shipped orders. Unit: CNY per order."),
    "logistics.pack.material_saved": ("本期节约包装材料", "Material saved"),
    "logistics.pack.material_saved.help": ("（启用前单均包装重量 − 启用后单均包装重量）× 本期启用后"
                                           "发货单数。单位：千克。",
                                           "(packaging weight per order before − after adoption) "
                                           "× orders shipped after adoption in the period. "
                                           "Unit: kg."),
    "logistics.phase.before": ("启用前", "Before"),
    "logistics.phase.after": ("启用后", "After"),
    "logistics.phase.period": ("本期", "This period"),
    "logistics.col.phase": ("阶段", "Phase"),
    "logistics.col.low_carbon_share": ("低碳包装占比", "Low-carbon share"),
    "logistics.col.cost_per_order": ("单均包装成本（元）", "Cost / order (CNY)"),
    "logistics.col.material_kg": ("单均包装重量（千克）", "Weight / order (kg)"),
    "logistics.col.pack_co2e": ("单均包装碳排放（千克 CO2e）", "CO2e / order (kg)"),
    "logistics.col.packaging_type": ("包装类型", "Packaging type"),
    "logistics.col.share": ("占比", "Share"),
}

_COLD = {
    "logistics.cold.excursion_rate": ("温度异常发货占比", "Excursion rate"),
    "logistics.cold.excursion_rate.help": ("有任一读数超出 0–4 °C 的冷链发货单 ÷ 冷链发货单。"
                                           "单位：%。行业目标：低于 1%（行业博客）。",
                                           "Cold-chain shipments with any reading outside "
                                           "0–4 °C ÷ cold-chain shipments. Unit: %. Industry "
                                           "target: below 1% (practitioner blog)."),
    "logistics.cold.minutes": ("单均超温时长", "Excursion min / shipment"),
    "logistics.cold.minutes.help": ("超出 0–4 °C 的监测时长合计 ÷ 冷链发货单数。单位：分钟/单。",
                                    "Monitored minutes outside 0–4 °C ÷ cold-chain shipments. "
                                    "Unit: minutes per shipment."),
    "logistics.cold.reference": ("参考：达标率 ≥ 95% 为优秀、90–95% 可接受；温度异常发货占比目标"
                                 "低于 1%（见 REFERENCE.md「绿色物流」，后者来自行业博客）。"
                                 "暂无公开的冷链退货率行业基准，下图只对比有无温度异常。",
                                 "Reference: compliance ≥ 95% high performers, 90–95% "
                                 "acceptable; excursions below 1% of shipments (REFERENCE.md, "
                                 "Green logistics; the latter from a practitioner blog). No "
                                 "public industry benchmark for cold-chain return rates was "
                                 "found, so the chart compares shipments with and without "
                                 "excursions."),
    "logistics.cold.returns": ("有无温度异常的退货率", "Return rate with and without an excursion"),
    "logistics.cold.returns_caption": ("冷链发货单中订单状态为已退货的比例（%）；"
                                       "括号内为发货单数。",
                                       "Share of cold-chain shipments whose order was returned "
                                       "(%); shipments in brackets."),
    "logistics.cold.with": ("有温度异常", "With excursion"),
    "logistics.cold.without": ("无温度异常", "Without excursion"),
    "logistics.cold.histogram": ("超温时长分布", "Excursion length"),
    "logistics.cold.histogram_caption": ("有温度异常的发货单按超温时长（分钟，30 分钟一档）计数。",
                                         "Shipments with an excursion by minutes outside "
                                         "0–4 °C (30-minute buckets)."),
    "logistics.cold.none": ("本期没有冷链发货单。", "No cold-chain shipments in the period."),
    "logistics.col.minutes_from": ("超温时长（分钟，起）", "Minutes outside range (from)"),
    "logistics.col.return_rate": ("退货率", "Return rate"),
}

_CROSS = {
    "logistics.cross.caption": ("全部历史（保留渠道、大区、城市、品类筛选），以首个欧洲直邮专线订单"
                                "{day} 为界。箱体为 25%–75% 分位，须线为 10%–90% 分位，"
                                "中线为中位数。",
                                "Whole history (channel, region, city and category filters "
                                "kept), split at the first EU direct-mail order on {day}. "
                                "Boxes span the 25th–75th percentiles, whiskers the 10th–90th, "
                                "the line is the median."),
    "logistics.cross.no_line": ("数据中尚无欧洲直邮专线订单。",
                                "No EU direct-mail orders in the data yet."),
    "logistics.cross.lead": ("门到门时效（天）", "Door-to-door lead time (days)"),
    "logistics.cross.customs": ("清关时长（小时）", "Customs clearance (hours)"),
    "logistics.cross.eu_before": ("欧洲线路 启用前", "EU lines before"),
    "logistics.cross.eu_after": ("欧洲线路 启用后", "EU lines after"),
    "logistics.cross.eu_before.help": ("专线启用前欧洲→中国订单从下单到签收的中位天数。单位：天。",
                                       "Median days from order to delivery, EU→China, before "
                                       "the direct-mail line. Unit: days."),
    "logistics.cross.eu_after.help": ("专线启用后欧洲→中国订单（邮政与直邮合计）从下单到签收的"
                                      "中位天数。单位：天。",
                                      "Median days from order to delivery, EU→China (postal and "
                                      "direct mail together), after the line opened. Unit: "
                                      "days."),
    "logistics.cross.reference": ("参考：国际快递 3–7 天，专线 7–15 天（中欧 7–12 天），邮政 15–40 "
                                  "天，海运 20–50 天；清关通常 18–72 小时，目标 24 小时内"
                                  "（REFERENCE.md）。",
                                  "Reference: express 3–7 days, dedicated lines 7–15 (China–Europe "
                                  "7–12), postal 15–40, ocean 20–50; customs typically 18–72 h, "
                                  "target under 24 h (REFERENCE.md)."),
    "logistics.route.eu_cn_all": ("欧洲→中国（全部线路）", "EU→China (all lines)"),
    "logistics.route.eu_cn_postal": ("欧洲→中国 邮政", "EU→China postal"),
    "logistics.route.eu_cn_direct_mail": ("欧洲→中国 直邮专线", "EU→China direct mail"),
    "logistics.route.us_cn_air": ("美国→中国 空运", "US→China air"),
    "logistics.route.jp_cn_sea": ("日本→中国 海运", "Japan→China sea"),
    "logistics.col.route": ("线路", "Route"),
    "logistics.col.lead_mean": ("平均时效（天）", "Mean lead time (days)"),
    "logistics.col.lead_p50": ("中位时效（天）", "Median lead time (days)"),
    "logistics.col.lead_p90": ("90% 分位时效（天）", "90th pct lead time (days)"),
    "logistics.col.customs_p50": ("中位清关（小时）", "Median customs (hours)"),
    "logistics.col.customs_p90": ("90% 分位清关（小时）", "90th pct customs (hours)"),
}

_SUSTAINABLE = {
    "logistics.sus.gmv": ("可持续商品成交额", "Sustainable GMV"),
    "logistics.sus.gmv.help": ("带可持续标识（有机、再生材料、碳中和）商品订单行的实付金额。"
                               "单位：元。",
                               "Amount paid on lines of products with a sustainability claim "
                               "(organic, recycled material, carbon neutral). Unit: CNY."),
    "logistics.sus.yoy": ("同比 {delta}", "vs last year {delta}"),
    "logistics.sus.premium": ("价格溢价", "Price premium"),
    "logistics.sus.premium.help": ("同一品类内可持续商品与普通商品平均成交单价（标价）之比 − 1，"
                                   "按可持续成交额加权平均。单位：%。注意：比较的是不同商品"
                                   "（如垃圾袋与床品），反映品类内的商品结构，并非同款商品的溢价。",
                                   "Average list price per unit sold of sustainable vs regular "
                                   "products in the same category, − 1, weighted by sustainable "
                                   "GMV. Unit: %. Caution: it compares different products (e.g. "
                                   "bin bags vs bedding), so it reflects the product mix within "
                                   "a category, not a like-for-like premium."),
    "logistics.sus.premium_caption": ("单价为每件平均标价（元）。可持续与普通商品并非同款，"
                                      "负值表示该品类的可持续商品本身是较便宜的品种，而非降价。",
                                      "Prices are the average list price per unit sold (CNY). "
                                      "Sustainable and regular products are different items: a "
                                      "negative premium means the category's sustainable items "
                                      "are cheaper kinds of product, not a discount."),
    "logistics.sus.trend": ("可持续商品成交占比趋势", "Sustainable share of GMV over time"),
    "logistics.sus.segments": ("谁在买可持续商品", "Who buys sustainable products"),
    "logistics.sus.segments_caption": ("各分群的可持续商品成交占比（%）；虚线为整体占比。"
                                       "提升度 = 分群占比 ÷ 整体占比。",
                                       "Sustainable share of GMV per segment (%); the dashed line "
                                       "is the overall share. Lift = segment share ÷ overall "
                                       "share."),
    "logistics.sus.segment_by": ("分群维度", "Segment by"),
    "logistics.seg.channel": ("渠道", "Channel"),
    "logistics.seg.region": ("大区", "Region"),
    "logistics.seg.city_tier": ("城市等级", "City tier"),
    "logistics.seg.age_band": ("年龄段", "Age band"),
    "logistics.seg.member_tier": ("会员等级", "Member tier"),
    "logistics.seg.frequency": ("本期下单次数", "Orders in the period"),
    "logistics.tier": ("{tier} 线城市", "Tier {tier}"),
    "logistics.freq": ("{n} 单", "{n} order(s)"),
    "logistics.member.regular": ("普通会员", "Regular"),
    "logistics.member.silver": ("白银会员", "Silver"),
    "logistics.member.gold": ("黄金会员", "Gold"),
    "logistics.member.platinum": ("铂金会员", "Platinum"),
    "logistics.sus.buyers": ("绿色消费者分层", "Green buyers"),
    "logistics.sus.buyers_caption": ("按客户本期成交额中可持续商品的占比分层：坚定（≥ 30%）、"
                                     "偶尔（> 0）、未购买。",
                                     "Customers by the sustainable share of their GMV in the "
                                     "period: committed (≥ 30%), occasional (> 0), none."),
    "logistics.band.committed": ("坚定绿色消费者", "Committed green buyers"),
    "logistics.band.occasional": ("偶尔购买", "Occasional"),
    "logistics.band.none": ("未购买", "No sustainable purchases"),
    "logistics.sus.premium_table": ("分品类价格溢价", "Price premium by category"),
    "logistics.col.segment": ("分群", "Segment"),
    "logistics.col.buyers": ("购买客户数", "Buyers"),
    "logistics.col.gmv": ("成交额（元）", "GMV (CNY)"),
    "logistics.col.sustainable_gmv": ("可持续成交额（元）", "Sustainable GMV (CNY)"),
    "logistics.col.sustainable_share": ("可持续占比", "Sustainable share"),
    "logistics.col.lift": ("提升度", "Lift"),
    "logistics.col.band": ("分层", "Band"),
    "logistics.col.customers": ("客户数", "Customers"),
    "logistics.col.customer_share": ("客户占比", "Share of customers"),
    "logistics.col.sustainable_gmv_share": ("占可持续成交额", "Share of sustainable GMV"),
    "logistics.col.orders_per_customer": ("人均订单数", "Orders per customer"),
    "logistics.col.category": ("品类", "Category"),
    "logistics.col.sustainable_price": ("可持续商品均价（元）", "Sustainable price (CNY)"),
    "logistics.col.regular_price": ("普通商品均价（元）", "Regular price (CNY)"),
    "logistics.col.premium": ("溢价", "Premium"),
}

_WHATIF = {
    "logistics.whatif.intro": ("拖动滑块，查看本期若调整配送与包装，单均碳排放与单均成本会如何变化"
                               "（基于本期汇总数据，即时计算）。",
                               "Move the sliders to see how CO2e and cost per order would have "
                               "changed this period (computed instantly from the period's "
                               "aggregates)."),
    "logistics.whatif.electric": ("电动配送占比（可切换的末端配送）",
                                  "Electric share (switchable last-mile deliveries)"),
    "logistics.whatif.electric.help": ("柴油货车、电动货车与电动三轮/自行车配送的订单中，"
                                       "电动的比例；改换车型的包裹里程不变，按对方车型的每公里"
                                       "碳排放与能耗成本计算；冷链与跨境末端保持柴油。当前：{now}。",
                                       "Of the orders delivered by diesel van, electric van or "
                                       "e-bike, the share that is electric. A switched parcel "
                                       "keeps its km and takes the other vehicles' CO2e and "
                                       "energy cost per km; cold-chain and cross-border last legs "
                                       "stay diesel. Today: {now}."),
    "logistics.whatif.packaging": ("包装结构（其余为标准包装）",
                                   "Packaging mix (the rest is standard)"),
    "logistics.whatif.pack.help": ("该包装类型占发货单的比例。当前：{now}。",
                                   "Share of shipped orders in this packaging. Today: {now}."),
    "logistics.whatif.normalised": ("三类低碳包装合计超过 100%，已按比例缩放。",
                                    "The low-carbon shares add up to more than 100%; they were "
                                    "scaled down proportionally."),
    "logistics.whatif.stop": ("每个停靠点配送包裹数（合单）",
                              "Parcels per delivery stop (consolidation)"),
    "logistics.whatif.stop.help": ("合并配送：每次停靠平均送达的包裹数；"
                                   "单包裹末端里程 = 停靠里程 ÷ 包裹数。当前（调和平均）：{now}。",
                                   "Consolidation: parcels delivered per stop; last-mile km per "
                                   "parcel = stop km ÷ parcels. Today (harmonic mean): {now}."),
    "logistics.whatif.reset": ("恢复为当前值", "Back to today"),
    "logistics.whatif.co2e": ("模拟单均碳排放", "Projected CO2e per order"),
    "logistics.whatif.co2e.help": ("干线与冷链不变；末端配送与包装按滑块重新计算。"
                                   "差值对比本期实际。单位：千克 CO2e/单。",
                                   "Line haul and refrigeration unchanged; last mile and "
                                   "packaging recomputed from the sliders. Delta against the "
                                   "period's actual figure. Unit: kg CO2e per order."),
    "logistics.whatif.cost": ("模拟单均成本", "Projected cost per order"),
    "logistics.whatif.cost.help": ("包装成本（数据）+ 末端配送能耗成本（假设：柴油 ¥7.5/升、"
                                   "百公里 9.4 升；充电 ¥1.0/千瓦时，电动货车 0.25、"
                                   "电动三轮/自行车 0.04 千瓦时/公里）。单位：元/单。",
                                   "Packaging cost (data) + last-mile energy cost (assumptions: "
                                   "diesel ¥7.5/L at 9.4 L/100 km; charging ¥1.0/kWh, electric "
                                   "van 0.25 and e-bike 0.04 kWh/km). Unit: CNY per order."),
    "logistics.whatif.period": ("模拟本期碳排放总量", "Projected total CO2e this period"),
    "logistics.whatif.period.help": ("模拟单均碳排放 × 本期已发货订单数。单位：千克或吨 CO2e。",
                                     "Projected CO2e per order × orders shipped in the period. "
                                     "Unit: kg or t CO2e."),
    "logistics.whatif.today": ("本期实际：{co2e}/单，{cost}/单",
                               "Today: {co2e} and {cost} per order"),
    "logistics.whatif.none": ("本期没有发货单，无法模拟。",
                              "No shipments in the period to project."),
}

_ESG = {
    "logistics.esg.caption": ("本期指标及定义，可下载 CSV。",
                              "The period's figures with definitions; "
                              "download as CSV."),
    "logistics.col.metric": ("指标", "Figure"),
    "logistics.col.value": ("数值", "Value"),
    "logistics.col.definition": ("定义", "Definition"),
    "logistics.esg.shipments": ("已发货订单", "Shipped orders"),
    "logistics.esg.shipments.help": ("本期下单且已发货的订单数（每单一个包裹）。",
                                     "Orders placed in the period and shipped (one parcel each)."),
    "logistics.esg.co2e_total": ("物流碳排放总量", "Logistics CO2e"),
    "logistics.esg.co2e_total.help": ("干线、末端、包装与冷链制冷碳排放合计，GLEC / ISO 14083，"
                                      "油井到车轮。",
                                      "Line haul, last mile, packaging and refrigeration, GLEC / "
                                      "ISO 14083 well-to-wheel."),
    "logistics.esg.co2e_per_order": ("单均碳排放", "CO2e per order"),
    "logistics.esg.co2e_per_order.help": ("物流碳排放总量 ÷ 已发货订单。",
                                          "Logistics CO2e ÷ shipped orders."),
    "logistics.esg.line_haul_kg": ("干线运输碳排放", "Line-haul CO2e"),
    "logistics.esg.line_haul_kg.help": ("包裹重量（吨）× 干线里程 × 该运输方式的吨公里因子。",
                                        "Parcel tonnes × line-haul km × the mode's tonne-km "
                                        "factor."),
    "logistics.esg.last_mile_kg": ("末端配送碳排放", "Last-mile CO2e"),
    "logistics.esg.last_mile_kg.help": ("分摊到包裹的末端里程 × 车公里因子（电动按区域电网折算）。",
                                        "Last-mile km attributed to the parcel × vehicle-km "
                                        "factor (electric rescaled by regional grid)."),
    "logistics.esg.packaging_kg": ("包装碳排放", "Packaging CO2e"),
    "logistics.esg.packaging_kg.help": ("包装重量 × 该包装材料的千克因子。",
                                        "Packaging weight × the material's per-kg factor."),
    "logistics.esg.cold_chain_kg": ("冷链制冷碳排放", "Refrigeration CO2e"),
    "logistics.esg.cold_chain_kg.help": ("冷链在途小时 × 每包裹小时制冷因子（按区域电网折算）。",
                                         "Cold-chain hours in transit × refrigeration factor per "
                                         "parcel-hour (rescaled by regional grid)."),
    "logistics.esg.green_share": ("绿色配送占比", "Green delivery share"),
    "logistics.esg.green_share.help": ("电动货车或电动三轮/自行车末端配送的订单 ÷ 已发货订单。",
                                       "Orders delivered by electric van or e-bike ÷ shipped "
                                       "orders."),
    "logistics.esg.ev_saving": ("绿色配送减排量", "CO2e saved by green delivery"),
    "logistics.esg.ev_saving.help": ("绿色配送订单 × 每单减排（对比全柴油基线，同样公里数）。",
                                     "Green orders × saving per green order (vs all-diesel over "
                                     "the same km)."),
    "logistics.esg.ev_saving_per_order": ("每单绿色配送减排", "Saving per green order"),
    "logistics.esg.ev_saving_per_order.help": ("绿色配送包裹的末端公里若由柴油货车完成的单均"
                                               "碳排放 − 实际电动单均碳排放。",
                                               "Mean last-mile CO2e of the green parcels' km in "
                                               "a diesel van − as delivered by electric."),
    "logistics.esg.low_carbon_packaging_share": ("低碳包装占比", "Low-carbon packaging share"),
    "logistics.esg.low_carbon_packaging_share.help": ("简约、可降解或循环包装的发货单 ÷ 已发货"
                                                      "订单。",
                                                      "Orders shipped in minimal, degradable or "
                                                      "reusable packaging ÷ shipped orders."),
    "logistics.esg.packaging_cost_per_order": ("单均包装成本", "Packaging cost per order"),
    "logistics.esg.packaging_cost_per_order.help": ("包装材料成本 ÷ 已发货订单。",
                                                    "Packaging material cost ÷ shipped orders."),
    "logistics.esg.packaging_material_per_order": ("单均包装重量", "Packaging material per order"),
    "logistics.esg.packaging_material_per_order.help": ("包装材料重量 ÷ 已发货订单。",
                                                        "Packaging weight ÷ shipped orders."),
    "logistics.esg.cold_chain_compliance": ("冷链温度达标率", "Cold-chain compliance"),
    "logistics.esg.cold_chain_compliance.help": ("0–4 °C 时长 ÷ 监测时长。",
                                                 "Time within 0–4 °C ÷ time monitored."),
    "logistics.esg.cold_chain_excursion_rate": ("冷链温度异常占比", "Cold-chain excursion rate"),
    "logistics.esg.cold_chain_excursion_rate.help": ("有读数超出 0–4 °C 的冷链发货单 ÷ 冷链"
                                                     "发货单。",
                                                     "Cold-chain shipments with a reading "
                                                     "outside 0–4 °C ÷ cold-chain shipments."),
    "logistics.esg.cold_chain_return_excursion": ("温度异常发货退货率",
                                                  "Return rate, with excursion"),
    "logistics.esg.cold_chain_return_excursion.help": ("有温度异常的冷链发货单中已退货的比例。",
                                                       "Returned share of cold-chain shipments "
                                                       "with an excursion."),
    "logistics.esg.cold_chain_return_clean": ("无温度异常发货退货率",
                                              "Return rate, without excursion"),
    "logistics.esg.cold_chain_return_clean.help": ("无温度异常的冷链发货单中已退货的比例。",
                                                   "Returned share of cold-chain shipments "
                                                   "without an excursion."),
    "logistics.esg.sustainable_gmv": ("可持续商品成交额", "Sustainable GMV"),
    "logistics.esg.sustainable_gmv.help": ("带可持续标识商品的订单行实付金额（未取消订单）。",
                                           "Amount paid on lines of products with a "
                                           "sustainability claim (non-cancelled orders)."),
    "logistics.esg.sustainable_gmv_share": ("可持续商品成交占比", "Sustainable share of GMV"),
    "logistics.esg.sustainable_gmv_share.help": ("可持续商品成交额 ÷ 全部订单行实付金额。",
                                                 "Sustainable GMV ÷ amount paid on all lines."),
}

STRINGS = {**_PAGE, **_KPIS, **_CO2E, **_GREEN, **_PACK, **_COLD, **_CROSS, **_SUSTAINABLE,
           **_WHATIF, **_ESG}
