"""The message catalogue is complete in both languages; numbers read the way managers expect."""

from __future__ import annotations

import re
import string

import plotly.io as pio
import pytest

from cockpit.overview import KPI_KEYS
from cockpit.ui import format as fmt
from cockpit.ui.i18n import CATALOGUE, kpi_help, name, t
from cockpit.ui.theme import CHANNEL_COLOURS, TEMPLATE, channel_colours
from cockpit.warehouse.schema import CATEGORIES, CHANNELS, REGIONS

CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == {"zh", "en"}
    assert entry["zh"].strip() and entry["en"].strip()
    assert _fields(entry["zh"]) == _fields(entry["en"])


# Chinese text or Chinese punctuation (a label template may differ only in its brackets).
CJK_TEXT = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def test_chinese_texts_are_chinese_and_english_texts_are_not():
    mixed = {"filters.language"}  # the switch reads the same in both languages
    for key, entry in CATALOGUE.items():
        if key in mixed:
            continue
        assert not CJK.search(entry["en"]), key
        if entry["zh"] != entry["en"]:  # brand names such as "App" stay as they are
            assert CJK_TEXT.search(entry["zh"]), key


@pytest.mark.parametrize(("kind", "codes"), [("channel", CHANNELS), ("region", REGIONS),
                                             ("category", CATEGORIES), ("kpi", KPI_KEYS)])
def test_every_code_has_a_name_in_both_languages(kind, codes):
    for code in codes:
        assert f"{kind}.{code}" in CATALOGUE
        assert name(kind, code, "en") != code or code == "app"


def test_kpi_tooltips_state_a_unit():
    for key in KPI_KEYS:
        assert "单位" in kpi_help(key, "zh") and "Unit" in kpi_help(key, "en")
    assert "platform-wide" in kpi_help("cac", "en")


def test_t_formats_and_survives_unknown_keys():
    assert t("filters.data_span", "en", first="a", last="b") == "Data from a to b"
    assert t("no.such.key", "zh") == "no.such.key"
    assert name("channel", "teleport", "zh") == "teleport"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (12_345, "zh", "¥1.23万"),
    (456_000_000, "zh", "¥4.56亿"),
    (9_999.6, "zh", "¥1.00万"),
    (9_876, "zh", "¥9,876"),
    (3_443_900, "zh", "¥344万"),  # three significant digits, as managers read 万
    (99_999, "zh", "¥10.0万"),
    (-25_000, "zh", "-¥2.50万"),
    (12_300, "en", "¥12.3K"),
    (4_600_000, "en", "¥4.6M"),
    (2_500_000_000, "en", "¥2.5B"),
    (999, "en", "¥999"),
    (999.6, "en", "¥1.0K"),
    (999_960, "en", "¥1.0M"),
    (99_999_999.9, "zh", "¥1.00亿"),
    (85.25, "en", "¥85.25"),
    (None, "zh", "—"),
    (float("nan"), "en", "—"),
])
def test_money(value, lang, expected):
    assert fmt.money(value, lang) == expected


def test_counts_percentages_and_mass():
    assert fmt.count(12_345, "zh") == "12,345"
    assert fmt.count(1_234_567, "zh") == "123万"
    assert fmt.count(1_234_567, "en") == "1.2M"
    assert fmt.pct(0.1234) == "12.3%"
    assert fmt.kg(0.4234) == "0.42 kg"
    assert fmt.kg(2_500) == "2.5 t"
    assert fmt.value(0.5, "ratio", "en") == "50.0%"
    with pytest.raises(ValueError):
        fmt.value(1, "furlongs", "en")


def test_deltas():
    assert fmt.delta(110, 100, "cny", "en") == "+10.0%"
    assert fmt.delta(90, 100, "count", "zh") == "-10.0%"
    assert fmt.delta(0.30, 0.25, "ratio", "en") == "+5.0 pp"
    assert fmt.delta(0.20, 0.25, "ratio", "zh") == "-5.0个百分点"
    assert fmt.delta(5, 0, "cny", "en") is None
    assert fmt.delta(None, 3, "kg", "en") is None
    assert fmt.change(150, 100) == pytest.approx(0.5)


def test_theme_template_and_channel_colours():
    assert TEMPLATE in pio.templates
    assert "Noto Sans CJK SC" in pio.templates[TEMPLATE].layout.font.family
    assert set(CHANNEL_COLOURS) == set(CHANNELS)
    assert len(set(CHANNEL_COLOURS.values())) == len(CHANNELS)
    assert channel_colours("zh")["直播"] == CHANNEL_COLOURS["live_stream"]


def test_a_key_defined_twice_is_an_error():
    from cockpit.ui.i18n import _merge

    with pytest.raises(ValueError, match="page.x"):
        _merge([{"page.x": ("甲", "A")}, {"page.x": ("乙", "B")}])
