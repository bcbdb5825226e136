"""The bulk import path into a PostgreSQL warehouse (keyed in DuckDB against a mirror of the
warehouse, copied in by COPY: bulk.postgres) against the in-memory path it stands in for:
the same file imported both ways into two databases holding the same earlier import must
end alike (rows of every table the import writes, result and history), or fail alike with
the same problems and nothing written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from conftest import _db_counter, _janitor, _pg_url
from test_ingest_bulk import (
    WRITTEN,
    _export,
    _line_rows,
    _outcome,
    _path,
    _sorted,
    _written_rows,
)

from cockpit.ingest import bulk, pipeline
from cockpit.ingest.bulk import postgres
from cockpit.ingest.bulk import run as bulk_run
from cockpit.ingest.pipeline import ImportOptions, run_import
from cockpit.warehouse import read_engine

pytestmark = pytest.mark.postgres
EARLIER = _line_rows(30, 2)  # T00000..T00029, buyers buyer0..buyer29, SKU0 and SKU1


@pytest.fixture
def database(request) -> Iterator[Callable[[], str]]:
    """Makes empty PostgreSQL databases (dropped after the test); returns their URLs."""
    proc = request.getfixturevalue("postgresql_proc")
    with ExitStack() as stack:
        def make() -> str:
            name = f"cockpit_bulk_pg_{next(_db_counter)}"
            stack.enter_context(_janitor(proc, name))
            return _pg_url(proc, name)
        yield make


@pytest.fixture(autouse=True)
def one_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new warehouse hashes buyer ids with the same salt, so both paths' agree."""
    monkeypatch.setattr(pipeline.secrets, "token_hex", lambda n: "5a" * n)


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Tables bulk.postgres copied into a warehouse, in order."""
    seen: list[str] = []
    append = postgres.append

    def watched(db, conn, columns, folder):
        seen.extend(columns)
        append(db, conn, columns, folder)

    monkeypatch.setattr(postgres, "append", watched)
    return seen


def _warehouse(make: Callable[[], str], folder: Path) -> tuple[str, str]:
    """A new database and app store, holding EARLIER (a small file: imported in memory)."""
    folder.mkdir()
    url, app_url = make(), f"sqlite:///{folder / 'app.sqlite'}"
    path = folder / "earlier.csv"
    path.write_bytes(_export(EARLIER))
    run_import([path], ImportOptions(), url, app_url)
    return url, app_url


def _both(make: Callable[[], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          data: bytes, options: ImportOptions | None = None, times: int = 1
          ) -> tuple[dict, dict, str]:
    """The outcome of the last of `times` imports of `data` into a warehouse holding
    EARLIER, in memory and in bulk, and the bulk warehouse's URL."""
    outcomes, seen = [], []
    for use_bulk in (False, True):
        folder = tmp_path / ("bulk" if use_bulk else "memory")
        url, app_url = _warehouse(make, folder)
        path = folder / "orders.csv"
        path.write_bytes(data)
        with _path(monkeypatch, use_bulk, seen):
            for _ in range(times):
                outcome = _outcome(path, options or ImportOptions(), url, app_url)
        outcomes.append(outcome)
    assert seen == ["bulk"] * times
    return outcomes[0], outcomes[1], url


def _tables(url: str) -> dict[str, pd.DataFrame]:
    """The rows of every table an import writes."""
    engine = read_engine(url)
    with engine.connect() as conn:
        tables = {name: pd.read_sql(sa.text(f"SELECT * FROM {name}"), conn)
                  for name in WRITTEN}
    engine.dispose()
    return tables


def _rows(url: str) -> dict[str, list[tuple]]:
    return {name: _sorted(frame) for name, frame in _tables(url).items()}


