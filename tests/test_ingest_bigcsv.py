"""Large files go through DuckDB's CSV reader: the same cells and line numbers as the exact
reader, and a fall back to it wherever DuckDB's reading could differ."""

from __future__ import annotations

import pandas as pd
import pytest

from cockpit.ingest import readers
from cockpit.ingest.bigcsv import read_big_csv

FILES = {
    "plain": "订单号,金额,城市\n1,12.50,上海\n2,\"1,234.00\",北京\n3,,广州\n",
    "gbk": "订单号,金额\n1,12\n2,13\n",
    "quoted_quote": 'id,note\n1,"say ""hi"""\n2,plain\n',
    "bom_no_last_newline": "\ufeffid,amount\n1,2\n2,3",
}
FALLBACKS = {
    "cell_across_lines": 'id,note\n1,"two\nlines"\n2,x\n',
    "blank_line": "id,amount\n1,2\n\n2,3\n",
    "ragged": "id,amount\n1,2,3\n2,3\n",
}


def _write(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(text.encode("gbk" if name == "gbk" else "utf-8"))
    return path


@pytest.mark.parametrize("name", FILES)
def test_duckdb_reads_what_the_exact_reader_reads(tmp_path, monkeypatch, name):
    path = _write(tmp_path, name, FILES[name])
    exact = readers.read_table(path)
    monkeypatch.setattr(readers, "BIG_FILE_BYTES", 0)
    fast = readers.read_table(path)
    assert fast.frame.index.tolist() == exact.frame.index.tolist()
    pd.testing.assert_frame_equal(fast.frame.astype(object), exact.frame.astype(object),
                                  check_index_type=False)


@pytest.mark.parametrize("name", FALLBACKS)
def test_what_duckdb_could_read_differently_falls_back(tmp_path, monkeypatch, name):
    path = _write(tmp_path, name, FALLBACKS[name])
    assert read_big_csv(path, ",") is None
    monkeypatch.setattr(readers, "BIG_FILE_BYTES", 0)
    if name == "ragged":
        with pytest.raises(readers.IngestError, match="line 2"):
            readers.read_table(path)
    else:
        assert readers.read_table(path).frame.index.tolist() == (
            [2, 4] if name == "cell_across_lines" else [2, 4])
