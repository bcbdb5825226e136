"""Strings of the O2O stores page."""

STRINGS = {
    "page.o2o": ("门店 O2O", "O2O stores"),
    "o2o.caption": ("{start} 至 {end}（{days} 天）。门店是体验中心和流量入口：看每家门店带来多少"
                    "线下成交，又把多少顾客带到线上。",
                    "{start} to {end} ({days} days). Stores are experience centres and traffic "
                    "entrances: what each store sells in the store, and how many shoppers it "
                    "sends online."),
    "o2o.tab.stores": ("门店表现", "Stores"),
    "o2o.tab.attribution": ("体验带动线上", "Experience → online"),
    "o2o.tab.halo": ("门店光环与开店模拟", "Store halo and what-if"),
    "o2o.tab.omni": ("全渠道顾客", "Omni-channel customers"),
    "o2o.tab.funnel": ("引流 → 转化 → 复购", "Acquire → convert → repurchase"),
    "o2o.window": ("归因窗口（天）", "Attribution window (days)"),
    "o2o.window.help": ("到店体验后多少天内的线上购买算作该门店带来的。单位：天。",
                        "Online purchases within this many days after a store visit count for "
                        "the store. Unit: days."),
    # KPI cards
    "o2o.kpi.stores": ("门店数", "Stores"),
    "o2o.kpi.stores.help": ("所选城市/大区内的门店数（含期内尚未开业的）。单位：家。",
                            "Stores in the selected cities/regions (including any not yet "
                            "open in the period). Unit: stores."),
    "o2o.kpi.visits": ("到店人次", "Store visits"),
    "o2o.kpi.visits.help": ("期内进店人次（门口计数或会员扫码）。单位：人次。",
                            "Visits in the period (door counter or member scan). Unit: visits."),
    "o2o.kpi.experience_share": ("体验率", "Experience rate"),
    "o2o.kpi.experience_share.help": ("在体验区试用了某个品类的到店人次 ÷ 到店人次。单位：%。",
                                      "Visits in which a category was tried in the experience "
                                      "zone ÷ visits. Unit: %."),
    "o2o.kpi.offline_gmv": ("门店成交额", "In-store GMV"),
    "o2o.kpi.offline_gmv.help": ("期内门店渠道未取消订单的实付金额。单位：元。",
                                 "Amount paid on non-cancelled in-store orders in the period. "
                                 "Unit: CNY (¥)."),
    "o2o.kpi.attributed_gmv": ("门店带动线上成交额", "Store-driven online GMV"),
    "o2o.kpi.attributed_gmv.help": ("期内线上订单中，同一顾客在此前 {w} 天内到店体验过的同品类"
                                    "商品行金额（多次到店时归于最近一次）。"
                                    "包含本来就会发生的购买；增量见下方归因分析。单位：元。",
                                    "Online order lines in the period of a category the same "
                                    "customer tried in a store in the {w} days before (last "
                                    "visit wins). Includes purchases that would have happened "
                                    "anyway; the increment is in the attribution section. "
                                    "Unit: CNY (¥)."),
    "o2o.kpi.omni_share": ("全渠道顾客占比", "Omni-channel customers"),
    "o2o.kpi.omni_share.help": ("期内既在门店又在线上下单的顾客 ÷ 下单顾客（每人只算一次）。"
                                "单位：%。",
                                "Customers who ordered both in a store and online in the period "
                                "÷ customers with an order (each counted once). Unit: %."),
    # map and stores
    "o2o.map": ("门店地图", "Store map"),
    "o2o.map.size": ("圆点大小", "Dot size"),
    "o2o.map.metric.visits": ("到店人次", "Visits"),
    "o2o.map.metric.offline_gmv_cny": ("门店成交额", "In-store GMV"),
    "o2o.map.metric.attributed_gmv_cny": ("带动线上成交额", "Store-driven online GMV"),
    "o2o.map.tiles": ("街道底图（需联网）", "Street map (needs internet)"),
    "o2o.map.no_store": ("尚无门店的城市", "City without a store"),
    "o2o.map.note": ("圆点为门店真实经纬度，颜色为门店业态，大小为所选指标；灰色小点为尚无门店的"
                     "城市中心。悬停查看明细。"
                     "默认不加载在线底图，离线或内网环境也能显示；需要街道底图时可打开上方开关"
                     "（无法联网时仍只显示圆点）。",
                     "Dots are the stores' real coordinates, coloured by format and sized by "
                     "the chosen measure; small grey dots are city centres without a store. "
                     "Hover for details. No online map tiles are loaded by "
                     "default, so the map works offline; switch on the street map above if the "
                     "browser can reach the internet (offline it still shows only the dots)."),
    "o2o.format.experience": ("体验店", "Experience store"),
    "o2o.format.flagship": ("旗舰店", "Flagship store"),
    "o2o.format.standard": ("标准店", "Standard store"),
    "o2o.ranking": ("门店排行", "Store ranking"),
    "o2o.ranking.note": ("按门店带来的成交额排序：门店成交额 + 带动线上成交额（{w} 天窗口）。"
                         "金额单位：元；人次、单数为计数。",
                         "Ranked by GMV the store drove: in-store GMV + store-driven online GMV "
                         "({w}-day window). Money in CNY (¥); visits and orders are counts."),
    "o2o.formats": ("门店业态对比", "Store formats compared"),
    "o2o.formats.note": ("按门店营业天数折算为每店每天；体验率 = 有品类体验的人次 ÷ 到店人次。",
                         "Per store per day open in the period; experience rate = visits with "
                         "a category tried ÷ visits."),
    "o2o.experiences": ("各门店体验品类", "What shoppers try, by store"),
    "o2o.experiences.note": ("期内在体验区试用各品类的到店人次。单位：人次。",
                             "Visits in the period in which each category was tried. Unit: "
                             "visits."),
    # attribution
    "o2o.attr": ("体验到线上：归因与增量", "From experience to online: attribution and lift"),
    "o2o.attr.note": ("到店体验某品类的会员（{first} 至 {last} 的到店，窗口在所选期内结束）"
                      "在 {w} 天内线上购买同品类的比例，对比同城市、同会员等级、同前 365 天消费"
                      "档位、从未到店的顾客在同一时间窗口的比例。差值即增量（百分点），"
                      "竖线为 95% 置信区间。",
                      "Members who tried a category in a store (visits {first} to {last}, so "
                      "their window ends in the period) and bought it online within {w} days, "
                      "against customers who never visited, from the same home city and member "
                      "tier and the same spend band over the prior 365 days, observed over the "
                      "same dates. The difference is the lift (percentage points); bars are "
                      "95% confidence intervals."),
    "o2o.attr.empty": ("所选期内没有可评估的到店体验（窗口需在数据结束前结束）。"
                       "请扩大日期范围或缩短窗口。",
                       "No store visits can be assessed in this period (their window must end "
                       "before the data do). Widen the dates or shorten the window."),
    "o2o.attr.by_store": ("分门店增量", "Lift by store"),
    "o2o.attr.method": ("匹配方法：每次到店匹配 {k} 名同城市、同会员等级、从未到店的顾客，"
                        "以到店时间为起点观察；再按前 365 天消费档位（0、≤500、≤2000、>2000 元）"
                        "分层加权。找不到对照的到店不计入（见“已匹配”列）。"
                        "会员等级为当前等级。95% 区间按顾客聚类（同一对照顾客可对应多次到店）。",
                        "Matching: each visit is paired with {k} customers from the same home "
                        "city and member tier who never visited, observed from the visit time; "
                        "cells are then weighted by prior-365-day spend band (0, ≤¥500, "
                        "≤¥2,000, more). Visits without a comparable customer are left out "
                        "(see the matched column). Tier is today's tier. The 95% intervals are "
                        "clustered by customer (one non-visitor can serve several visits)."),
    "o2o.attr.axis": ("增量（百分点）", "Lift (percentage points)"),
    # halo
    "o2o.halo": ("门店光环：开店前后的周边线上销售", "Store halo on nearby online sales"),
    "o2o.halo.metric": ("指标", "Measure"),
    "o2o.halo.metric.orders": ("线上订单数", "Online orders"),
    "o2o.halo.metric.gmv": ("线上成交额", "Online GMV"),
    "o2o.halo.note": ("双重差分：居住在门店 0–3、3–5、5–10 公里内（按最近门店）的顾客，开店前后"
                      "各 {d} 天的线上订单变化，对比 10 公里内没有门店的地区同期的变化。"
                      "纳入前后各有 {d} 天数据的 {n} 家门店；不受日期筛选影响，城市/大区筛选"
                      "选择门店，渠道筛选选择线上渠道。竖线为 95% 置信区间（按顾客聚类，偏保守）。",
                      "Difference-in-differences: online orders of customers living 0–3, 3–5 "
                      "and 5–10 km from their nearest store, {d} days before vs {d} days after "
                      "it opened, against the change over the same dates in areas with no store "
                      "within 10 km. Covers the {n} stores with {d} days of data on both sides; "
                      "the date filter does not apply, city/region filters pick stores, the "
                      "channel filter picks online channels. Bars are 95% confidence intervals "
                      "(clustered by customer, conservative)."),
    "o2o.halo.empty": ("没有开店前后各有 {d} 天数据的门店，无法估计光环效应。",
                       "No store has {d} days of data on both sides of its opening, so the halo "
                       "cannot be estimated."),
    "o2o.halo.axis": ("开店后增幅", "Uplift after opening"),
    "o2o.halo.by_store": ("分门店明细", "By store"),
    "o2o.halo.few": ("顾客少于 {n} 人的分组区间不可靠，已标注。",
                     "Groups with fewer than {n} customers have unreliable intervals; they are "
                     "marked."),
    "o2o.band": ("{band} 公里", "{band} km"),
    # funnel
    "o2o.funnel": ("引流 → 转化 → 复购", "Acquire → convert → repurchase"),
    "o2o.funnel.note": ("{first} 至 {last} 注册的顾客（截至所选结束日前 {d} 天的一年，"
                        "让每人都有 {d} 天复购时间）：按获客渠道，多少人进入私域（企业微信或"
                        "公众号），其中多少人下了首单，首单后 {d} 天内复购的比例（只计首单已满"
                        " {d} 天的顾客）。截至数据结束日计数；城市/大区筛选按居住地。",
                        "Customers who signed up from {first} to {last} (the year to {d} days "
                        "before the end date, so everyone has had {d} days to buy again), by "
                        "acquisition channel: how many joined the private domain (WeCom or "
                        "official account), how many of them placed a first order, and the "
                        "share who bought again within {d} days of it (only first orders at "
                        "least {d} days old). Counted by the data end; city/region filters use "
                        "the home city."),
    "o2o.funnel.public": ("公域渠道合计（抖音、小红书、搜索广告）",
                          "Public-domain channels (Douyin, Xiaohongshu, search ads)"),
    "o2o.funnel.trend": ("各渠道按注册季度的趋势", "By signup quarter and channel"),
    "o2o.funnel.trend_metric": ("比率", "Rate"),
    "o2o.funnel.trend_note": ("每个点是该季度注册的某渠道顾客（分母不足 {n} 人的点不显示；"
                              "首单未满 {d} 天的顾客不计入复购率）。单位：%。",
                              "Each point is one channel's customers who signed up that quarter "
                              "(points with fewer than {n} customers in the denominator are not "
                              "shown; first orders younger than {d} days are left out of the "
                              "repurchase rate). Unit: %."),
    "o2o.step.acquired": ("引流：注册", "Acquired: signed up"),
    "o2o.step.private": ("转化：进入私域", "Converted: joined private domain"),
    "o2o.step.first_order": ("首单", "First order"),
    "o2o.step.repurchased": ("复购（{d} 天内）", "Repurchased (within {d} days)"),
    "o2o.rate.private_rate": ("入私域率", "Private-domain rate"),
    "o2o.rate.first_order_rate": ("首单率", "First-order rate"),
    "o2o.rate.repurchase_rate": ("复购率", "Repurchase rate"),
    "o2o.acq.douyin": ("抖音", "Douyin"),
    "o2o.acq.xiaohongshu": ("小红书", "Xiaohongshu"),
    "o2o.acq.search_ads": ("搜索广告", "Search ads"),
    "o2o.acq.wecom_group": ("企业微信群", "WeCom groups"),
    "o2o.acq.referral": ("老带新", "Referral"),
    "o2o.acq.official_account": ("公众号", "Official account"),
    "o2o.acq.offline_store": ("线下门店", "Offline store"),
    "o2o.domain.public": ("公域", "Public"),
    "o2o.domain.private": ("私域", "Private"),
    "o2o.domain.offline": ("线下", "Offline"),
    # omni
    "o2o.omni": ("统一顾客：全渠道与单渠道", "One customer: omni-channel vs single-channel"),
    "o2o.omni.note": ("同一顾客 ID 贯穿线上线下，每人只算一次：按渠道相加会得到 {summed} 人，"
                      "实际为 {unique} 人。渠道筛选在此不适用。金额单位：元。",
                      "One customer id across channels, each customer counted once: adding up "
                      "the channels would give {summed} customers, there are {unique}. The "
                      "channel filter does not apply here. Money in CNY (¥)."),
    "o2o.segment.omni": ("全渠道", "Omni-channel"),
    "o2o.segment.online_only": ("仅线上", "Online only"),
    "o2o.segment.offline_only": ("仅门店", "Store only"),
    "o2o.omni.value": ("人均成交额", "GMV per customer"),
    "o2o.omni.card": ("人均成交额；顾客占比 {share}", "GMV per customer; {share} of customers"),
    "o2o.omni.value.help": ("期内每位顾客的未取消订单实付金额。全渠道 = 期内既在门店又在线上下单；"
                            "仅线上、仅门店同理。单位：元/人。",
                            "Amount paid on non-cancelled orders in the period per customer. "
                            "Omni-channel = ordered both in a store and online in the period; "
                            "online only and store only likewise. Unit: CNY per customer."),
    # what-if
    "o2o.whatif": ("假设：在新城市开一家体验店", "What if: open an experience store in a city"),
    "o2o.whatif.city": ("城市", "City"),
    "o2o.whatif.city_label": ("{city}（已有 {n} 家门店）", "{city} ({n} stores already)"),
    "o2o.whatif.city_none": ("{city}（暂无门店）", "{city} (no store yet)"),
    "o2o.whatif.orders": ("每年新增线上订单", "Extra online orders / year"),
    "o2o.whatif.orders.help": ("光环范围内顾客过去 365 天的线上订单 × 各距离带的光环增幅估计。"
                               "区间为各距离带 95% 区间端点相加。单位：单/年。",
                               "Online orders of the customers in the halo over the last 365 "
                               "days × the estimated halo uplift of their distance band; the "
                               "range adds the bands' 95% interval ends. Unit: orders per year."),
    "o2o.whatif.gmv": ("每年新增线上成交额", "Extra online GMV / year"),
    "o2o.whatif.gmv.help": ("光环范围内顾客过去 365 天的线上成交额 × 各距离带的光环增幅估计。"
                            "区间为各距离带 95% 区间端点相加。单位：元/年。",
                            "Online GMV of the customers in the halo over the last 365 days × "
                            "the estimated halo uplift of their distance band; the range adds "
                            "the bands' 95% interval ends. Unit: CNY per year."),
    "o2o.whatif.range": ("95% 区间 {low} 至 {high}", "95% range {low} to {high}"),
    "o2o.whatif.customers": ("光环内顾客", "Customers in the halo"),
    "o2o.whatif.customers.help": ("居住在市中心 10 公里内、且 10 公里内尚无门店的顾客。单位：人。",
                                  "Customers living within 10 km of the city centre with no "
                                  "store within 10 km yet. Unit: customers."),
    "o2o.whatif.assumption": ("假设：门店开在市中心；各距离带的增幅等于过去开店的合并估计"
                              "（不分业态）；已在其他门店 10 公里内的顾客不计；"
                              "基线为过去 365 天的线上订单与成交额，保持不变。不含到店体验带来的"
                              "额外购买。",
                              "Assumptions: the store opens at the city centre; each distance "
                              "band's uplift equals the pooled estimate from past openings (all "
                              "formats); customers already within 10 km of a store are left out; "
                              "the baseline is the last 365 days of online orders and GMV, held "
                              "flat. Purchases driven by in-store experiences are not included."),
    "o2o.whatif.no_estimate": ("光环效应无法估计，无法推算。",
                               "The halo cannot be estimated, so there is no projection."),
    # columns
    "o2o.col.rank": ("排名", "Rank"),
    "o2o.col.store": ("门店", "Store"),
    "o2o.col.city": ("城市", "City"),
    "o2o.col.format": ("业态", "Format"),
    "o2o.col.opened_on": ("开业日期", "Opened"),
    "o2o.col.visits": ("到店人次", "Visits"),
    "o2o.col.experiences": ("体验人次", "Experiences"),
    "o2o.col.offline_orders": ("门店订单", "In-store orders"),
    "o2o.col.offline_gmv": ("门店成交额", "In-store GMV"),
    "o2o.col.attributed_orders": ("带动线上订单", "Store-driven online orders"),
    "o2o.col.attributed_gmv": ("带动线上成交额", "Store-driven online GMV"),
    "o2o.col.total_gmv": ("合计带动成交额", "Total GMV driven"),
    "o2o.col.online_share": ("线上占比", "Online share"),
    "o2o.col.stores": ("门店数", "Stores"),
    "o2o.col.visits_per_day": ("日均到店人次", "Visits per store-day"),
    "o2o.col.experience_share": ("体验率", "Experience rate"),
    "o2o.col.offline_gmv_per_day": ("日均门店成交额", "In-store GMV per store-day"),
    "o2o.col.attributed_gmv_per_day": ("日均带动线上成交额", "Online GMV driven per store-day"),
    "o2o.col.category": ("品类", "Category"),
    "o2o.col.matched": ("已匹配到店", "Matched visits"),
    "o2o.col.visitor_rate": ("到店者线上购买率", "Visitors buying online"),
    "o2o.col.control_rate": ("对照组购买率", "Comparable non-visitors buying"),
    "o2o.col.lift": ("增量", "Lift"),
    "o2o.col.interval": ("95% 区间", "95% interval"),
    "o2o.col.band": ("距离带", "Distance band"),
    "o2o.col.customers": ("顾客数", "Customers"),
    "o2o.col.pre": ("开店前", "Before"),
    "o2o.col.post": ("开店后", "After"),
    "o2o.col.expected": ("无门店时预期", "Expected without store"),
    "o2o.col.control_change": ("无门店地区变化", "Change where no store"),
    "o2o.col.uplift": ("增幅", "Uplift"),
    "o2o.col.extra": ("新增", "Extra"),
    "o2o.col.reliable": ("样本", "Sample"),
    "o2o.col.few": ("偏少", "small"),
    "o2o.col.ok": ("充足", "ok"),
    "o2o.col.channel": ("获客渠道", "Acquisition channel"),
    "o2o.col.domain": ("流量域", "Domain"),
    "o2o.col.segment": ("顾客类型", "Customer type"),
    "o2o.col.customer_share": ("顾客占比", "Share of customers"),
    "o2o.col.orders": ("订单数", "Orders"),
    "o2o.col.gmv": ("成交额", "GMV"),
    "o2o.col.gmv_share": ("成交额占比", "Share of GMV"),
    "o2o.col.orders_per_customer": ("人均订单", "Orders per customer"),
    "o2o.col.baseline": ("基线（每年）", "Baseline per year"),
    "o2o.col.total": ("合计", "Total"),
}
