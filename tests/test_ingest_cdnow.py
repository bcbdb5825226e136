"""A real dataset end to end: the CDNOW sample that `lifetimes` ships, exported as a shop's
order file (tests/support/cdnow_export.py), imported with the CLI into a fresh DuckDB warehouse; the
warehouse holds every order, and the Overview KPIs equal a pandas computation on the same
data for the page's default period and others (each with its previous period and last year).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa
from support.cdnow_export import FX_RATE, ImportedCdnow, import_cdnow

from cockpit.filters import Filters
from cockpit.ingest import history
from cockpit.overview import kpis
from cockpit.ui.filters import default_range
from cockpit.warehouse import read_engine

CDNOW_ORDERS, CDNOW_CUSTOMERS, CDNOW_DUPLICATES = 6919, 2357, 21
FIRST_DAY, LAST_DAY = date(1997, 1, 1), date(1998, 6, 30)
ORDER_KPIS = ("gmv", "orders", "aov", "active_customers", "repurchase_rate")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> ImportedCdnow:
    return import_cdnow(tmp_path_factory.mktemp("cdnow"))


@pytest.fixture(scope="module")
def conn(imported: ImportedCdnow):
    engine = read_engine(f"duckdb:///{imported.warehouse}")
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def test_the_cli_reports_what_it_wrote(imported: ImportedCdnow) -> None:
    assert f"{CDNOW_ORDERS:,} rows read; import 1 wrote {CDNOW_ORDERS:,} orders" in (
        imported.stdout)
    assert f"{CDNOW_CUSTOMERS:,} customers" in imported.stdout
    assert f"{CDNOW_DUPLICATES} row(s) repeat an earlier line exactly" in imported.stdout
    assert "every order is counted as paid" in imported.stdout
    entry = history.entry(f"sqlite:///{imported.app_store}", 1)
    assert entry["status"] == "imported" and entry["rows_read"] == CDNOW_ORDERS
    assert entry["options"]["fx"] == {"USD": FX_RATE}
    assert entry["rows_written"]["orders"] == CDNOW_ORDERS


def test_every_order_lands_with_its_buyer_day_and_amount(imported: ImportedCdnow,
                                                         conn: sa.Connection) -> None:
    stored = pd.DataFrame(conn.execute(sa.text(
        "select e.external_id as customer_id, o.order_date, o.ordered_at, o.total_cny, "
        "o.status, o.platform, o.channel, o.region, o.city from orders o join external_ids e "
        "on e.entity = 'customer' and e.internal_id = o.customer_id "
        "order by o.order_id")).all())
    assert len(stored) == CDNOW_ORDERS
    assert stored["customer_id"].nunique() == CDNOW_CUSTOMERS
    assert (stored["status"] == "paid").all() and (stored["platform"] == "other").all()
    assert stored[["channel", "region", "city"]].isna().all().all()  # the export has none
    assert (pd.to_datetime(stored["ordered_at"]) == pd.to_datetime(stored["order_date"])).all()
    expected = imported.orders
    pd.testing.assert_series_equal(stored["customer_id"], expected["customer_id"],
                                   check_names=False)
    assert (pd.to_datetime(stored["order_date"]) == expected["order_date"]).all()
    assert stored["total_cny"].astype(float).tolist() == pytest.approx(
        expected["amount_cny"].tolist(), abs=1e-9)


def _pandas_kpis(orders: pd.DataFrame, start: date, end: date) -> dict[str, float | None]:
    """The order KPIs of one period, computed from the exported rows."""
    day = orders["order_date"].dt.date
    chosen = orders[(day >= start) & (day <= end)]
    per_customer = chosen.groupby("customer_id").size()
    gmv, count, active = float(chosen["amount_cny"].sum()), len(chosen), len(per_customer)
    return {"gmv": gmv, "orders": float(count), "aov": gmv / count if count else None,
            "active_customers": float(active),
            "repurchase_rate": float((per_customer >= 2).sum()) / active if active else None}


PERIODS = {
    "default": default_range(FIRST_DAY, LAST_DAY),
    "all": (FIRST_DAY, LAST_DAY),
    "first-quarter": (date(1997, 1, 1), date(1997, 3, 31)),
    "last-quarter": (date(1998, 4, 1), date(1998, 6, 30)),
    "one-day": (date(1997, 3, 15), date(1997, 3, 15)),
}


@pytest.mark.parametrize("period", list(PERIODS))
def test_overview_kpis_equal_pandas(imported: ImportedCdnow, conn: sa.Connection,
                                    period: str) -> None:
    start, end = PERIODS[period]
    f = Filters(start, end)
    frame = kpis(conn, f).set_index("kpi")
    for column, p in (("value", f), ("previous", f.previous_period()),
                      ("last_year", f.same_period_last_year())):
        expected = _pandas_kpis(imported.orders, p.start, p.end)
        for name in ORDER_KPIS:
            got = frame.at[name, column]
            if expected[name] is None:
                assert pd.isna(got), (period, column, name, got)
            else:
                assert got == pytest.approx(expected[name], rel=1e-12), (period, column, name)
    # data the export does not have: no tickets, no shipments
    assert pd.isna(frame.at["ai_resolution_rate", "value"])
    assert pd.isna(frame.at["co2e_per_order", "value"])


def test_the_default_period_has_orders(imported: ImportedCdnow) -> None:
    start, end = PERIODS["default"]
    assert (start, end) == (date(1998, 6, 3), LAST_DAY)
    assert _pandas_kpis(imported.orders, start, end)["orders"] > 0
