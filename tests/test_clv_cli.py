"""`python -m cockpit clv` on good and bad order files: outputs, messages, nothing written on
failure. The good file is the CDNOW sample (Fader, Hardie & Lee 2005), so the command must
reproduce the published BG/NBD and Gamma-Gamma parameters end to end."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_clv_cdnow import PUBLISHED_BGNBD, PUBLISHED_GG, cdnow_transactions

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
