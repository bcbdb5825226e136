"""Strings of the Live-commerce replay page (直播复盘)."""

_PAGE = {
    "page.live": ("直播复盘", "Live-commerce replay"),
    "live.caption": ("{start} 至 {end}：{sessions} 场直播。直播间数据按开播日期统计；"
                     "大区、城市、品类筛选不拆分直播间数据，渠道筛选未含直播时无数据。",
                     "{start} to {end}: {sessions} live sessions. Room figures count sessions "
                     "by start date; region, city and category filters do not split room data, "
                     "and a channel filter without live stream selects none."),
    "live.tab.overview": ("总览", "Overview"),
    "live.tab.replay": ("单场复盘", "Session replay"),
    "live.tab.segments": ("环节效果", "Segment effectiveness"),
    "live.tab.whatif": ("脚本模拟", "Script what-if"),
    "live.tab.follow": ("私域转化", "Private-domain follow-through"),
    "live.tab.compare": ("场次对比", "Compare sessions"),
    "live.vs_previous": ("环比", "vs prior"),
    "live.replay_vs_median": ("涨跌幅为与团队近 {days} 天中位场次相比。",
                              "Changes are against the team's median session of the last "
                              "{days} days."),
    "live.median_session": ("中位场次 {value}", "median session {value}"),
    "live.per_session": ("场均 {value}", "per session {value}"),
    "live.previous_sessions": ("上期 {value} 场", "prior period {value}"),
    "live.benchmark": ("对标团队自身场次", "Benchmark against the team's own sessions"),
    "live.benchmark_caption": ("对标范围：截至 {end} 的近 {days} 天共 {sessions} 场直播。"
                               "中位值 = 一半场次高于此值；优秀值 = 前 25% 场次的门槛"
                               "（电商罗盘口径）。累计指标按场均比较。",
                               "Benchmark: the team's {sessions} sessions in the {days} days "
                               "to {end}. Median = half the sessions are above; top 25% = the "
                               "line the best quarter of sessions clear (the compass tools' "
                               "benchmark). Additive figures compare per session."),
    "live.col.this_period": ("本期（场均）", "This period (per session)"),
    "live.col.median": ("中位值", "Median session"),
    "live.col.top_quartile": ("优秀值（前 25%）", "Top 25% session"),
    "live.col.standing": ("水平", "Standing"),
    "live.standing.top": ("优秀", "Top 25%"),
    "live.standing.above": ("高于中位", "Above median"),
    "live.standing.below": ("低于中位", "Below median"),
    "live.host_split": ("自播与达人", "Brand self-broadcast vs influencers"),
    "live.brand_share": ("自播占直播成交额", "Brand self-broadcast share of live GMV"),
    "live.brand_share.help": ("品牌自播场次成交额 ÷ 本期全部直播成交额。单位：%。",
                              "GMV of brand self-broadcast sessions ÷ all live GMV in the "
                              "period. Unit: %."),
    "live.live_share": ("直播占总成交额", "Live share of all GMV"),
    "live.live_share.help": ("直播渠道成交额 ÷ 全渠道成交额（未取消订单，随筛选）。单位：%。",
                             "Live-stream channel GMV ÷ GMV of all channels (non-cancelled "
                             "orders matching the filters). Unit: %."),
    "live.video_share": ("短视频占总成交额", "Short-video share of all GMV"),
    "live.video_share.help": ("短视频渠道成交额 ÷ 全渠道成交额。单位：%。",
                              "Short-video channel GMV ÷ GMV of all channels. Unit: %."),
    "live.calendar": ("直播日历（按成交额排名）", "Live calendar, ranked by GMV"),
    "live.calendar_caption": ("每个点是一场直播：横轴开播日期，纵轴成交额（元）；"
                              "表格按成交额从高到低排名。",
                              "Each dot is one session: start date across, GMV (CNY) up; the "
                              "table ranks sessions by GMV, highest first."),
    "live.col.rank": ("排名", "Rank"),
    "live.col.session": ("场次", "Session"),
    "live.col.title": ("直播标题", "Title"),
    "live.col.host": ("主播", "Host"),
    "live.col.host_type": ("类型", "Type"),
    "live.col.started_at": ("开播时间", "Started"),
    "live.col.minutes": ("时长（分钟）", "Minutes on air"),
    "live.col.segment": ("环节", "Segment"),
    "live.col.measure": ("指标", "Measure"),
    "live.col.value": ("估计值", "Estimate"),
    "live.col.ci": ("90% 置信区间", "90% interval"),
    "live.col.step": ("环节", "Step"),
    "live.col.count": ("人次/次数", "Count"),
    "live.col.step_rate": ("环节转化率", "Step rate"),
    "live.col.overall_rate": ("累计转化率", "Rate from exposure"),
    "live.col.source": ("来源", "Source"),
    "live.col.entries": ("进入人次", "Entries"),
    "live.col.share": ("占比", "Share"),
    "live.col.window": ("讲解时段（分钟）", "Window (minutes)"),
    "live.col.product": ("讲解商品", "Product"),
    "live.col.gmv_per_minute": ("每分钟成交额（元）", "GMV per minute (CNY)"),
    "live.col.tail_gmv": ("讲解后 {n} 分钟成交额（元）", "GMV in the {n} minutes after (CNY)"),
    "live.col.tail_orders": ("讲解后 {n} 分钟订单", "Orders in the {n} minutes after"),
    "live.col.viewers_lost": ("流失在线人数", "Viewers lost"),
    "live.col.minute": ("分钟", "Minute"),
    "live.col.on_air": ("当时环节", "On air"),
    "live.col.exit_share": ("两分钟离开比例", "Two-minute exit share"),
    "live.col.usual_exit_share": ("本场通常比例", "Usual for this session"),
    "live.col.room_before": ("下跌前在线", "Room before"),
    "live.col.buyers": ("购买人数", "Buyers"),
    "live.col.buyer_repurchase_7d": ("购买者 7 天复购率", "Buyer repurchase, 7 days"),
    "live.col.buyer_repurchase_30d": ("购买者 30 天复购率", "Buyer repurchase, 30 days"),
    "live.col.wecom_members": ("企微入群人数", "WeCom members"),
    "live.col.wecom_repurchase_7d": ("企微成员 7 天购买率", "WeCom members buying, 7 days"),
    "live.col.wecom_repurchase_30d": ("企微成员 30 天购买率", "WeCom members buying, 30 days"),
    "live.col.refund_rate": ("退货率", "Refund rate"),
    "live.col.sessions": ("场次数", "Sessions"),
}

