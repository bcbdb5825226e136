"""Customer segments: CLV, tiers, RFM, migration, acquisition, C2M, personas, playbooks."""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

from cockpit.filters import Filters

from .base import Call, call, remembered


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
            a = remembered(personas.personas, conn, filters).assignments
            ids = tuple(int(i) for i in a.loc[a["persona_id"] == 1, "customer_id"])
        return playbooks.association_rules(conn, filters, ids)

    run.__qualname__ = f"{module}.association_rules({kind})"
    run.module = module
    return run


CALLS: list[tuple[str, Call]] = [
    # CLV section: the fit is remembered per summary (cockpit.clv.model), so in a fresh
    # process the first call pays the fit and the later ones the SQL summary and scoring;
    # the horizon picker (365 -> 90 days) costs one customer_clv call with the fit known.
    ("clv.customer_clv(365d)", clv_call("customer_clv", 365)),
    ("clv.clv_fit", clv_call("clv_fit")),
    ("clv horizon picker (customer_clv 90d)", clv_call("customer_clv", 90)),
    ("lifecycle.tier_assignments", call("cockpit.segments.lifecycle", "tier_assignments")),
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
]