def test_new_orders_are_keyed_after_the_ones_there_as_in_memory(
        database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copied: list[str]) -> None:
    """Known buyers and SKUs re-used, new keys after the largest: row for row what the
    in-memory path writes."""
    rows = [r.replace("T0", "N0") for r in _line_rows(400, 3)]  # buyer0..36, SKU0..2
    memory, in_bulk, url = _both(database, tmp_path, monkeypatch, _export(rows))
    assert copied[:5] == ["customers", "products", "orders", "order_items", "external_ids"]
    assert in_bulk == memory
    assert memory["result"][1]["orders"] == 400
    assert memory["result"][1]["order_items"] == 1200
    assert memory["result"][1]["customers"] == 37 - 30  # buyer0..29 were there
    assert memory["result"][1]["products"] == 1  # SKU2
    tables = _tables(url)
    ids = tables["external_ids"]
    new = ids[(ids.entity == "order") & ids.external_id.str.startswith("N")]
    assert sorted(new.internal_id) == list(range(31, 431))  # after the 30 orders there
    buyers = ids[ids.entity == "customer"].set_index("external_id").internal_id
    orders = tables["orders"].set_index("order_id")
    first = new.set_index("external_id").internal_id["N00000"]
    assert orders.customer_id[first] == buyers["buyer0"] == 1  # the buyer of T00000


