"""The bulk import path (large CSV files parsed, folded and checked as SQL inside DuckDB)
against the in-memory path it stands in for: every CSV file of the import corpus, imported
both ways into copies of one DuckDB warehouse, must end alike — the same problems word for
word (rule, column, count, lines, samples, hint), or the same rows in every table the import
writes, the same result and the same history. Files in forms only the in-memory parser reads
go back to it (`NotBulk`); the test counts how many really took the SQL path, so that a
silent fallback cannot pass for parity.

Larger files check what a small corpus cannot: counts beyond the first lines shown, and
folding of many lines per order."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from test_ingest_corpus import BASELINE, CORPUS, Case

from cockpit.ingest import bulk, history, pipeline
from cockpit.ingest.bulk import run as bulk_run
from cockpit.ingest.pipeline import ImportOptions, run_import
from cockpit.ingest.problems import IngestError
from cockpit.warehouse import read_engine

WRITTEN = ("orders", "order_items", "customers", "products", "external_ids")
CSV_CASES = [c for c in CORPUS if c.content()[:4] not in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
                                                            b"PAR1")]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A DuckDB warehouse holding the corpus baseline import, and its app store."""
    folder = tmp_path_factory.mktemp("bulk-base")
    path = folder / "baseline.csv"
    path.write_text(BASELINE, encoding="utf-8")
    run_import([path], ImportOptions(), f"duckdb:///{folder / 'wh.duckdb'}",
               f"sqlite:///{folder / 'app.sqlite'}")
    return folder


def _copy(base: Path, folder: Path) -> tuple[str, str]:
    folder.mkdir()
    shutil.copyfile(base / "wh.duckdb", folder / "wh.duckdb")
    shutil.copyfile(base / "app.sqlite", folder / "app.sqlite")
    url = f"duckdb:///{folder / 'wh.duckdb'}"
    engine = sa.create_engine(f"sqlite:///{folder / 'app.sqlite'}")
    with engine.begin() as conn:  # the baseline's history, as if it had gone in here
        conn.execute(sa.text("update import_history set warehouse = :w"),
                     {"w": history.warehouse_label(url)})
    engine.dispose()
    return url, f"sqlite:///{folder / 'app.sqlite'}"


@contextmanager
def _path(monkeypatch: pytest.MonkeyPatch, use_bulk: bool, seen: list[str]) -> Iterator[None]:
    """Imports in this block take the bulk path whatever the file size (or never)."""
    with monkeypatch.context() as patch:
        if use_bulk:
            patch.setattr(bulk_run, "BIG_FILE_BYTES", 0)
            prepare = bulk.prepare

            @contextmanager
            def watched(*args, **kwargs):
                entered = False
                try:
                    with prepare(*args, **kwargs) as prepared:
                        entered = True
                        seen.append("bulk")
                        yield prepared
                except bulk.NotBulk:
                    seen.append("fallback")
                    raise
                except IngestError:
                    if not entered:  # rejected by the SQL path itself
                        seen.append("bulk")
                    raise

            patch.setattr(pipeline.bulk, "prepare", watched)
        else:
            patch.setattr(pipeline.bulk, "applies", lambda *_: False)
        yield


def _outcome(path: Path, options: ImportOptions, url: str, app_url: str) -> dict:
    """What an import did: its problems, or its result, rows and history."""
    try:
        result, = run_import([path], options, url, app_url)
    except IngestError as exc:
        return {"problems": exc.problems,
                "report": exc.report().replace(str(path.parent), "<folder>")}
    engine = read_engine(url)
    with engine.connect() as conn:
        tables = {name: pd.read_sql(sa.text(f"SELECT * FROM {name}"), conn)
                  for name in WRITTEN}
    engine.dispose()
    entry = history.entry(app_url, result.import_id)
    return {
        "result": (result.rows_read, result.rows_written, result.already_imported,
                   [w.describe() for w in result.warnings], result.mapping),
        "tables": {name: _sorted(frame) for name, frame in tables.items()},
        "history": {k: entry[k] for k in ("rows_read", "rows_written", "warnings", "options",
                                          "has_ids", "status")},
    }


def _sorted(frame: pd.DataFrame) -> list[tuple]:
    return sorted(frame.astype(str).itertuples(index=False, name=None))


def _both(case_or_file: Case | tuple[str, bytes, ImportOptions], base: Path, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch, seen: list[str]) -> tuple[dict, dict]:
    if isinstance(case_or_file, Case):
        name, data = case_or_file.name, case_or_file.content()
    else:
        name, data, _ = case_or_file
    outcomes = []
    for use_bulk in (False, True):
        folder = tmp_path / ("bulk" if use_bulk else "memory")
        url, app_url = _copy(base, folder)
        path = folder / name
        path.write_bytes(data)
        options = (case_or_file.import_options(folder) if isinstance(case_or_file, Case)
                   else case_or_file[2])
        with _path(monkeypatch, use_bulk, seen):
            outcomes.append(_outcome(path, options, url, app_url))
    return outcomes[0], outcomes[1]


