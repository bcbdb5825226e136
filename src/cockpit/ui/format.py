"""Number formatting for people: ¥ with 万/亿 in Chinese, K/M/B in English, %, counts, kg."""

from __future__ import annotations

import math

from cockpit.ui.i18n import t

EMPTY = "—"

_ZH_LADDER = ((1.0, ""), (1e4, "万"), (1e8, "亿"))
_EN_LADDER = ((1.0, ""), (1e3, "K"), (1e6, "M"), (1e9, "B"))


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _places(mantissa: float, lang: str) -> int:
    """Decimals: zh three significant digits (1.23万, 34.7万, 344万); en one (12.3K, 4.6M)."""
    if lang != "zh":
        return 1
    places = 2 if mantissa < 10 else 1 if mantissa < 100 else 0
    rounded = round(mantissa, places)  # 9.999 shows as 10.0, not 10.00
    return places if rounded < 10 ** (3 - places) else max(places - 1, 0)


def _compact(value: float, lang: str) -> str:
    """|value| with a 万/亿 (zh) or K/M/B (en) suffix; plain with separators below 10^4 / 10^3.
    A value that rounds up to the next step moves there (9,999.6 -> 1.00万, not 10,000)."""
    ladder = _ZH_LADDER if lang == "zh" else _EN_LADDER
    magnitude = abs(value)
    i = max(k for k, (size, _) in enumerate(ladder) if magnitude >= size or k == 0)
    places = _places(magnitude / ladder[i][0], lang) if i else 0
    if i + 1 < len(ladder):
        shown = round(magnitude / ladder[i][0], places) * ladder[i][0]
        if shown >= ladder[i + 1][0]:
            i += 1
    size, suffix = ladder[i]
    places = _places(magnitude / size, lang) if i else 0
    return f"{magnitude / size:,.{places}f}{suffix}"


def money(value: float | None, lang: str) -> str:
    """¥ amount: zh "¥1.23万", "¥4.56亿"; en "¥12.3K", "¥4.6M"; "—" when missing."""
    if _missing(value):
        return EMPTY
    if abs(value) < 100:
        body = f"{abs(value):,.2f}".rstrip("0").rstrip(".")
    else:
        body = _compact(value, lang)
    return f"{'-' if value < 0 else ''}¥{body}"


def count(value: float | None, lang: str) -> str:
    """A count: exact with separators up to 99,999; 万/亿 or K/M above."""
    if _missing(value):
        return EMPTY
    if abs(value) < 100_000:
        return f"{value:,.0f}"
    return ("-" if value < 0 else "") + _compact(value, lang)


def number(value: float | None, digits: int = 2) -> str:
    """A plain decimal such as orders per customer: 1.5 -> "1.50"; "—" when missing."""
    return EMPTY if _missing(value) else f"{value:,.{digits}f}"


def pct(value: float | None, digits: int = 1) -> str:
    """A ratio as a percentage: 0.1234 -> "12.3%"."""
    return EMPTY if _missing(value) else f"{value * 100:.{digits}f}%"


def kg(value: float | None, lang: str = "en") -> str:
    """A mass in kg (t above one tonne)."""
    if _missing(value):
        return EMPTY
    if abs(value) >= 1000:
        return f"{value / 1000:,.1f} t"
    return f"{value:,.2f} kg" if abs(value) < 10 else f"{value:,.1f} kg"


def value(number: float | None, unit: str, lang: str) -> str:
    """Format by unit: cny, count, ratio or kg."""
    if unit == "cny":
        return money(number, lang)
    if unit == "count":
        return count(number, lang)
    if unit == "ratio":
        return pct(number)
    if unit == "kg":
        return kg(number, lang)
    raise ValueError(f"unknown unit {unit!r}")


def change(current: float | None, reference: float | None) -> float | None:
    """Relative change current / reference − 1; None without a usable reference."""
    if _missing(current) or _missing(reference) or reference == 0:
        return None
    return current / reference - 1


def delta(current: float | None, reference: float | None, unit: str, lang: str) -> str | None:
    """A signed change for st.metric: percentage points for ratios ("+1.2 pp"), relative
    change otherwise ("+12.3%"); None when it cannot be computed."""
    if unit == "ratio":
        if _missing(current) or _missing(reference):
            return None
        points = (current - reference) * 100
        return f"{points:+.1f}{t('unit.pp', lang)}"
    rel = change(current, reference)
    return None if rel is None else f"{rel * 100:+.1f}%"
