"""Which warehouse tables each page, tab and KPI card needs, and which of them hold rows.

A warehouse built from an import always has every table (cockpit.warehouse.schema) but may
hold rows only in the core tables (orders; optionally order_items, products, customers). The
registry below says, for every part of the app, the tables it cannot do without (`tables`:
when one is empty the part says which data it needs instead of running) and those that only
make it richer (`optional`: it runs without them, with less). The app reads it through
cockpit.ui.coverage; `python -m cockpit check` prints `served()`.

Keys are dotted: "<page>" for a page, "<page>.<tab>" for a tab, "<page>.kpi.<kpi>" for a KPI
card and deeper keys for a view inside a tab ("forecast.series.sku_warehouse"). A part needs
its own tables and those of every registered key it extends (a tab needs its page's).

Derived from what the analysis code reads (and checked by emptying one table at a time in
the demo warehouse and opening every page and tab).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from cockpit.warehouse.schema import MART_TABLES, METADATA


@dataclass(frozen=True)
class Need:
    """What one part of the app reads: `tables` it cannot do without, `optional` ones that
    add to it (a chart, a column, a finer estimate)."""

    tables: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


REGISTRY: dict[str, Need] = {
    # Overview: KPIs and the GMV trend from orders; three cards need a domain table each.
    "overview": Need(("orders",), ("order_items",)),  # order_items: the category filter
    "overview.kpi.cac": Need(("marketing_spend",)),
    "overview.kpi.ai_resolution_rate": Need(("service_tickets",)),
    "overview.kpi.co2e_per_order": Need(("shipments", "emission_factors"),
                                        ("warehouses", "cities")),
    # Segments: lifecycle tiers, RFM, migration and CLV from orders alone.
    "segments": Need(("orders",)),
    "segments.tiers": Need(),
    "segments.rfm": Need(),
    "segments.migration": Need(),
    "segments.clv": Need((), ("order_items", "products")),  # CLV by persona
    "segments.personas": Need(("order_items", "products"), ("reviews", "shipments")),
    "segments.playbooks": Need(("customers",), ("order_items", "products")),  # product pairs
    "segments.acquisition": Need(("customers", "marketing_spend")),
    "segments.c2m": Need(("order_items", "products")),
    # Live commerce: sessions and their per-minute timeline.
    "live": Need(("orders", "live_sessions", "live_minutes")),
    "live.overview": Need(),
    "live.replay": Need((), ("products",)),  # names of the featured products
    "live.segments": Need(),
    "live.whatif": Need(),
    "live.follow": Need((), ("customers",)),  # WeCom members of a session
    "live.compare": Need(),
    # O2O stores: stores and their visits; the online pull needs the customers.
    "o2o": Need(("orders", "stores", "store_visits"), ("cities",)),
    "o2o.kpi.attributed_gmv": Need(("order_items",)),  # online lines in the category tried
    "o2o.stores": Need(),
    "o2o.attribution": Need(("customers",), ("order_items",)),
    "o2o.halo": Need(("customers", "cities")),  # homes near stores; what-if by city
    "o2o.omni": Need(),
    "o2o.funnel": Need(("customers",)),
    # Forecast: orders a day need only orders; units by category or SKU need order lines.
    "forecast": Need(("orders",)),
    "forecast.series": Need((), ("order_items", "products")),
    "forecast.series.category_region": Need(("order_items",)),
    "forecast.series.sku_warehouse": Need(("order_items", "products", "warehouses")),
    "forecast.inventory": Need(("order_items", "products", "inventory_daily", "warehouses")),
    "forecast.c2m": Need(("order_items", "products")),
    # Green logistics: shipments priced with emission factors.
    "logistics": Need(("orders", "shipments", "emission_factors"),
                      ("warehouses", "cities")),  # origins and grid regions
    "logistics.kpi.compliance": Need(("cold_chain_readings",)),
    "logistics.kpi.sustainable_share": Need(("order_items", "products")),
    "logistics.co2e": Need(),
    "logistics.green": Need(),
    "logistics.packaging": Need(),
    "logistics.cold": Need(("cold_chain_readings",)),
    "logistics.cross": Need(),
    "logistics.sustainable": Need(("order_items", "products", "customers")),
    "logistics.whatif": Need(),
    "logistics.esg": Need(),
    # Weekly review: the week from orders; one highlight block per domain whose data exists.
    "review": Need(("orders",)),
    "review.highlight.live": Need(("live_sessions", "live_minutes")),
    "review.highlight.o2o": Need(("stores", "store_visits", "order_items")),
    "review.highlight.forecast": Need(("order_items", "products", "inventory_daily",
                                       "warehouses")),  # stock-out risk next week
    "review.highlight.logistics": Need(("shipments", "emission_factors")),
    "review.highlight.segments": Need(),
}

PAGE_KEYS = tuple(k for k in REGISTRY if "." not in k)


def _check() -> None:
    unknown = {t for need in REGISTRY.values() for t in (*need.tables, *need.optional)
               if t not in METADATA.tables}
    if unknown:
        raise ValueError(f"coverage registry names unknown tables: {sorted(unknown)}")


_check()


def tables_with_rows(conn: sa.Connection) -> frozenset[str]:
    """The warehouse tables (of cockpit.warehouse.schema) holding at least one row, at the
    grain of whole tables: a table counts once it holds any row, whatever dates or filters a
    page selects (an empty selection is the guard's "nothing matched", not this). One
    `SELECT 1 FROM <table> LIMIT 1` per table, so the cost does not grow with the data. The
    marts are left out: derived from the orders, they hold rows exactly when orders do."""
    return frozenset(name for name, table in METADATA.tables.items()
                     if name not in MART_TABLES and holds_rows(conn, table))


def holds_rows(conn: sa.Connection, table: sa.Table) -> bool:
    """Whether `table` holds at least one row (`SELECT 1 ... LIMIT 1`)."""
    return conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is not None


def _chain(key: str) -> list[Need]:
    """The needs of `key` and of every registered key it extends, page first."""
    if key not in REGISTRY:
        raise KeyError(f"unknown coverage key {key!r}")
    parts = key.split(".")
    prefixes = (".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return [REGISTRY[p] for p in prefixes if p in REGISTRY]


def _absent(tables: list[str], present: frozenset[str] | set[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in tables if t not in present))


def missing_for(key: str, present: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The tables `key` (and the page or tab it belongs to) cannot do without that hold no
    rows; empty when the part can run."""
    return _absent([t for need in _chain(key) for t in need.tables], present)


def optional_missing(key: str, present: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The optional tables of `key` itself (not of the page it belongs to) that hold no rows:
    the part runs without them, with less."""
    needed = {t for need in _chain(key) for t in need.tables}
    return _absent([t for t in REGISTRY[key].optional if t not in needed], present)


def split_key(key: str) -> tuple[str, str | None]:
    """("<page>", "<rest>") of a key; the rest is None for a page."""
    page, _, rest = key.partition(".")
    return page, rest or None


def served(present: frozenset[str] | set[str]) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """Every page, tab and card in registry order as (page, part, missing tables): part is
    None for the page itself, the tab ("clv") or card ("kpi.cac") otherwise; `missing` is
    empty when the warehouse serves it."""
    return [(*split_key(key), missing_for(key, present)) for key in REGISTRY]


def _status(key: str, present: frozenset[str] | set[str]) -> str | None:
    """None when served fully, else what is missing, in words."""
    absent = missing_for(key, present)
    if absent:
        return "needs " + ", ".join(absent)
    extra = optional_missing(key, present)
    return "served; more with " + ", ".join(extra) if extra else None


def report_lines(present: frozenset[str] | set[str]) -> list[str]:
    """What `python -m cockpit check` prints: per page whether it is served, the tabs and
    cards served fully, and for the others the tables missing (a page without its own
    tables lists no tabs: they all need them)."""
    lines = ["pages and tabs on this warehouse:"]
    full_count = 0
    for page in PAGE_KEYS:
        status = _status(page, present)
        if missing_for(page, present):
            lines.append(f"  {page}: {status}")
            continue
        parts = [key for key in REGISTRY if key.startswith(page + ".")]
        statuses = {key: _status(key, present) for key in parts}
        full = [split_key(key)[1] for key, s in statuses.items() if s is None]
        full_count += len(full) + (status is None)
        extra = optional_missing(page, present)
        if status is None and len(full) == len(parts):
            lines.append(f"  {page}: served fully")
        else:
            more = f"; more with {', '.join(extra)}" if extra else ""
            lines.append(f"  {page}: served in part{more}")
        if full:
            lines.append(f"    served fully: {', '.join(full)}")
        lines += [f"    {split_key(key)[1]}: {s}" for key, s in statuses.items() if s]
    lines.append(f"{full_count} of {len(REGISTRY)} pages, tabs and cards served fully. Add a "
                 "table with `python -m cockpit import FILE --table TABLE` (docs/import.md).")
    return lines