_KPI = {
    "live.kpi.sessions": ("直播场次", "Sessions"),
    "live.kpi.sessions.help": ("本期开播的直播场次。单位：场。",
                               "Live sessions started in the period. Unit: sessions."),
    "live.kpi.hours_live": ("直播时长", "Hours live"),
    "live.kpi.hours_live.help": ("各场在播分钟数合计 ÷ 60。单位：小时。",
                                 "Minutes on air over all sessions ÷ 60. Unit: hours."),
    "live.kpi.gmv_cny": ("直播成交额", "Live GMV"),
    "live.kpi.gmv_cny.help": ("直播间成交（已支付、未取消）订单金额合计，含后续退货。单位：元。",
                              "Value of orders paid in the room (not cancelled; later returns "
                              "included). Unit: CNY (¥)."),
    "live.kpi.orders": ("成交订单", "Orders paid"),
    "live.kpi.orders.help": ("直播间已支付订单数。单位：单。",
                             "Orders paid in the room. Unit: orders."),
    "live.kpi.views": ("场观（进入人次）", "Views (entries)"),
    "live.kpi.views.help": ("进入直播间的人次（同一人多次进入重复计算）。单位：人次。",
                            "Entries into the room; a viewer entering twice counts twice. "
                            "Unit: views."),
    "live.kpi.unique_viewers": ("观看人数", "Unique viewers"),
    "live.kpi.unique_viewers.help": ("每场去重观看人数之和。单位：人。",
                                     "Distinct viewers per session, summed over sessions. "
                                     "Unit: viewers."),
    "live.kpi.avg_watch_minutes": ("人均观看时长", "Avg watch time"),
    "live.kpi.avg_watch_minutes.help": ("总观看时长 ÷ 观看人数；总观看时长 = 每分钟在线人数之和。"
                                        "单位：分钟。",
                                        "Total watch time ÷ unique viewers; total watch time = "
                                        "online viewers summed over the minutes. Unit: minutes."),
    "live.kpi.gpm": ("千次成交额 GPM", "GPM"),
    "live.kpi.gpm.help": ("成交额 × 1000 ÷ 场观（进入人次）。单位：元/千次观看。",
                          "GMV × 1000 ÷ views (entries). Unit: CNY per 1,000 views."),
    "live.kpi.uv_value": ("UV 价值", "UV value"),
    "live.kpi.uv_value.help": ("成交额 ÷ 观看人数。单位：元/人。",
                               "GMV ÷ unique viewers. Unit: CNY per viewer."),
    "live.kpi.conversion": ("成交转化率", "Conversion"),
    "live.kpi.conversion.help": ("成交订单 ÷ 观看人数。单位：%。",
                                 "Orders paid ÷ unique viewers. Unit: %."),
    "live.kpi.interaction_rate": ("互动率", "Interaction rate"),
    "live.kpi.interaction_rate.help": ("（评论数 + 分享数）÷ 观看人数；点赞不计，"
                                       "因一人可连续点赞多次。单位：%。",
                                       "(Comments + shares) ÷ unique viewers; likes are left "
                                       "out because one viewer taps many times. Unit: %."),
    "live.kpi.wecom_adds": ("企微添加", "WeCom adds"),
    "live.kpi.wecom_adds.help": ("从直播间添加企业微信的人数。单位：人。",
                                 "Viewers who joined WeCom from the room. Unit: people."),
    "live.kpi.new_followers": ("新增关注", "New followers"),
    "live.kpi.new_followers.help": ("直播期间新增的账号关注数。单位：人。",
                                    "New followers of the account during the session. "
                                    "Unit: people."),
    "live.kpi.aov": ("客单价", "Average order value"),
    "live.kpi.aov.help": ("成交额 ÷ 成交订单。单位：元/单。",
                          "GMV ÷ orders paid. Unit: CNY per order."),
    "live.kpi.entry_rate": ("曝光进入率", "Entry rate"),
    "live.kpi.entry_rate.help": ("场观 ÷ 直播间曝光次数。单位：%。",
                                 "Views ÷ times the stream was shown in a feed. Unit: %."),
    "live.kpi.click_through": ("商品点击率", "Product click-through"),
    "live.kpi.click_through.help": ("商品点击 ÷ 商品曝光。单位：%。",
                                    "Product clicks ÷ product exposures. Unit: %."),
}

