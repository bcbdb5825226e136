"""How the review writes its numbers, in the tables, the narrative and the deck alike (so a
number in the text is, character for character, one in a table): ¥ with 万 (zh) or K/M (en),
signed % and points with a true minus sign."""

from __future__ import annotations

import math

MINUS = "−"
EMPTY = "—"


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def money(value: float | None, lang: str) -> str:
    """zh ¥24.0万 / ¥3,512; en ¥240.0K / ¥1.2M / ¥512."""
    if missing(value):
        return EMPTY
    sign, v = (MINUS if value < 0 else ""), abs(value)
    if lang == "zh":
        body = f"{v / 1e8:.2f}亿" if v >= 1e8 else f"{v / 1e4:.1f}万" if v >= 1e4 \
            else f"{v:,.0f}"
    else:
        body = f"{v / 1e6:.1f}M" if v >= 1e6 else f"{v / 1e3:.1f}K" if v >= 1e3 \
            else f"{v:,.0f}"
    return f"{sign}¥{body}"


def count(value: float | None) -> str:
    return EMPTY if missing(value) else f"{value:,.0f}".replace("-", MINUS)


def pct(value: float | None, digits: int = 1) -> str:
    """A ratio as a percentage: 0.1234 -> 12.3%."""
    return EMPTY if missing(value) else f"{value * 100:.{digits}f}%".replace("-", MINUS)


def signed_pct(percent: float | None, digits: int = 1) -> str:
    """A change already in %: −14.2%, +3.0%."""
    return EMPTY if missing(percent) else f"{percent:+.{digits}f}%".replace("-", MINUS)


def points(value: float | None, digits: int = 1) -> str:
    """Percentage points: −7.6, +1.0."""
    return EMPTY if missing(value) else f"{value:+.{digits}f}".replace("-", MINUS)


def kg(value: float | None) -> str:
    return EMPTY if missing(value) else f"{value:,.2f} kg"


def decimal(value: float | None, digits: int) -> str:
    """A quantity whose unit the column names: 2.59, 1,368.3."""
    return EMPTY if missing(value) else f"{value:,.{digits}f}".replace("-", MINUS)


def units(value: float | None, lang: str) -> str:
    """Pieces of stock: zh 12 件; en 12 units."""
    return EMPTY if missing(value) else f"{count(value)} {'件' if lang == 'zh' else 'units'}"


def value(number, unit: str, lang: str) -> str:
    """By unit: cny, count, ratio, kg, units, text."""
    if unit == "text":
        return str(number)
    return {"cny": lambda v: money(v, lang), "count": count, "ratio": pct, "kg": kg,
            "units": lambda v: units(v, lang)}[unit](number)


def change(current: float | None, reference: float | None) -> float | None:
    """(current / reference − 1) × 100, None without a usable reference."""
    if missing(current) or missing(reference) or not reference:
        return None
    return (current / reference - 1) * 100


def shift(current: float | None, reference: float | None, unit: str, lang: str) -> str:
    """The change against the week before as shown: percentage points for a ratio
    (+1.2 个百分点 / +1.2 pts), else in % (−14.2%); — without a usable reference."""
    if unit == "ratio":
        if missing(current) or missing(reference):
            return EMPTY
        return points((current - reference) * 100) + (" 个百分点" if lang == "zh" else " pts")
    return signed_pct(change(current, reference))
