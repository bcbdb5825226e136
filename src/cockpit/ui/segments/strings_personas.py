"""Strings of the Segments page's persona and playbook sections (keys personas.*, playbooks.*)."""

_BANDS = {
    "early_morning": ("清晨 5–8 点", "early morning 5–8h"),
    "morning": ("上午 8–11 点", "morning 8–11h"),
    "midday": ("午间 11–14 点", "midday 11–14h"),
    "afternoon": ("午后 14–17 点", "afternoon 14–17h"),
    "evening": ("傍晚 17–21 点", "evening 17–21h"),
    "late_night": ("深夜 21–5 点", "late night 21–5h"),
}

STRINGS = {
    # ---- personas ---------------------------------------------------------------------------
    "personas.caption": (
        "按行为而非人口属性聚类：下单时段、周末占比、品类结构、购物篮组合、评价用词、绿色配送与可持续"
        "商品占比。统计窗口为 {start} 至 {end}（至少两年，以便看清习惯）；只计客户自主下单的订单"
        "（直播间与门店订单的时间和商品由直播排期或门店决定，不计入）。",
        "Clustered on behaviour, not demographics: hour of ordering, weekend share, category "
        "mix, basket combinations, review words, green delivery and sustainable products. "
        "Window {start} to {end} (at least two years, so habits show); only orders the customer "
        "placed on their own count (live-stream and in-store orders follow the broadcast or the "
        "store, not the customer's habit)."),
    "personas.k": ("画像个数", "Number of personas"),
    "personas.k_auto": ("自动（ICL 选出 {k} 个）", "Automatic (ICL picks {k})"),
    "personas.k_help": (
        "默认按 ICL 准则自动选择；也可手动指定 2–10 个。改变个数会重新聚类。",
        "Chosen automatically by the ICL criterion by default; you can set 2–10 yourself. "
        "Changing it re-clusters the customers."),
    "personas.kpi.personas": ("画像数", "Personas"),
    "personas.kpi.personas_help": (
        "本次展示的画像个数（个）。自动模式下取 ICL 最小的个数。",
        "Personas shown, count. In automatic mode, the number with the lowest ICL."),
    "personas.kpi.customers": ("参与聚类客户", "Customers clustered"),
    "personas.kpi.customers_help": (
        "窗口内至少有一笔自主下单（非直播、非门店、未取消）订单的客户数，单位：人。",
        "Customers with at least one self-placed (not live-stream, not in-store), non-cancelled "
        "order in the window. Unit: customers."),
    "personas.kpi.largest": ("最大画像占比", "Largest persona"),
    "personas.kpi.largest_help": (
        "人数最多的画像占参与聚类客户的比例，单位：%。",
        "Share of clustered customers in the largest persona. Unit: %."),
    "personas.kpi.small": ("小画像", "Small personas"),
    "personas.kpi.small_help": (
        "人数少于 {min_customers} 人且占比低于 {min_share} 的画像个数（个）；"
        "样本太小，不宜单独运营。",
        "Personas with fewer than {min_customers} customers and under {min_share} of them, "
        "count; too small to run a campaign on."),
    "personas.criterion": ("画像个数的选择依据（ICL）",
                           "How the number of personas is chosen (ICL)"),
    "personas.criterion_caption": (
        "ICL（积分完全似然，Biernacki 等 2000）= BIC + 2×归属熵：既奖励拟合好，也惩罚参数多和"
        "归属模糊，越低越好。抽样 {sample} 位客户计算；红点为自动选择。",
        "ICL (integrated completed likelihood, Biernacki et al. 2000) = BIC + 2 × assignment "
        "entropy: rewards fit, penalises parameters and blurred assignments; lower is better. "
        "Computed on {sample} sampled customers; the red dot is the automatic choice."),
    "personas.icl": ("ICL（越低越好）", "ICL (lower is better)"),
    "personas.cards": ("画像一览", "Personas at a glance"),
    "personas.card.customers": ("客户数", "Customers"),
    "personas.card.customers_help": (
        "归入该画像的客户数，单位：人；括号内为占参与聚类客户的比例。",
        "Customers assigned to the persona; in brackets, their share of all clustered "
        "customers. Unit: customers."),
    "personas.card.share": ("占比 {share}", "{share} of customers"),
    "personas.card.peak": ("下单高峰：{band}", "Peak ordering: {band}"),
    "personas.card.categories": ("主力品类：{categories}", "Top categories: {categories}"),
    "personas.card.words": ("评价高频词：{words}", "Typical review words (Chinese): {words}"),
    "personas.card.value": ("存活概率 {p_alive} · 人均 CLV {clv}",
                            "P(alive) {p_alive} · CLV per customer {clv}"),
    "personas.card.small": ("人数过少，仅供参考，勿单独投放", "Too few customers: indicative only"),
    "personas.features": ("画像特征与平均水平对比", "Defining features against the average"),
    "personas.features_caption": (
        "颜色为画像均值 ÷ 全体均值（提升度，1× = 与平均相同，红色偏高、蓝色偏低）；"
        "悬停查看实际数值。"
        "时段与周末为订单占比，品类与可持续商品为订单行占比，绿色配送为发货单占比，单位：%；篮内行数单位：行/单。",
        "Colour is persona mean ÷ overall mean (lift; 1× = average, red above, blue below); "
        "hover for the values. Hour bands and weekend: share of orders; categories and "
        "sustainable: share of order lines; green delivery: share of shipments (%); lines per "
        "order in lines."),
    "personas.lift": ("提升度", "Lift"),
    "personas.table": ("画像明细", "Persona table"),
    "personas.table_caption": (
        "CLV 为未来 {horizon} 天预期消费额（BG/NBD + Gamma-Gamma，单位：¥），存活概率为 BG/NBD 的 "
        "P(alive)；均为画像内客户均值。",
        "CLV: expected spend over the next {horizon} days (BG/NBD + Gamma-Gamma, ¥); P(alive) "
        "from BG/NBD; both are means over the persona's customers."),
    "personas.no_clv": ("CLV 模块暂不可用，未显示存活概率与 CLV。",
                        "CLV scores are not available; P(alive) and CLV are not shown."),
    "personas.none": ("窗口内客户太少，无法聚类。", "Too few customers in the window to cluster."),
    "personas.col.persona": ("画像", "Persona"),
    "personas.col.customers": ("客户数（人）", "Customers"),
    "personas.col.share": ("占比", "Share"),
    "personas.col.small": ("样本过小", "Too small"),
    "personas.col.top_categories": ("主力品类", "Top categories"),
    "personas.col.defining": ("显著特征", "Defining features"),
    "personas.col.review_words": ("评价高频词（中文）", "Review words (Chinese)"),
    "personas.col.p_alive": ("存活概率", "P(alive)"),
    "personas.col.clv": ("人均 CLV", "CLV per customer"),
    "personas.col.k": ("画像个数", "Personas"),
    "personas.col.icl": ("ICL", "ICL"),
    "personas.col.feature": ("特征", "Feature"),
    "personas.col.value": ("画像均值", "Persona mean"),
    "personas.col.average": ("全体均值", "Overall mean"),
    "personas.member.regular": ("普通", "Regular"),
    "personas.member.silver": ("白银", "Silver"),
    "personas.member.gold": ("黄金", "Gold"),
    "personas.member.platinum": ("铂金", "Platinum"),
    "personas.yes": ("是", "yes"),
    "personas.no": ("否", "no"),
    **{f"personas.band.{k}": v for k, v in _BANDS.items()},
    **{f"personas.feature.hour_{k}": v for k, v in _BANDS.items()},
    "personas.feature.weekend": ("周末下单", "Weekend orders"),
    "personas.feature.lines_per_order": ("篮内行数", "Lines per order"),
    "personas.feature.multi_category": ("跨品类购物篮", "Multi-category baskets"),
    "personas.feature.green_delivery": ("绿色配送", "Green delivery"),
    "personas.feature.sustainable": ("可持续商品", "Sustainable products"),
    # ---- playbooks --------------------------------------------------------------------------
    "playbooks.audience_kind": ("选择人群", "Audience"),
    "playbooks.kind.tier": ("生命周期分层", "Lifecycle tier"),
    "playbooks.kind.persona": ("场景化画像", "Persona"),
    "playbooks.audience": ("人群", "Group"),
    "playbooks.play": ("运营打法", "The play"),
    "playbooks.kpi.customers": ("人群规模", "Audience size"),
    "playbooks.kpi.customers_help": ("所选人群的客户数，单位：人。",
                                     "Customers in the selected audience. Unit: customers."),
    "playbooks.kpi.gmv": ("窗口内成交额", "GMV in window"),
    "playbooks.kpi.gmv_help": (
        "人群在 {start} 至 {end} 的未取消订单金额（实付），单位：¥。",
        "Amount paid on the audience's non-cancelled orders from {start} to {end}. Unit: ¥."),
    "playbooks.kpi.clv": ("人均 CLV", "CLV per customer"),
    "playbooks.kpi.clv_help": (
        "未来 {horizon} 天预期消费额的人均值（BG/NBD + Gamma-Gamma），单位：¥。",
        "Mean expected spend over the next {horizon} days (BG/NBD + Gamma-Gamma). Unit: ¥."),
    "playbooks.kpi.clv_total": ("人群预期价值", "Expected value"),
    "playbooks.kpi.clv_total_help": (
        "人群全部客户未来 {horizon} 天预期消费额之和，单位：¥。",
        "Sum of the audience's expected spend over the next {horizon} days. Unit: ¥."),
    "playbooks.kpi.wecom": ("企微可触达", "Reachable on WeCom"),
    "playbooks.kpi.wecom_help": (
        "已加入企业微信私域（社群或公众号）的客户占比，单位：%。",
        "Share of the audience already in the WeCom private domain (group or official "
        "account). Unit: %."),
    "playbooks.rules": ("互补商品（关联规则）", "Complementary products (association rules)"),
    "playbooks.rules_caption": (
        "由该人群近两年（同画像窗口）的购物篮计算：支持度 = 同时含 A 和 B 的订单占比；"
        "置信度 = 买了 A 的订单中也买 B 的比例；提升度 = 置信度 ÷ B 的整体购买率"
        "（>1 说明 A 带动 B）。至少 {min_orders} 单同时出现；"
        "人群超过 {cap} 人时抽样 {cap} 人计算。推荐位：买 A 的客户推荐 B。",
        "From the audience's baskets in the persona window (at least two years): support = "
        "share of orders with both A and B; confidence = share of orders with A that also "
        "have B; lift = confidence ÷ B's overall rate (above 1: A pulls B along). At least "
        "{min_orders} orders with both; audiences over {cap} customers use a sample of {cap}. "
        "Use: recommend B to buyers of A."),
    "playbooks.no_rules": ("该人群的购物篮中没有达到门槛的商品组合。",
                           "No product pair in this audience's baskets reaches the threshold."),
    "playbooks.export": ("导出人群（CRM / 企业微信）", "Export the audience (CRM / WeCom)"),
    "playbooks.export_caption": (
        "每行一位客户：ID、城市、会员等级、是否企微成员、窗口内订单数与成交额（¥）、首末单日期、距末单天数，"
        "以及存活概率与 CLV（¥）。下表预览前 {rows} 行，下载为全部 {total} 行。",
        "One row per customer: id, city, member tier, WeCom member, orders and GMV (¥) in the "
        "window, first and last order dates, days since the last order, P(alive) and CLV (¥). "
        "Previewing {rows} rows; the download has all {total}."),
    "playbooks.col.audience": ("人群", "Audience"),
    "playbooks.col.customer_id": ("客户 ID", "Customer id"),
    "playbooks.col.city": ("城市", "City"),
    "playbooks.col.member_tier": ("会员等级", "Member tier"),
    "playbooks.col.wecom_member": ("企微成员", "WeCom member"),
    "playbooks.col.orders": ("订单数", "Orders"),
    "playbooks.col.gmv_cny": ("成交额（¥）", "GMV (¥)"),
    "playbooks.col.last_order_date": ("末单日期", "Last order"),
    "playbooks.col.days_since_last_order": ("距末单天数", "Days since last order"),
    "playbooks.col.p_alive": ("存活概率", "P(alive)"),
    "playbooks.col.clv": ("CLV（¥）", "CLV (¥)"),
    "playbooks.col.antecedent": ("买了 A", "Bought A"),
    "playbooks.col.consequent": ("推荐 B", "Recommend B"),
    "playbooks.col.orders_both": ("同时购买订单数", "Orders with both"),
    "playbooks.col.support": ("支持度", "Support"),
    "playbooks.col.confidence": ("置信度", "Confidence"),
    "playbooks.col.lift": ("提升度", "Lift"),
    "playbooks.empty": ("该人群当前没有客户。", "This audience has no customers right now."),
    # plays per tier: goal and actions
    "playbooks.play.first_order": ("首单转化与信任建立", "First-order conversion and trust"),
    "playbooks.play.first_order.actions": (
        "新人礼包（无门槛券 + 包邮）；引导式首购（爆款清单、直播间新人专享）；"
        "试用装与小规格降低尝试门槛；首单后 7 天内邀请加入企业微信社群。",
        "New-customer gift (no-threshold coupon + free shipping); guided first purchase "
        "(best-seller list, newcomer live-room deals); trial sizes to lower the risk; invite to "
        "the WeCom group within 7 days of the first order."),
    "playbooks.play.repurchase": ("促复购", "Repurchase"),
    "playbooks.play.repurchase.actions": (
        "按下方互补商品做搭配推荐；会员权益（积分、会员日、专属价）；场景化触达，如节假日前推旅行装、"
        "换季推家居收纳；按补货周期提醒。",
        "Complementary recommendations from the rules below; member benefits (points, member "
        "days, member prices); scene-based reach such as travel sizes before holidays or "
        "storage before the season changes; replenishment reminders."),
    "playbooks.play.exclusive": ("专属服务", "Exclusive service"),
    "playbooks.play.exclusive.actions": (
        "一对一专属导购（企业微信）；定制与 C2M 新品优先体验；线下门店会员活动与品鉴会；"
        "生日与纪念日礼遇。",
        "One-to-one personal shopper on WeCom; customisation and early access to C2M products; "
        "offline member events and tastings in the stores; birthday and anniversary gifts."),
    "playbooks.play.win_back": ("流失预警挽回", "Win back before they lapse"),
    "playbooks.play.win_back.actions": (
        "按历史偏好推送限时回归券；企微顾问回访了解原因；以常购商品的补货提醒召回。",
        "Time-limited come-back coupon on their usual categories; a WeCom adviser checks in to "
        "learn why; replenishment reminders for what they used to buy."),
    "playbooks.play.reactivate": ("低成本唤醒", "Low-cost reactivation"),
    "playbooks.play.reactivate.actions": (
        "只用低成本渠道（短信、公众号、企微群）；大促节点集中唤醒；连续无响应则降低触达频次以控成本。",
        "Low-cost channels only (SMS, official account, WeCom groups); concentrate on the big "
        "sales festivals; reduce contact frequency for those who do not respond."),
    # plays per persona (built from its features)
    "playbooks.persona.goal": ("场景化触达：{name}", "Scene-based reach: {name}"),
    "playbooks.persona.timing": ("在{band}推送，贴合该人群的下单高峰。",
                                 "Send pushes in the {band} window, when this group orders."),
    "playbooks.persona.categories": ("主推{categories}，用下方互补商品做搭配套餐。",
                                     "Lead with {categories}; bundle with the complementary "
                                     "products below."),
    "playbooks.persona.words": ("文案借用其评价里的高频说法：{words}。",
                                "Borrow their own review language in copy (Chinese): {words}."),
    "playbooks.persona.green": ("该人群偏好可持续商品：突出环保包装与绿色配送选项。",
                                "This group favours sustainable products: feature low-carbon "
                                "packaging and the green delivery option."),
    "playbooks.persona.weekend": ("周末下单偏多：周五晚预告、周末集中推送。",
                                  "Orders lean to weekends: tease on Friday evening, push on "
                                  "the weekend."),
    "playbooks.persona.small": ("该画像人数过少，建议并入相近人群运营。",
                                "This persona is too small; run it together with a similar "
                                "group."),
}
