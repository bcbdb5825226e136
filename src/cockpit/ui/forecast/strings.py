"""Strings of the Demand forecast page (the series tab; inventory and C2M have their own)."""

STRINGS = {
    "page.forecast": ("需求预测", "Demand forecast"),
    "forecast.caption": ("按日预测销量（件）与成交额，历史为全部渠道、截至筛选的结束日期 {end}"
                         "（其他筛选只决定可选的序列）；"
                         "模型：Prophet（含中国节假日与电商大促）、ETS、Theta、ARIMA "
                         "与季节性朴素预测在滚动回测中比较，按 MASE 选出最优单一模型或组合。",
                         "Daily forecast of units and GMV from all channels' history up to "
                         "the filter's end date, {end} (the other filters pick which series "
                         "are listed). Models: Prophet with China's holidays and shopping "
                         "festivals, ETS, Theta, ARIMA and seasonal naive, compared in a "
                         "rolling backtest; the best single model or combination by MASE is "
                         "used."),
    "forecast.tab.series": ("销量预测", "Forecast"),
    "forecast.tab.inventory": ("库存与补货", "Inventory"),
    "forecast.tab.c2m": ("C2M 定制信号", "C2M signal"),
    "forecast.level": ("预测层级", "Level"),
    "forecast.level.category_region": ("品类 × 大区", "Category × region"),
    "forecast.level.sku_warehouse": ("SKU × 仓库", "SKU × warehouse"),
    "forecast.level.orders": ("全部订单", "All orders"),
    "forecast.all_orders": ("全部订单（每天的成交订单数）", "All orders (sale orders a day)"),
    "forecast.kpi.units.orders": ("预测订单数", "Forecast orders"),
    "forecast.kpi.units_help.orders": ("未来 {days} 天预测成交订单数合计（情景调整后）。80% 区间："
                                       "{low} – {high} 单（按日区间相加，偏保守）。单位：单。",
                                       "Sale orders forecast for the next {days} days under the "
                                       "what-if. 80% interval: {low} – {high} orders (daily "
                                       "bounds summed, conservative). Unit: orders."),
    "forecast.units_value.orders": ("{units} 单", "{units} orders"),
    "forecast.chart.actual.orders": ("实际订单数", "Actual orders"),
    "forecast.chart.units.orders": ("订单数（单/天）", "Orders per day"),
    "forecast.chart_caption.orders": ("显示最近半年的每日成交订单数与预测（单/天）；阴影为 80% "
                                      "预测区间，浅色竖带为节日与大促窗口。",
                                      "Daily sale orders over the last six months and the "
                                      "forecast (orders per day); the band is the 80% interval; "
                                      "light columns mark festival windows."),
    "forecast.col.yhat.orders": ("预测订单数（单）", "Forecast orders"),
    "forecast.col.lower.orders": ("区间下限（单）", "Lower 80% (orders)"),
    "forecast.col.upper.orders": ("区间上限（单）", "Upper 80% (orders)"),
    "forecast.col.whatif.orders": ("情景订单数（单）", "What-if orders"),
    "forecast.series": ("预测对象（按筛选期销量排序）",
                        "Series (largest volume in the filters first)"),
    "forecast.series_help": ("列出筛选条件下有销量的序列，销量大的在前；最多显示前 {n} 个。",
                             "Series with sales under the filters, largest first; the top {n} "
                             "are listed."),
    "forecast.all_regions": ("全部大区", "all regions"),
    "forecast.fitting": ("正在拟合预测模型并回测……", "Fitting the model and backtesting…"),
    "forecast.too_short": ("该序列只有 {days} 天历史（自首次销售起），至少需要 {need} 天才能预测。"
                           "请选择其他序列或推后结束日期。",
                           "This series has only {days} days of history (since its first "
                           "sale); a forecast needs at least {need}. Pick another series or a "
                           "later end date."),
    "forecast.heading": ("{series}：未来 {days} 天", "{series}: the next {days} days"),
    "forecast.whatif": ("情景模拟（滑块即时重算，不重新拟合）",
                        "What-if (sliders recompute instantly, no refit)"),
    "forecast.horizon": ("预测天数", "Horizon (days)"),
    "forecast.horizon_help": ("显示未来多少天（1 至 {max} 天）。单位：天。",
                              "How many days ahead to show (1 to {max}). Unit: days."),
    "forecast.festival": ("大促/节日强度", "Festival intensity"),
    "forecast.festival_help": ("100% = 模型学到的节日与大促效应；0% = 没有节日效应；"
                               "200% = 效应翻倍。只影响落在节日窗口内的日子。单位：%。",
                               "100% = the festival effects the model learned; 0% = none; "
                               "200% = twice as strong. Only days in festival windows change. "
                               "Unit: %."),
    "forecast.promo": ("促销力度", "Promotion depth"),
    "forecast.promo_help": ("折扣占标价的比例增加多少个百分点（近期平均 {depth}）。"
                            "更深的折扣降低实付单价，销量按价格弹性变化。单位：个百分点。",
                            "Extra discount as percentage points of list price (recently "
                            "{depth}). A deeper discount lowers the paid price; units follow "
                            "the price elasticity. Unit: percentage points."),
    "forecast.price": ("标价变化", "List price change"),
    "forecast.price_help": ("标价上调或下调的幅度，销量按价格弹性变化。单位：%。",
                            "Raise or cut the list price; units follow the price elasticity. "
                            "Unit: %."),
    "forecast.kpi.units": ("预测销量", "Forecast units"),
    "forecast.kpi.units_help": ("未来 {days} 天预测销量合计（情景调整后），括号内增减为相对原预测。"
                                "80% 区间：{low} – {high} 件（按日区间相加，偏保守）。单位：件。",
                                "Units forecast for the next {days} days under the what-if, "
                                "change vs the unadjusted forecast. 80% interval: {low} – "
                                "{high} units (daily bounds summed, conservative). Unit: units."),
    "forecast.kpi.gmv": ("预测成交额", "Forecast GMV"),
    "forecast.kpi.gmv_help": ("预测销量 × 近 28 个销售日的平均实付单价 {price}（按情景的标价与"
                              "折扣调整）。单位：元。",
                              "Forecast units × the average paid price per unit over the last "
                              "28 sale days, {price} (adjusted for the what-if price and "
                              "discount). Unit: CNY."),
    "forecast.kpi.model": ("所用模型", "Model used"),
    "forecast.kpi.model_help": ("本预测使用：{model}。在滚动回测中按 MASE 比较各候选模型及"
                                "最优三个模型的组合后选出，原因见“预测可信吗？”。",
                                "This forecast uses: {model}. Chosen by backtest MASE among the "
                                "candidate models and combinations of the best three; see "
                                "'Can you trust it?' for why."),
    "forecast.kind.median": ("组合（中位数）", "Combination (median)"),
    "forecast.kind.weighted": ("组合（加权平均）", "Combination (weighted)"),
    "forecast.combo.median": ("{members} 的中位数", "median of {members}"),
    "forecast.combo.weighted": ("{members} 的加权平均（权重 ∝ 1/MASE）",
                                "weighted mean of {members} (weights ∝ 1/MASE)"),
    "forecast.mode.multiplicative": ("乘法", "multiplicative"),
    "forecast.mode.additive": ("加法", "additive"),
    "forecast.why.single": ("采用 **{model}**：回测 MASE {mase}，比最好的组合（{combo}，MASE "
                            "{combo_mase}）低 {margin} 以上。",
                            "The forecast uses **{model}**: backtest MASE {mase}, more than "
                            "{margin} below the best combination ({combo}, MASE {combo_mase})."),
    "forecast.why.single_only": ("采用 **{model}**：回测 MASE {mase}，为各候选中最低。",
                                 "The forecast uses **{model}**: backtest MASE {mase}, the "
                                 "lowest of the candidates."),
    "forecast.why.median": ("采用 **{model}**：回测 MASE {mase}，不逊于最好的单一模型（{single}，"
                            "MASE {single_mase}）；组合在样本外通常更稳。成员：{weights}。",
                            "The forecast uses the **{model}**: backtest MASE {mase}, as good "
                            "as the best single model ({single}, MASE {single_mase}) or better; "
                            "combinations hold up better out of sample. Members: {weights}."),
    "forecast.why.weighted": ("采用 **{model}**：回测 MASE {mase}，不逊于最好的单一模型（{single}，"
                              "MASE {single_mase}）；组合在样本外通常更稳。权重：{weights}。",
                              "The forecast uses the **{model}**: backtest MASE {mase}, as good "
                              "as the best single model ({single}, MASE {single_mase}) or "
                              "better; combinations hold up better out of sample. Weights: "
                              "{weights}."),
    "forecast.effects_combo": ("本预测为 {model}，Prophet 占 {share}。下列节日效应来自同时拟合的 "
                               "Prophet（{mode}季节性）的分量；“大促/节日强度”滑块按 Prophet 的"
                               "占比增减这些节日销量。",
                               "This forecast is the {model}, Prophet's share {share}. The "
                               "festival effects below are the components of the Prophet fit "
                               "made beside it ({mode} seasonality); the festival-intensity "
                               "slider adds or removes Prophet's festival units in that share."),
    "forecast.effects_beside": ("本预测为 {model}，不含 Prophet。下列节日效应来自同时拟合的 "
                                "Prophet（{mode}季节性），仅供参考；“大促/节日强度”滑块对本预测"
                                "不起作用。",
                                "This forecast is {model}, without Prophet. The festival "
                                "effects below come from the Prophet fit made beside it "
                                "({mode} seasonality), for reference; the festival-intensity "
                                "slider does not change this forecast."),
    "forecast.outlier": ("{day} 的销量 {y} 明显偏离常态（约 {expected}）。预测从近期数据出发，"
                         "会带上这个异常值：请核对数据（如导入错误或一次性大单）。",
                         "Demand on {day}, {y}, is far from the usual (about {expected}). The "
                         "forecast starts from the recent data and carries this outlier: check "
                         "the data (an import error, a one-off bulk order)."),
    "forecast.horizon_capped": ("历史只有 {max} 天，预测最多 {max} 天（而非 {asked} 天）。",
                                "The history has only {max} days, so the forecast reaches "
                                "{max} days at most (not {asked})."),
    "forecast.col.chosen": ("采用", "Used"),
    "forecast.col.chosen_mark": ("✓ 采用", "✓ used"),
    "forecast.kpi.wape": ("回测误差 WAPE", "Backtest WAPE"),
    "forecast.kpi.wape_help": ("所用模型在滚动回测中的加权绝对百分比误差：Σ|实际−预测| ÷ Σ实际。"
                               "越低越好。单位：%。",
                               "Weighted absolute percentage error of the model used in the "
                               "rolling backtest: Σ|actual − forecast| ÷ Σ actual. Lower is "
                               "better. Unit: %."),
    "forecast.model.prophet": ("Prophet", "Prophet"),
    "forecast.model.prophet_multiplicative": ("Prophet（乘法）", "Prophet (multiplicative)"),
    "forecast.model.prophet_additive": ("Prophet（加法）", "Prophet (additive)"),
    "forecast.model.auto_ets": ("ETS", "ETS"),
    "forecast.model.auto_theta": ("Theta", "Theta"),
    "forecast.model.auto_arima": ("ARIMA", "ARIMA"),
    "forecast.model.seasonal_naive": ("季节性朴素", "Seasonal naive"),
    "forecast.chart.actual": ("实际销量", "Actual units"),
    "forecast.chart.forecast": ("预测", "Forecast"),
    "forecast.chart.whatif": ("情景预测", "What-if forecast"),
    "forecast.chart.band": ("80% 区间", "80% interval"),
    "forecast.chart.units": ("销量（件/天）", "Units per day"),
    "forecast.chart_caption": ("显示最近半年的每日销量与预测（件/天）；阴影为 80% 预测区间，"
                               "浅色竖带为节日与大促窗口。",
                               "Daily units over the last six months and the forecast (units per "
                               "day); the band is the 80% interval; light columns mark "
                               "festival windows."),
    "forecast.effects": ("模型学到的节日效应", "Festival effects the model learned"),
    "forecast.effect_line": ("**{holiday}**：{uplift}（窗口内平均每天 {extra} 件，"
                             "依据历史中 {days} 个窗口日）",
                             "**{holiday}**: {uplift} ({extra} units a day in the window; "
                             "learned from {days} window days in the history)"),
    "forecast.units_value": ("{units} 件", "{units} units"),
    "forecast.heading_caption": ("{first} 至 {last}，按日预测。", "{first} to {last}, day by day."),
    "forecast.effects_caption": ("效应 = 窗口内由节日带来的销量 ÷ 没有节日时的预计销量；"
                                 "窗口内的常规促销力度计入节日效应。",
                                 "Effect = units the festival adds in its window ÷ the demand "
                                 "expected without it; the window's usual promotion depth "
                                 "counts as part of the festival."),
    "forecast.effects_none": ("历史中没有明显的节日效应（均在 ±5% 以内）。",
                              "No clear festival effect in the history (all within ±5%)."),
    "forecast.effects_table": ("全部节假日效应明细", "All holiday effects, table"),
    "forecast.trust": ("预测可信吗？", "Can you trust it?"),
    "forecast.trust_caption": ("滚动回测：在历史末尾的 {folds} 个起点各预测 {days} 天，"
                               "与实际比较；每个模型用同样的起点。MASE = 平均绝对误差 ÷ 训练期内"
                               "“重复上周同日”的平均绝对误差（< 1 表示优于该朴素方法），选择与组合"
                               "权重都按它；组合 = 最优三个模型的中位数或按 1/MASE 加权的平均。"
                               "WAPE = Σ|误差| ÷ Σ实际；MAPE = 平均绝对百分比误差（不含零销量日）。"
                               "80% 区间按所用预测在回测中的误差校准。",
                               "Rolling-origin backtest: from {folds} starting points at the "
                               "end of the history, every model forecasts {days} days and is "
                               "compared with what happened. MASE = mean absolute error ÷ that "
                               "of 'same weekday last week' in the training data (< 1 beats "
                               "it); selection and combination weights use it. A combination is "
                               "the median, or the 1/MASE-weighted mean, of the best three. "
                               "WAPE = Σ|error| ÷ Σ actual; MAPE = mean absolute percentage "
                               "error (days with sales). The 80% interval is calibrated on the "
                               "backtest errors of the forecast used."),
    "forecast.trust.better": ("所用预测的回测误差比季节性朴素预测低 {gain}（WAPE {model} 对 "
                              "{naive}）。",
                              "The forecast's backtest error is {gain} lower than the "
                              "seasonal-naive forecast's (WAPE {model} vs {naive})."),
    "forecast.trust.marginal": ("所用预测只比季节性朴素预测略好（WAPE {model} 对 {naive}），"
                                "请谨慎使用，并结合业务判断。",
                                "The forecast is only slightly better than the seasonal-naive "
                                "forecast (WAPE {model} vs {naive}); use it with care and "
                                "your own judgement."),
    "forecast.trust.baseline": ("在回测中没有模型或组合比季节性朴素预测更准（WAPE {naive}），"
                                "因此本预测采用季节性朴素预测（重复上周同日），"
                                "情景中的节日强度对它不起作用。",
                                "In the backtest no model or combination was more accurate than "
                                "the seasonal-naive forecast (WAPE {naive}), so this forecast "
                                "uses it (the same weekday last week); the festival-intensity "
                                "slider does not apply to it."),
    "forecast.trust.none": ("历史太短，无法回测；预测未经检验。",
                            "The history is too short to backtest; the forecast is untested."),
    "forecast.trust.undefined": ("回测期内没有销量，误差无法计算；预测未经检验。",
                                 "No sales in the backtest windows, so its error cannot be "
                                 "measured; the forecast is untested."),
    "forecast.trust.noisy": ("即使是所用的预测，回测误差仍较大（WAPE {wape}）：日度销量波动大，"
                             "请参考区间而非单点预测。",
                             "Even the forecast used errs a lot in the backtest (WAPE {wape}): "
                             "daily demand is volatile, so plan with the interval, not the "
                             "single line."),
    "forecast.stored": ("预测来自批量任务（python -m cockpit forecast）的存储结果；"
                        "节日效应由一次 Prophet 快速拟合得到。",
                        "The forecast comes from the stored batch run (python -m cockpit "
                        "forecast); festival effects from one quick Prophet fit."),
    "forecast.col.model": ("模型", "Model"),
    "forecast.col.mape": ("MAPE", "MAPE"),
    "forecast.col.wape": ("WAPE", "WAPE"),
    "forecast.col.mase": ("MASE", "MASE"),
    "forecast.col.date": ("日期", "Date"),
    "forecast.col.yhat": ("预测销量（件）", "Forecast units"),
    "forecast.col.lower": ("区间下限（件）", "Lower 80% (units)"),
    "forecast.col.upper": ("区间上限（件）", "Upper 80% (units)"),
    "forecast.col.whatif": ("情景销量（件）", "What-if units"),
    "forecast.col.gmv": ("情景成交额（元）", "What-if GMV (CNY)"),
    "forecast.col.holiday": ("节假日窗口", "Holiday window"),
    "forecast.col.uplift": ("效应", "Effect"),
    "forecast.col.extra": ("每天增减（件）", "Units a day added"),
    "forecast.col.days": ("历史天数", "Days in history"),
    "forecast.table": ("逐日预测明细", "Daily forecast, table"),
    "forecast.elasticity": ("价格弹性（由历史估计）：{value}（±{se}，{days} 个销售日）。"
                            "实付单价上升 10%，销量约变化 {effect}。",
                            "Price elasticity estimated from history: {value} (±{se}, {days} "
                            "sale days). A 10% higher paid price changes units by about "
                            "{effect}."),
    "forecast.elasticity_weak": ("价格弹性（由历史估计）：{value}（±{se}）与 0 没有显著差别，"
                                 "价格与促销滑块的效果仅供参考。",
                                 "Price elasticity estimated from history: {value} (±{se}), "
                                 "not clearly different from 0; treat the price and promotion "
                                 "sliders as indicative."),
    "forecast.elasticity_positive": ("由历史估计的价格弹性为 {value}（±{se}）：价格随需求同向变化"
                                     "（如大促期间结构变化），不是价格反应；价格与促销滑块按弹性 0 "
                                     "计算，不改变销量。",
                                     "The price elasticity estimated from history is {value} "
                                     "(±{se}): price moved with demand (e.g. a different mix "
                                     "at festivals), not a price response; the price and "
                                     "promotion sliders use 0 and leave units unchanged."),
    "forecast.elasticity_none": ("历史中价格几乎没有变化，无法估计价格弹性；"
                                 "价格与促销滑块不改变销量。",
                                 "The price barely varied in the history, so no elasticity can "
                                 "be estimated; the price and promotion sliders leave units "
                                 "unchanged."),
    "forecast.holiday.spring_festival_run_up": ("春节备货期", "Spring Festival run-up"),
    "forecast.holiday.spring_festival_holiday": ("春节假期", "Spring Festival holiday"),
    "forecast.holiday.618_presale": ("618 预售期", "618 pre-sale"),
    "forecast.holiday.618_peak": ("618 大促", "618 peak"),
    "forecast.holiday.double_11_presale": ("双11 预售期", "Double 11 pre-sale"),
    "forecast.holiday.double_11_peak": ("双11 大促", "Double 11 peak"),
    "forecast.holiday.double_12_presale": ("双12 预热", "Double 12 warm-up"),
    "forecast.holiday.double_12_peak": ("双12 大促", "Double 12 peak"),
    "forecast.holiday.new_year": ("元旦", "New Year's Day"),
    "forecast.holiday.qingming": ("清明节", "Qingming"),
    "forecast.holiday.labour_day": ("劳动节", "Labour Day"),
    "forecast.holiday.dragon_boat": ("端午节", "Dragon Boat Festival"),
    "forecast.holiday.mid_autumn": ("中秋节", "Mid-Autumn Festival"),
    "forecast.holiday.national_day": ("国庆节", "National Day"),
}
