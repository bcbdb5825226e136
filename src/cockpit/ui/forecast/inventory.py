"""Forecast page, inventory section: safety stock, reorder points, stock-out risk, ABC-XYZ
classes and forward/central placement."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit.filters import Filters
from cockpit.forecast import inventory
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import t
from cockpit.ui.theme import TEMPLATE

TOP_ROWS = 50
RISK_ALERT = 0.5


def _label(frame: pd.DataFrame, lang: str, prefix: str = "") -> pd.Series:
    return frame[f"{prefix}name_zh" if lang == "zh" else f"{prefix}name_en"]


def _controls(lang: str) -> tuple[float, int]:
    left, right = st.columns(2)
    level = left.slider(t("inventory.service_level", lang), 0.80, 0.99, inventory.SERVICE_LEVEL,
                        0.01, format="%.2f", key="inventory_service_level",
                        help=t("inventory.service_level_help", lang))
    horizon = right.slider(t("inventory.horizon", lang), 7, 90, inventory.HORIZON_DAYS, 7,
                           key="inventory_horizon", help=t("inventory.horizon_help", lang))
    return float(level), int(horizon)


def _kpis(plan: pd.DataFrame, lang: str) -> None:
    cols = st.columns(4)
    at_risk = int((plan["stockout_risk"] >= RISK_ALERT).sum())
    cols[0].metric(t("inventory.kpi_at_risk", lang), fmt.count(at_risk, lang),
                   help=t("inventory.kpi_at_risk_help", lang, pct=fmt.pct(RISK_ALERT, 0)))
    cols[1].metric(t("inventory.kpi_below_rop", lang),
                   fmt.count(int(plan["below_reorder_point"].sum()), lang),
                   help=t("inventory.kpi_below_rop_help", lang))
    cols[2].metric(t("inventory.kpi_safety_units", lang),
                   fmt.count(plan["safety_stock_units"].sum(), lang),
                   help=t("inventory.kpi_safety_units_help", lang))
    cols[3].metric(t("inventory.kpi_safety_cost", lang),
                   fmt.money(plan["safety_stock_cost_cny_month"].sum(), lang),
                   help=t("inventory.kpi_safety_cost_help", lang))


def _plan_table(plan: pd.DataFrame, f: Filters, lang: str) -> None:
    top = plan.head(TOP_ROWS)
    shown = pd.DataFrame({
        t("inventory.col_sku", lang): top["sku"],
        t("inventory.col_product", lang): _label(top, lang),
        t("inventory.col_warehouse", lang): top["warehouse_zh" if lang == "zh"
                                                else "warehouse_en"],
        t("inventory.col_demand", lang): top["mean_units"].round(2),
        t("inventory.col_demand_sd", lang): top["sd_units"].round(2),
        t("inventory.col_lead", lang): [f"{m:.1f} ± {s:.1f}" for m, s in
                                        zip(top["lead_time_days"], top["lead_time_sd_days"],
                                            strict=True)],
        t("inventory.col_safety", lang): top["safety_stock_units"].round(1),
        t("inventory.col_rop", lang): top["reorder_point_units"].round(1),
        t("inventory.col_on_hand", lang): top["on_hand_units"],
        t("inventory.col_cover", lang): [fmt.number(v, 0) for v in top["days_of_cover"]],
        t("inventory.col_risk", lang): [fmt.pct(v, 0) for v in top["stockout_risk"]],
        t("inventory.col_source", lang): [t(f"inventory.source_{s}", lang)
                                          for s in top["source"]],
    })
    table(shown, f"inventory_plan_{f.end}", lang, raw=plan)
    st.caption(t("inventory.table_caption", lang, rows=min(TOP_ROWS, len(plan)),
                 total=fmt.count(len(plan), lang)))


def _matrix_chart(classes: pd.DataFrame, lang: str) -> None:
    matrix = inventory.class_matrix(classes)
    skus, share = matrix["skus"], matrix["gmv_share"]
    text = [[t("inventory.cell", lang, skus=int(skus.iat[i, j]), share=fmt.pct(share.iat[i, j]))
             for j in range(3)] for i in range(3)]
    fig = go.Figure(go.Heatmap(
        z=share.to_numpy(), x=[t(f"inventory.xyz_{c}", lang) for c in "XYZ"],
        y=[t(f"inventory.abc_{c}", lang) for c in "ABC"], text=text,
        texttemplate="%{text}", colorscale="Blues", showscale=False,
        hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=340, yaxis_autorange="reversed",
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    st.plotly_chart(fig, theme=None, key="inventory_abc_xyz")
    st.caption(t("inventory.matrix_caption", lang, weeks=inventory.CLASS_WEEKS))


def _placement(f: Filters, lang: str) -> None:
    result = query(inventory.placement, f)
    skus = result.skus
    require_data(not skus.empty)
    fwd, cen = result.delivery_days.get("forward"), result.delivery_days.get("central")
    st.caption(t("inventory.placement_caption", lang, fwd=f"{fwd or 0:.1f}",
                 central=f"{cen or 0:.1f}",
                 h_fwd=fmt.money(result.holding_cny.get("forward"), lang),
                 h_central=fmt.money(result.holding_cny.get("central"), lang)))
    cols = st.columns(3)
    for col, site in zip(cols, ("forward", "central", "split"), strict=True):
        part = skus[skus["site"] == site]
        units = part["forward"] + part["central"]
        days = (part["delivery_days_change"] * units).sum() / max(units.sum(), 1e-9)
        col.metric(t(f"inventory.site_{site}", lang), fmt.count(len(part), lang),
                   delta=None if site == "split" else t("inventory.site_delta", lang,
                                                        days=f"{days:+.2f}"),
                   delta_color="inverse", help=t(f"inventory.site_{site}_help", lang))
        if site != "split":
            col.caption(t("inventory.site_cost", lang, cost=fmt.money(
                part["holding_cost_change_cny_month"].sum(), lang)))
    shown = pd.DataFrame({
        t("inventory.col_sku", lang): skus["sku"],
        t("inventory.col_product", lang): _label(skus, lang),
        t("inventory.col_class", lang): skus["abc_xyz"],
        t("inventory.col_forward_share", lang): [fmt.pct(v, 0) for v in skus["forward_share"]],
        t("inventory.col_site", lang): [t(f"inventory.site_{s}", lang) for s in skus["site"]],
        t("inventory.col_days_change", lang): skus["delivery_days_change"].round(2),
        t("inventory.col_cost_change", lang): skus["holding_cost_change_cny_month"].round(0),
    })
    table(shown, f"inventory_placement_{f.end}", lang, raw=skus)


def render(f: Filters, lang: str) -> None:
    """Draw the inventory section for filters `f` in `lang`."""
    st.caption(t("inventory.caption", lang, end=f.end, days=inventory.HISTORY_DAYS))
    level, horizon = _controls(lang)
    inputs = query(inventory.plan_inputs, f, horizon)
    require_data(not inputs.empty)
    plan = inventory.apply_policy(inputs, level, horizon)
    if (plan["source"] == "forecast").any():
        st.caption(t("inventory.from_forecast", lang,
                     n=fmt.count(int((plan["source"] == "forecast").sum()), lang)))
    _kpis(plan, lang)
    st.subheader(t("inventory.plan_title", lang))
    _plan_table(plan, f, lang)
    st.subheader(t("inventory.matrix_title", lang))
    classes = query(inventory.abc_xyz, f)
    require_data(not classes.empty)
    left, right = st.columns([3, 2])
    with left:
        _matrix_chart(classes, lang)
    with right:
        st.markdown(t("inventory.matrix_guide", lang))
    st.subheader(t("inventory.placement_title", lang))
    _placement(f, lang)
