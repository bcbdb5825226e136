"""cockpit.ingest readers on a corpus of awkward and bad files (encodings, delimiters, quoting,
Excel built here without any Excel writer, Parquet): each case gives the exact text cells and
line numbers, or the rule broken and the line that breaks it; and streaming transcoding."""

from __future__ import annotations

import codecs

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from support.files import DATE, STAMP, parquet, utf16, xlsx

from cockpit.ingest.encoding import decode, detect_encoding, transcode_to_utf8
from cockpit.ingest.problems import IngestError
from cockpit.ingest.readers import read_table, sniff_delimiter

CN_HEADER = "客户ID,下单时间,实付金额\n"

# name, file name, bytes, expected: {column: cells}, lines, extra Table attributes
GOOD = [
    ("utf8", "a.csv", b"id,amount\n1,12.5\n2,0\n", {"id": ["1", "2"], "amount": ["12.5", "0"]},
     [2, 3], {"encoding": "utf-8", "delimiter": ","}),
    ("utf8_bom", "a.csv", codecs.BOM_UTF8 + CN_HEADER.encode() + b"a,2024-01-05,1\n",
     {"客户ID": ["a"], "下单时间": ["2024-01-05"], "实付金额": ["1"]}, [2],
     {"encoding": "utf-8-sig"}),
    ("gbk_chinese_header", "a.csv",
     (CN_HEADER + '张三,2024-01-05 10:30:00,￥12.50\n李四,2024/1/6,"1,234"\n').encode("gbk"),
     {"客户ID": ["张三", "李四"], "下单时间": ["2024-01-05 10:30:00", "2024/1/6"],
      "实付金额": ["￥12.50", "1,234"]}, [2, 3], {"encoding": "gb18030"}),
    ("gb18030_four_byte", "a.csv", "名称,备注\n𠀀,㐀\n".encode("gb18030"),
     {"名称": ["𠀀"], "备注": ["㐀"]}, [2], {"encoding": "gb18030"}),
    ("utf16_le_tsv", "a.txt", utf16("客户ID\t金额\n张三\t5,88\n李四\t1.234,00\n"),
     {"客户ID": ["张三", "李四"], "金额": ["5,88", "1.234,00"]}, [2, 3],
     {"encoding": "utf-16", "delimiter": "\t"}),
    ("utf16_be", "a.csv", utf16("id,名\n1,王\n", "be"), {"id": ["1"], "名": ["王"]}, [2],
     {"encoding": "utf-16"}),
    ("semicolon_decimal_comma", "a.csv", b"id;amount\n1;5,88\n2;1.234,50\n",
     {"id": ["1", "2"], "amount": ["5,88", "1.234,50"]}, [2, 3], {"delimiter": ";"}),
    ("tab_with_commas", "a.tsv", b"id\tamount\n1\t1,234.50\n2\t2,000.00\n",
     {"id": ["1", "2"], "amount": ["1,234.50", "2,000.00"]}, [2, 3], {"delimiter": "\t"}),
    ("pipe", "a.csv", b"id|amount\n1|5\n", {"id": ["1"], "amount": ["5"]}, [2],
     {"delimiter": "|"}),
    ("multiline_quoted_cell", "a.csv", b'id,note\n1,"two\nlines"\n2,x\n3,"a\r\nb\nc"\n4,y\n',
     {"id": ["1", "2", "3", "4"], "note": ["two\nlines", "x", "a\r\nb\nc", "y"]},
     [2, 4, 5, 8], {}),
    ("crlf", "a.csv", b"id,amount\r\n1,2\r\n3,4\r\n", {"id": ["1", "3"], "amount": ["2", "4"]},
     [2, 3], {}),
    ("blank_lines_skipped", "a.csv", b"\nid,amount\n\n1,2\n,\n\n3,4\n",
     {"id": ["1", "3"], "amount": ["2", "4"]}, [4, 7], {}),
    ("trailing_delimiter_everywhere", "a.csv", b"id,amount,\n1,2,\n",
     {"id": ["1"], "amount": ["2"]}, [2], {}),
    ("trailing_empty_fields_on_rows", "a.csv", b"id,amount\n1,2,,\n3,4\n",
     {"id": ["1", "3"], "amount": ["2", "4"]}, [2, 3], {}),
    ("no_type_inference", "a.csv", b"id,amount,when\n007,1e5,NULL\n583.0,NaN,\n",
     {"id": ["007", "583.0"], "amount": ["1e5", "NaN"], "when": ["NULL", ""]}, [2, 3], {}),
    ("spaces_after_delimiter", "a.csv", b'id, amount\n1, "5.880,00"\n',
     {"id": ["1"], "amount": ["5.880,00"]}, [2], {}),
    ("quoted_header_names", "a.csv", b'" id ","amount"\n1,2\n', {"id": ["1"], "amount": ["2"]},
     [2], {}),
    ("single_column", "a.csv", b"id\n1\n2\n", {"id": ["1", "2"]}, [2, 3], {"delimiter": ","}),
    ("header_only", "a.csv", b"id,amount\n", {"id": [], "amount": []}, [], {}),
    ("quote_inside_unquoted_value", "a.csv", b'sku,size\nA1,12" pizza\n',
     {"sku": ["A1"], "size": ['12" pizza']}, [2], {}),
    ("xlsx_chinese", "a.xlsx", xlsx({"订单": [
        ["客户ID", "下单时间", "实付金额", "数量"],
        ["583", (45296, DATE), 12.5, 3],
        [583.0, (45296.5, STAMP), 0.1, None],
        ["王五", "2024-01-05", 1234567.25, 0]]}),
     {"客户ID": ["583", "583", "王五"],
      "下单时间": ["2024-01-05", "2024-01-05 12:00:00", "2024-01-05"],
      "实付金额": ["12.5", "0.1", "1234567.25"], "数量": ["3", "", "0"]}, [2, 3, 4],
     {"kind": "excel", "sheet": "订单"}),
    ("xlsx_rows_start_lower", "a.xlsx", xlsx({"S": [["id", "n"], [None, None], ["x", 1]]},
                                             first_row=3),
     {"id": ["x"], "n": ["1"]}, [5], {"kind": "excel"}),
    ("xlsx_named_csv", "export.csv", xlsx({"S": [["id"], ["a"]]}), {"id": ["a"]}, [2],
     {"kind": "excel"}),
    ("parquet_types", "a.parquet", parquet(pa.table({
        "id": pa.array([583, 584, None]), "amount": pa.array([12.5, 583.0, 1e-7]),
        "name": pa.array(["张三", None, ""]),
        "at": pa.array([pa.scalar(1704421800, pa.timestamp("s")).as_py(), None, None],
                       pa.timestamp("s"))})),
     {"id": ["583", "584", ""], "amount": ["12.5", "583", "0.0000001"],
      "name": ["张三", "", ""], "at": ["2024-01-05 02:30:00", "", ""]}, [2, 3, 4],
     {"kind": "parquet"}),
]


