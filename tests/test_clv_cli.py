"""`python -m cockpit clv` on good and bad order files: outputs, messages, nothing written on
failure. The good file is the CDNOW sample (Fader, Hardie & Lee 2005), so the command must
reproduce the published BG/NBD and Gamma-Gamma parameters end to end."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from support.cdnow import PUBLISHED_BGNBD, PUBLISHED_GG, cdnow_transactions

from cockpit.cli import main

CAL, HOLD = "1997-09-30", "1998-06-30"


@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    t = cdnow_transactions()
    return pd.DataFrame({"customer_id": t["customer_id"], "order_date":
                         t["order_date"].dt.strftime("%Y-%m-%d"), "amount": t["amount"]})


def run(path, out, *extra: str) -> int:
    return main(["clv", "--orders", str(path), "--calibration-end", CAL, "--out", str(out),
                 *extra])


def test_good_file_reproduces_the_published_fit(tmp_path, orders, capsys):
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    out = tmp_path / "out"
    assert run(path, out, "--holdout-end", HOLD) == 0
    assert sorted(p.name for p in out.iterdir()) == ["customers.csv", "holdout.csv",
                                                     "params.json"]
    params = json.loads((out / "params.json").read_text())
    for name, value in {**PUBLISHED_BGNBD, **PUBLISHED_GG}.items():
        assert params[name] == pytest.approx(value, abs=0.01), name
    customers = pd.read_csv(out / "customers.csv")
    assert len(customers) == 2357
    assert {"customer_id", "frequency", "recency", "T", "p_alive", "expected_purchases",
            "expected_aov", "clv"} <= set(customers.columns)
    assert customers["p_alive"].between(0, 1).all() and (customers["clv"] >= 0).all()
    holdout = pd.read_csv(out / "holdout.csv")
    assert holdout["customers"].sum() == 2357
    # FHL 2005: the model tracks the 39-week holdout closely in aggregate
    assert holdout["predicted"].sum() == pytest.approx(holdout["actual"].sum(), rel=0.15)
    assert params["holdout"]["actual"] == holdout["actual"].sum()
    assert "wrote" in capsys.readouterr().out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no temp left


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_chinese_exports_and_bom_are_read(tmp_path, orders, encoding):
    """Chinese headers and timestamps, GBK/GB18030 or a UTF-8 BOM: same fit as the plain file."""
    frame = orders.rename(columns={"customer_id": "客户ID", "order_date": "下单时间",
                                   "amount": "实付金额"})
    frame["下单时间"] = frame["下单时间"] + " 10:30:00"
    frame["备注"] = "会员"
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False, encoding=encoding)
    assert run(path, tmp_path / "out") == 0
    params = json.loads((tmp_path / "out" / "params.json").read_text())
    assert params["r"] == pytest.approx(PUBLISHED_BGNBD["r"], abs=0.001)


def bad_case(tmp_path, orders, change) -> tuple[int, str, list]:
    path = tmp_path / "bad.csv"
    out = tmp_path / "out"
    text = change(orders.copy())
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        text.to_csv(path, index=False)
    code = run(path, out)
    return code, out


def _set(frame: pd.DataFrame, rows: list[int], column: str, value) -> pd.DataFrame:
    frame[column] = frame[column].astype(object)
    frame.loc[rows, column] = value
    return frame


BAD = {
    "missing": (lambda f: f.drop(columns=["amount"]), ["amount", "missing column"]),
    "dates": (lambda f: _set(f, [3, 10, 11], "order_date", "1997-13-45"),
              ["order_date", "3 row(s)", "line 5", "line 12", "1997-13-45"]),
    "negative": (lambda f: _set(f, [0, 7], "amount", -12.5),
                 ["amount", "negative", "line 2", "line 9"]),
    "not_numbers": (lambda f: _set(f, [20], "amount", "abc"), ["amount", "line 22", "abc"]),
    "empty_id": (lambda f: _set(f, [5], "customer_id", ""), ["customer_id", "line 7"]),
    "undecodable": (lambda f: b"customer_id,order_date,amount\n1,1997-01-01,\xff\xfe\x00\n",
                    ["decode", "line 2"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_explain_and_write_nothing(tmp_path, orders, capsys, case):
    change, words = BAD[case]
    code, out = bad_case(tmp_path, orders, change)
    err = capsys.readouterr().err
    assert code == 2
    for word in words:
        assert word in err, (word, err)
    assert "nothing was written" in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_failure_leaves_an_existing_output_untouched(tmp_path, orders):
    out = tmp_path / "out"
    out.mkdir()
    (out / "params.json").write_text("previous")
    path = tmp_path / "bad.csv"
    _set(orders.copy(), [1], "amount", -1).to_csv(path, index=False)
    assert run(path, out) == 2
    assert [p.name for p in out.iterdir()] == ["params.json"]
    assert (out / "params.json").read_text() == "previous"


def test_dates_outside_the_data_are_refused(tmp_path, orders, capsys):
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    assert main(["clv", "--orders", str(path), "--calibration-end", "1990-01-01",
                 "--out", str(tmp_path / "out")]) == 2
    assert "no orders on or before" in capsys.readouterr().err
    assert run(path, tmp_path / "out", "--holdout-end", "1997-09-01") == 2
    assert "--holdout-end" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# --- the reader of cockpit.ingest: bugs users reported, and every file kind ------------------
def fitted(folder, frame_or_bytes, *extra: str, name: str = "orders.csv") -> dict:
    """Params of a successful run on the file, written into `folder` (a frame as CSV)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(frame_or_bytes, bytes):
        path.write_bytes(frame_or_bytes)
    else:
        frame_or_bytes.to_csv(path, index=False)
    out = folder / "out"
    assert run(path, out, *extra) == 0
    return json.loads((out / "params.json").read_text())


