"""Script what-if arithmetic, the cluster bootstrap and drop-off scoring on hand-made frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cockpit.live import dropoff, effectiveness, whatif
from cockpit.live.effectiveness import Rates
from cockpit.warehouse.schema import LIVE_SEGMENTS

BASE = np.array([100.0, 40.0, 20.0])  # explanation, interaction, benefits


def _rates() -> Rates:
    point = {"gmv_per_minute": np.array([10.0, 2.0, 30.0]),
             "wecom_per_minute": np.array([0.2, 0.6, 0.2])}
    spread = np.linspace(0.8, 1.2, 101)[:, None]  # draws from 80% to 120% of the point
    draws = {k: v[None, :] * spread for k, v in point.items()}
    return Rates(sessions=50, point=point, draws=draws, base_minutes=BASE)


def test_projection_is_minutes_times_rates():
    p = whatif.project(_rates(), [60, 30, 20])
    gmv, wecom = p["gmv_cny"], p["wecom_adds"]
    assert gmv.value == pytest.approx(60 * 10 + 30 * 2 + 20 * 30)
    assert gmv.baseline == pytest.approx(100 * 10 + 40 * 2 + 20 * 30)
    assert gmv.change == pytest.approx(1260 / 1680 - 1)
    assert wecom.value == pytest.approx(60 * 0.2 + 30 * 0.6 + 20 * 0.2)
    assert gmv.low == pytest.approx(1260 * 0.82) and gmv.high == pytest.approx(1260 * 1.18)


def test_baseline_script_projects_the_baseline_and_more_benefits_sell_more():
    r = _rates()
    same = whatif.project(r, BASE)["gmv_cny"]
    assert same.value == pytest.approx(same.baseline) and same.change == pytest.approx(0)
    more = whatif.project(r, BASE + np.array([0, 0, 10]))["gmv_cny"]
    assert more.value - same.value == pytest.approx(10 * 30)
    assert whatif.project(r, [0, 0, 0])["gmv_cny"].value == 0


def test_projection_rejects_bad_minutes():
    with pytest.raises(ValueError):
        whatif.project(_rates(), [10, 10])
    with pytest.raises(ValueError):
        whatif.project(_rates(), [10, -1, 10])


def _table(sessions: int, gmv_per_min: tuple[float, float, float]) -> pd.DataFrame:
    rows = []
    for sid in range(1, sessions + 1):
        for seg, rate in zip(LIVE_SEGMENTS, gmv_per_min, strict=True):
            rows.append(dict(live_session_id=sid, segment=seg, minutes=10.0,
                             viewer_minutes=1000.0, gmv_cny=10 * rate * (1 + sid % 3),
                             orders_created=1.0, wecom_adds=2.0, exits=10.0, available=100.0))
    return pd.DataFrame(rows)


def test_cluster_bootstrap_brackets_the_ratio_of_sums():
    r = effectiveness.bootstrap_rates(_table(30, (5.0, 1.0, 20.0)), reps=400, seed=1)
    assert r.sessions == 30
    # gmv multipliers 1, 2, 3 cycle over sessions: mean 2 -> 10, 2, 40 per minute
    assert r.point["gmv_per_minute"] == pytest.approx([10.0, 2.0, 40.0])
    assert r.point["retention"] == pytest.approx([0.9, 0.9, 0.9])
    s = effectiveness.summarise(r).set_index(["measure", "segment"])
    gmv = s.loc["gmv_per_minute"]
    assert (gmv["ci_low"] < gmv["value"]).all() and (gmv["value"] < gmv["ci_high"]).all()
    # identical sessions have no between-session spread: the interval collapses
    wecom = s.loc["wecom_per_minute"]
    assert np.allclose(wecom["ci_low"], 0.2) and np.allclose(wecom["ci_high"], 0.2)


def _room(minutes: int, drop_at: int | None) -> pd.DataFrame:
    """A steady room of ~200 with 20% exits a minute; optionally half leave at `drop_at`."""
    online, rows = 0, []
    rng = np.random.default_rng(3)
    for t in range(minutes):
        entries = int(rng.integers(35, 45)) if t else 200
        avail = online + entries
        exits = int(round(avail * (0.5 if drop_at is not None and t == drop_at else 0.2)))
        online = avail - exits
        rows.append(dict(live_session_id=1, minute_index=t, online_viewers=online,
                         entries=entries, exits=exits))
    return pd.DataFrame(rows)


def test_dropoff_flags_a_sharp_drop_and_nothing_in_a_steady_room():
    found = dropoff.detect(_room(60, drop_at=30))
    assert found["minute_index"].tolist() in ([30], [29])
    assert found["viewers_lost"].iloc[0] > 50
    assert dropoff.detect(_room(60, drop_at=None)).empty
    assert dropoff.detect(_room(60, drop_at=5)).empty  # the opening minutes are not judged