@pytest.mark.parametrize("filename, data, cells, lines, attrs", [c[1:] for c in GOOD],
                         ids=[c[0] for c in GOOD])
def test_files_are_read_as_text_with_line_numbers(tmp_path, filename, data, cells, lines,
                                                  attrs):
    path = tmp_path / filename
    path.write_bytes(data)
    table = read_table(path)
    assert {c: table.frame[c].tolist() for c in table.frame.columns} == cells
    assert table.frame.index.tolist() == lines
    assert table.frame.index.name == "line"
    assert all(isinstance(v, str) for c in table.frame.columns for v in table.frame[c])
    for name, value in attrs.items():
        assert getattr(table, name) == value, name
    if "kind" not in attrs:
        assert table.kind == "csv"


NOT_DECODABLE = b"id,name\n1,ok\n2,\xff\xfe\xfd\n"
# name, file name, bytes, rule, line the problem names (None: the file as a whole)
BAD = [
    ("unquoted_thousands", "a.csv", b"id,date,amount\n1,2022-01-01,5\n2,2022-01-02,1,234.50\n",
     "too_many_fields", 3),
    ("too_few_fields", "a.csv", b"id,date,amount\n1,2022-01-01,5\n2,2022-01-02\n",
     "too_few_fields", 3),
    ("fields_after_multiline_cell", "a.csv", b'id,note\n1,"a\nb"\n2,x,y\n', "too_many_fields",
     4),
    ("unclosed_quote", "a.csv", b'id,note\n1,x\n2,"never closed\n3,y\n', "unclosed_quote", 3),
    ("unclosed_quote_in_a_big_file", "a.csv",
     b'id,note\n1,x\n2,"never closed\n' + b"3,y\n" * 40000, "unclosed_quote", 3),
    ("text_after_closing_quote", "a.csv", b'id,note\n1,"ab"cd\n', "bad_quote", 2),
    ("duplicate_header", "a.csv", b"id,amount,amount\n1,2,3\n", "duplicate_header", 1),
    ("unnamed_column_with_values", "a.csv", b"id,,amount\n1,x,2\n2,,3\n", "unnamed_column",
     2),
    ("empty_file", "a.csv", b"", "empty_file", None),
    ("only_blank_lines", "a.csv", b"\n\n ,\n", "empty_file", None),
    ("undecodable", "a.csv", NOT_DECODABLE, "encoding", 3),
    ("utf16_without_bom", "a.csv", "id,name\n1,x\n".encode("utf-16-le"), "nul_bytes", 1),
    ("utf16_bom_broken_surrogate", "a.csv",
     codecs.BOM_UTF16_LE + "id\n1\n".encode("utf-16-le") + b"\x00\xdc", "encoding", 3),
    ("delimiter_ambiguous", "a.csv", b"a,b;c\n1,2;3\n", "delimiter", 1),
    ("html_as_xls", "orders.xls", b"<html><table><tr><td>id</td></tr></table></html>",
     "markup_as_excel", None),
    ("corrupt_xlsx", "a.xlsx", b"PK\x03\x04 this is not really a zip file", "unreadable_excel",
     None),
    ("xlsx_value_without_header", "a.xlsx", xlsx({"S": [["id", None], ["1", "x"]]}),
     "unnamed_column", 2),
    ("xlsx_duplicate_header", "a.xlsx", xlsx({"S": [["金额", "金额"], [1, 2]]}),
     "duplicate_header", 1),
    ("parquet_corrupt", "a.parquet", b"PAR1 not really parquet PAR1", "unreadable_parquet",
     None),
]


