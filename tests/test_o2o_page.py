"""The O2O stores page in AppTest, both languages: renders, and the window slider changes the
experience-to-online attribution the way the planted effect says it should."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import open_page, open_tab

from cockpit.ui.i18n import name, t


def _first_day(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return str(con.execute("SELECT min(order_date) FROM orders").fetchone()[0])


def _appliance_rate(at: AppTest, lang: str) -> float:
    """Visitors' online purchase rate for appliances from the attribution table."""
    column = t("o2o.col.visitor_rate", lang)
    frame = next(df.value for df in at.dataframe if column in df.value.columns)
    row = frame[frame[""] == name("category", "appliances", lang)].iloc[0]
    return float(row[column].rstrip("%")) / 100


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_window_slider_changes_attribution(lang, demo_duckdb_path, monkeypatch):
    at = open_page(demo_duckdb_path, monkeypatch, "pages/o2o.py", lang,
                   start=_first_day(demo_duckdb_path))
    assert t("page.o2o", lang) in [x.value for x in at.title]
    open_tab(at, "o2o_tab", t("o2o.tab.attribution", lang))
    assert t("o2o.attr", lang) in [x.value for x in at.subheader]
    slider = at.slider(key="o2o_window")
    assert slider.value == 14
    fortnight = _appliance_rate(at, lang)
    slider.set_value(3).run()
    assert not at.exception and not at.error
    three_days = _appliance_rate(at, lang)
    # planted purchases arrive 0.5-14 days after the visit: three days catch a small part
    assert three_days < 0.6 * fortnight
    open_tab(at, "o2o_tab", t("o2o.tab.stores", lang))
    notes = [c.value for c in at.caption]
    assert any(t("o2o.ranking.note", lang, w=3) == n for n in notes)
    metric = next(m for m in at.metric if m.label == t("o2o.kpi.attributed_gmv", lang))
    assert t("o2o.kpi.attributed_gmv.help", lang, w=3) == metric.proto.help
