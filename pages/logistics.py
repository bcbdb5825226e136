"""Green logistics: CO2e per order, green delivery, packaging, cold chain, cross-border lines,
sustainable products, a what-if and the period's ESG summary."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from cockpit.filters import Filters
from cockpit.logistics import (
    breakdown,
    cold_chain,
    crossborder,
    esg,
    factors,
    green,
    packaging,
    sustainable,
    whatif,
)
from cockpit.logistics.scope import whole_history
from cockpit.ui import ensure_warehouse, query, table
from cockpit.ui import format as fmt
from cockpit.ui.filters import sidebar_filters
from cockpit.ui.guard import page_guard, rebuilding_banner, require_data
from cockpit.ui.i18n import current_language, name, t
from cockpit.ui.theme import TEMPLATE
from cockpit.warehouse.schema import PACKAGING_TYPES

PARTS = breakdown.COMPONENTS
PART_COLOURS = dict(zip(PARTS, ("#2F6FDE", "#F5A623", "#8C6D46", "#13A8A8"), strict=True))
PHASE_COLOURS = {"before": "#9AA5B1", "after": "#07C160"}
PACK_COLOURS = {"standard": "#9AA5B1", "minimal": "#2F6FDE", "degradable": "#07C160",
                "reusable": "#13A8A8"}
TABS = ("co2e", "green", "packaging", "cold", "cross", "sustainable", "whatif", "esg")
WHATIF_KEYS = ("whatif_electric", "whatif_minimal", "whatif_degradable", "whatif_reusable",
               "whatif_stop")


def metric(label: str, value: str, help_key: str, lang: str, **kw) -> None:
    with st.container(border=True):
        st.metric(label, value, help=t(help_key, lang), **kw)


def kg_delta(now: float | None, before: float | None, lang: str) -> str | None:
    return change(now, before, "kg", lang)


def change(now: float | None, before: float | None, unit: str, lang: str) -> str | None:
    """fmt.delta, but nothing for a change that rounds to zero (a what-if at today's values)."""
    rel = fmt.change(now, before)
    if unit != "ratio" and rel is not None and abs(rel) < 0.0005:
        return None
    return fmt.delta(now, before, unit, lang)


def part_label(part: str, lang: str) -> str:
    return t(f"logistics.part.{part}", lang)


def key_label(dim: str, frame: pd.DataFrame, lang: str) -> list[str]:
    if dim == "warehouse":
        return frame["name_zh" if lang == "zh" else "name_en"].fillna(
            frame["key"].astype(str)).tolist()
    kind = "logistics.mode" if dim == "mode" else "region"
    return [name(kind, k, lang) for k in frame["key"]]


# ---- headline ---------------------------------------------------------------------------

def kpi_cards(f: Filters, lang: str) -> tuple[dict, green.GreenDelivery]:
    prev = f.previous_period()
    by_mode, prev_by_mode = (query(breakdown.by_dimension, p, "mode") for p in (f, prev))
    totals, before = breakdown.totals(by_mode), breakdown.totals(prev_by_mode)
    require_data(totals["shipments"] > 0)
    delivery, prev_delivery = green.from_modes(by_mode), green.from_modes(prev_by_mode)
    cold = query(cold_chain.cold_chain, f)
    shares = query(sustainable.share, f).set_index("period")["share"]
    vs = t("logistics.vs_previous", lang)
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.kpi.total", lang), fmt.kg(totals["total_kg"]),
               "logistics.kpi.total.help", lang, delta_color="inverse", delta_description=vs,
               delta=kg_delta(totals["total_kg"], before["total_kg"], lang))
    with cols[1]:
        metric(t("logistics.kpi.per_order", lang), fmt.kg(totals["kg_per_order"]),
               "logistics.kpi.per_order.help", lang, delta_color="inverse",
               delta=kg_delta(totals["kg_per_order"], before["kg_per_order"], lang),
               delta_description=vs)
    with cols[2]:
        metric(t("logistics.kpi.green_share", lang), fmt.pct(delivery.share),
               "logistics.kpi.green_share.help", lang, delta_description=vs,
               delta=fmt.delta(delivery.share, prev_delivery.share, "ratio", lang))
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.kpi.saving", lang), fmt.kg(delivery.saving_kg),
               "logistics.kpi.saving.help", lang)
        st.caption(t("logistics.kpi.saving_caption", lang,
                     kg=fmt.kg(delivery.saving_kg_per_order)))
    with cols[1]:
        metric(t("logistics.kpi.compliance", lang), fmt.pct(cold.compliance),
               "logistics.kpi.compliance.help", lang)
    with cols[2]:
        metric(t("logistics.kpi.sustainable_share", lang), fmt.pct(shares["value"]),
               "logistics.kpi.sustainable_share.help", lang, delta_description=vs,
               delta=fmt.delta(shares["value"], shares["previous"], "ratio", lang))
    return totals, delivery


