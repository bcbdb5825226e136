"""Strings of the CLV section of the Customer segments page (keys prefixed `clv.`)."""

STRINGS = {
    "clv.caption": ("按截至 {end} 的全部未取消订单（不分渠道、地区、品类）"
                    "拟合 BG/NBD 与 Gamma-Gamma 模型，"
                    "为每位已购客户估算存活概率、未来购买次数与终身价值（CLV）。"
                    "同一天的多笔订单计为一次购买。",
                    "BG/NBD and Gamma-Gamma models fitted on all non-cancelled orders up to "
                    "{end} (every channel, region and category) value each customer who has "
                    "bought: chance of being active, purchases to come and lifetime value "
                    "(CLV). Several orders on one day count as one purchase."),
    "clv.horizon": ("预测期", "Horizon"),
    "clv.days": ("{days} 天", "{days} days"),
    "clv.kpi.customers": ("已购客户", "Customers valued"),
    "clv.kpi.customers.help": ("截至 {end} 至少有一笔未取消订单的客户数。单位：人。",
                               "Customers with at least one non-cancelled order up to {end}. "
                               "Unit: customers."),
    "clv.kpi.alive": ("平均存活概率", "Mean P(alive)"),
    "clv.kpi.alive.help": ("P(alive)：BG/NBD 模型给出的客户仍在购买周期内（尚未流失）的概率，"
                           "按其购买次数、最近一次购买与首购至今的时长计算；此处为全部已购客户的平均值。"
                           "单位：%。",
                           "P(alive): the BG/NBD probability that a customer has not yet "
                           "lapsed, from their number of purchases, their last purchase and the "
                           "time since their first; averaged over customers. Unit: %."),
    "clv.kpi.purchases": ("未来 {days} 天预计购买", "Purchases in the next {days} days"),
    "clv.kpi.purchases.help": ("BG/NBD 预计全部已购客户在未来 {days} 天内的购买次数合计"
                               "（同一天多单计一次）。单位：次。",
                               "Purchase days the BG/NBD model expects from all customers in "
                               "the next {days} days (orders on one day count once). "
                               "Unit: purchases."),
    "clv.kpi.clv": ("未来 {days} 天 CLV 合计", "CLV over the next {days} days"),
    "clv.kpi.clv.help": ("CLV = 每 30 天预计购买次数 × 预计每次购买金额（Gamma-Gamma），"
                         "按年折现率 {rate} 折现后加总；为实付金额口径，未扣成本。单位：元。",
                         "CLV = expected purchases in each 30-day step × expected spend per "
                         "purchase (Gamma-Gamma), discounted at {rate} a year and summed; "
                         "revenue (amount paid), not margin. Unit: CNY (¥)."),
    "clv.kpi.clv_mean": ("人均 {value}", "{value} per customer"),
    "clv.by_tier": ("各生命周期分层的 CLV", "CLV by lifecycle tier"),
    "clv.by_tier.caption": ("分层按所选期间与筛选划分（见“生命周期分层”页）；CLV 为未来 {days} 天。"
                            "条长为人均 CLV，标签另注该层 CLV 合计。",
                            "Tiers follow the selected period and filters (see Lifecycle "
                            "tiers); CLV over the next {days} days. Bars: CLV per customer; "
                            "labels add the tier's total."),
    "clv.bar_label": ("人均 {each} · 合计 {total}", "{each} each · {total} in total"),
    "clv.by_persona": ("各场景化画像的 CLV", "CLV by scene-based persona"),
    "clv.by_persona.caption": ("画像来自“场景化画像”页的聚类；CLV 为未来 {days} 天。",
                               "Personas from the Scene-based personas tab; CLV over the next "
                               "{days} days."),
    "clv.col.group": ("客群", "Group"),
    "clv.col.customers": ("客户数", "Customers"),
    "clv.col.p_alive": ("平均存活概率", "Mean P(alive)"),
    "clv.col.expected_purchases": ("人均预计购买（次）", "Purchases per customer"),
    "clv.col.expected_aov": ("预计每次购买金额", "Expected spend per purchase"),
    "clv.col.clv": ("人均 CLV", "CLV per customer"),
    "clv.col.clv_total": ("CLV 合计", "Total CLV"),
    "clv.col.clv_share": ("CLV 占比", "Share of CLV"),
    "clv.holdout": ("模型检验：预测与实际", "Model check: predicted vs actual"),
    "clv.holdout.window": ("检验窗口", "Holdout window"),
    "clv.holdout.caption": ("用截至 {cal} 的订单拟合模型，预测 {start} 至 {end} 的复购次数，"
                            "与实际对比；按拟合期内的复购次数分组。"
                            "合计：预测 {predicted} 次，实际 {actual} 次"
                            "（误差 {error}）。",
                            "Models fitted on orders up to {cal} predict the repeat purchases "
                            "from {start} to {end}, compared with what happened; customers "
                            "grouped by their repeat purchases before {cal}. In total: "
                            "{predicted} predicted, {actual} actual ({error})."),
    "clv.holdout.too_short": ("数据不足：检验窗口之前的历史太短，请缩短检验窗口或延后结束日期。",
                              "Not enough history before the holdout window: pick a shorter "
                              "window or a later end date."),
    "clv.col.bucket": ("拟合期复购次数", "Repeat purchases before"),
    "clv.col.predicted": ("预测购买（次）", "Predicted purchases"),
    "clv.col.actual": ("实际购买（次）", "Actual purchases"),
    "clv.predicted": ("预测", "Predicted"),
    "clv.actual": ("实际", "Actual"),
    "clv.axis.purchases": ("检验窗口内人均购买次数", "Purchases per customer in the window"),
    "clv.params": ("模型参数", "Fitted parameters"),
    "clv.params.caption": ("最大似然估计（scipy），拟合 {customers} 位客户（{repeat} 位有复购），"
                           "时间单位为周；对数似然 BG/NBD {ll_bg}，Gamma-Gamma {ll_gg}。",
                           "Maximum likelihood (scipy) on {customers} customers ({repeat} with "
                           "repeat purchases), time in weeks; log-likelihood BG/NBD {ll_bg}, "
                           "Gamma-Gamma {ll_gg}."),
    "clv.col.param": ("参数", "Parameter"),
    "clv.col.value": ("估计值", "Estimate"),
    "clv.col.meaning": ("含义", "Meaning"),
    "clv.param.r": ("购买率伽马分布的形状参数（BG/NBD）", "Shape of the gamma-distributed "
                    "purchase rates (BG/NBD)"),
    "clv.param.alpha": ("购买率伽马分布的尺度参数（周）", "Scale of the purchase rates "
                        "(weeks)"),
    "clv.param.a": ("流失概率贝塔分布参数 a", "Beta parameter a of the dropout probability"),
    "clv.param.b": ("流失概率贝塔分布参数 b；a、b 都很大时，各客户的流失概率几乎相同",
                    "Beta parameter b of the dropout probability; when a and b are both "
                    "large, customers' dropout chances hardly differ"),
    "clv.param.p": ("单次消费金额伽马分布的形状参数（Gamma-Gamma）",
                    "Shape of the spend per purchase (Gamma-Gamma)"),
    "clv.param.q": ("客户平均消费的伽马分布形状参数", "Shape of the customers' mean spend"),
    "clv.param.gamma": ("客户平均消费的伽马分布尺度参数", "Scale of the customers' mean spend"),
    "clv.param.rate": ("平均购买频率（次/年）", "Mean purchase rate (purchases a year)"),
    "clv.param.dropout": ("每次购买后的平均流失概率", "Mean chance of lapsing after each "
                          "purchase"),
    "clv.param.spend": ("无复购记录客户的预计每次购买金额（元）",
                        "Expected spend per purchase of a customer without repeat purchases "
                        "(CNY)"),
}