def assert_published(params: dict) -> None:
    for name, value in {**PUBLISHED_BGNBD, **PUBLISHED_GG}.items():
        assert params[name] == pytest.approx(value, abs=0.01), name


def _reformat_dates(orders: pd.DataFrame, fmt: str) -> pd.DataFrame:
    frame = orders.copy()
    frame["order_date"] = pd.to_datetime(frame["order_date"]).dt.strftime(fmt)
    return frame


@pytest.mark.parametrize("fmt", ["%d-%m-%Y", "%m/%d/%Y", "%Y/%m/%d", "%Y年%m月%d日"])
def test_date_order_is_decided_by_the_data(tmp_path, orders, fmt):
    """CDNOW has days above 12, so dd-mm-yyyy and mm/dd/yyyy are both read right."""
    assert_published(fitted(tmp_path, _reformat_dates(orders, fmt)))


def _early_days(orders: pd.DataFrame) -> pd.DataFrame:
    """Only orders on days 1..12 of a month: dd-mm-yyyy is then truly ambiguous."""
    days = pd.to_datetime(orders["order_date"])
    return orders[days.dt.day <= 12].reset_index(drop=True)


def test_ambiguous_dates_are_refused_with_the_question(tmp_path, orders, capsys):
    path = tmp_path / "orders.csv"
    early = _early_days(orders)
    early_days = pd.to_datetime(early["order_date"])
    first = int((early_days.dt.day != early_days.dt.month).idxmax()) + 2  # 01-01 is clear
    _reformat_dates(early, "%d-%m-%Y").to_csv(path, index=False)
    assert run(path, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "column order_date" in err and "day-first or month-first" in err
    assert f"line {first}: " in err and "line 2:" not in err
    assert "(day-first) or" in err and "--dayfirst or --monthfirst" in err
    assert "nothing was written" in err and not (tmp_path / "out").exists()


def test_dayfirst_answers_the_question(tmp_path, orders):
    early = _early_days(orders)
    iso = fitted(tmp_path / "iso", early)
    answered = fitted(tmp_path / "day", _reformat_dates(early, "%d-%m-%Y"), "--dayfirst")
    assert answered == iso
    wrong = fitted(tmp_path / "month", _reformat_dates(early, "%d-%m-%Y"), "--monthfirst")
    assert wrong["r"] != iso["r"]  # the other reading is different data


def test_dayfirst_and_monthfirst_exclude_each_other(tmp_path, orders):
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    with pytest.raises(SystemExit) as caught:
        run(path, tmp_path / "out", "--dayfirst", "--monthfirst")
    assert caught.value.code == 2


def _german_amounts(orders: pd.DataFrame) -> pd.DataFrame:
    frame = orders.copy()
    frame["amount"] = [f"{v:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
                       for v in frame["amount"]]
    return frame


def test_decimal_comma_amounts_are_read_whole(tmp_path, orders):
    """"5.880,00" was read as 5.88: now a column of decimal commas is read as such."""
    assert_published(fitted(tmp_path / "cents", _german_amounts(orders)))
    scaled = orders.assign(amount=orders["amount"] * 100)
    german = _german_amounts(scaled)
    assert german["amount"].str.fullmatch(r"\d{1,3}\.\d{3},\d\d").any()  # 5.880,00
    assert fitted(tmp_path / "german", german) == fitted(tmp_path / "plain", scaled)


def test_semicolon_file_with_decimal_comma(tmp_path, orders):
    text = _german_amounts(orders).to_csv(index=False, sep=";")
    assert_published(fitted(tmp_path, text.encode()))


@pytest.mark.parametrize("value, words", [
    ("inf", ["amount", "not numbers", "line 5", "'inf'"]),
    ("NaN", ["amount", "not numbers", "line 5", "'NaN'"]),
    ("1.234", ["amount"]),  # fine here: the column's other amounts have decimal points
])
def test_non_numbers_are_refused(tmp_path, orders, capsys, value, words):
    path = tmp_path / "bad.csv"
    frame = _set(orders.copy(), [3], "amount", value)
    frame.to_csv(path, index=False)
    code = run(path, tmp_path / "out")
    err = capsys.readouterr().err
    if value == "1.234":
        assert code == 0
        return
    assert code == 2
    for word in words:
        assert word in err, (word, err)


def test_mixed_decimal_conventions_are_refused(tmp_path, orders, capsys):
    frame = _set(orders.copy(), [6], "amount", "5.880,00")
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    assert run(path, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "decimal point" in err and "decimal comma" in err and "line 8: '5.880,00'" in err


def test_zero_amounts_are_accepted(tmp_path, orders):
    frame = _set(orders.copy(), [0, 1], "amount", "0")
    fitted(tmp_path, frame)


def test_exact_duplicate_lines_are_kept_and_reported(tmp_path, orders, capsys):
    frame = pd.concat([orders.iloc[:5], orders.iloc[[2]], orders.iloc[5:]], ignore_index=True)
    params = fitted(tmp_path, frame)
    captured = capsys.readouterr()
    assert "warning:" in captured.err
    assert "line 7: 'same as line 4'" in captured.err
    assert "repeat an earlier line exactly; they are kept" in captured.err
    assert "wrote" in captured.out
    assert params["fit"]["customers"] == 2357


def test_ids_583_and_583_0_are_one_customer(tmp_path, orders):
    frame = orders.copy()
    frame["customer_id"] = [f"{v}.0" if i % 2 else str(v)
                            for i, v in enumerate(frame["customer_id"])]
    params = fitted(tmp_path, frame)
    assert params["fit"]["customers"] == 2357
    assert_published(params)
    customers = pd.read_csv(tmp_path / "out" / "customers.csv", dtype={"customer_id": str})
    assert not customers["customer_id"].str.contains(r"\.").any()


@pytest.mark.parametrize("suffix", ["T08:39:57+08:00", "T00:39:57Z", " 10:30:00 +0800"])
def test_timestamps_with_offsets_are_read_in_local_time(tmp_path, orders, suffix):
    frame = orders.copy()
    frame["order_date"] = frame["order_date"] + suffix
    assert_published(fitted(tmp_path, frame))


def test_timezone_option_moves_utc_timestamps(tmp_path):
    from cockpit.clv.orders_csv import read_orders

    path = tmp_path / "o.csv"
    path.write_text("customer_id,order_date,amount\n1,2022-01-01T20:00:00Z,5\n"
                    "2,2022-01-01 20:00:00,5\n")
    shanghai = read_orders(path).orders["order_date"].tolist()
    new_york = read_orders(path, timezone="America/New_York").orders["order_date"].tolist()
    assert shanghai == [pd.Timestamp("2022-01-02 04:00"), pd.Timestamp("2022-01-01 20:00")]
    assert new_york == [pd.Timestamp("2022-01-01 15:00"), pd.Timestamp("2022-01-01 20:00")]


def test_unknown_timezone_is_a_bad_command_line(tmp_path, orders):
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    with pytest.raises(SystemExit) as caught:
        run(path, tmp_path / "out", "--timezone", "Mars/Olympus")
    assert caught.value.code == 2


def test_two_columns_for_one_field_are_named(tmp_path, orders, capsys):
    frame = orders.copy()
    frame["金额"] = frame["amount"]
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    assert run(path, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "2 columns mean amount: 'amount', '金额'" in err and "Traceback" not in err


def test_unquoted_thousands_separator_names_the_line(tmp_path, orders, capsys):
    text = orders.to_csv(index=False).splitlines()
    text[9] = text[9].rsplit(",", 1)[0] + ",1,234.50"
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(text) + "\n")
    assert run(path, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "more fields than the 3 column(s)" in err and "line 10" in err
    assert "quotes" in err


def test_excel_export_with_chinese_headers(tmp_path, orders):
    from support.files import DATE, xlsx

    days = (pd.to_datetime(orders["order_date"]) - pd.Timestamp("1899-12-30")).dt.days
    rows = [["客户ID", "下单日期", "实付金额"]] + [
        [str(c), (int(d), DATE), float(a)]
        for c, d, a in zip(orders["customer_id"], days, orders["amount"], strict=True)]
    params = fitted(tmp_path, xlsx({"订单": rows}), name="orders.xlsx")
    assert_published(params)


def test_parquet_export(tmp_path, orders):
    frame = orders.copy()
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame.to_parquet(tmp_path / "orders.parquet", index=False)
    assert_published(fitted(tmp_path, (tmp_path / "orders.parquet").read_bytes(),
                            name="o.parquet"))


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
def test_utf16_and_gbk_tab_exports(tmp_path, orders, encoding):
    frame = orders.rename(columns={"customer_id": "客户ID", "order_date": "下单时间",
                                   "amount": "金额"})
    data = frame.to_csv(index=False, sep="\t").encode(encoding)
    assert_published(fitted(tmp_path, data, name="export.txt"))


def test_an_existing_out_folder_holds_exactly_the_new_outputs(tmp_path, orders):
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    out = tmp_path / "out"
    assert run(path, out, "--holdout-end", HOLD) == 0
    assert (out / "holdout.csv").exists()
    assert run(path, out) == 0
    assert sorted(p.name for p in out.iterdir()) == ["customers.csv", "params.json"]
    assert "holdout" not in json.loads((out / "params.json").read_text())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["orders.csv", "out"]


def test_an_out_folder_with_other_files_is_not_replaced(tmp_path, orders, capsys):
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "params.json").write_text("previous")
    assert run(path, out) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "nothing was written" in err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "params.json"]
    assert (out / "params.json").read_text() == "previous"


def test_an_out_path_that_is_a_file_is_refused(tmp_path, orders, capsys):
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    (tmp_path / "out").write_text("a file")
    assert run(path, tmp_path / "out") == 2
    assert "is not a folder" in capsys.readouterr().err
    assert (tmp_path / "out").read_text() == "a file"