@pytest.mark.parametrize("filename, data, rule, line", [c[1:] for c in BAD],
                         ids=[c[0] for c in BAD])
def test_bad_files_are_refused_naming_the_line(tmp_path, filename, data, rule, line):
    path = tmp_path / filename
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_table(path)
    error = caught.value
    assert error.source == str(path) and str(error).startswith(f"{path}: ")
    problem = next(p for p in error.problems if p.rule == rule)
    if line is not None:
        assert line in problem.lines, (problem.lines, str(error))
        assert f"line {line}" in str(error)
    assert problem.hint  # every problem says what to do


def test_undecodable_names_both_encodings_tried(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(NOT_DECODABLE)
    text = str(pytest.raises(IngestError, read_table, path).value)
    assert "neither UTF-8 nor GBK/GB18030" in text and "line 3" in text


def test_excel_with_more_sheets_reads_the_first_and_says_so(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(xlsx({"订单": [["id"], ["a"]], "说明": [["note"], ["x"]]}))
    table = read_table(path)
    assert table.sheet == "订单" and table.frame["id"].tolist() == ["a"]
    (warning,) = table.warnings
    assert warning.severity == "warning" and "说明" in warning.describe()
    other = read_table(path, sheet="说明")
    assert other.frame["note"].tolist() == ["x"] and not other.warnings
    assert read_table(path, sheet=1).sheet == "说明"
    with pytest.raises(IngestError, match="no sheet 'nope'"):
        read_table(path, sheet="nope")


def test_excel_numbers_too_long_to_be_exact_are_a_warning(tmp_path):
    path = tmp_path / "ids.xlsx"
    path.write_bytes(xlsx({"S": [["order_id"], [1234567890123456789], ["12"]]}))
    table = read_table(path)
    (warning,) = table.warnings
    assert warning.rule == "long_number" and warning.lines == (2,)


def test_delimiter_can_be_named(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b;c\n1,2;3\n")
    assert read_table(path, delimiter=";").frame.columns.tolist() == ["a,b", "c"]


def test_sniffing_ignores_a_cut_last_line():
    body = "".join(f"{i},{i * 2}\n" for i in range(20000))
    assert sniff_delimiter("id,amount\n" + body) == ","


def test_encoding_can_be_named(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("名,值\n甲,1\n".encode("gbk"))
    table = read_table(path, encoding="gbk")
    assert table.encoding == "gbk" and table.frame["名"].tolist() == ["甲"]


@pytest.mark.parametrize("data, expected", [
    (b"plain ascii\n", "utf-8"), ("中文\n".encode(), "utf-8"),
    (codecs.BOM_UTF8 + b"x", "utf-8-sig"), ("中文\n".encode("gbk"), "gb18030"),
    (utf16("中文"), "utf-16"), (utf16("中文", "be"), "utf-16"),
    (codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "utf-32"),
])
def test_detect_encoding(tmp_path, data, expected):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert detect_encoding(path, chunk_size=3) == expected
    assert decode(data)[1] == expected


# --- streaming transcoding -------------------------------------------------------------------
def generated_text(lines: int) -> str:
    rows = [f'{i},买家{i % 97}号,"备注 {i}\n第二行",￥{i % 1000}.50,𠀀😀' for i in range(lines)]
    return "订单编号,买家会员名,备注,实付金额,符号\r\n" + "\r\n".join(rows) + "\r\n"


@pytest.mark.parametrize("encoding, bom", [("gb18030", b""), ("gbk", b""),
                                           ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-8", codecs.BOM_UTF8)])
@pytest.mark.parametrize("chunk_size", [1, 7, 4096])
def test_transcode_streams_to_utf8(tmp_path, encoding, bom, chunk_size):
    text = generated_text(300)
    if encoding == "gbk":  # GBK has no 𠀀 or emoji
        text = text.replace("𠀀😀", "中文")
    source = tmp_path / "export.csv"
    source.write_bytes(bom + text.encode(encoding))
    target = transcode_to_utf8(source, tmp_path / "out.csv", chunk_size=chunk_size)
    assert target.read_bytes() == text.encode("utf-8")


def test_transcoded_file_streams_through_duckdb(tmp_path):
    text = generated_text(50000)
    source = tmp_path / "big.csv"
    source.write_bytes(text.encode("gb18030"))
    assert detect_encoding(source) == "gb18030"
    target = transcode_to_utf8(source, chunk_size=1 << 16)
    try:
        assert target.read_bytes() == text.encode("utf-8")
        rows = duckdb.sql(f"select count(*), max(\"实付金额\"), min(\"买家会员名\") from "
                          f"read_csv('{target}', header=true, all_varchar=true)").fetchall()
        assert rows == [(50000, "￥999.50", "买家0号")]
    finally:
        target.unlink()


def test_transcode_names_the_bad_line_and_removes_the_target(tmp_path):
    good = "".join(f"{i},中文\n" for i in range(1000)).encode("gb18030")
    source = tmp_path / "bad.csv"
    source.write_bytes(b"id,name\n" + good + b"1001,\xff\xff\n" + good)
    target = tmp_path / "out.csv"
    with pytest.raises(IngestError) as caught:
        transcode_to_utf8(source, target, chunk_size=100)
    assert caught.value.problems[0].lines == (1002,)
    assert "line 1002" in str(caught.value)
    assert not target.exists()


def test_transcode_utf16_bad_surrogate_names_the_line(tmp_path):
    source = tmp_path / "bad.txt"
    body = "".join(f"{i}\t值\n" for i in range(50)).encode("utf-16-le")
    source.write_bytes(codecs.BOM_UTF16_LE + body + b"\x00\xdc\n\x00")
    with pytest.raises(IngestError) as caught:
        transcode_to_utf8(source, tmp_path / "o.txt", chunk_size=16)
    assert caught.value.problems[0].lines == (51,)


def test_parquet_timestamps_with_a_zone_keep_their_offset(tmp_path):
    from cockpit.ingest.values import parse_timestamps

    stamps = pa.array([1641024000, None], pa.timestamp("s", tz="UTC"))  # 2022-01-01 08:00Z
    path = tmp_path / "a.parquet"
    path.write_bytes(parquet(pa.table({"at": stamps, "day": pa.array([18993, 18994],
                                                                      pa.date32())})))
    frame = read_table(path).frame
    assert frame["at"].tolist() == ["2022-01-01 08:00:00+00:00", ""]
    assert frame["day"].tolist() == ["2022-01-01", "2022-01-02"]
    local = parse_timestamps(frame["at"], required=False)
    assert local.tolist()[0] == pd.Timestamp("2022-01-01 16:00")
