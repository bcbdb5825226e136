"""The helpers every page's benchmark calls use."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from cockpit.filters import Filters

Call = Callable[[Any, Filters], Any]

# Filter windows every call is timed on: the page default (ui.filters.DEFAULT_DAYS) and the
# worst case, the whole history. None means all days.
WINDOWS: dict[str, int | None] = {"28d": 28, "all": None}


def call(module: str, function: str, *args: Any, **kwargs: Any) -> Call:
    """`module.function(conn, filters, *args, **kwargs)`, imported lazily."""

    def run(conn: Any, filters: Filters) -> Any:
        try:
            fn = getattr(importlib.import_module(module), function)
        except (ImportError, AttributeError) as exc:
            raise RuntimeError(f"benchmark call {module}.{function} is not available: "
                               f"{exc}") from exc
        return fn(conn, filters, *args, **kwargs)

    run.__qualname__ = f"{module}.{function}"
    run.module = module  # the harness imports it before timing, as the app's launcher does
    return run


_REMEMBERED: dict[tuple[Any, ...], Any] = {}


def remembered(compute: Callable[[Any, Filters], Any], conn: Any, filters: Filters) -> Any:
    """compute(conn, filters) once per warehouse and filters, then the same object: what the
    page's st.cache_data serves, so a slider entry times only what a move recomputes."""
    key = (compute.__module__, compute.__qualname__, str(conn.engine.url), filters)
    if key not in _REMEMBERED:
        _REMEMBERED[key] = compute(conn, filters)
    return _REMEMBERED[key]