# ---- CO2e -------------------------------------------------------------------------------

def trend_chart(trend: pd.DataFrame, grain: str, lang: str) -> None:
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for part in PARTS:
        fig.add_bar(x=trend["period"], y=trend[part], name=part_label(part, lang),
                    marker_color=PART_COLOURS[part],
                    hovertemplate="%{x|%Y-%m-%d} %{y:,.1f} kg<extra>%{fullData.name}</extra>")
    fig.add_scatter(x=trend["period"], y=trend["kg_per_order"], mode="lines+markers",
                    name=t("logistics.kpi.per_order", lang), line_color="#E4393C",
                    secondary_y=True, hovertemplate="%{y:.2f} kg<extra></extra>")
    fig.update_layout(template=TEMPLATE, barmode="stack", height=380,
                      legend_traceorder="normal")
    fig.update_xaxes(tickformat="%Y-%m" if grain == "month" else "%m-%d")
    fig.update_yaxes(title_text="kg CO2e", secondary_y=False)
    fig.update_yaxes(title_text="kg CO2e / " + t("col.orders", lang), secondary_y=True,
                     showgrid=False, rangemode="tozero", tickformat=".1f")
    st.plotly_chart(fig, theme=None, key="co2e_trend_chart")


def split_chart(frame: pd.DataFrame, dim: str, lang: str) -> None:
    labels = key_label(dim, frame, lang)
    fig = go.Figure()
    for part in PARTS:
        fig.add_bar(y=labels, x=frame[part], name=part_label(part, lang), orientation="h",
                    marker_color=PART_COLOURS[part],
                    hovertemplate="%{y}: %{x:,.1f} kg<extra>%{fullData.name}</extra>")
    fig.update_layout(template=TEMPLATE, barmode="stack", height=120 + 32 * len(frame),
                      legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="kg CO2e")
    st.plotly_chart(fig, theme=None, key=f"co2e_split_{dim}")


def split_table(frame: pd.DataFrame, dim: str, f: Filters, lang: str) -> None:
    out = pd.DataFrame({t("logistics.col.key", lang): key_label(dim, frame, lang),
                        t("logistics.col.shipments", lang): frame["shipments"]})
    for part in PARTS:
        out[t("logistics.col.kg_unit", lang, part=part_label(part, lang))] = frame[part].round(2)
    out[t("logistics.col.total_kg", lang)] = frame["total_kg"].round(2)
    out[t("logistics.col.kg_per_order", lang)] = frame["kg_per_order"].round(3)
    table(out, f"logistics_co2e_{dim}_{f.start}_{f.end}", lang)


def factor_list(lang: str) -> None:
    ef = query(factors.factor_table)
    cols = ["factor_id", "activity", "basis", "region", "factor", "source", "year"]
    shown = ef.set_axis([t(f"logistics.col.{c}", lang) for c in cols], axis=1)
    st.caption(t("logistics.co2e.factors_caption", lang))
    table(shown, "logistics_emission_factors", lang)


def co2e_tab(f: Filters, grain: str, lang: str) -> None:
    trend = query(breakdown.trend, f, grain)
    st.subheader(t("logistics.co2e.trend", lang))
    st.caption(t("logistics.co2e.trend_caption", lang))
    trend_chart(trend, grain, lang)
    st.subheader(t("logistics.co2e.split", lang))
    dim = st.segmented_control(t("logistics.split", lang), breakdown.DIMENSIONS, default="mode",
                               format_func=lambda d: t(f"logistics.dim.{d}", lang),
                               key="logistics_dim", required=True) or "mode"
    frame = query(breakdown.by_dimension, f, dim)
    st.caption(t("logistics.co2e.split_caption", lang))
    split_chart(frame, dim, lang)
    with st.expander(t("logistics.co2e.table", lang)):
        split_table(frame, dim, f, lang)
    with st.expander(t("logistics.co2e.factors", lang)):
        factor_list(lang)