@pytest.mark.parametrize("case", CSV_CASES, ids=[c.id for c in CSV_CASES])
def test_bulk_path_ends_as_the_in_memory_path(case: Case, base: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    memory, in_sql = _both(case, base, tmp_path, monkeypatch, [])
    assert in_sql == memory


def _taken(case: Case, folder: Path) -> str:
    """Which path the bulk reader gives the file: "bulk" (read, or rejected, in SQL) or
    "fallback" (NotBulk)."""
    path = folder / case.name
    path.write_bytes(case.content())
    try:
        with bulk.prepare(path, case.import_options(folder), "salt"):
            return "bulk"
    except IngestError:
        return "bulk"
    except bulk.NotBulk:
        return "fallback"


def test_most_corpus_files_take_the_sql_path(tmp_path: Path) -> None:
    """A fallback is allowed (non-plain dates, amounts with separators...), but the SQL
    path must carry a good share of both outcomes, or the parity above proves little."""
    took = {c.id for c in CSV_CASES if _taken(c, tmp_path) == "bulk"}
    rejected = {c.id for c in CSV_CASES if type(c.expect).__name__ == "Rejected"}
    assert len(took & rejected) >= 8, sorted(took & rejected)
    assert len(took - rejected) >= 12, sorted(took - rejected)


def _export(rows: list[str]) -> bytes:
    header = "订单号,客户ID,下单时间,订单状态,省份,商品编码,商品名称,数量,单价"
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _line_rows(orders: int, lines_per_order: int) -> list[str]:
    rows = []
    for o in range(orders):
        for k in range(lines_per_order):
            rows.append(f"T{o:05d},buyer{o % 37},2024-03-{1 + o % 28:02d} 10:{o % 60:02d}:00,"
                        f"交易成功,{'广东省' if o % 2 else '浙江'},SKU{k},商品{k},{1 + k},"
                        f"{9.5 + k}")
    return rows


def test_many_lines_per_order_fold_alike(base: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    memory, in_sql = _both(("lines.csv", _export(_line_rows(400, 3)), ImportOptions()),
                           base, tmp_path, monkeypatch, seen)
    assert seen == ["bulk"]
    assert memory["result"][1]["order_items"] == 1200
    assert in_sql == memory


@pytest.mark.parametrize("broken", ["customer", "status", "disagree", "date", "quantity"])
def test_counts_beyond_the_lines_shown_match(broken: str, base: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _line_rows(60, 2)
    for i in range(3, 120, 7):  # 17 broken rows, more than the 5 a report shows
        cells = rows[i].split(",")
        if broken == "customer":  # on both lines of the order (one would fill the other)
            cells[1] = ""
            rows[i ^ 1] = ",".join(cells[:1] + [""] + rows[i ^ 1].split(",")[2:])
        elif broken == "status":
            cells[3] = f"神秘状态{i % 3}"
        elif broken == "disagree":
            cells[2] = "2024-04-01 00:00:00"
        elif broken == "date":
            cells[2] = "2024-02-30 10:00:00"
        else:
            cells[7] = "1.5"
        rows[i] = ",".join(cells)
    seen: list[str] = []
    memory, in_sql = _both(("broken.csv", _export(rows), ImportOptions()), base, tmp_path,
                           monkeypatch, seen)
    assert seen == ["bulk"]
    assert "problems" in memory and memory["problems"][0].count > 5
    assert in_sql == memory


def test_without_order_ids_duplicates_and_hashed_buyers_alike(
        base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [f"b{i % 9},2024-05-{1 + i % 20:02d},{i % 13}.5,广东" for i in range(200)]
    rows += rows[:12]  # exact copies: a warning, the rows are kept
    data = ("客户ID,下单时间,金额,省份\n" + "\n".join(rows) + "\n").encode("utf-8")
    seen: list[str] = []
    memory, in_sql = _both(("noid.csv", data, ImportOptions(hash_customer_ids=True)), base,
                           tmp_path, monkeypatch, seen)
    assert seen == ["bulk"]
    assert any("12 row(s) repeat" in w for w in memory["result"][3])
    assert in_sql == memory


def test_other_forms_go_back_to_the_in_memory_path(tmp_path: Path) -> None:
    path = tmp_path / "day_first.csv"
    path.write_bytes("订单号,客户ID,下单时间,实付金额\nA1,c1,05/01/2024,12\n".encode())
    with pytest.raises(bulk.NotBulk, match="下单时间"), bulk.prepare(path, ImportOptions(),
                                                                  "salt"):
        pass


def test_only_large_csv_files_into_duckdb_take_it(tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text("a,b\n1,2\n")
    assert not bulk.applies(small, f"duckdb:///{tmp_path / 'wh.duckdb'}")
    assert not bulk.applies(small, "postgresql+psycopg://u@localhost/db")


# Written forms the SQL path reads (bulk.forms): each file takes it and ends as in memory.
FORMS = {
    "slashes": ("2024/3/{d} 9:{m:02d}", "{p}"),
    "dashes_unpadded": ("2024-3-{d} 10:{m:02d}:30", "{p}"),
    "dots": ("2024.3.{d}", "{p}"),
    "chinese": ("2024年3月{d}日 8:{m:02d}", "{p}"),
    "yuan_signs": ("2024-03-{d:02d} 10:{m:02d}:00", "¥{p}"),
    "yuan_after": ("2024-03-{d:02d}", "{p}元"),
    "thousands": ("2024-03-{d:02d}", '"{k},{t}"'),
    "mixed": ("", ""),
}


def _written_rows(form: str, orders: int = 120) -> list[str]:
    """_line_rows' orders with the date and price cells in `form` (mixed: each order in
    another form, as one column may hold several)."""
    rows = []
    names = [name for name in FORMS if name != "mixed"]
    for o in range(orders):
        date, price = FORMS[names[o % len(names)] if form == "mixed" else form]
        for k in range(2):
            cells = dict(d=1 + o % 28, m=o % 60, p=f"{9.5 + k:.2f}", k=1 + o % 9,
                         t=f"{100 + o % 900:03d}.5{k}")
            rows.append(f"T{o:05d},buyer{o % 37},{date.format(**cells)},交易成功,"
                        f"{'广东省' if o % 2 else '浙江'},SKU{k},商品{k},{1 + k},"
                        f"{price.format(**cells)}")
    return rows


@pytest.mark.parametrize("form", FORMS)
def test_written_dates_and_amounts_take_the_sql_path_and_end_alike(
        form: str, base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    memory, in_sql = _both(("forms.csv", _export(_written_rows(form)), ImportOptions()),
                           base, tmp_path, monkeypatch, seen)
    assert seen == ["bulk"]
    assert memory["result"][1]["orders"] == 120
    assert in_sql == memory


def test_an_address_column_gives_the_place_in_sql_as_in_memory(
        base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Province and city from 收货地址's first two words (the rest is not stored); a
    province column, where there is one, wins."""
    addresses = ["广东省 深圳市 南山区 科技园1号", "浙江省　杭州市 西湖区 文三路2号",
                 "四川 成都市", "上海", "", "新疆维吾尔自治区 乌鲁木齐市 天山区"]
    rows = [f"A{i:04d},b{i % 7},2024-04-{1 + i % 28:02d},{i % 11}.5,"
            f"{'江苏省' if i % 5 == 0 else ''},{addresses[i % len(addresses)]}"
            for i in range(150)]
    data = ("订单号,客户ID,下单时间,金额,省份,收货地址\n" + "\n".join(rows) + "\n").encode()
    seen: list[str] = []
    memory, in_sql = _both(("address.csv", data, ImportOptions()), base, tmp_path,
                           monkeypatch, seen)
    assert seen == ["bulk"]
    assert in_sql == memory
    assert not any("科技园" in str(row) for row in memory["tables"]["orders"])


@pytest.mark.parametrize("cell, column", [
    ("2024/2/30", 2), ("2024年3月5日 25:00", 2), ("2024.13.1", 2), ('"1,000.5"', 7)])
def test_written_forms_that_are_wrong_are_rejected_alike(
        cell: str, column: int, base: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _line_rows(60, 2)
    for i in range(5, 120, 11):  # 11 broken lines
        cells = rows[i].split(",")
        cells[column] = cell
        rows[i] = ",".join(cells)
    seen: list[str] = []
    memory, in_sql = _both(("wrong.csv", _export(rows), ImportOptions()), base, tmp_path,
                           monkeypatch, seen)
    assert seen == ["bulk"]
    assert memory["problems"][0].count == 11
    assert in_sql == memory


def test_a_file_read_in_memory_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A large CSV the SQL path cannot read is imported in memory, and the result says
    which column sent it there (the command prints it, the Import page shows it)."""
    path = tmp_path / "day_first.csv"
    path.write_bytes("订单号,客户ID,下单时间,实付金额\nA1,c1,05/01/2024,12\n"
                     "A2,c2,13/01/2024,15\n".encode())
    monkeypatch.setattr(bulk_run, "BIG_FILE_BYTES", 0)
    result, = run_import([path], ImportOptions(), f"duckdb:///{tmp_path / 'wh.duckdb'}",
                         f"sqlite:///{tmp_path / 'app.sqlite'}")
    assert result.rows_written["orders"] == 2
    assert "下单时间" in result.in_memory_because and "line 2" in result.in_memory_because
    from cockpit.commands.importer import _print_result

    _print_result(result, "orders were already imported")
    printed = [line for line in capsys.readouterr().out.splitlines() if "in memory" in line]
    assert printed == [f"  read whole in memory, not streamed: {result.in_memory_because}"]
