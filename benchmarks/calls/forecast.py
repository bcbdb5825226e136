"""Demand forecast: series list, fits, what-if and the inventory and C2M tabs."""

from __future__ import annotations

from typing import Any

from cockpit.filters import Filters

from .base import Call, call, remembered


def inventory_slider(conn: Any, filters: Filters) -> Any:
    """What a service-level slider move costs: the plan inputs are fetched on the first call
    only (the page caches them through query()), then only apply_policy recomputes."""
    from cockpit.forecast import inventory

    return inventory.apply_policy(remembered(inventory.plan_inputs, conn, filters), 0.97)


inventory_slider.module = "cockpit.forecast.inventory"


_SERIES_FITS: dict[tuple[str, Filters, str], Any] = {}


def _top_series_fit(conn: Any, filters: Filters, level: str) -> Any:
    """The page's cold path: rank the level's series, fit the largest (history, backtest,
    final Prophet fit, elasticity) over 90 days, as `fit_series` does before caching."""
    from cockpit.forecast import fitting, series
    from cockpit.forecast.model import DEFAULT_HORIZON

    key = series.list_series(conn, level, filters)["series_key"].iloc[0]
    fit = fitting.fit_series(conn, level, key, filters.end, DEFAULT_HORIZON)
    _SERIES_FITS[(str(conn.engine.url), filters, level)] = fit
    return fit


def series_list(level: str) -> Call:
    """`series.list_series(conn, level, filters)`: the series picker."""

    def run(conn: Any, filters: Filters) -> Any:
        from cockpit.forecast import series

        return series.list_series(conn, level, filters)

    run.__qualname__ = f"list_series({level})"
    run.module = "cockpit.forecast.series"
    return run


def series_fit(level: str) -> Call:
    """fit_series on the level's largest series (cold and warm both refit: the page caches)."""

    def run(conn: Any, filters: Filters) -> Any:
        return _top_series_fit(conn, filters, level)

    run.__qualname__ = f"fit_series({level})"
    run.module = "cockpit.forecast.fitting"
    return run


def _cached_fit(conn: Any, filters: Filters) -> Any:
    key = (str(conn.engine.url), filters, "category_region")
    return _SERIES_FITS.get(key) or _top_series_fit(conn, filters, "category_region")


def forecast_warm(conn: Any, filters: Filters) -> Any:
    """A warm page run: the cached fit comes back as st.cache_data returns it (a pickled
    copy), then the default what-if frame is computed."""
    import pickle

    from cockpit.forecast.fitting import scenario_forecast
    from cockpit.forecast.whatif import Scenario

    fit = pickle.loads(pickle.dumps(_cached_fit(conn, filters)))
    return scenario_forecast(fit, Scenario(horizon=30))


forecast_warm.module = "cockpit.forecast.fitting"


def forecast_slider(conn: Any, filters: Filters) -> Any:
    """Only what a what-if slider move recomputes, on a fit computed once (not timed after
    the first call): festival intensity, promotion, price and horizon applied to it."""
    from cockpit.forecast.fitting import scenario_forecast
    from cockpit.forecast.whatif import Scenario

    fit = _cached_fit(conn, filters)
    return scenario_forecast(fit, Scenario(promo_pp=5, price_change=-0.1,
                                        festival_intensity=1.5, horizon=60))


forecast_slider.module = "cockpit.forecast.fitting"


CALLS: list[tuple[str, Call]] = [
    ("list_series(category_region)", series_list("category_region")),
    ("list_series(sku_warehouse)", series_list("sku_warehouse")),
    ("fit_series(top category×region)", series_fit("category_region")),
    ("fit_series(top SKU×warehouse)", series_fit("sku_warehouse")),
    ("page warm: cached fit + what-if", forecast_warm),
    ("what-if slider (recompute only, fit precomputed)", forecast_slider),
    ("inventory.plan_inputs", call("cockpit.forecast.inventory", "plan_inputs")),
    ("service-level slider (apply_policy only)", inventory_slider),
    ("inventory.abc_xyz", call("cockpit.forecast.inventory", "abc_xyz")),
    ("inventory.placement", call("cockpit.forecast.inventory", "placement")),
    ("c2m.growth_signal", call("cockpit.forecast.c2m", "growth_signal")),
    ("c2m.attribute_growth", call("cockpit.forecast.c2m", "attribute_growth")),
]