# ---- green delivery ---------------------------------------------------------------------

def green_tab(f: Filters, grain: str, delivery: green.GreenDelivery, lang: str) -> None:
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.green.diesel", lang), fmt.kg(delivery.diesel_kg_per_order),
               "logistics.green.per_order.help", lang)
    with cols[1]:
        metric(t("logistics.green.electric", lang), fmt.kg(delivery.green_kg_per_order),
               "logistics.green.per_order.help", lang)
    with cols[2]:
        metric(t("logistics.green.saving_per_order", lang),
               fmt.kg(delivery.saving_kg_per_order), "logistics.green.saving_per_order.help",
               lang)
    if delivery.saving_kg_per_order is None:
        st.info(t("logistics.green.none", lang))
    st.subheader(t("logistics.green.trend", lang))
    st.caption(t("logistics.green.trend_caption", lang))
    trend = query(breakdown.trend, f, grain)
    share = trend.assign(share=trend["green_shipments"] / trend["shipments"])
    fig = px.line(share, x="period", y="share", markers=True, template=TEMPLATE,
                  labels={"period": "", "share": t("logistics.col.green_share", lang)})
    fig.update_traces(line_color="#07C160", hovertemplate="%{x|%Y-%m-%d} %{y:.1%}")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_layout(height=320)
    st.plotly_chart(fig, theme=None, key="green_share_chart")


# ---- packaging --------------------------------------------------------------------------

def pack_name(kind: str, lang: str) -> str:
    return t(f"logistics.pack.{kind}", lang)


def mix_chart(mix: pd.DataFrame, adopted, lang: str) -> None:
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
    fig.update_layout(height=340)
    st.plotly_chart(fig, theme=None, key="packaging_mix_chart")


def packaging_tab(f: Filters, lang: str) -> None:
    adopted = query(packaging.adoption_date, f)
    whole = query(packaging.mix, whole_history(f), "month")
    st.subheader(t("logistics.pack.mix", lang))
    if adopted is None:
        st.info(t("logistics.pack.no_adoption", lang))
        return
    st.caption(t("logistics.pack.mix_caption", lang, day=adopted))
    mix_chart(whole, adopted, lang)
    phases = query(packaging.before_after, f, adopted)
    in_period = query(packaging.before_after, f, adopted, False)
    cost = phases.set_index("phase")["cost_per_order"]
    after_orders = int(in_period.set_index("phase").at["after", "shipments"])
    st.subheader(t("logistics.pack.before_after", lang))
    st.caption(t("logistics.pack.before_after_caption", lang, day=adopted))
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


# ---- cold chain -------------------------------------------------------------------------

