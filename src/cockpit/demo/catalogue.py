"""The demo catalogue: Chinese product names, prices, weights and flags by category."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from cockpit.demo.context import DemoContext

# category -> list of (name_zh, name_en, base price ¥, weight kg, cold chain, sustainable attr)
_BASES: dict[str, list[tuple[str, str, float, float, bool, str | None]]] = {
    "fresh": [
        ("有机菠菜", "Organic spinach", 12.9, 0.5, True, "organic"),
        ("精品小番茄", "Cherry tomatoes", 15.9, 0.6, True, None),
        ("冰鲜三文鱼", "Chilled salmon", 89.0, 0.6, True, None),
        ("鲜鸡胸肉", "Fresh chicken breast", 29.9, 1.0, True, None),
        ("有机鲜牛奶", "Organic fresh milk", 19.9, 1.1, True, "organic"),
        ("草鸡蛋", "Free-range eggs", 24.9, 1.2, True, None),
        ("智利车厘子", "Chilean cherries", 129.0, 1.2, True, None),
        ("有机胡萝卜", "Organic carrots", 9.9, 1.0, True, "organic"),
    ],
    "snacks": [
        ("辣条大礼包", "Spicy strips pack", 19.9, 0.6, False, None),
        ("薯片组合装", "Potato crisps combo", 25.9, 0.5, False, None),
        ("速食自热火锅", "Self-heating hotpot", 32.9, 0.8, False, None),
        ("螺蛳粉", "Luosifen rice noodles", 29.9, 0.9, False, None),
        ("蛋白棒", "Protein bars", 59.0, 0.5, False, None),
        ("即食燕麦片", "Instant oats", 35.9, 1.0, False, None),
        ("冻干咖啡", "Freeze-dried coffee", 69.0, 0.3, False, "carbon_neutral"),
    ],
    "nut_gifts": [
        ("每日坚果礼盒", "Daily nuts gift box", 129.0, 1.2, False, None),
        ("新春坚果大礼包", "Spring Festival nut hamper", 199.0, 1.8, False, None),
        ("碧根果礼盒", "Pecan gift box", 99.0, 1.0, False, None),
        ("夏威夷果礼盒", "Macadamia gift box", 109.0, 1.0, False, None),
        ("混合果干礼盒", "Dried fruit gift box", 89.0, 0.9, False, None),
    ],
    "appliances": [
        ("智能冰箱", "Smart fridge", 4999.0, 70.0, False, None),
        ("扫地机器人", "Robot vacuum", 2299.0, 6.0, False, None),
        ("空气炸锅", "Air fryer", 399.0, 4.5, False, None),
        ("智能电饭煲", "Smart rice cooker", 599.0, 4.0, False, None),
        ("洗碗机", "Dishwasher", 3299.0, 40.0, False, "carbon_neutral"),
        ("空气净化器", "Air purifier", 1299.0, 8.0, False, None),
    ],
    "apparel": [
        ("常规连帽卫衣", "Regular hoodie", 199.0, 0.6, False, None),
        ("再生纤维T恤", "Recycled-fibre T-shirt", 99.0, 0.3, False, "recycled_material"),
        ("羽绒服", "Down jacket", 899.0, 1.2, False, None),
        ("牛仔裤", "Jeans", 299.0, 0.7, False, None),
        ("运动袜三双装", "Sports socks 3-pack", 39.9, 0.2, False, None),
    ],
    "beauty": [
        ("保湿精华", "Hydrating serum", 299.0, 0.2, False, None),
        ("防晒霜", "Sunscreen", 159.0, 0.2, False, None),
        ("口红礼盒", "Lipstick gift set", 399.0, 0.3, False, None),
        ("补充装洗面奶", "Cleanser refill pack", 69.0, 0.3, False, "recycled_material"),
        ("面膜组合", "Sheet mask set", 129.0, 0.4, False, None),
    ],
    "sports": [
        ("瑜伽垫", "Yoga mat", 129.0, 1.5, False, "recycled_material"),
        ("乳清蛋白粉", "Whey protein", 399.0, 2.3, False, None),
        ("跑步鞋", "Running shoes", 599.0, 0.9, False, None),
        ("哑铃套装", "Dumbbell set", 259.0, 10.0, False, None),
        ("运动手环", "Fitness band", 249.0, 0.2, False, None),
    ],
    "home": [
        ("竹纤维纸巾", "Bamboo tissues", 49.9, 2.0, False, "carbon_neutral"),
        ("收纳箱", "Storage boxes", 79.0, 2.5, False, None),
        ("四件套床品", "Bedding set", 399.0, 2.0, False, None),
        ("洗衣凝珠", "Laundry pods", 59.9, 1.2, False, None),
        ("可降解垃圾袋", "Compostable bin bags", 29.9, 0.6, False, "carbon_neutral"),
    ],
    "baby": [
        ("婴儿纸尿裤", "Baby diapers", 129.0, 3.0, False, None),
        ("有机米粉", "Organic baby cereal", 89.0, 0.5, False, "organic"),
        ("儿童牛奶", "Kids' milk", 69.0, 1.5, False, None),
        ("婴儿湿巾", "Baby wipes", 39.9, 1.0, False, None),
    ],
    "imported": [
        ("德国进口啤酒", "German beer (imported)", 169.0, 6.0, False, None),
        ("法国红酒", "French red wine", 299.0, 1.5, False, None),
        ("澳洲奶粉", "Australian infant formula", 259.0, 1.0, False, None),
        ("日本面膜", "Japanese face masks", 149.0, 0.4, False, None),
        ("意大利橄榄油", "Italian olive oil", 139.0, 1.0, False, "organic"),
    ],
}
_SKU_PREFIX = {"fresh": "FRS", "snacks": "SNK", "nut_gifts": "NUT", "appliances": "APL",
               "apparel": "APP", "beauty": "BTY", "sports": "SPT", "home": "HOM", "baby": "BBY",
               "imported": "IMP"}
_VARIANTS = [("", ""), ("家庭装 ", "Family pack "), ("精选 ", "Select ")]
_VARIANT_PRICE = [1.0, 1.6, 1.25]

HOODIE_C2M_SKU = "C2M-HOODIE-01"
HOODIE_COUNTERPART_SKU = "APP-000"
HOODIE_SALES_RATIO = 3.0  # the C2M oversize hoodie outsells its regular counterpart ~3x
C2M_REBUY_BOOST = 1.25  # share of C2M unit sales that its extra re-buys add
HOODIE_PAIR = (HOODIE_C2M_SKU, HOODIE_COUNTERPART_SKU)
HOODIE_LAUNCH_FRACTION = 0.35  # launched a third of the way into the history: fastest grower


def products_frame(ctx: DemoContext) -> pd.DataFrame:
    """The `products` table plus a `popularity` weight used when baskets are drawn."""
    rng = ctx.rng("catalogue")
    rows = []
    for category, bases in _BASES.items():
        for base_idx, (zh, en, price, weight, cold, attr) in enumerate(bases):
            for v_idx, ((vzh, ven), mult) in enumerate(zip(_VARIANTS, _VARIANT_PRICE,
                                                           strict=True)):
                if category == "appliances" and v_idx == 1:
                    continue
                rows.append(dict(
                    sku=f"{_SKU_PREFIX[category]}-{base_idx:02d}{v_idx}",
                    name_zh=f"{vzh}{zh}", name_en=f"{ven}{en}", category=category,
                    price_cny=round(price * mult, 1), weight_kg=round(weight * mult, 2),
                    needs_cold_chain=cold, sustainable_attribute=attr, is_c2m=False,
                    c2m_counterpart_sku=None,
                ))
    rows += _c2m_rows()
    frame = pd.DataFrame(rows)
    frame.insert(0, "product_id", np.arange(1, len(frame) + 1, dtype=np.int64))
    frame["is_sustainable"] = frame["sustainable_attribute"].notna()
    margin = rng.uniform(0.25, 0.55, len(frame))
    frame["cost_cny"] = (frame["price_cny"] * (1 - margin)).round(2)
    sku_to_id = dict(zip(frame["sku"], frame["product_id"], strict=True))
    frame["c2m_counterpart_id"] = frame["c2m_counterpart_sku"].map(sku_to_id).astype("Int64")
    span = (ctx.end - ctx.start).days
    launch = rng.integers(-400, int(span * 0.3), len(frame))
    launch[frame["sku"] == HOODIE_C2M_SKU] = int(span * HOODIE_LAUNCH_FRACTION)
    launch[frame["sku"] == HOODIE_COUNTERPART_SKU] = -400
    frame["launched_on"] = [ctx.start + timedelta(days=int(d)) for d in launch]
    frame["popularity"] = _popularity(rng, frame)
    return frame.drop(columns="c2m_counterpart_sku")


def _c2m_rows() -> list[dict]:
    common = dict(needs_cold_chain=False, sustainable_attribute=None, is_c2m=True)
    return [
        dict(sku=HOODIE_C2M_SKU, name_zh="C2M定制宽松卫衣", name_en="C2M oversize hoodie",
             category="apparel", price_cny=229.0, weight_kg=0.7,
             c2m_counterpart_sku="APP-000", **common),
        dict(sku="C2M-FRYER-01", name_zh="C2M定制小容量空气炸锅", name_en="C2M compact air fryer",
             category="appliances", price_cny=329.0, weight_kg=3.5,
             c2m_counterpart_sku="APL-020", **common),
        dict(sku="C2M-NUTS-01", name_zh="C2M定制低糖坚果", name_en="C2M low-sugar nuts",
             category="nut_gifts", price_cny=119.0, weight_kg=1.0,
             c2m_counterpart_sku="NUT-000", **common),
    ]


def _popularity(rng: np.random.Generator, frame: pd.DataFrame) -> np.ndarray:
    """Zipf-like weights within each category; the C2M hoodie is set to 3x its counterpart."""
    pop = 1.0 / rng.uniform(1.0, 6.0, len(frame))
    hoodie = frame.index[frame["sku"] == HOODIE_C2M_SKU][0]
    counterpart = frame.index[frame["sku"] == HOODIE_COUNTERPART_SKU][0]
    pop[counterpart] = 0.12
    pop[hoodie] = pop[counterpart] * HOODIE_SALES_RATIO / C2M_REBUY_BOOST
    return pop
