"""Green logistics, packaging tab: the packaging mix over the whole history and cost,
material and CO2e per order before and after low-carbon packaging was adopted."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.express as px
import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import packaging
from cockpit.logistics.scope import whole_history
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.i18n import t
from cockpit.ui.logistics.common import PACK_COLOURS, metric, pack_name
from cockpit.ui.theme import TEMPLATE
from cockpit.warehouse.schema import PACKAGING_TYPES


def render(f: Filters, lang: str) -> None:
    """Mix chart with the adoption date, before/after KPI cards and table."""
    adopted = query(packaging.adoption_date, f)
    st.subheader(t("logistics.pack.mix", lang))
    if adopted is None:
        st.info(t("logistics.pack.no_adoption", lang))
        return
    st.caption(t("logistics.pack.mix_caption", lang, day=adopted))
    mix_chart(query(packaging.mix, whole_history(f), "month"), adopted, lang)
    phases = query(packaging.before_after, f, adopted)
    in_period = query(packaging.before_after, f, adopted, False)
    after_orders = int(in_period.set_index("phase").at["after", "shipments"])
    st.subheader(t("logistics.pack.before_after", lang))
    st.caption(t("logistics.pack.before_after_caption", lang, day=adopted))
    cards(phases, after_orders, lang)
    phase_table(phases, adopted, lang)


def mix_chart(mix: pd.DataFrame, adopted: date | None, lang: str) -> None:
    """Stacked area of packaging shares per month, a dashed line at adoption."""
    frame = mix.assign(kind=[pack_name(k, lang) for k in mix["packaging_type"]])
    order = [pack_name(k, lang) for k in PACKAGING_TYPES]
    colours = {pack_name(k, lang): c for k, c in PACK_COLOURS.items()}
    fig = px.area(frame, x="period", y="share", color="kind", template=TEMPLATE,
                  category_orders={"kind": order}, color_discrete_map=colours,
                  labels={"period": "", "share": t("logistics.col.share", lang), "kind": ""})
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    fig.update_traces(hovertemplate="%{x|%Y-%m} %{y:.1%}")
    if adopted is not None:
        fig.add_vline(x=pd.Timestamp(adopted).timestamp() * 1000, line_dash="dash",
                      line_color="#1F2933")
    fig.update_xaxes(tickformat="%Y-%m")
    fig.update_layout(height=340)
    st.plotly_chart(fig, theme=None, key="packaging_mix_chart")


def cards(phases: pd.DataFrame, after_orders: int, lang: str) -> None:
    """Cost per order before and after, material saved on the period's orders."""
    cost = phases.set_index("phase")["cost_per_order"]
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.pack.cost_before", lang), fmt.money(cost["before"], lang),
               "logistics.pack.cost.help", lang)
    with cols[1]:
        metric(t("logistics.pack.cost_after", lang), fmt.money(cost["after"], lang),
               "logistics.pack.cost.help", lang, delta_color="inverse",
               delta=fmt.delta(cost["after"], cost["before"], "cny", lang))
    with cols[2]:
        metric(t("logistics.pack.material_saved", lang),
               fmt.kg(packaging.material_saved_kg(phases, after_orders)),
               "logistics.pack.material_saved.help", lang)


def phase_table(phases: pd.DataFrame, adopted: date, lang: str) -> None:
    """Before/after figures as a downloadable table."""
    out = pd.DataFrame({
        t("logistics.col.phase", lang): [t(f"logistics.phase.{p}", lang) for p in phases["phase"]],
        t("logistics.col.shipments", lang): phases["shipments"],
        t("logistics.col.low_carbon_share", lang): [fmt.pct(v) for v in
                                                     phases["low_carbon_share"]],
        t("logistics.col.cost_per_order", lang): phases["cost_per_order"].round(2),
        t("logistics.col.material_kg", lang): phases["material_kg_per_order"].round(3),
        t("logistics.col.pack_co2e", lang): phases["co2e_kg_per_order"].round(3),
    })
    table(out, f"logistics_packaging_{adopted}", lang, raw=phases)
