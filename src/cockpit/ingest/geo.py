"""Delivery places from an export: province and city names, and the sales region of each
province, from the shipped table of China's provinces (data/china_provinces.csv)."""

from __future__ import annotations

import functools
import re
from importlib import resources

import pandas as pd

_SUFFIXES = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$")


@functools.cache
def provinces() -> pd.DataFrame:
    """One row per province: province (short name, e.g. 广东), full_name, region code,
    english (Guangdong, as Shopify writes it)."""
    with resources.files("cockpit.data").joinpath("china_provinces.csv").open(
            encoding="utf-8") as stream:
        return pd.read_csv(stream, dtype=str)


def short_place(names: pd.Series) -> pd.Series:
    """Province or city names without their administrative suffix (广东省 → 广东, 上海市 →
    上海), surrounding spaces removed; empty stays empty."""
    text = names.fillna("").astype(str).str.strip()
    distinct = pd.Series(text.unique())  # few places, many rows
    short = distinct.str.replace(_SUFFIXES, "", regex=True).where(distinct.str.len() > 2,
                                                                    distinct)
    return text.map(dict(zip(distinct, short, strict=True)))


def region_of(province: pd.Series) -> pd.Series:
    """The sales region of each province (short or full name); NaN when unknown."""
    table = provinces()
    lookup = dict(zip(table["province"], table["region"], strict=True))
    lookup.update(zip(table["full_name"], table["region"], strict=True))
    lookup.update(zip(table["english"].str.casefold(), table["region"], strict=True))
    short = short_place(province)
    return short.map(lookup).fillna(short.str.casefold().map(lookup))


def split_address(addresses: pd.Series) -> pd.DataFrame:
    """Province and city from addresses written "省 市 区 详细" (Taobao's 收货地址); the rest
    of the address (personal data) is dropped. Columns province, city (short names)."""
    parts = addresses.fillna("").astype(str).str.strip().str.split(r"\s+", n=2, expand=True)
    parts = parts.reindex(columns=[0, 1], fill_value="").fillna("")
    return pd.DataFrame({"province": short_place(parts[0]), "city": short_place(parts[1])},
                        index=addresses.index)