def returns_chart(cold: cold_chain.ColdChain, lang: str) -> None:
    n_exc = cold.excursion_shipments
    labels = [f"{t('logistics.cold.with', lang)} ({fmt.count(n_exc, lang)})",
              f"{t('logistics.cold.without', lang)} ({fmt.count(cold.shipments - n_exc, lang)})"]
    rates = [cold.return_rate_excursion, cold.return_rate_clean]
    fig = go.Figure(go.Bar(x=labels, y=rates, marker_color=["#E4393C", "#13A8A8"],
                           text=[fmt.pct(r) for r in rates], textposition="outside",
                           hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=320)
    fig.update_yaxes(tickformat=".0%", title_text=t("logistics.col.return_rate", lang),
                     rangemode="tozero")
    st.plotly_chart(fig, theme=None, key="cold_returns_chart")


def histogram_chart(hist: pd.DataFrame, lang: str) -> None:
    fig = px.bar(hist, x="minutes_from", y="shipments", template=TEMPLATE,
                 labels={"minutes_from": t("logistics.col.minutes_from", lang),
                         "shipments": t("logistics.col.shipments", lang)})
    fig.update_traces(marker_color="#F5A623")
    fig.update_xaxes(dtick=cold_chain.HISTOGRAM_STEP_MIN)
    fig.update_layout(height=320)
    st.plotly_chart(fig, theme=None, key="cold_histogram_chart")


def cold_tab(f: Filters, lang: str) -> None:
    cold = query(cold_chain.cold_chain, f)
    if not cold.shipments:
        st.info(t("logistics.cold.none", lang))
        return
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.kpi.compliance", lang), fmt.pct(cold.compliance),
               "logistics.kpi.compliance.help", lang)
    with cols[1]:
        metric(t("logistics.cold.excursion_rate", lang), fmt.pct(cold.excursion_rate),
               "logistics.cold.excursion_rate.help", lang)
    with cols[2]:
        minutes = cold.excursion_min_per_shipment
        metric(t("logistics.cold.minutes", lang), f"{minutes:,.1f} min",
               "logistics.cold.minutes.help", lang)
    st.caption(t("logistics.cold.reference", lang))
    st.subheader(t("logistics.cold.returns", lang))
    st.caption(t("logistics.cold.returns_caption", lang))
    returns_chart(cold, lang)
    st.subheader(t("logistics.cold.histogram", lang))
    st.caption(t("logistics.cold.histogram_caption", lang))
    hist = query(cold_chain.excursion_histogram, f)
    histogram_chart(hist, lang)
    hist_out = hist.set_axis([t("logistics.col.minutes_from", lang),
                              t("logistics.col.shipments", lang)], axis=1)
    table(hist_out, f"logistics_cold_excursions_{f.start}_{f.end}", lang)


# ---- cross-border -----------------------------------------------------------------------

def box_chart(frame: pd.DataFrame, measure: str, lang: str) -> None:
    fig = go.Figure()
    for phase in ("before", "after"):
        rows = frame[frame["phase"] == phase]
        fig.add_trace(go.Box(
            x=[t(f"logistics.route.{r}", lang) for r in rows["route"]],
            q1=rows[f"{measure}_p25"], median=rows[f"{measure}_p50"],
            q3=rows[f"{measure}_p75"], lowerfence=rows[f"{measure}_p10"],
            upperfence=rows[f"{measure}_p90"], mean=rows[f"{measure}_mean"],
            name=t(f"logistics.phase.{phase}", lang), marker_color=PHASE_COLOURS[phase]))
    title = "logistics.cross.lead" if measure == "lead_days" else "logistics.cross.customs"
    present = [t(f"logistics.route.{r}", lang) for r in crossborder.ROUTE_ORDER
               if r in set(frame["route"])]
    fig.update_layout(template=TEMPLATE, boxmode="group", height=360,
                      yaxis_title=t(title, lang))
    fig.update_xaxes(categoryorder="array", categoryarray=present)
    st.plotly_chart(fig, theme=None, key=f"cross_{measure}_chart")


def cross_tab(f: Filters, lang: str) -> None:
    opened = query(crossborder.opening, f)
    if opened is None:
        st.info(t("logistics.cross.no_line", lang))
    frame = query(crossborder.lead_times, f, opened)
    if frame.empty:
        st.info(t("guard.nothing_matched", lang))
        return
    st.caption(t("logistics.cross.caption", lang,
                 day=opened.date() if opened is not None else fmt.EMPTY))
    eu = frame[frame["route"] == crossborder.EU_CORRIDOR].set_index("phase")["lead_days_p50"]
    cols = st.columns(2)
    for col, phase in zip(cols, ("before", "after"), strict=True):
        with col:
            days = eu.get(phase)
            metric(t(f"logistics.cross.eu_{phase}", lang),
                   fmt.EMPTY if days is None else f"{days:.1f} d",
                   f"logistics.cross.eu_{phase}.help", lang)
    st.subheader(t("logistics.cross.lead", lang))
    box_chart(frame, "lead_days", lang)
    st.subheader(t("logistics.cross.customs", lang))
    box_chart(frame, "customs_hours", lang)
    st.caption(t("logistics.cross.reference", lang))
    out = pd.DataFrame({
        t("logistics.col.route", lang): [t(f"logistics.route.{r}", lang) for r in frame["route"]],
        t("logistics.col.phase", lang): [t(f"logistics.phase.{p}", lang) for p in frame["phase"]],
        t("logistics.col.shipments", lang): frame["shipments"],
        **{t(f"logistics.col.{c}", lang): frame[src].round(1) for c, src in (
            ("lead_mean", "lead_days_mean"), ("lead_p50", "lead_days_p50"),
            ("lead_p90", "lead_days_p90"), ("customs_p50", "customs_hours_p50"),
            ("customs_p90", "customs_hours_p90"))},
    })
    table(out, "logistics_crossborder_lead_times", lang, raw=frame)


