"""Segments page, migration: a Sankey of group moves, each flow labelled with customers and
the CLV at stake in ¥.

Plotly's Sankey trace shows link values only on hover (plotly.js issue #4746), so the
diagram is drawn here from shapes: two columns of nodes, one band per flow, and a text
label on every band. Bands are at least one label high (thin flows are drawn a little
thicker than their share; the caption says so), and the chart grows with the number of flows;
if a grouping has too many flows even for the tallest chart, the thinnest show their label on
hover and in the table only.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.segments import migration
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.segments.common import clv_series
from cockpit.ui.theme import TEMPLATE

NODE_W = 0.035
GAP = 0.025
MIN_HEIGHT_PX, MAX_HEIGHT_PX, MARGIN_PX = 640, 1500, 50
Y_SPAN = 1.08  # the y axis runs from -0.02 to 1.06
LABEL_MIN_PX = 13
DIRECTION_COLOURS = {"up": "rgba(7,193,96,0.40)", "down": "rgba(228,57,60,0.40)",
                     "same": "rgba(92,107,122,0.22)", "in": "rgba(47,111,222,0.35)",
                     "out": "rgba(92,107,122,0.30)"}
NODE_COLOUR = "#1F2933"


def group_name(grouping: str, code: str, lang: str) -> str:
    return t(f"segments.{'tier' if grouping == 'tier' else 'rfm'}.{code}", lang)


def plot_height(n_flows: int) -> int:
    """Tall enough for every band to hold a label, within [MIN_HEIGHT_PX, MAX_HEIGHT_PX]."""
    want = MARGIN_PX + n_flows * LABEL_MIN_PX / 0.55 * Y_SPAN
    return int(min(max(want, MIN_HEIGHT_PX), MAX_HEIGHT_PX))


def px_per_unit(height: int) -> float:
    return (height - MARGIN_PX) / Y_SPAN


def thickness(customers: pd.Series, room: float, least: float) -> pd.Series:
    """Band thickness ∝ customers, but at least `least` so a label fits; sums to `room`."""
    if least * len(customers) >= room:
        return pd.Series(room / len(customers), index=customers.index)
    lo, hi = 0.0, room / max(customers.min(), 1)
    for _ in range(60):  # bisection on the scale: sum(max(c·k, least)) = room
        k = (lo + hi) / 2
        lo, hi = (k, hi) if (customers * k).clip(lower=least).sum() < room else (lo, k)
    return (customers * lo).clip(lower=least)


def _stack(heights: pd.Series) -> dict[str, tuple[float, float]]:
    """(top, bottom) per node, stacked from y = 1 down with GAP between nodes."""
    spans, top = {}, 1.0
    for code, value in heights.items():
        spans[code] = (top, top - value)
        top -= value + GAP
    return spans


def layout(flows: pd.DataFrame, groups: list[str], least: float = 0.0
           ) -> tuple[dict, dict, pd.DataFrame]:
    """Node spans (left, right) and per flow the band ends: y0_top, y0_bot at the source,
    y1_top, y1_bot at the target. Nodes follow `groups` ("none" first on the left, last on
    the right); bands keep node order on both ends and are at least `least` thick."""
    rank = {c: i for i, c in enumerate(groups)}
    rank_l, rank_r = {**rank, migration.NONE: -1}, {**rank, migration.NONE: len(rank)}
    bands = flows.assign(s=flows["source"].map(rank_l), g=flows["target"].map(rank_r))
    nodes = max(bands["source"].nunique(), bands["target"].nunique())
    bands["h"] = thickness(bands["customers"].astype("float64"), 1.0 - GAP * (nodes - 1),
                           least)
    left = bands.groupby("source")["h"].sum().sort_index(key=lambda x: x.map(rank_l))
    right = bands.groupby("target")["h"].sum().sort_index(key=lambda x: x.map(rank_r))
    lspan, rspan = _stack(left), _stack(right)
    out = bands.copy()
    for end, node, spans, order in (("0", "source", lspan, ["s", "g"]),
                                    ("1", "target", rspan, ["g", "s"])):
        ordered = bands.sort_values(order)
        below = ordered.groupby(node, sort=False)["h"].cumsum()  # bands down to this one
        top = ordered[node].map(lambda c, sp=spans: sp[c][0]) - below + ordered["h"]
        out[f"y{end}_top"] = top.reindex(bands.index)
        out[f"y{end}_bot"] = (top - ordered["h"]).reindex(bands.index)
    return lspan, rspan, out.drop(columns=["s", "g"])


def _band_path(row) -> str:
    x0, x1, xm = NODE_W, 1 - NODE_W, 0.5
    return (f"M {x0},{row.y0_top} C {xm},{row.y0_top} {xm},{row.y1_top} {x1},{row.y1_top} "
            f"L {x1},{row.y1_bot} C {xm},{row.y1_bot} {xm},{row.y0_bot} {x0},{row.y0_bot} Z")


def flow_label(customers: int, clv: float, lang: str) -> str:
    clv_text = fmt.EMPTY if clv is None or math.isnan(clv) else fmt.money(clv, lang)
    return t("segments.migration.flow_label", lang, customers=fmt.count(customers, lang),
             clv=clv_text)


def sankey_figure(flows: pd.DataFrame, grouping: str, lang: str) -> go.Figure:
    """The migration diagram: nodes, bands coloured by direction, labels and hovers.
    Shapes and annotations go in as plain dicts in one layout update (add_shape one by
    one costs plotly's validation per call)."""
    order = [migration.NONE, *migration.groups(grouping)]
    height = plot_height(len(flows))
    per_px = px_per_unit(height)
    lspan, rspan, bands = layout(flows, list(migration.groups(grouping)), LABEL_MIN_PX / per_px)
    name = {c: group_name(grouping, c, lang) for c in order}
    rows = list(bands.itertuples())
    labels = [flow_label(r.customers, r.clv_at_stake_cny, lang) for r in rows]
    shapes = [dict(type="path", path=_band_path(r), line=dict(width=0), layer="below",
                   fillcolor=DIRECTION_COLOURS[r.direction]) for r in rows]
    notes = [dict(x=NODE_W + 0.01, y=(r.y0_top + r.y0_bot) / 2, text=lab, showarrow=False,
                  xanchor="left", font=dict(size=10))
             for r, lab in zip(rows, labels, strict=True)
             if (r.y0_top - r.y0_bot) * per_px >= LABEL_MIN_PX - 0.5]
    node_shapes, node_notes = _nodes(lspan, rspan, flows, name, lang)
    hover = [f"{name[r.source]} → {name[r.target]}<br>{lab}"
             for r, lab in zip(rows, labels, strict=True)]
    mids = (bands["y0_top"] + bands["y0_bot"] + bands["y1_top"] + bands["y1_bot"]) / 4
    return go.Figure(
        data=[dict(type="scatter", x=[0.5] * len(rows), y=list(mids), mode="markers",
                   marker=dict(size=14, opacity=0), hovertext=hover, hoverinfo="text",
                   showlegend=False)],
        layout=dict(template=TEMPLATE, height=height, margin=dict(l=10, r=10, t=40, b=10),
                    hovermode="closest", showlegend=False, shapes=shapes + node_shapes,
                    annotations=notes + node_notes,
                    xaxis=dict(range=[-0.36, 1.36], visible=False, fixedrange=True),
                    yaxis=dict(range=[-0.02, 1.06], visible=False, fixedrange=True)))


def _nodes(lspan: dict, rspan: dict, flows: pd.DataFrame, name: dict, lang: str
           ) -> tuple[list[dict], list[dict]]:
    """Node bars with their labels, and the two column headings."""
    left = flows.groupby("source")["customers"].sum()
    right = flows.groupby("target")["customers"].sum()
    shapes, notes = [], []
    for spans, counts, x0, anchor, xt in ((lspan, left, 0.0, "right", -0.01),
                                           (rspan, right, 1 - NODE_W, "left", 1.01)):
        for code, (top, bot) in spans.items():
            shapes.append(dict(type="rect", x0=x0, x1=x0 + NODE_W, y0=bot, y1=top,
                               line=dict(width=0), fillcolor=NODE_COLOUR))
            notes.append(dict(x=xt, y=(top + bot) / 2, showarrow=False, xanchor=anchor,
                              text=f"{name[code]} · {fmt.count(counts[code], lang)}",
                              font=dict(size=12)))
    for x, key in ((NODE_W / 2, "prev"), (1 - NODE_W / 2, "cur")):
        notes.append(dict(x=x, y=1.05, showarrow=False, font=dict(size=13),
                          text=f"<b>{t('segments.migration.' + key, lang)}</b>"))
    return shapes, notes


def _kpis(flows: pd.DataFrame, lang: str) -> None:
    moved = flows.loc[~flows["stayed"], "customers"].sum()
    down = flows.loc[flows["direction"] == "down", "clv_at_stake_cny"].sum(min_count=1)
    up = flows.loc[flows["direction"] == "up", "clv_at_stake_cny"].sum(min_count=1)
    cols = st.columns(3)
    for col, key, value in ((cols[0], "moved", fmt.count(moved, lang)),
                            (cols[1], "down", fmt.money(down, lang)),
                            (cols[2], "up", fmt.money(up, lang))):
        with col, st.container(border=True):
            st.metric(t(f"segments.migration.{key}", lang), value,
                      help=t(f"segments.migration.{key}.help", lang))


def _table(flows: pd.DataFrame, grouping: str, f: Filters, lang: str) -> None:
    c = "segments.col."
    ordered = flows.sort_values("clv_at_stake_cny", ascending=False)
    shown = pd.DataFrame({
        t(c + "from", lang): [group_name(grouping, x, lang) for x in ordered["source"]],
        t(c + "to", lang): [group_name(grouping, x, lang) for x in ordered["target"]],
        t(c + "direction", lang): [t(f"segments.dir.{d}", lang) for d in ordered["direction"]],
        t(c + "customers", lang): [fmt.count(v, lang) for v in ordered["customers"]],
        t(c + "clv_at_stake", lang): [fmt.money(v, lang) for v in ordered["clv_at_stake_cny"]],
        t(c + "clv_per_customer", lang): [fmt.money(v, lang)
                                          for v in ordered["clv_per_customer_cny"]],
    })
    table(shown, f"segments_migration_{grouping}_{f.start}_{f.end}", lang, raw=ordered)


def render(f: Filters, lang: str) -> None:
    """Grouping switch, headline moves, the labelled Sankey and the flow table."""
    grouping = st.segmented_control(
        t("segments.migration.grouping", lang), migration.GROUPINGS, default="tier",
        format_func=lambda g: t(f"segments.migration.by.{g}", lang),
        key="migration_grouping", required=True) or "tier"
    prev = f.previous_period()
    st.caption(t("segments.migration.intro", lang, pstart=prev.start, pend=prev.end,
                 start=f.start, end=f.end))
    flows = migration.value_flows(query(migration.moves, f, grouping), clv_series(f), grouping)
    if flows["clv_at_stake_cny"].isna().all():
        st.info(t("segments.no_clv", lang))
    _kpis(flows, lang)
    st.plotly_chart(sankey_figure(flows, grouping, lang), theme=None,
                    key=f"migration_sankey_{grouping}")
    st.caption(t("segments.migration.small_note", lang))
    st.subheader(t("segments.migration.table", lang))
    _table(flows, grouping, f, lang)
