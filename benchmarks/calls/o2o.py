"""O2O stores: store views, attribution, halo, omni-channel, funnel, what-if."""

from __future__ import annotations

import importlib
from typing import Any

from cockpit.filters import Filters

from .base import Call, call, remembered


def o2o_conn_only(function: str) -> Call:
    """`cockpit.o2o.<module>.<function>(conn)`: look-ups that take no filters."""
    module, name = function.rsplit(".", 1)
    module = f"cockpit.o2o.{module}"

    def run(conn: Any, filters: Filters) -> Any:
        return getattr(importlib.import_module(module), name)(conn)

    run.__qualname__ = f"{module}.{name}"
    run.module = module
    return run




def o2o_whatif_city(conn: Any, filters: Filters) -> Any:
    """What picking another what-if city costs: the halo estimates are computed on the first
    call only (the page caches them through query()), then the city's catchment query and the
    projections run."""
    from cockpit.o2o import halo, whatif

    est = remembered(halo.summary, conn, filters)
    return whatif.scenario(conn, filters, "合肥", whatif.band_effects(est["orders"]),
                           whatif.band_effects(est["gmv"]))["both"]


o2o_whatif_city.module = "cockpit.o2o.whatif"


CALLS: list[tuple[str, Call]] = [
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
]