_REPLAY = {
    "live.pick_session": ("选择场次（按成交额排名）", "Session (ranked by GMV)"),
    "live.session_label": ("#{rank} {day} {title}（{host}）· {gmv}",
                           "#{rank} {day} {title} ({host}) · {gmv}"),
    "live.session_head": ("{host} · {start} 开播，{minutes} 分钟",
                          "{host} · started {start}, {minutes} minutes"),
    "live.timeline": ("分钟级时间线", "Minute-by-minute timeline"),
    "live.timeline_caption": ("底色为当时的脚本环节：蓝 = 商品讲解，绿 = 互动，橙 = 福利；"
                              "红色虚线 = 检测到的流失点。悬停可见讲解商品。",
                              "Shading shows the script segment on air: blue = product "
                              "explanation, green = interaction, orange = benefits; the red "
                              "dashed line marks a detected drop-off. Hover for the featured "
                              "product."),
    "live.series.online": ("在线人数", "Online viewers"),
    "live.series.entries": ("进入", "Entries"),
    "live.series.exits": ("离开", "Exits"),
    "live.series.comments": ("评论", "Comments"),
    "live.series.shares": ("分享", "Shares"),
    "live.series.likes": ("点赞（÷10）", "Likes (÷10)"),
    "live.series.clicks": ("商品点击", "Product clicks"),
    "live.series.orders": ("成交订单", "Orders paid"),
    "live.series.gmv": ("成交额（元）", "GMV (CNY)"),
    "live.axis.people": ("人", "people"),
    "live.axis.events": ("次/分钟", "per minute"),
    "live.axis.gmv": ("元/分钟", "CNY per minute"),
    "live.funnel": ("转化漏斗", "Conversion funnel"),
    "live.funnel_caption": ("直播间曝光 → 进入 → 商品点击 → 创建订单 → 成交（次数）；"
                            "环节转化率 = 本环节 ÷ 上一环节，累计转化率 = 本环节 ÷ 曝光。",
                            "Room exposure → entry → product click → order created → paid "
                            "(counts); step rate = this step ÷ the step before, rate from "
                            "exposure = this step ÷ exposures."),
    "live.sources": ("流量来源", "Traffic sources"),
    "live.sources_caption": ("进入直播间人次按来源拆分。", "Entries into the room by source."),
    "live.private": ("新增关注 {followers} 人 · 企微添加 {wecom} 人",
                     "New followers {followers} · WeCom adds {wecom}"),
    "live.dropoffs": ("流失点检测", "Drop-off detection"),
    "live.dropoff_found": ("第 {minute} 分钟（{at}）在线人数骤降：两分钟内 {share} 的观众离开，"
                           "本场通常为 {usual}；流失约 {lost} 人。当时在播：{on_air}。",
                           "Minute {minute} ({at}): the room emptied fast: {share} of viewers "
                           "left within two minutes, against {usual} usually in this session; "
                           "about {lost} viewers lost. On air: {on_air}."),
    "live.dropoff_none": ("本场未发现明显流失点（10 分钟后两分钟离开比例均未超出本场通常水平 "
                          "{points} 个百分点）。",
                          "No sharp drop-off in this session (after minute 10 no two-minute "
                          "exit share exceeds the session's usual one by {points} points)."),
    "live.dropoff_rule": ("检测规则：两分钟离开比例 =（本分钟与下一分钟离开人数）÷"
                          "（上一分钟在线 + 这两分钟进入）；超出本场中位值 {points} 个百分点"
                          "以上的最大一处视为流失点。开场 10 分钟与在线不足 {room} 人时不判断。",
                          "Rule: two-minute exit share = exits in this and the next minute ÷ "
                          "(room the minute before + entries in the two minutes); the largest "
                          "one exceeding the session's median by {points} points or more is a "
                          "drop-off. The first 10 minutes and rooms under {room} viewers are "
                          "not judged."),
    "live.windows": ("商品讲解时段 ROI", "Explanation-window ROI"),
    "live.windows_caption": ("每段连续讲解同一商品的时段；讲解后 {n} 分钟的订单与成交额单列"
                             "（下单常在讲解刚结束时）。GPM = 时段成交额 × 1000 ÷ 时段观看人次"
                             "（讲解前在线 + 讲解中进入），单位：元/千次观看；"
                             "流失在线人数 = 讲解前在线 − 讲解结束时在线（负数为增加）。",
                             "Each run of explaining one product; orders and GMV in the {n} "
                             "minutes after are shown apart (buyers often order just after the "
                             "pitch). GPM = window GMV × 1000 ÷ window views (room before the "
                             "window + entries during it), CNY per 1,000 views; viewers lost = "
                             "room before the window − room at its end (negative: it grew)."),
    "live.windows_none": ("本场没有商品讲解环节。", "No product explanation in this session."),
    "live.minutes_download": ("本场分钟数据（可下载 CSV）",
                              "This session's minutes (CSV download)"),
}