def test_a_file_without_order_ids_and_hashed_buyers_ends_as_in_memory(
        database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [f"b{i % 9},2024-05-{1 + i % 20:02d},{i % 13}.5,广东" for i in range(200)]
    data = ("客户ID,下单时间,金额,省份\n" + "\n".join(rows + rows[:12]) + "\n").encode()
    memory, in_bulk, _ = _both(database, tmp_path, monkeypatch, data,
                               ImportOptions(hash_customer_ids=True))
    assert memory["result"][1]["orders"] == 212
    assert in_bulk == memory


def test_a_reimport_writes_no_new_orders(database, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    memory, in_bulk, url = _both(database, tmp_path, monkeypatch,
                                 _export(_line_rows(100, 2)), times=2)
    assert in_bulk == memory
    assert in_bulk["result"][1] == {name: 0 for name in in_bulk["result"][1]}
    assert in_bulk["result"][2] == 100  # already imported
    assert len(_tables(url)["orders"]) == 100  # T00000..T00099: 30 earlier, 70 new


def test_restated_orders_are_revised_as_in_memory(database, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _line_rows(40, 2)
    for i in range(0, 40, 4):  # ten earlier orders, both lines, now refunded
        for k in (2 * i, 2 * i + 1):
            rows[k] = rows[k].replace("交易成功", "退款成功")
    memory, in_bulk, url = _both(database, tmp_path, monkeypatch, _export(rows))
    assert in_bulk == memory
    assert in_bulk["result"][1]["orders"] == 10  # T00030..T00039
    statuses = _tables(url)["orders"].status.value_counts().to_dict()
    assert statuses == {"paid": 30, "refunded": 10}


@pytest.mark.parametrize("broken", ["date", "quantity"])
def test_a_broken_rule_writes_nothing_with_the_same_problems(
        broken: str, database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _line_rows(80, 2)
    for i in range(61, 160, 9):  # 11 lines of new orders
        cells = rows[i].split(",")
        if broken == "date":
            cells[2] = "2024-02-30 10:00:00"
        else:
            cells[7] = "1.5"
        rows[i] = ",".join(cells)
    memory, in_bulk, url = _both(database, tmp_path, monkeypatch, _export(rows))
    assert memory["problems"][0].count == 11
    assert in_bulk == memory
    assert _rows(url) == _rows(_warehouse(database, tmp_path / "unchanged")[0])


@pytest.mark.parametrize("form", ["mixed", "thousands"])
def test_written_dates_and_amounts_end_as_in_memory(
        form: str, database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2024/3/5, 2024年3月5日, ¥ and 元 amounts, thousands commas: read in SQL, keyed
    after EARLIER's orders, row for row what the in-memory path writes."""
    memory, in_bulk, _ = _both(database, tmp_path, monkeypatch, _export(_written_rows(form)))
    assert memory["result"][1]["orders"] == 120 - 30
    assert in_bulk == memory


def test_a_failure_while_copying_in_leaves_the_warehouse_unchanged(
        database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Customers and products copied in, then the orders fail: the caller's transaction
    rolls all of it back."""
    url, app_url = _warehouse(database, tmp_path / "wh")
    before = _rows(url)
    copy_csv = postgres.copy_csv

    def failing(conn, name, columns, chunks, *options):
        if name == "orders":
            raise RuntimeError("the server went away")
        copy_csv(conn, name, columns, chunks, *options)

    monkeypatch.setattr(postgres, "copy_csv", failing)
    path = tmp_path / "orders.csv"
    path.write_bytes(_export([r.replace("T0", "N0") for r in _line_rows(50, 2)]))
    with _path(monkeypatch, True, []), pytest.raises(RuntimeError, match="went away"):
        run_import([path], ImportOptions(), url, app_url)
    assert _rows(url) == before


def test_a_dry_run_counts_as_in_memory_and_writes_nothing(
        database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _line_rows(60, 3)
    rows[3:6] = [r.replace("交易成功", "退款成功") for r in rows[3:6]]  # T00001 restated
    results, seen = [], []
    for use_bulk in (False, True):
        folder = tmp_path / ("bulk" if use_bulk else "memory")
        url, app_url = _warehouse(database, folder)
        path = folder / "orders.csv"
        path.write_bytes(_export(rows))
        before = _rows(url)
        with _path(monkeypatch, use_bulk, seen):
            result, = run_import([path], ImportOptions(dry_run=True), url, app_url)
        assert _rows(url) == before
        results.append((result.rows_read, result.rows_written, result.already_imported))
    assert seen == ["bulk"]
    assert results[1] == results[0]
    assert results[0][1]["orders"] == 30


@pytest.mark.parametrize("use_bulk", [True, False], ids=["bulk", "memory"])
def test_a_writer_bound_by_row_level_security_copies_through_a_temporary_table(
        request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_bulk: bool) -> None:
    """A warehouse owned by a writer that is no superuser: from the second import on its
    tables force row-level security, and PostgreSQL refuses COPY FROM into them (on both
    paths: warehouse.load.copy_csv)."""
    proc = request.getfixturevalue("postgresql_proc")
    name, role = f"cockpit_bulk_pg_{next(_db_counter)}", "cockpit_bulk_writer"
    admin = sa.create_engine(_pg_url(proc, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP ROLE IF EXISTS {role}"))
        conn.execute(sa.text(f"CREATE ROLE {role} LOGIN"))
    try:
        with _janitor(proc, name):
            owner = sa.create_engine(_pg_url(proc, name))
            with owner.begin() as conn:
                conn.execute(sa.text(f"ALTER DATABASE {name} OWNER TO {role}"))
                conn.execute(sa.text(f"ALTER SCHEMA public OWNER TO {role}"))
            owner.dispose()
            url = f"postgresql+psycopg://{role}@{proc.host}:{proc.port}/{name}"
            results = []
            with _path(monkeypatch, use_bulk, []):
                for first in (0, 50):
                    path = tmp_path / f"from{first}.csv"
                    path.write_bytes(_export([r.replace("T0", f"R{first}") for r in
                                              _line_rows(50, 2)]))
                    results += run_import([path], ImportOptions(), url,
                                          f"sqlite:///{tmp_path / 'app.sqlite'}")
            assert [r.rows_written["orders"] for r in results] == [50, 50]
            owner = sa.create_engine(url)
            with owner.connect() as conn:  # the premise: COPY FROM would be refused
                assert conn.execute(sa.text(
                    "SELECT row_security_active('orders')")).scalar() is True
            owner.dispose()
            assert len(_tables(url)["order_items"]) == 200
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP OWNED BY {role}"))
            conn.execute(sa.text(f"DROP ROLE {role}"))
        admin.dispose()


def test_large_csv_files_into_postgresql_take_it(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(_export(_line_rows(5, 1)))
    url = "postgresql+psycopg://u@localhost/db"
    assert not bulk.applies(path, url)
    monkeypatch.setattr(bulk_run, "BIG_FILE_BYTES", path.stat().st_size)
    assert bulk.applies(path, url)
    assert not bulk.applies(path, "sqlite:///wh.sqlite")
