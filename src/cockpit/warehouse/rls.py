"""Row-level security on PostgreSQL: the fact tables show a reading role only the rows of the
data scope its transaction has set, whatever SQL it runs.

The app reads as a role that is neither the tables' owner nor BYPASSRLS, so the policies
below bind it; FORCE ROW LEVEL SECURITY binds the owner too, which keeps its full access
through a policy of its own (the writers: demo build, import, batch jobs). Each reading
transaction starts with `set_scope`: `cockpit.regions` and `cockpit.stores` are set with
`set_config(..., true)`, so they last for that transaction only. A transaction that set no
scope sees no row; an unscoped user sets regions to ALL ("*"). DuckDB has no row-level
security: there the conditions of `cockpit.filters` are the enforcement, and both functions
here do nothing.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from cockpit.access.scope import Scope
from cockpit.config import read_role
from cockpit.filters import store_keys

log = logging.getLogger(__name__)

ALL = "*"  # cockpit.regions value of an unscoped user: every row
REGIONS_SETTING = "cockpit.regions"
STORES_SETTING = "cockpit.stores"
WRITER_POLICY = "cockpit_writer"
SCOPE_POLICY = "cockpit_scope"

_SEES_ALL = f"current_setting('{REGIONS_SETTING}', true) = '{ALL}'"


def _in_setting(expr: str, setting: str) -> str:
    """`expr` (text) is one of the comma-separated values of `setting` (none when unset)."""
    return (f"{expr} = ANY (string_to_array(NULLIF(current_setting('{setting}', true), ''), "
            "','))")


def _order_in_scope(alias: str) -> str:
    """The order row `alias` is in scope: its region or its store is."""
    return (f"({_in_setting(f'{alias}.region', REGIONS_SETTING)} OR "
            f"{_in_setting(f'{alias}.store_id::text', STORES_SETTING)})")


def _through_orders(table: str, column: str = "order_id") -> str:
    """A row of `table` whose order (found by `column`) the transaction may see; the
    policy on orders applies inside the subquery."""
    return f"EXISTS (SELECT 1 FROM orders o WHERE o.order_id = {table}.{column})"


_STORE_IN_REGION = ("EXISTS (SELECT 1 FROM stores s JOIN cities c ON c.city = s.city "
                    "WHERE s.store_id = store_visits.store_id AND "
                    + _in_setting("c.region", REGIONS_SETTING) + ")")

# Table -> the rows a scoped reader sees (besides everything when regions is ALL). Tables
# with no region or store (platform-wide marketing spend and plan; the all-orders customer
# mart) show a scoped reader nothing. Live sessions (no region either) stay readable here:
# orders join them; cockpit.live.sessions.period_conditions hides them from scoped users.
POLICIES: dict[str, str] = {
    "orders": _order_in_scope("orders"),
    "order_items": _through_orders("order_items"),
    "order_revisions": _through_orders("order_revisions"),
    "shipments": _through_orders("shipments"),
    "shipment_co2e": _through_orders("shipment_co2e"),
    "reviews": _through_orders("reviews"),
    "service_tickets": _through_orders("service_tickets"),
    "cold_chain_readings": ("EXISTS (SELECT 1 FROM shipments sh WHERE sh.shipment_id = "
                            "cold_chain_readings.shipment_id)"),
    "store_visits": (f"({_in_setting('store_visits.store_id::text', STORES_SETTING)} OR "
                     f"{_STORE_IN_REGION})"),
    "customers": (f"({_in_setting('customers.region', REGIONS_SETTING)} OR EXISTS (SELECT 1 "
                  "FROM orders o WHERE o.customer_id = customers.customer_id))"),
    "customer_facts": "false",
    "marketing_spend": "false",
    "monthly_targets": "false",
    # batch forecasts are fitted on every order: a scoped reader fits its own (cockpit.forecast)
    "forecast_runs": "false",
    "forecast_points": "false",
    "forecast_metrics": "false",
}


def is_postgres(conn: sa.Connection) -> bool:
    return conn.dialect.name == "postgresql"


def install(conn: sa.Connection, read_role: str | None = None) -> None:
    """Enable and force row-level security with the scope policies on every table of
    POLICIES present, on `conn` (inside the caller's transaction; the tables' owner runs
    it). The connected role keeps full access (WRITER_POLICY). With `read_role`, that
    existing role may read every table (and write none). Nothing on other databases."""
    if not is_postgres(conn):
        return
    present = set(sa.inspect(conn).get_table_names())
    for table, visible in POLICIES.items():
        if table not in present:
            continue
        conn.execute(sa.text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        conn.execute(sa.text(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY"))
        for policy in (WRITER_POLICY, SCOPE_POLICY):
            conn.execute(sa.text(f"DROP POLICY IF EXISTS {policy} ON {table}"))
        conn.execute(sa.text(f"CREATE POLICY {WRITER_POLICY} ON {table} TO CURRENT_USER "
                             "USING (true) WITH CHECK (true)"))
        conn.execute(sa.text(f"CREATE POLICY {SCOPE_POLICY} ON {table} FOR SELECT "
                             f"USING ({_SEES_ALL} OR {visible})"))
    if read_role:
        grant_read(conn, read_role)
    log.info("row-level security on %d tables", len(present & set(POLICIES)))


def install_for_app(conn: sa.Connection) -> None:
    """`install` granting the app's read role (COCKPIT_READ_ROLE): after every write that
    creates or recreates tables (demo build, import, batch forecast), whose policies and
    grants went with the old tables."""
    install(conn, read_role())


def remove(conn: sa.Connection) -> None:
    """Drop the scope policies (before the tables are dropped and recreated: policies that
    read orders make it undroppable). Row-level security stays on until the table goes."""
    if not is_postgres(conn):
        return
    present = set(sa.inspect(conn).get_table_names())
    for table in POLICIES:
        if table in present:
            for policy in (WRITER_POLICY, SCOPE_POLICY):
                conn.execute(sa.text(f"DROP POLICY IF EXISTS {policy} ON {table}"))


def grant_read(conn: sa.Connection, role: str) -> None:
    """Let the existing `role` read every table of the current schema, and nothing more."""
    quoted = conn.dialect.identifier_preparer.quote(role)
    conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
    conn.execute(sa.text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {quoted}"))


def create_read_role(conn: sa.Connection, role: str, password: str) -> None:
    """Create the app's read-only login role (needs CREATEROLE): not the owner, no
    BYPASSRLS, no write grants. Then `install(conn, role)` grants it SELECT."""
    quoted = conn.dialect.identifier_preparer.quote(role)
    conn.execute(sa.text(f"CREATE ROLE {quoted} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB "
                         f"NOCREATEROLE PASSWORD {_literal(conn, password)}"))


def _literal(conn: sa.Connection, text: str) -> str:
    """A string literal for DDL, which takes no bound parameters."""
    return sa.literal(text).compile(dialect=conn.dialect,
                                    compile_kwargs={"literal_binds": True}).string


def set_scope(conn: sa.Connection, scope: Scope) -> None:
    """Set `scope` for the rest of `conn`'s current transaction (begun here if none is):
    regions ALL for an unscoped user, else the scope's regions and store keys. Nothing on
    other databases."""
    if not is_postgres(conn):
        return
    regions = ALL if scope.unscoped else ",".join(scope.regions)
    stores = "" if scope.unscoped else ",".join(str(k) for k in store_keys(scope))
    conn.execute(sa.text("SELECT set_config(:rk, :regions, true), "
                         "set_config(:sk, :stores, true)"),
                 {"rk": REGIONS_SETTING, "regions": regions, "sk": STORES_SETTING,
                  "stores": stores})
