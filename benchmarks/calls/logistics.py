"""Green logistics: CO2e, packaging, cold chain, cross-border, sustainable, what-if."""

from __future__ import annotations

import importlib
from typing import Any

from cockpit.filters import Filters

from .base import Call, call, remembered


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

    base = remembered(whatif.baseline, conn, filters)
    return whatif.project(base, whatif.Scenario(1.0, (0.1, 0.5, 0.2, 0.2), 2.0))


logistics_whatif_slider.module = "cockpit.logistics.whatif"


CALLS: list[tuple[str, Call]] = [
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
]
