"""Strings of the demand-forecast page's inventory and C2M sections."""

STRINGS = {
    "inventory.caption": (
        "截至 {end} 的最近库存快照；需求取已存储的 SKU×仓 预测，没有预测时取最近 {days} 天的日销量"
        "（按筛选的品类；渠道与地区筛选不适用，因为一个仓的库存服务所有渠道）。",
        "Latest stock snapshot up to {end}; demand from stored SKU × warehouse forecasts, else "
        "daily units of the last {days} days (filtered by category; channel and region filters "
        "do not apply, since a warehouse's stock serves every channel)."),
    "inventory.from_forecast": ("{n} 个 SKU×仓 的需求来自已存储的批量预测。",
                                "Demand of {n} SKU × warehouse pairs comes from stored batch "
                                "forecasts."),
    "inventory.service_level": ("服务水平（周期服务水平）", "Service level (cycle service level)"),
    "inventory.service_level_help": (
        "补货周期内不缺货的目标概率。安全库存 = z × √(L·σd² + d̄²·σL²)，z 为该概率的标准正态分位数"
        "（Chopra & Meindl《供应链管理》）。",
        "Target probability of no stock-out during a replenishment cycle. Safety stock = "
        "z × √(L·σd² + d̄²·σL²), z the standard-normal quantile of this probability (Chopra & "
        "Meindl, Supply Chain Management)."),
    "inventory.horizon": ("缺货风险期（天）", "Stock-out horizon (days)"),
    "inventory.horizon_help": (
        "在不补货的情况下，现有库存在这段天数内被需求耗尽的概率。",
        "Probability that current stock runs out within this many days if nothing is "
        "replenished."),
    "inventory.kpi_at_risk": ("高缺货风险 SKU×仓", "SKU × warehouse at risk"),
    "inventory.kpi_at_risk_help": (
        "期内缺货概率 ≥ {pct} 的 SKU×仓 组合数，单位：个。",
        "Number of SKU × warehouse pairs whose stock-out probability over the horizon is at "
        "least {pct}; unit: pairs."),
    "inventory.kpi_below_rop": ("低于再订货点", "Below reorder point"),
    "inventory.kpi_below_rop_help": (
        "现有库存低于再订货点（提前期需求 d̄·L + 安全库存）的组合数，应立即补货；单位：个。",
        "Pairs whose on-hand units are below the reorder point (lead-time demand d̄·L plus "
        "safety stock): reorder now; unit: pairs."),
    "inventory.kpi_safety_units": ("安全库存合计", "Total safety stock"),
    "inventory.kpi_safety_units_help": (
        "所选服务水平下所有 SKU×仓 的安全库存之和，单位：件。",
        "Sum of safety stock over all SKU × warehouse pairs at the chosen service level; "
        "unit: units."),
    "inventory.kpi_safety_cost": ("安全库存持有成本/月", "Safety stock cost / month"),
    "inventory.kpi_safety_cost_help": (
        "安全库存 × 各仓每件每日持有成本 × 30 天，单位：元（¥）/月。",
        "Safety stock × each warehouse's holding cost per unit and day × 30 days; unit: ¥ per "
        "month."),
    "inventory.plan_title": ("安全库存、再订货点与缺货风险", "Safety stock, reorder point and "
                             "stock-out risk"),
    "inventory.table_caption": (
        "按缺货风险排序的前 {rows} 行（共 {total} 个 SKU×仓，下载含全部）。"
        "日需求与标准差单位：件/天；提前期：均值 ± 标准差（天）；可售天数 = 现有库存 ÷ 日均需求。",
        "Top {rows} rows by stock-out risk ({total} SKU × warehouse pairs; the download has all). "
        "Daily demand and its sd in units per day; lead time mean ± sd in days; days of cover "
        "= on-hand ÷ mean daily demand."),
    "inventory.col_sku": ("SKU", "SKU"),
    "inventory.col_product": ("商品", "Product"),
    "inventory.col_warehouse": ("仓库", "Warehouse"),
    "inventory.col_demand": ("日均需求（件）", "Daily demand (units)"),
    "inventory.col_demand_sd": ("日需求标准差（件）", "Daily demand sd (units)"),
    "inventory.col_lead": ("提前期（天）", "Lead time (days)"),
    "inventory.col_safety": ("安全库存（件）", "Safety stock (units)"),
    "inventory.col_rop": ("再订货点（件）", "Reorder point (units)"),
    "inventory.col_on_hand": ("现有库存（件）", "On hand (units)"),
    "inventory.col_cover": ("可售天数", "Days of cover"),
    "inventory.col_risk": ("缺货风险", "Stock-out risk"),
    "inventory.col_source": ("需求来源", "Demand from"),
    "inventory.source_forecast": ("预测", "forecast"),
    "inventory.source_history": ("近期销量", "recent sales"),
    "inventory.matrix_title": ("ABC-XYZ 分类", "ABC-XYZ classification"),
    "inventory.cell": ("{skus} 个 SKU<br>成交额 {share}", "{skus} SKUs<br>{share} of GMV"),
    "inventory.abc_A": ("A 类（前 80% 成交额）", "A (top 80% of GMV)"),
    "inventory.abc_B": ("B 类（其后 15%）", "B (next 15%)"),
    "inventory.abc_C": ("C 类（最后 5%）", "C (last 5%)"),
    "inventory.xyz_X": ("X 稳定（CV ≤ 0.5）", "X steady (CV ≤ 0.5)"),
    "inventory.xyz_Y": ("Y 波动（CV ≤ 1）", "Y variable (CV ≤ 1)"),
    "inventory.xyz_Z": ("Z 不规则（CV > 1）", "Z erratic (CV > 1)"),
    "inventory.matrix_caption": (
        "最近 {weeks} 周：ABC 按成交额累计占比，XYZ 按周销量变异系数（标准差 ÷ 均值）。"
        "格内：SKU 数与成交额占比。",
        "Last {weeks} weeks: ABC by cumulative GMV share, XYZ by the coefficient of variation "
        "(sd ÷ mean) of weekly units. Cells: SKUs and share of GMV."),
    "inventory.matrix_guide": (
        "**怎么用**\n\n- **AX、AY、BX**：量大且稳定，放前置仓，靠近顾客、当日/次日达。\n"
        "- **C 类与 BZ**：量小或不规则，集中放中心仓，共享安全库存。\n"
        "- **冷链商品**一律前置。\n- 其余（AZ、BY）为“分仓”，保持现状。",
        "**How to use it**\n\n- **AX, AY, BX**: large and steady: stock in forward warehouses, "
        "near customers, same/next-day delivery.\n- **C classes and BZ**: small or erratic: "
        "pool in central warehouses, sharing safety stock.\n- **Cold-chain goods** always go "
        "forward.\n- The rest (AZ, BY) stay split as today."),
    "inventory.placement_title": ("前置仓 / 中心仓 布局建议", "Placement: forward or central"),
    "inventory.placement_caption": (
        "实测下单到送达：前置仓 {fwd} 天，中心仓 {central} 天；持有成本：前置仓 {h_fwd}、中心仓 "
        "{h_central} 每件每天。变化按把该 SKU 的前置仓发货占比移到建议值估算（未计调拨成本与风险"
        "分摊效应）。",
        "Measured order-to-door: forward {fwd} days, central {central} days; holding cost per "
        "unit and day: forward {h_fwd}, central {h_central}. Changes assume the SKU's share "
        "shipped from forward warehouses moves to the recommendation (transfer costs and "
        "risk-pooling effects not included)."),
    "inventory.site_forward": ("建议前置", "Move forward"),
    "inventory.site_central": ("建议集中到中心仓", "Pool centrally"),
    "inventory.site_split": ("保持分仓", "Keep split"),
    "inventory.site_forward_help": (
        "AX/AY/BX 类及冷链 SKU 数，单位：个。变化为按件加权的平均送达天数变化（负数更快）。",
        "SKUs in AX/AY/BX or needing cold chain; unit: SKUs. The change is the unit-weighted "
        "change in mean delivery days (negative = faster)."),
    "inventory.site_central_help": (
        "C 类及 BZ 类 SKU 数（冷链除外），单位：个。变化为按件加权的平均送达天数变化（正数更慢）。",
        "SKUs in class C or BZ (cold chain excepted); unit: SKUs. The change is the "
        "unit-weighted change in mean delivery days (positive = slower)."),
    "inventory.site_split_help": ("其余 SKU 数（AZ、BY），单位：个；保持现有分布。",
                                  "Other SKUs (AZ, BY); unit: SKUs; kept as today."),
    "inventory.site_delta": ("{days} 天送达时间", "{days} days to deliver"),
    "inventory.site_cost": ("持有成本变化 {cost}/月", "Holding cost change {cost} / month"),
    "inventory.col_class": ("分类", "Class"),
    "inventory.col_forward_share": ("前置仓发货占比", "Shipped from forward"),
    "inventory.col_site": ("建议", "Recommendation"),
    "inventory.col_days_change": ("送达天数变化", "Delivery days change"),
    "inventory.col_cost_change": ("持有成本变化（¥/月）", "Holding cost change (¥/month)"),
    "c2m.window": ("比较期", "Period compared"),
    "c2m.window_all": ("全部历史", "All history"),
    "c2m.window_365": ("最近 12 个月", "Last 12 months"),
    "c2m.window_filters": ("侧栏日期", "Sidebar dates"),
    "c2m.need_two_days": ("比较前后两个半期至少需要两天：请扩大侧栏日期范围，或选择其他比较期。",
                          "Comparing two halves needs at least two days: widen the sidebar "
                          "dates or pick another period."),
    "c2m.caption": (
        "把 {e0} 至 {e1} 与 {r0} 至 {r1} 的销量相比，再除以全平台同期增长（{platform}）。"
        "只有相对增长的 90% 置信下限也足够高的商品才被标为定制（C2M）候选。",
        "Units from {r0} to {r1} against {e0} to {e1}, divided by the whole platform's growth "
        "over the same halves ({platform}). A product is flagged as a custom-production (C2M) "
        "candidate only when the lower 90% bound of that relative growth is high enough too."),
    "c2m.kpi_flagged": ("C2M 候选商品", "C2M candidates"),
    "c2m.kpi_flagged_help": (
        "相对平台增长的 90% 置信下限 ≥ {threshold} 且两期合计销量 ≥ {units} 件的商品数"
        "（最多 10 个），单位：个。",
        "Products whose lower 90% bound of growth relative to the platform is at least "
        "{threshold}, with at least {units} units over both halves (at most 10); unit: "
        "products."),
    "c2m.kpi_top": ("增长最确定的商品", "Most clearly growing product"),
    "c2m.kpi_top_help": ("按相对增长的 90% 置信下限排名第一的商品。",
                         "The product ranked first by the lower 90% bound of relative growth."),
    "c2m.kpi_top_growth": ("其相对平台增长", "Its growth vs platform"),
    "c2m.kpi_top_growth_help": (
        "后半期销量 ÷ 前半期销量，再除以平台同样的比值；×1 表示与平台同速，单位：倍。",
        "Recent-half units ÷ earlier-half units, divided by the platform's same ratio; ×1 "
        "means growing with the platform; unit: times."),
    "c2m.axis": ("相对平台增长（倍），误差线至 90% 置信下限",
                 "Growth vs platform (×), error bar to the lower 90% bound"),
    "c2m.hover": ("前半期 %{customdata[0]:,.0f} 件 → 后半期 %{customdata[1]:,.0f} 件"
                  "<br>相对增长 ×%{x:.2f}，下限 ×%{customdata[2]:.2f}",
                  "Earlier %{customdata[0]:,.0f} units → recent %{customdata[1]:,.0f} units"
                  "<br>growth ×%{x:.2f}, lower bound ×%{customdata[2]:.2f}"),
    "c2m.chart_caption": (
        "增长最确定的前 {rows} 个商品；红色为 C2M 候选（下限 ≥ {threshold}）。虚线 = 与平台同速。",
        "Top {rows} products by the lower bound; red = C2M candidate (lower bound ≥ "
        "{threshold}). Dotted line = growing with the platform."),
    "c2m.products_title": ("商品增长", "Growth by product"),
    "c2m.attributes_title": ("属性增长", "Growth by attribute"),
    "c2m.col_category": ("品类", "Category"),
    "c2m.col_earlier": ("前半期销量（件）", "Earlier half (units)"),
    "c2m.col_recent": ("后半期销量（件）", "Recent half (units)"),
    "c2m.col_growth": ("相对平台增长（倍）", "Growth vs platform (×)"),
    "c2m.col_low": ("90% 置信下限（倍）", "Lower 90% bound (×)"),
    "c2m.col_flag": ("C2M 候选", "C2M candidate"),
    "c2m.flag_yes": ("是", "yes"),
    "c2m.flag_no": ("否", "no"),
    "c2m.col_attribute": ("属性", "Attribute"),
    "c2m.col_value": ("取值", "Value"),
    "c2m.attr_category": ("品类", "Category"),
    "c2m.attr_is_c2m": ("定制（C2M）", "Custom-made (C2M)"),
    "c2m.attr_sustainable_attribute": ("可持续声明", "Sustainability claim"),
    "c2m.attr_is_c2m_true": ("C2M 定制商品", "C2M products"),
    "c2m.attr_is_c2m_false": ("常规商品", "Regular products"),
    "c2m.attr_sustainable_attribute_organic": ("有机", "Organic"),
    "c2m.attr_sustainable_attribute_recycled_material": ("再生材料", "Recycled material"),
    "c2m.attr_sustainable_attribute_carbon_neutral": ("碳中和", "Carbon neutral"),
    "c2m.attr_sustainable_attribute_none": ("无声明", "No claim"),
}