_SEGMENTS = {
    "live.segment.product_explanation": ("商品讲解", "Product explanation"),
    "live.segment.interaction": ("互动", "Interaction"),
    "live.segment.benefits": ("福利", "Benefits"),
    "live.segment.none": ("无", "none"),
    "live.host.brand_self": ("品牌自播", "Brand self-broadcast"),
    "live.host.influencer": ("达人直播", "Influencer"),
    "live.source.feed": ("推荐 feed", "Recommendation feed"),
    "live.source.paid": ("付费流量", "Paid traffic"),
    "live.source.short_video": ("短视频引流", "Short video"),
    "live.source.followers": ("关注/粉丝", "Followers"),
    "live.funnel.impressions": ("直播间曝光", "Room exposure"),
    "live.funnel.views": ("进入直播间", "Entered the room"),
    "live.funnel.product_clicks": ("商品点击", "Product click"),
    "live.funnel.orders_created": ("创建订单", "Order created"),
    "live.funnel.orders": ("成交", "Order paid"),
}

_EFFECT = {
    "live.segments_caption": ("本期 {sessions} 场直播中，每类脚本环节的平均效果；误差线为 90% "
                              "置信区间（按场次整场重抽样的 bootstrap，{reps} 次）。"
                              "每千观看分钟 = 以在线人数 × 分钟为分母，消除直播间大小差异。",
                              "Average effect of each script segment type over the period's "
                              "{sessions} sessions; bars show 90% intervals (bootstrap "
                              "resampling whole sessions, {reps} times). Per 1,000 "
                              "viewer-minutes divides by online viewers × minutes, so room "
                              "size does not matter."),
    "live.measure.gmv_per_minute": ("每分钟成交额（元）", "GMV per minute on air (CNY)"),
    "live.measure.wecom_per_minute": ("每分钟企微添加（人）", "WeCom adds per minute on air"),
    "live.measure.orders_per_1k_viewer_minutes": ("每千观看分钟下单数",
                                                  "Orders per 1,000 viewer-minutes"),
    "live.measure.wecom_per_1k_viewer_minutes": ("每千观看分钟企微添加",
                                                 "WeCom adds per 1,000 viewer-minutes"),
    "live.measure.retention": ("每分钟留存率", "Viewer retention per minute"),
    "live.measure.retention.help": ("每分钟留存率 = 1 − 离开人数 ÷（上一分钟在线 + 本分钟进入）。"
                                    "单位：%。",
                                    "Viewer retention per minute = 1 − exits ÷ (room the "
                                    "minute before + entries). Unit: %."),
    "live.segments_lead": ("本期每千观看分钟企微添加最多的是「{wecom}」环节，下单最多的是"
                           "「{orders}」环节：企微引导宜放在前者，促单宜放在后者。",
                           "This period, {wecom} brings the most WeCom adds and {orders} the "
                           "most orders per 1,000 viewer-minutes: put the WeCom call-to-action "
                           "in the first and the closing in the second."),
    "live.whatif_intro": ("调整一场直播中各环节的分钟数，查看预计场均成交额与企微添加。"
                          "起点为本期场均脚本。",
                          "Set the minutes of each segment type in one session and see the "
                          "projected GMV and WeCom adds. The sliders start at the period's "
                          "average script."),
    "live.whatif_slider": ("{segment}（分钟）", "{segment} (minutes)"),
    "live.whatif_gmv": ("预计单场成交额", "Projected GMV per session"),
    "live.whatif_gmv.help": ("Σ 各环节分钟数 × 该环节本期每分钟成交额。单位：元。",
                             "Σ minutes of each segment × its GMV per minute in the period. "
                             "Unit: CNY (¥)."),
    "live.whatif_wecom": ("预计单场企微添加", "Projected WeCom adds per session"),
    "live.whatif_wecom.help": ("Σ 各环节分钟数 × 该环节本期每分钟企微添加。单位：人。",
                               "Σ minutes of each segment × its WeCom adds per minute in the "
                               "period. Unit: people."),
    "live.whatif_minutes": ("总时长 {minutes} 分钟（本期场均 {base} 分钟）",
                            "{minutes} minutes in all (period average {base})"),
    "live.whatif_range": ("90% 区间：{low} – {high}", "90% interval: {low} – {high}"),
    "live.whatif_vs_base": ("较场均脚本", "vs average script"),
    "live.whatif_assumption": ("假设：每类环节的每一分钟都按本期该环节的平均每分钟效果产出，"
                               "直播间人数与本期场均相同；环节之间互不影响（不考虑暖场或疲劳"
                               "的延续效应）。区间来自按场次 bootstrap 的速率不确定性，"
                               "不含单场随机波动。",
                               "Assumption: every minute of a segment type earns that type's "
                               "average per-minute result in the period, for a room of the "
                               "period's average size; segments do not affect each other (no "
                               "warm-up or fatigue carried over). The interval reflects "
                               "uncertainty in the rates (session bootstrap), not the luck of "
                               "a single session."),
}