# ---- sustainable products ---------------------------------------------------------------

def segment_name(dim: str, value: str, lang: str) -> str:
    if dim in ("channel", "region"):
        return name(dim, value, lang)
    if dim == "city_tier":
        return t("logistics.tier", lang, tier=value)
    if dim == "member_tier":
        return t(f"logistics.member.{value}", lang)
    if dim == "frequency":
        return t("logistics.freq", lang, n=value)
    return value


def segment_chart(seg: pd.DataFrame, dim: str, lang: str) -> None:
    frame = seg.assign(label=[segment_name(dim, v, lang) for v in seg["segment"]])
    overall = seg["sustainable_gmv"].sum() / seg["gmv"].sum()
    fig = px.bar(frame, x="label", y="share", template=TEMPLATE, custom_data=["buyers"],
                 labels={"label": "", "share": t("logistics.col.sustainable_share", lang)})
    fig.update_traces(marker_color="#07C160", hovertemplate="%{x}: %{y:.1%}<extra></extra>")
    fig.add_hline(y=overall, line_dash="dash", line_color="#1F2933")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_layout(height=320)
    st.plotly_chart(fig, theme=None, key=f"sustainable_segments_{dim}")


def sustainable_metrics(f: Filters, lang: str) -> None:
    shares = query(sustainable.share, f).set_index("period")
    premium = sustainable.average_premium(query(sustainable.price_premium, f))
    green_gmv = shares["sustainable_gmv"]
    cols = st.columns(3)
    with cols[0]:
        metric(t("logistics.sus.gmv", lang), fmt.money(green_gmv["value"], lang),
               "logistics.sus.gmv.help", lang, delta_description=t("logistics.vs_previous", lang),
               delta=fmt.delta(green_gmv["value"], green_gmv["previous"], "cny", lang))
        yoy = fmt.delta(green_gmv["value"], green_gmv["last_year"], "cny", lang)
        st.caption(t("logistics.sus.yoy", lang, delta=yoy or fmt.EMPTY))
    with cols[1]:
        metric(t("logistics.kpi.sustainable_share", lang), fmt.pct(shares.at["value", "share"]),
               "logistics.kpi.sustainable_share.help", lang)
    with cols[2]:
        metric(t("logistics.sus.premium", lang), fmt.pct(premium), "logistics.sus.premium.help",
               lang)


def sustainable_tab(f: Filters, grain: str, lang: str) -> None:
    sustainable_metrics(f, lang)
    st.subheader(t("logistics.sus.trend", lang))
    trend = query(sustainable.trend, f, grain)
    fig = px.line(trend, x="period", y="share", markers=True, template=TEMPLATE,
                  labels={"period": "", "share": t("logistics.col.sustainable_share", lang)})
    fig.update_traces(line_color="#07C160", hovertemplate="%{x|%Y-%m-%d} %{y:.1%}")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_layout(height=300)
    st.plotly_chart(fig, theme=None, key="sustainable_trend_chart")
    st.subheader(t("logistics.sus.segments", lang))
    dim = st.segmented_control(t("logistics.sus.segment_by", lang), sustainable.SEGMENTS,
                               default="channel", key="logistics_segment", required=True,
                               format_func=lambda d: t(f"logistics.seg.{d}", lang)) or "channel"
    seg = query(sustainable.by_segment, f, dim)
    st.caption(t("logistics.sus.segments_caption", lang))
    segment_chart(seg, dim, lang)
    buyers_table(f, lang)
    premium_table(f, lang)


