"""Cities the demo platform serves: real coordinates, regions and grid regions."""

from __future__ import annotations

import numpy as np
import pandas as pd

# city, city_en, province, region, grid_region, tier, latitude, longitude, weight (share of
# customers, roughly following e-commerce buyer counts)
_CITIES = [
    ("上海", "Shanghai", "上海", "east", "east", 1, 31.2304, 121.4737, 9.0),
    ("北京", "Beijing", "北京", "north", "north", 1, 39.9042, 116.4074, 8.5),
    ("广州", "Guangzhou", "广东", "south", "south", 1, 23.1291, 113.2644, 7.0),
    ("深圳", "Shenzhen", "广东", "south", "south", 1, 22.5431, 114.0579, 7.0),
    ("杭州", "Hangzhou", "浙江", "east", "east", 2, 30.2741, 120.1551, 5.0),
    ("成都", "Chengdu", "四川", "southwest", "southwest", 2, 30.5728, 104.0668, 5.0),
    ("重庆", "Chongqing", "重庆", "southwest", "southwest", 2, 29.5630, 106.5516, 4.0),
    ("武汉", "Wuhan", "湖北", "central", "central", 2, 30.5928, 114.3055, 4.0),
    ("南京", "Nanjing", "江苏", "east", "east", 2, 32.0603, 118.7969, 4.0),
    ("苏州", "Suzhou", "江苏", "east", "east", 2, 31.2990, 120.5853, 3.5),
    ("西安", "Xi'an", "陕西", "northwest", "northwest", 2, 34.3416, 108.9398, 3.0),
    ("天津", "Tianjin", "天津", "north", "north", 2, 39.3434, 117.3616, 3.0),
    ("长沙", "Changsha", "湖南", "central", "central", 2, 28.2282, 112.9388, 3.0),
    ("郑州", "Zhengzhou", "河南", "central", "central", 2, 34.7466, 113.6254, 3.0),
    ("青岛", "Qingdao", "山东", "north", "north", 2, 36.0671, 120.3826, 2.5),
    ("沈阳", "Shenyang", "辽宁", "northeast", "northeast", 2, 41.8057, 123.4315, 2.0),
    ("大连", "Dalian", "辽宁", "northeast", "northeast", 3, 38.9140, 121.6147, 1.5),
    ("哈尔滨", "Harbin", "黑龙江", "northeast", "northeast", 3, 45.8038, 126.5350, 1.5),
    ("厦门", "Xiamen", "福建", "east", "east", 3, 24.4798, 118.0894, 1.5),
    ("福州", "Fuzhou", "福建", "east", "east", 3, 26.0745, 119.2965, 1.5),
    ("合肥", "Hefei", "安徽", "east", "east", 3, 31.8206, 117.2272, 2.0),
    ("济南", "Jinan", "山东", "north", "north", 3, 36.6512, 117.1201, 2.0),
    ("昆明", "Kunming", "云南", "southwest", "southwest", 3, 25.0389, 102.7183, 1.5),
    ("南宁", "Nanning", "广西", "south", "south", 3, 22.8170, 108.3669, 1.0),
    ("兰州", "Lanzhou", "甘肃", "northwest", "northwest", 4, 36.0611, 103.8343, 0.8),
    ("乌鲁木齐", "Urumqi", "新疆", "northwest", "northwest", 4, 43.8256, 87.6168, 0.7),
    ("贵阳", "Guiyang", "贵州", "southwest", "southwest", 3, 26.6470, 106.6302, 1.0),
    ("宁波", "Ningbo", "浙江", "east", "east", 3, 29.8683, 121.5440, 2.0),
    ("无锡", "Wuxi", "江苏", "east", "east", 3, 31.4912, 120.3119, 1.5),
    ("东莞", "Dongguan", "广东", "south", "south", 3, 23.0207, 113.7518, 2.0),
]

CITY_COLUMNS = ["city", "city_en", "province", "region", "grid_region", "city_tier",
                "latitude", "longitude"]


def cities_frame() -> pd.DataFrame:
    """The `cities` table, plus a `weight` column (share of customers) used by the generator."""
    frame = pd.DataFrame(_CITIES, columns=[*CITY_COLUMNS, "weight"])
    frame["weight"] = frame["weight"] / frame["weight"].sum()
    return frame


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km between arrays of points (degrees)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lat1, lon1, lat2, lon2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def jitter_km(rng: np.random.Generator, lat: np.ndarray, lon: np.ndarray,
              sd_km: float) -> tuple[np.ndarray, np.ndarray]:
    """Points scattered around (lat, lon) with a normal spread of `sd_km` in each direction."""
    dlat = rng.normal(0, sd_km, len(lat)) / 111.0
    dlon = rng.normal(0, sd_km, len(lon)) / (111.0 * np.cos(np.radians(lat)))
    return lat + dlat, lon + dlon
