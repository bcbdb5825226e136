"""Display names of the dimension codes (channels, platforms, regions, categories, and the
"unknown" an export leaves empty) in 简体中文 and English. Below the UI so that commands (the
weekly review's deck) name them as the pages do without importing Streamlit; the app's
catalogue (cockpit.ui.strings) includes them."""

from __future__ import annotations

_CHANNELS = {
    "channel.app": ("App", "App"),
    "channel.mini_program": ("小程序", "Mini program"),
    "channel.live_stream": ("直播", "Live stream"),
    "channel.short_video": ("短视频", "Short video"),
    "channel.offline_store": ("线下门店", "Offline store"),
    "channel.wecom": ("企业微信", "WeCom"),
}

_UNKNOWN = {
    "channel.unknown": ("未知", "Unknown"),
    "region.unknown": ("未知", "Unknown"),
    "city.unknown": ("未知", "Unknown"),
    "category.unknown": ("未知", "Unknown"),
    "platform.unknown": ("未知", "Unknown"),
}

_PLATFORMS = {
    "platform.own_app": ("自有平台", "Own platform"),
    "platform.taobao": ("淘宝", "Taobao"),
    "platform.tmall": ("天猫", "Tmall"),
    "platform.douyin": ("抖音", "Douyin"),
    "platform.jd": ("京东", "JD"),
    "platform.pinduoduo": ("拼多多", "Pinduoduo"),
    "platform.kuaishou": ("快手", "Kuaishou"),
    "platform.xiaohongshu": ("小红书", "Xiaohongshu"),
    "platform.wechat_shop": ("微信小店", "WeChat shop"),
    "platform.shopify": ("Shopify", "Shopify"),
    "platform.woocommerce": ("WooCommerce", "WooCommerce"),
    "platform.offline": ("线下", "Offline"),
    "platform.other": ("其他", "Other"),
}

_REGIONS = {
    "region.north": ("华北", "North China"),
    "region.northeast": ("东北", "Northeast China"),
    "region.east": ("华东", "East China"),
    "region.central": ("华中", "Central China"),
    "region.south": ("华南", "South China"),
    "region.southwest": ("西南", "Southwest China"),
    "region.northwest": ("西北", "Northwest China"),
}

_CATEGORIES = {
    "category.fresh": ("生鲜", "Fresh food"),
    "category.snacks": ("休闲零食", "Snacks"),
    "category.nut_gifts": ("坚果礼盒", "Nut gift boxes"),
    "category.appliances": ("家电", "Appliances"),
    "category.apparel": ("服饰", "Apparel"),
    "category.beauty": ("美妆", "Beauty"),
    "category.sports": ("运动户外", "Sports & outdoors"),
    "category.home": ("家居", "Home"),
    "category.baby": ("母婴", "Mother & baby"),
    "category.imported": ("进口商品", "Imported goods"),
}

DIMENSION_NAMES: dict[str, tuple[str, str]] = {
    **_CHANNELS, **_UNKNOWN, **_PLATFORMS, **_REGIONS, **_CATEGORIES}


def dimension_name(kind: str, code: str, lang: str) -> str:
    """The display name of a channel/platform/region/category code in `lang` (zh or en);
    the code itself when unknown."""
    entry = DIMENSION_NAMES.get(f"{kind}.{code}")
    return code if entry is None else entry[0 if lang == "zh" else 1]