def buyers_table(f: Filters, lang: str) -> None:
    st.subheader(t("logistics.sus.buyers", lang))
    st.caption(t("logistics.sus.buyers_caption", lang))
    b = query(sustainable.green_buyers, f)
    out = pd.DataFrame({
        t("logistics.col.band", lang): [t(f"logistics.band.{v}", lang) for v in b["band"]],
        t("logistics.col.customers", lang): b["customers"],
        t("logistics.col.customer_share", lang): [fmt.pct(v) for v in b["customer_share"]],
        t("logistics.col.sustainable_gmv_share", lang): [fmt.pct(v) for v in
                                                         b["sustainable_gmv_share"]],
        t("logistics.col.orders_per_customer", lang): (b["orders"] / b["customers"]
                                                       .where(b["customers"] > 0)).round(2),
        t("logistics.col.gmv", lang): b["gmv"].round(2),
    })
    table(out, f"logistics_green_buyers_{f.start}_{f.end}", lang, raw=b)


def premium_table(f: Filters, lang: str) -> None:
    with st.expander(t("logistics.sus.premium_table", lang)):
        p = query(sustainable.price_premium, f)
        out = pd.DataFrame({
            t("logistics.col.category", lang): [name("category", c, lang) for c in p["category"]],
            t("logistics.col.sustainable_price", lang): p["sustainable_price"].round(2),
            t("logistics.col.regular_price", lang): p["regular_price"].round(2),
            t("logistics.col.premium", lang): [fmt.pct(v) for v in p["premium"]],
            t("logistics.col.sustainable_gmv", lang): p["sustainable_gmv"].round(2),
        })
        table(out, f"logistics_price_premium_{f.start}_{f.end}", lang, raw=p)


# ---- what-if ----------------------------------------------------------------------------

def reset_whatif() -> None:
    for key in WHATIF_KEYS:
        st.session_state.pop(key, None)


def pct_slider(label: str, key: str, today: float, help_text: str) -> float:
    """A 0–100% slider starting at today's value; today's exact value while untouched."""
    start = int(round(today * 100))
    chosen = st.slider(label, 0, 100, start, step=1, format="%d%%", key=key, help=help_text)
    return today if chosen == start else chosen / 100


@st.fragment
def whatif_panel(b: whatif.Baseline, lang: str) -> None:
    today = b.today()
    now = whatif.project(b, today)
    st.caption(t("logistics.whatif.intro", lang))
    left, right = st.columns([3, 2])
    with left:
        share = pct_slider(t("logistics.whatif.electric", lang), "whatif_electric",
                           today.electric_share, t("logistics.whatif.electric.help", lang,
                                                   now=fmt.pct(today.electric_share)))
        st.markdown(f"**{t('logistics.whatif.packaging', lang)}**")
        mix = {kind: pct_slider(pack_name(kind, lang), f"whatif_{kind}", s,
                                t("logistics.whatif.pack.help", lang, now=fmt.pct(s)))
               for kind, s in zip(PACKAGING_TYPES, today.packaging, strict=True)
               if kind != packaging.STANDARD}
        low = sum(mix.values())
        if low > 1:
            st.warning(t("logistics.whatif.normalised", lang))
            mix = {k: v / low for k, v in mix.items()}
        start = round(today.parcels_per_stop, 2)
        stop = st.slider(t("logistics.whatif.stop", lang), 1.0, 3.0, start, step=0.05,
                         key="whatif_stop", help=t("logistics.whatif.stop.help", lang,
                                                   now=f"{today.parcels_per_stop:.2f}"))
        st.button(t("logistics.whatif.reset", lang), on_click=reset_whatif,
                  icon=":material/restart_alt:", key="whatif_reset")
    shares = tuple(max(0.0, 1 - sum(mix.values())) if k == packaging.STANDARD else mix[k]
                   for k in PACKAGING_TYPES)
    scenario = whatif.Scenario(share, shares,
                               today.parcels_per_stop if stop == start else stop)
    proj = whatif.project(b, scenario)
    with right:
        metric(t("logistics.whatif.co2e", lang), fmt.kg(proj.co2e_kg), "logistics.whatif.co2e.help",
               lang, delta=kg_delta(proj.co2e_kg, now.co2e_kg, lang), delta_color="inverse")
        metric(t("logistics.whatif.cost", lang), fmt.money(proj.cost_cny, lang),
               "logistics.whatif.cost.help", lang, delta_color="inverse",
               delta=change(proj.cost_cny, now.cost_cny, "cny", lang))
        metric(t("logistics.whatif.period", lang), fmt.kg(proj.co2e_kg * b.shipments),
               "logistics.whatif.period.help", lang, delta_color="inverse",
               delta=kg_delta(proj.co2e_kg, now.co2e_kg, lang))
        st.caption(t("logistics.whatif.today", lang, co2e=fmt.kg(now.co2e_kg),
                     cost=fmt.money(now.cost_cny, lang)))


