"""What the benchmark times: for each page, the analysis calls it makes on a page run.

Each entry is (name, callable(conn, filters)). Functions are imported when first called, so
a page whose module is not written yet fails clearly in its own row, not at import time.
Add a page's calls here when the page lands.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import timedelta
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


_PLAN_INPUTS: dict[tuple[str, Filters], Any] = {}


def inventory_slider(conn: Any, filters: Filters) -> Any:
    """What a service-level slider move costs: the plan inputs are fetched on the first call
    only (the page caches them through query()), then only apply_policy recomputes."""
    from cockpit.forecast import inventory

    key = (str(conn.engine.url), filters)
    if key not in _PLAN_INPUTS:
        _PLAN_INPUTS[key] = inventory.plan_inputs(conn, filters)
    return inventory.apply_policy(_PLAN_INPUTS[key], 0.97)


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

    from cockpit.forecast.whatif import Scenario
    from cockpit.ui.sections.forecast_series import scenario_frame

    fit = pickle.loads(pickle.dumps(_cached_fit(conn, filters)))
    return scenario_frame(fit, Scenario(horizon=30))


forecast_warm.module = "cockpit.ui.sections.forecast_series"


def forecast_slider(conn: Any, filters: Filters) -> Any:
    """Only what a what-if slider move recomputes, on a fit computed once (not timed after
    the first call): festival intensity, promotion, price and horizon applied to it."""
    from cockpit.forecast.whatif import Scenario
    from cockpit.ui.sections.forecast_series import scenario_frame

    fit = _cached_fit(conn, filters)
    return scenario_frame(fit, Scenario(promo_pp=5, price_change=-0.1,
                                        festival_intensity=1.5, horizon=60))


forecast_slider.module = "cockpit.ui.sections.forecast_series"


def clv_call(function: str, *args: Any, days_before_end: int | None = None) -> Call:
    """`cockpit.clv.warehouse.function(conn, filters.end, *args)`; with days_before_end,
    `function(conn, filters.end - days_before_end, filters.end)` (the holdout check)."""
    module = "cockpit.clv.warehouse"

    def run(conn: Any, filters: Filters) -> Any:
        fn = getattr(importlib.import_module(module), function)
        if days_before_end is not None:
            return fn(conn, filters.end - timedelta(days=days_before_end), filters.end)
        return fn(conn, filters.end, *args)

    run.__qualname__ = f"{module}.{function}"
    run.module = module
    return run


_WHATIF_BASELINES: dict[tuple[str, Filters], Any] = {}


def logistics_dated(function: str) -> Call:
    """packaging.before_after / crossborder.lead_times, after looking up the date they split
    at (low-carbon packaging adoption, direct-mail opening) as the page does."""
    module, lookup = {"before_after": ("cockpit.logistics.packaging", "adoption_date"),
                      "lead_times": ("cockpit.logistics.crossborder", "opening")}[function]

    def run(conn: Any, filters: Filters) -> Any:
        mod = importlib.import_module(module)
        return getattr(mod, function)(conn, filters, getattr(mod, lookup)(conn, filters))

    run.__qualname__ = f"{module}.{function}"
    run.module = module
    return run


def logistics_whatif_slider(conn: Any, filters: Filters) -> Any:
    """What a what-if slider move costs: the period's aggregates are fetched on the first call
    only (the page caches them through query()), then only whatif.project recomputes."""
    from cockpit.logistics import whatif

    key = (str(conn.engine.url), filters)
    if key not in _WHATIF_BASELINES:
        _WHATIF_BASELINES[key] = whatif.baseline(conn, filters)
    base = _WHATIF_BASELINES[key]
    return whatif.project(base, whatif.Scenario(1.0, (0.1, 0.5, 0.2, 0.2), 2.0))


logistics_whatif_slider.module = "cockpit.logistics.whatif"


def _latest_live_session(conn: Any, filters: Filters) -> int | None:
    """The last session started in the window (one lookup on live_sessions)."""
    import sqlalchemy as sa

    from cockpit.live.sessions import period_conditions
    from cockpit.warehouse.schema import live_sessions as ls

    return conn.execute(sa.select(ls.c.live_session_id).where(*period_conditions(filters))
                        .order_by(ls.c.started_at.desc()).limit(1)).scalar()


def live_replay(conn: Any, filters: Filters) -> Any:
    """What opening one session costs: its row and minutes, funnel, sources, segment bands,
    drop-off detection and explanation windows (the latest session of the window)."""
    from cockpit.live import dropoff, replay, windows

    sid = _latest_live_session(conn, filters)
    info = replay.session_info(conn, sid)
    minutes = replay.session_minutes(conn, sid)
    replay.funnel(info), replay.traffic_sources(info), replay.segment_blocks(minutes)
    dropoff.detect(minutes)
    return windows.explanation_windows(minutes)


live_replay.module = "cockpit.live.replay"
_LIVE_RATES: dict[tuple[str, Filters], Any] = {}


def live_whatif(conn: Any, filters: Filters) -> Any:
    """What a what-if slider move costs: the per-minute rates are fitted on the first call
    only (the page caches them through query()), then only whatif.project recomputes."""
    from cockpit.live import effectiveness, whatif

    key = (str(conn.engine.url), filters)
    if key not in _LIVE_RATES:
        _LIVE_RATES[key] = effectiveness.rates(conn, filters)
    rates = _LIVE_RATES[key]
    return whatif.project(rates, rates.base_minutes + [5.0, 0.0, 5.0])


live_whatif.module = "cockpit.live.whatif"


_PERSONAS: dict[tuple[str, Filters], Any] = {}


def playbook_rules(kind: str) -> Call:
    """The playbooks tab's rules for one audience: the returning tier (its ids in SQL), or the
    largest persona (its ids from a persona fit computed once per filters, as the page caches
    it), then association_rules on those ids."""
    module = "cockpit.segments.playbooks"

    def run(conn: Any, filters: Filters) -> Any:
        from cockpit.segments import personas, playbooks

        if kind == "tier":
            ids = playbooks.tier_ids(conn, filters, "returning")
        else:
            key = (str(conn.engine.url), filters)
            if key not in _PERSONAS:
                _PERSONAS[key] = personas.personas(conn, filters)
            a = _PERSONAS[key].assignments
            ids = tuple(int(i) for i in a.loc[a["persona_id"] == 1, "customer_id"])
        return playbooks.association_rules(conn, filters, ids)

    run.__qualname__ = f"{module}.association_rules({kind})"
    run.module = module
    return run


def o2o_conn_only(function: str) -> Call:
    """`cockpit.o2o.<module>.<function>(conn)`: look-ups that take no filters."""
    module, name = function.rsplit(".", 1)
    module = f"cockpit.o2o.{module}"

    def run(conn: Any, filters: Filters) -> Any:
        return getattr(importlib.import_module(module), name)(conn)

    run.__qualname__ = f"{module}.{name}"
    run.module = module
    return run


_O2O_HALO: dict[tuple[str, Filters], Any] = {}


def o2o_whatif_city(conn: Any, filters: Filters) -> Any:
    """What picking another what-if city costs: the halo estimates are computed on the first
    call only (the page caches them through query()), then the city's catchment query and the
    projections run."""
    from cockpit.o2o import halo, whatif

    key = (str(conn.engine.url), filters)
    if key not in _O2O_HALO:
        _O2O_HALO[key] = halo.summary(conn, filters)
    est = _O2O_HALO[key]
    return whatif.scenario(conn, filters, "合肥", whatif.band_effects(est["orders"]),
                           whatif.band_effects(est["gmv"]))["both"]


o2o_whatif_city.module = "cockpit.o2o.whatif"


CALLS: dict[str, list[tuple[str, Call]]] = {
    "logistics": [
        ("breakdown.by_dimension(mode)", call("cockpit.logistics.breakdown", "by_dimension",
                                              "mode")),
        ("breakdown.trend(week)", call("cockpit.logistics.breakdown", "trend", "week")),
        ("cold_chain.cold_chain", call("cockpit.logistics.cold_chain", "cold_chain")),
        ("usage.factors_used", call("cockpit.logistics.usage", "factors_used")),
        ("sustainable.share", call("cockpit.logistics.sustainable", "share")),
        ("packaging.mix(month)", call("cockpit.logistics.packaging", "mix", "month")),
        ("packaging.before_after", logistics_dated("before_after")),
        ("packaging.period", call("cockpit.logistics.packaging", "period")),
        ("cold_chain.excursion_histogram",
         call("cockpit.logistics.cold_chain", "excursion_histogram")),
        ("crossborder.lead_times", logistics_dated("lead_times")),
        ("sustainable.trend(week)", call("cockpit.logistics.sustainable", "trend", "week")),
        ("sustainable.by_segment(channel)",
         call("cockpit.logistics.sustainable", "by_segment", "channel")),
        ("sustainable.green_buyers", call("cockpit.logistics.sustainable", "green_buyers")),
        ("sustainable.price_premium", call("cockpit.logistics.sustainable", "price_premium")),
        ("whatif.baseline", call("cockpit.logistics.whatif", "baseline")),
        ("what-if slider (whatif.project only)", logistics_whatif_slider),
    ],
    "overview": [
        ("kpis", call("cockpit.overview", "kpis")),
        ("gmv_trend(week)", call("cockpit.overview", "gmv_trend", "week")),
    ],
    "live": [
        ("sessions", call("cockpit.live.sessions", "sessions")),
        ("overview", call("cockpit.live.sessions", "overview")),
        ("channel_shares", call("cockpit.live.sessions", "channel_shares")),
        ("replay(one session)", live_replay),
        ("effectiveness", call("cockpit.live.effectiveness", "effectiveness")),
        ("what-if slider (whatif.project only)", live_whatif),
        ("followthrough.by_host", call("cockpit.live.followthrough", "by_host")),
        ("followthrough.by_session", call("cockpit.live.followthrough", "by_session")),
    ],
    "forecast": [
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
    ],
    "segments": [
        # CLV section: the fit is remembered per summary (cockpit.clv.model), so in a fresh
        # process the first call pays the fit and the later ones the SQL summary and scoring;
        # the horizon picker (365 -> 90 days) costs one customer_clv call with the fit known.
        ("clv.customer_clv(365d)", clv_call("customer_clv", 365)),
        ("clv.clv_fit", clv_call("clv_fit")),
        ("clv horizon picker (customer_clv 90d)", clv_call("customer_clv", 90)),
        ("clv.tier_assignments", call("cockpit.clv.warehouse", "tier_assignments")),
        ("clv.holdout_check(180d)", clv_call("holdout_check", days_before_end=180)),
        # tiers, RFM, migration, acquisition, C2M tabs. Migration and acquisition join the
        # customer_clv(365d) frame above (the page shares that one cached call) in pandas.
        ("lifecycle.tier_summary", call("cockpit.segments.lifecycle", "tier_summary")),
        ("lifecycle.tier_trend", call("cockpit.segments.lifecycle", "tier_trend")),
        ("rfm.rfm_groups", call("cockpit.segments.rfm", "rfm_groups")),
        ("rfm.rf_grid", call("cockpit.segments.rfm", "rf_grid")),
        ("migration.moves(tier)", call("cockpit.segments.migration", "moves", "tier")),
        ("migration grouping switch: moves(rfm)",
         call("cockpit.segments.migration", "moves", "rfm")),
        ("acquisition.cac_trend", call("cockpit.segments.acquisition", "cac_trend")),
        ("acquisition.channel_inputs", call("cockpit.segments.acquisition", "channel_inputs")),
        ("c2m.c2m_rebuy", call("cockpit.segments.c2m", "c2m_rebuy")),
        ("c2m.c2m_products", call("cockpit.segments.c2m", "c2m_products")),
        # personas and playbooks tabs (personas: SQL features, ICL scan on a sample, EM fit)
        ("personas.personas(auto k)", call("cockpit.segments.personas", "personas")),
        ("persona count picker: personas(k=4)",
         call("cockpit.segments.personas", "personas", 4)),
        ("playbooks.tier_ids(returning)",
         call("cockpit.segments.playbooks", "tier_ids", "returning")),
        ("playbooks.association_rules(returning tier)", playbook_rules("tier")),
        ("playbooks.association_rules(largest persona)", playbook_rules("persona")),
        ("playbooks.customer_fields", call("cockpit.segments.playbooks", "customer_fields")),
    ],
    "o2o": [
        ("data_end", o2o_conn_only("scope.data_end")),
        ("stores.store_views(14d)", call("cockpit.o2o.stores", "store_views", 14)),
        ("window slider: stores.store_views(7d)", call("cockpit.o2o.stores", "store_views", 7)),
        ("whatif.city_options", o2o_conn_only("whatif.city_options")),
        ("stores.experiences", call("cockpit.o2o.stores", "experiences")),
        ("attribution.summary(14d)", call("cockpit.o2o.attribution", "summary", 14)),
        ("window slider: attribution.summary(7d)",
         call("cockpit.o2o.attribution", "summary", 7)),
        ("halo.summary", call("cockpit.o2o.halo", "summary")),
        ("halo.eligible_stores", call("cockpit.o2o.halo", "eligible_stores")),
        ("omni.segments", call("cockpit.o2o.omni", "segments")),
        ("omni.channel_headcount", call("cockpit.o2o.omni", "channel_headcount")),
        ("city picker: whatif.scenario", o2o_whatif_city),
        ("funnel.by_channel", call("cockpit.o2o.funnel", "by_channel")),
        ("funnel.over_time", call("cockpit.o2o.funnel", "over_time")),
    ],
}