_FOLLOW = {
    "live.follow_caption": ("购买者 = 本场有未取消订单的客户，从其本场首单起计时；企微成员 = "
                            "客户表中记录为由本场加入企微的客户（每人只记首次加入），从加入时"
                            "起计时。复购 = 在 7 / 30 天内于任一渠道再次下单（不含本场订单）；"
                            "窗口尚未走完的场次不计入该比率。退货率 = 退货订单 ÷ 未取消订单。",
                            "Buyers = customers with a non-cancelled order in the session, "
                            "counted from their first order in it; WeCom members = customers "
                            "recorded as joining WeCom from the session (first join only), "
                            "counted from joining. Repurchase = another order in any channel "
                            "within 7 / 30 days (the session's own orders excluded); sessions "
                            "whose window has not passed yet are left out of that rate. Refund "
                            "rate = returned ÷ non-cancelled orders."),
    "live.follow_too_recent": ("本期场次距今不足 30 天，30 天复购窗口尚未走完；"
                               "选择更早的日期范围可查看 30 天复购。",
                               "The period's sessions are less than 30 days old, so their "
                               "30-day windows have not passed; pick an earlier date range to "
                               "see 30-day repurchase."),
    "live.follow_hosts": ("按主播", "By host"),
    "live.follow_sessions": ("按场次", "By session"),
    "live.compare_pick": ("选择要对比的场次（两场或以上）", "Sessions to compare (two or more)"),
    "live.compare_need_two": ("请至少选择两场。", "Pick at least two sessions."),
    "live.compare_curve": ("在线人数曲线对比", "Online viewers, side by side"),
    "live.compare_caption": ("横轴为开播后的分钟数。", "Minutes since the start across."),
    "live.unit.minutes": ("分钟", "min"),
    "live.unit.hours": ("小时", "h"),
}

STRINGS = {**_PAGE, **_KPI, **_REPLAY, **_SEGMENTS, **_EFFECT, **_FOLLOW}