# ---- ESG summary ------------------------------------------------------------------------

def esg_value(value: float | None, unit: str, lang: str) -> str:
    if unit == "kg" and value is not None and abs(value) < 10:
        return f"{value:,.3f} kg"
    return fmt.value(value, unit, lang)


def esg_tab(f: Filters, totals: dict, delivery: green.GreenDelivery, lang: str) -> None:
    summary = esg.summary(totals, delivery, query(packaging.period, f),
                          query(cold_chain.cold_chain, f), query(sustainable.share, f))
    st.caption(t("logistics.esg.caption", lang))
    labels = [t(f"logistics.esg.{m}", lang) for m in summary["metric"]]
    definitions = [t(f"logistics.esg.{m}.help", lang) for m in summary["metric"]]
    shown = pd.DataFrame({
        t("logistics.col.metric", lang): labels,
        t("logistics.col.value", lang): [esg_value(v, u, lang) for v, u in
                                         zip(summary["value"], summary["unit"], strict=True)],
        t("logistics.col.definition", lang): definitions,
    })
    raw = pd.DataFrame({
        t("logistics.col.metric", lang): labels, t("logistics.col.value", lang): summary["value"],
        t("col.unit", lang): [t(f"unit.{u}", lang) for u in summary["unit"]],
        t("logistics.col.definition", lang): definitions,
        "metric": summary["metric"], "period_start": f.start, "period_end": f.end,
    })
    full_table(shown, raw, f"logistics_esg_{f.start}_{f.end}", lang)


def full_table(frame: pd.DataFrame, raw: pd.DataFrame, file_stem: str, lang: str) -> None:
    """Like cockpit.ui.table, but every row visible and a wide definition column."""
    definition = t("logistics.col.definition", lang)
    st.dataframe(frame, hide_index=True, height=35 * (len(frame) + 1) + 3,
                 column_config={definition: st.column_config.TextColumn(width="large")})
    st.download_button(t("table.download", lang), data=raw.to_csv(index=False)
                       .encode("utf-8-sig"), file_name=f"{file_stem}.csv", mime="text/csv",
                       key=f"download_{file_stem}", on_click="ignore",
                       icon=":material/download:")


# ---- page -------------------------------------------------------------------------------

lang = current_language()
st.title(t("page.logistics", lang))
rebuilding_banner(lang)
with page_guard(lang):
    ensure_warehouse()
    f = sidebar_filters(lang)
    st.caption(t("logistics.caption", lang, start=f.start, end=f.end, days=f.days))
    totals, delivery = kpi_cards(f, lang)
    grain = st.segmented_control(t("logistics.grain", lang), breakdown.GRAINS, default="week",
                                 format_func=lambda g: t(f"grain.{g}", lang),
                                 key="logistics_grain", required=True) or "week"
    # lazy tabs: only the open tab's queries run (on_change="rerun")
    tabs = st.tabs([t(f"logistics.tab.{k}", lang) for k in TABS], key="logistics_tab",
                   on_change="rerun")
    body = {
        "co2e": lambda: co2e_tab(f, grain, lang),
        "green": lambda: green_tab(f, grain, delivery, lang),
        "packaging": lambda: packaging_tab(f, lang),
        "cold": lambda: cold_tab(f, lang),
        "cross": lambda: cross_tab(f, lang),
        "sustainable": lambda: sustainable_tab(f, grain, lang),
        "whatif": lambda: whatif_panel(query(whatif.baseline, f), lang),
        "esg": lambda: esg_tab(f, totals, delivery, lang),
    }
    for key, tab in zip(TABS, tabs, strict=True):
        if tab.open:
            with tab:
                body[key]()
