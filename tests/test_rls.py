"""PostgreSQL row-level security: the app's read-only role, whatever SQL it writes, sees only
the rows of the scope its transaction set, none when it set none, and cannot write."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from support.read_role import read_role_url

from cockpit import overview
from cockpit.access.scope import EVERYTHING, Scope
from cockpit.filters import Filters
from cockpit.warehouse import rls

pytestmark = pytest.mark.postgres

EAST = Scope(regions=("east",))


@pytest.fixture
def app_role(demo_postgres_url) -> Iterator[sa.Engine]:
    """An engine that logs in as a fresh read-only role granted by `rls.install`."""
    with read_role_url(demo_postgres_url) as url:
        engine = sa.create_engine(url)
        yield engine
        engine.dispose()


def _owner_scalar(url: str, sql: str) -> object:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        value = conn.execute(sa.text(sql)).scalar_one()
    engine.dispose()
    return value


def test_the_app_role_is_neither_owner_nor_bypassrls(app_role, demo_postgres_url) -> None:
    with app_role.connect() as conn:
        me, superuser, bypass = conn.execute(sa.text(
            "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles "
            "WHERE rolname = current_user")).one()
        owner, forced = conn.execute(sa.text(
            "SELECT tableowner, c.relforcerowsecurity FROM pg_tables t JOIN pg_class c "
            "ON c.relname = t.tablename WHERE t.tablename = 'orders'")).one()
    assert not superuser and not bypass and owner != me and forced


def test_a_hand_written_sum_sees_only_the_scopes_orders(app_role, demo_postgres_url) -> None:
    east = _owner_scalar(demo_postgres_url, "SELECT sum(total_cny) FROM orders "
                                            "WHERE region = 'east'")
    everything = _owner_scalar(demo_postgres_url, "SELECT sum(total_cny) FROM orders")
    with app_role.connect() as conn:
        rls.set_scope(conn, EAST)
        assert conn.execute(sa.text("SELECT sum(total_cny) FROM orders")).scalar_one() \
            == east
        assert conn.execute(sa.text(
            "SELECT count(*) FROM orders WHERE region <> 'east' OR region IS NULL")
        ).scalar_one() == 0
        lines = conn.execute(sa.text("SELECT count(*) FROM order_items")).scalar_one()
        outside = conn.execute(sa.text(
            "SELECT count(*) FROM shipments s WHERE NOT EXISTS (SELECT 1 FROM orders o "
            "WHERE o.order_id = s.order_id)")).scalar_one()
        assert conn.execute(sa.text("SELECT count(*) FROM marketing_spend")).scalar_one() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM customer_facts")).scalar_one() == 0
    east_lines = _owner_scalar(demo_postgres_url, (
        "SELECT count(*) FROM order_items i JOIN orders o ON o.order_id = i.order_id "
        "WHERE o.region = 'east'"))
    assert lines == east_lines and outside == 0
    assert east < everything


def test_no_scope_set_returns_no_rows(app_role) -> None:
    with app_role.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM orders")).scalar_one() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM order_items")).scalar_one() == 0
        conn.rollback()
        rls.set_scope(conn, EAST)
        assert conn.execute(sa.text("SELECT count(*) FROM orders")).scalar_one() > 0
        conn.rollback()  # the scope lasted for that transaction only
        assert conn.execute(sa.text("SELECT count(*) FROM orders")).scalar_one() == 0


def test_an_unscoped_user_sets_all_and_sees_everything(app_role, demo_postgres_url) -> None:
    total = _owner_scalar(demo_postgres_url, "SELECT count(*) FROM orders")
    with app_role.connect() as conn:
        rls.set_scope(conn, EVERYTHING)
        assert conn.execute(sa.text("SELECT count(*) FROM orders")).scalar_one() == total
        assert conn.execute(sa.text("SELECT count(*) FROM marketing_spend")).scalar_one() > 0


def test_a_store_scope_sees_that_stores_orders(app_role, demo_postgres_url) -> None:
    store = _owner_scalar(demo_postgres_url, "SELECT min(store_id) FROM orders")
    expected = _owner_scalar(demo_postgres_url,
                             f"SELECT count(*) FROM orders WHERE store_id = {int(store)}")
    with app_role.connect() as conn:
        rls.set_scope(conn, Scope(stores=(f"S{int(store):02d}",)))
        assert conn.execute(sa.text("SELECT count(*) FROM orders")).scalar_one() == expected


@pytest.mark.parametrize("statement", [
    "UPDATE orders SET total_cny = 0",
    "DELETE FROM order_items",
    "INSERT INTO marketing_spend (spend_date, channel, spend_cny) VALUES ('2026-01-01', "
    "'douyin', 1)",
    "DROP TABLE orders",
])
def test_the_app_role_cannot_write(app_role, statement) -> None:
    with app_role.connect() as conn:
        rls.set_scope(conn, EVERYTHING)
        with pytest.raises(sa.exc.DBAPIError, match="permission denied|must be owner"):
            conn.execute(sa.text(statement))


def test_the_overview_through_the_app_role_matches_the_owners(app_role,
                                                              demo_postgres_url) -> None:
    """The analysis code (its scoped customer figures never read the customer mart) gives
    the same KPIs through row-level security as the owner computes with the conditions."""
    owner = sa.create_engine(demo_postgres_url)
    with owner.connect() as conn:
        last = conn.execute(sa.text("SELECT max(order_date) FROM orders")).scalar_one()
        f = Filters(last.replace(day=1), last, scope=EAST)
        expected = overview.kpis(conn, f).set_index("kpi")
    owner.dispose()
    with app_role.connect() as conn:
        rls.set_scope(conn, EAST)
        got = overview.kpis(conn, f).set_index("kpi")
    for kpi in ("gmv", "orders", "active_customers", "repurchase_rate"):
        assert got.at[kpi, "value"] == pytest.approx(expected.at[kpi, "value"])
    assert got.at["gmv", "value"] > 0


@pytest.fixture
def scratch_pg(empty_warehouse, monkeypatch) -> Iterator[tuple[str, str]]:
    """An empty PostgreSQL warehouse (its owner's URL; tests ask empty_warehouse for its
    postgresql case only) and a fresh read role that COCKPIT_READ_ROLE names, as on a
    deployed server."""
    owner_url = empty_warehouse.url.render_as_string(hide_password=False)
    with read_role_url(owner_url) as url:
        monkeypatch.setenv("COCKPIT_READ_ROLE", sa.engine.make_url(url).username)
        yield owner_url, url


def _forced_policies(url: str, table: str) -> tuple[bool, set[str]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        forced = conn.execute(sa.text("SELECT relforcerowsecurity FROM pg_class WHERE relname "
                                      "= :t"), {"t": table}).scalar_one()
        names = set(conn.execute(sa.text("SELECT policyname FROM pg_policies WHERE tablename "
                                         "= :t"), {"t": table}).scalars())
    engine.dispose()
    return forced, names


@pytest.mark.parametrize("empty_warehouse", ["postgresql"], indirect=True)
def test_a_fresh_import_recreates_the_tables_with_their_policies_and_grants(scratch_pg) -> None:
    from cockpit.ingest.writer import write_transaction

    owner_url, app_url = scratch_pg
    with write_transaction(owner_url, fresh=True):
        pass  # every table dropped and created again, as a first import does
    assert _forced_policies(owner_url, "orders") == (True, {rls.WRITER_POLICY,
                                                            rls.SCOPE_POLICY})
    app = sa.create_engine(app_url)
    with app.connect() as conn:  # granted again: no "permission denied"
        rls.set_scope(conn, EAST)
        assert conn.execute(sa.text("SELECT count(*) FROM orders")).scalar_one() == 0
    app.dispose()


@pytest.mark.parametrize("empty_warehouse", ["postgresql"], indirect=True)
def test_a_batch_forecast_run_gets_policies_scoped_readers_see_none_of(scratch_pg) -> None:
    from datetime import date

    from cockpit.forecast import store

    owner_url, app_url = scratch_pg
    owner = sa.create_engine(owner_url)
    store.write_run(owner, "category_region", 7, date(2026, 11, 24), {})
    owner.dispose()
    assert _forced_policies(owner_url, "forecast_runs")[0]
    app = sa.create_engine(app_url)
    with app.connect() as conn:
        rls.set_scope(conn, EAST)
        assert conn.execute(sa.text("SELECT count(*) FROM forecast_runs")).scalar_one() == 0
        conn.rollback()
        rls.set_scope(conn, EVERYTHING)
        assert conn.execute(sa.text("SELECT count(*) FROM forecast_runs")).scalar_one() == 1
    app.dispose()
