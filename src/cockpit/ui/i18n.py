"""The message catalogue: every visible string in 简体中文 and English, and the current language."""

from __future__ import annotations

import importlib
import logging
import pkgutil

from cockpit.config import LANGUAGES, default_language

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"zh": "简体中文", "en": "English"}


def _string_modules() -> list[str]:
    """Every module of catalogue strings: the shared `cockpit.ui.strings`, then each page
    folder's `strings*.py` (`cockpit.ui.<page>.strings`, `...strings_<part>`), in name order."""
    from cockpit import ui

    found = ["cockpit.ui.strings"]
    for page in sorted(i.name for i in pkgutil.iter_modules(ui.__path__) if i.ispkg):
        package = importlib.import_module(f"cockpit.ui.{page}")
        names = (i.name for i in pkgutil.iter_modules(package.__path__))
        found += sorted(f"cockpit.ui.{page}.{n}" for n in names
                        if n == "strings" or n.startswith("strings_"))
    return found


def _merge(parts: list[dict[str, tuple[str, str]]]) -> dict[str, dict[str, str]]:
    catalogue: dict[str, dict[str, str]] = {}
    for part in parts:
        for key, (zh, en) in part.items():
            if key in catalogue:
                raise ValueError(f"catalogue key {key!r} is defined twice")
            catalogue[key] = {"zh": zh, "en": en}
    return catalogue


CATALOGUE: dict[str, dict[str, str]] = _merge(
    [importlib.import_module(module).STRINGS for module in _string_modules()])


def t(key: str, lang: str, **kw: object) -> str:
    """The message `key` in `lang`, formatted with `kw`; the key itself when unknown."""
    entry = CATALOGUE.get(key)
    if entry is None:
        log.warning("missing catalogue key %r", key)
        return key
    text = entry.get(lang) or entry["zh"]
    return text.format(**kw) if kw else text


def name(kind: str, code: str, lang: str) -> str:
    """Display name of a channel/region/category/kpi code; the code when unknown."""
    entry = CATALOGUE.get(f"{kind}.{code}")
    return entry[lang] if entry and lang in entry else code


def kpi_label(key: str, lang: str) -> str:
    return t(f"kpi.{key}", lang)


def kpi_help(key: str, lang: str) -> str:
    """Definition and unit of a KPI, for tooltips."""
    return t(f"kpi.{key}.help", lang)


def current_language() -> str:
    """The language switch's value (session state), else ?lang=, else the configured default."""
    import streamlit as st

    for value in (st.session_state.get("lang"), st.query_params.get("lang")):
        if value in LANGUAGES:
            return value
    return default_language()
