"""Forecast tab: pick a series, see its forecast band, festival effects, backtest and what-if."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cockpit import coverage
from cockpit.calendar import festival_days
from cockpit.filters import Filters
from cockpit.forecast import combine, fitting, series
from cockpit.forecast.checks import recent_outliers
from cockpit.forecast.frequency import BACKTEST, SEASONS
from cockpit.forecast.holidays import FESTIVALS
from cockpit.forecast.model import DEFAULT_HORIZON
from cockpit.forecast.whatif import Scenario
from cockpit.ui import format as fmt
from cockpit.ui import query, table
from cockpit.ui.coverage import present_tables, require_tables
from cockpit.ui.forecast.trust import model_name, short_name, trust
from cockpit.ui.guard import require_data
from cockpit.ui.i18n import name, t
from cockpit.ui.theme import SEQUENCE, TEMPLATE

MAX_SERIES = 300
SHOWN_HISTORY_DAYS = 180
SHOWN_EFFECTS = 5
MIN_EFFECT = 0.05
DEFAULT_SHOWN_HORIZON = 30


def unit_key(key: str, level: str) -> str:
    """The catalogue key that names the series' unit: orders on the `orders` level, else
    units (件)."""
    return f"{key}.orders" if level == "orders" else key


def series_label(level: str, key: str, labels: dict[str, str], lang: str) -> str:
    """A series in the manager's words: 坚果礼盒 · 华东, the SKU and warehouse names, or all
    orders."""
    if level == "orders":
        return t("forecast.all_orders", lang)
    if level != "category_region":
        return labels.get(key, key)
    category, region = series.split_key(level, key)
    where = (t("forecast.all_regions", lang) if region == series.ALL_REGIONS
             else name("region", region, lang))
    return f"{name('category', category, lang)} · {where}"


def pick_series(f: Filters, lang: str) -> tuple[str, str, str]:
    """Level and series widgets; (level, series_key, label)."""
    left, right = st.columns([1, 1])
    default = series.LEVELS[0] if "order_items" in present_tables() else "orders"
    with left:
        level = st.segmented_control(
            t("forecast.level", lang), series.LEVELS, default=default,
            format_func=lambda v: t(f"forecast.level.{v}", lang), key="series_level",
            required=True) or series.LEVELS[0]
    if f"forecast.series.{level}" in coverage.REGISTRY:
        require_tables(f"forecast.series.{level}")  # the SKU level needs SKUs and warehouses
    listed = query(series.list_series, level, f)
    require_data(not listed.empty)
    listed = listed.head(MAX_SERIES)
    labels = dict(zip(listed["series_key"], listed[f"label_{lang}"], strict=True))
    with right:
        key = st.selectbox(t("forecast.series", lang), list(listed["series_key"]),
                           format_func=lambda k: series_label(level, k, labels, lang),
                           help=t("forecast.series_help", lang, n=MAX_SERIES),
                           key=f"series_key_{level}", disabled=level == "orders")
    return level, key, series_label(level, key, labels, lang)


def read_scenario(fitted: fitting.SeriesForecast, lang: str) -> Scenario:
    """The four what-if sliders."""
    st.markdown(f"**{t('forecast.whatif', lang)}**")
    cols = st.columns(4)
    longest = len(fitted.result.forecast)
    horizon = cols[0].slider(t("forecast.horizon", lang), 1, longest,
                             min(DEFAULT_SHOWN_HORIZON, longest), key="series_horizon",
                             help=t("forecast.horizon_help", lang, max=longest))
    if longest < DEFAULT_HORIZON:
        st.caption(t("forecast.horizon_capped", lang, max=longest, asked=DEFAULT_HORIZON))
    festival = cols[1].slider(t("forecast.festival", lang), 0, 200, 100, step=10,
                              format="%d%%", key="series_festival",
                              help=t("forecast.festival_help", lang))
    promo = cols[2].slider(t("forecast.promo", lang), -10, 20, 0, format="%+d pp",
                           key="series_promo",
                           help=t("forecast.promo_help", lang,
                                  depth=fmt.pct(fitted.promo_depth)))
    price = cols[3].slider(t("forecast.price", lang), -30, 30, 0, step=5, format="%+d%%",
                           key="series_price", help=t("forecast.price_help", lang))
    return Scenario(promo_pp=float(promo), price_change=price / 100.0,
                    festival_intensity=festival / 100.0, horizon=horizon)


def kpis(fitted: fitting.SeriesForecast, out: pd.DataFrame, days: int, level: str,
         lang: str) -> None:
    result = fitted.result
    cols = st.columns(4)
    units, base = out["yhat"].sum(), out["base_yhat"].sum()
    cols[0].metric(t(unit_key("forecast.kpi.units", level), lang),
                   t(unit_key("forecast.units_value", level), lang,
                     units=fmt.count(units, lang)),
                   delta=fmt.delta(units, base, "count", lang) if abs(units - base) > 1e-6
                   else None,
                   help=t(unit_key("forecast.kpi.units_help", level), lang, days=days,
                          low=fmt.count(out["yhat_lower"].sum(), lang),
                          high=fmt.count(out["yhat_upper"].sum(), lang)))
    gmv, base_gmv = out["gmv_cny"].sum(), out["base_gmv_cny"].sum()
    cols[1].metric(t("forecast.kpi.gmv", lang), fmt.money(gmv, lang),
                   delta=fmt.delta(gmv, base_gmv, "cny", lang) if abs(gmv - base_gmv) > 1e-6
                   else None,
                   help=t("forecast.kpi.gmv_help", lang,
                          price=fmt.money(fitted.unit_price, lang)))
    cols[2].metric(t("forecast.kpi.model", lang), short_name(result.model, lang),
                   help=t("forecast.kpi.model_help", lang, model=model_name(result.model, lang)))
    wape = (result.metrics.set_index("model")["wape"].get(result.model)
            if not result.metrics.empty else None)
    cols[3].metric(t("forecast.kpi.wape", lang), fmt.pct(wape),
                   help=t("forecast.kpi.wape_help", lang))


def _festival_shading(fig: go.Figure, start: pd.Timestamp, end: pd.Timestamp) -> None:
    days = festival_days(start.date(), end.date())
    if days.empty:
        return
    days = days.sort_values("ds")
    block = (days["ds"].diff() != pd.Timedelta(days=1)).cumsum()
    for _, run in days.groupby(block):
        fig.add_vrect(x0=run["ds"].iloc[0] - pd.Timedelta(hours=12),
                      x1=run["ds"].iloc[-1] + pd.Timedelta(hours=12),
                      fillcolor="#F5A623", opacity=0.12, line_width=0, layer="below")


def chart(fitted: fitting.SeriesForecast, out: pd.DataFrame, level: str, lang: str) -> None:
    history = fitted.history.tail(SHOWN_HISTORY_DAYS)
    fig = go.Figure(layout=dict(template=TEMPLATE))
    fig.add_scatter(x=out["ds"], y=out["yhat_upper"], mode="lines", line_width=0,
                    showlegend=False, hoverinfo="skip")
    fig.add_scatter(x=out["ds"], y=out["yhat_lower"], mode="lines", line_width=0,
                    fill="tonexty", fillcolor="rgba(47,111,222,0.18)",
                    name=t("forecast.chart.band", lang), hoverinfo="skip")
    fig.add_scatter(x=history["ds"], y=history["y"], mode="lines",
                    line=dict(color="#5C6B7A", width=1),
                    name=t(unit_key("forecast.chart.actual", level), lang))
    fig.add_scatter(x=out["ds"], y=out["base_yhat"], mode="lines",
                    line=dict(color=SEQUENCE[0], width=2),
                    name=t("forecast.chart.forecast", lang))
    if not (out["yhat"] - out["base_yhat"]).abs().lt(1e-6).all():
        fig.add_scatter(x=out["ds"], y=out["yhat"], mode="lines",
                        line=dict(color=SEQUENCE[1], width=2, dash="dash"),
                        name=t("forecast.chart.whatif", lang))
    _festival_shading(fig, history["ds"].iloc[0], out["ds"].iloc[-1])
    fig.update_traces(hovertemplate="%{x|%Y-%m-%d} %{fullData.name}: %{y:,.0f}<extra></extra>",
                      selector=dict(mode="lines"))
    fig.update_layout(height=420, hovermode="x unified")
    fig.update_yaxes(title_text=t(unit_key("forecast.chart.units", level), lang),
                     rangemode="tozero")
    fig.update_xaxes(title_text=None)
    st.plotly_chart(fig, theme=None, key="series_chart")
    st.caption(t(unit_key("forecast.chart_caption", level), lang))


def effects_source(fitted: fitting.SeriesForecast, lang: str) -> None:
    """How the festival effects relate to the forecast shown: Prophet's own, Prophet's share
    of a combination, or Prophet fitted beside a forecast without it."""
    result = fitted.result
    share = fitting.prophet_share(result.model, result.metrics)
    mode = t(f"forecast.mode.{result.mode}", lang)
    if combine.parse_label(result.model)[0] == combine.SINGLE and share == 1.0:
        return
    key = "forecast.effects_combo" if share > 0 else "forecast.effects_beside"
    st.info(t(key, lang, model=model_name(result.model, lang), share=fmt.pct(share),
              mode=mode), icon=":material/info:")


def effects(fitted: fitting.SeriesForecast, label: str, lang: str) -> None:
    st.subheader(t("forecast.effects", lang))
    st.caption(label)
    effects_source(fitted, lang)
    found = fitted.result.effects
    if found is None or found.empty:
        st.info(t("forecast.effects_none", lang))
        return
    festivals = found[found["holiday"].isin(FESTIVALS) & (found["uplift"].abs() >= MIN_EFFECT)]
    if festivals.empty:
        st.info(t("forecast.effects_none", lang))
    top = festivals.reindex(festivals["uplift"].abs().sort_values(ascending=False).index)
    lines = [t("forecast.effect_line", lang, holiday=t(f"forecast.holiday.{row.holiday}", lang),
               uplift=f"{row.uplift:+.0%}", extra=f"{row.extra_units_per_day:+,.1f}",
               days=row.days)
             for row in top.head(SHOWN_EFFECTS).itertuples()]
    if lines:
        st.markdown("\n".join(f"- {line}" for line in lines))
    st.caption(t("forecast.effects_caption", lang))
    with st.expander(t("forecast.effects_table", lang)):
        shown = pd.DataFrame({
            t("forecast.col.holiday", lang): [t(f"forecast.holiday.{h}", lang)
                                             for h in found["holiday"]],
            t("forecast.col.uplift", lang): [f"{u:+.0%}" for u in found["uplift"]],
            t("forecast.col.extra", lang): found["extra_units_per_day"].round(1),
            t("forecast.col.days", lang): found["days"],
        })
        table(shown, "forecast_effects", lang, raw=found)


def elasticity_note(fitted: fitting.SeriesForecast, lang: str) -> None:
    found = fitted.elasticity
    if found.value is None:
        st.caption(t("forecast.elasticity_none", lang))
        return
    words = dict(value=f"{found.value:+.2f}", se=f"{found.se:.2f}", days=found.days)
    if found.value > 0:
        st.caption(t("forecast.elasticity_positive", lang, **words))
    elif not found.significant:
        st.caption(t("forecast.elasticity_weak", lang, **words))
    else:
        st.caption(t("forecast.elasticity", lang, **words,
                     effect=fmt.pct(1.1 ** found.used - 1)))


def forecast_table(out: pd.DataFrame, key: str, level: str, lang: str) -> None:
    with st.expander(t("forecast.table", lang)):
        shown = pd.DataFrame({
            t("forecast.col.date", lang): out["ds"].dt.date,
            t(unit_key("forecast.col.yhat", level), lang): out["base_yhat"].round(1),
            t(unit_key("forecast.col.whatif", level), lang): out["yhat"].round(1),
            t(unit_key("forecast.col.lower", level), lang): out["yhat_lower"].round(1),
            t(unit_key("forecast.col.upper", level), lang): out["yhat_upper"].round(1),
            t("forecast.col.gmv", lang): out["gmv_cny"].round(2),
        })
        stem = "forecast_" + key.replace("|", "_").replace("/", "_")
        table(shown, stem, lang, raw=out)


def outlier_warning(fitted: fitting.SeriesForecast, lang: str) -> None:
    """Say so when one of the last days is an outlier the forecast starts from."""
    found = recent_outliers(fitted.history, "D", SEASONS["D"])
    for row in found.itertuples():
        st.warning(t("forecast.outlier", lang, day=pd.Timestamp(row.ds).date(),
                     y=fmt.count(row.y, lang), expected=fmt.count(max(row.expected, 0), lang)),
                   icon=":material/warning:")


def render(f: Filters, lang: str) -> None:
    """The forecast tab."""
    level, key, label = pick_series(f, lang)
    with st.spinner(t("forecast.fitting", lang)):
        fitted = query(fitting.fit_series, level, key, f.end, DEFAULT_HORIZON, f.scope)
    if fitted.result is None:
        st.info(t("forecast.too_short", lang, days=len(fitted.history),
                  need=fitting.MIN_DAYS))
        return
    outlier_warning(fitted, lang)
    scenario = read_scenario(fitted, lang)
    elasticity_note(fitted, lang)
    out = fitting.scenario_forecast(fitted, scenario)
    st.subheader(t("forecast.heading", lang, series=label, days=scenario.horizon))
    st.caption(t("forecast.heading_caption", lang, first=out["ds"].iloc[0].date(),
                 last=out["ds"].iloc[-1].date()))
    kpis(fitted, out, scenario.horizon, level, lang)
    chart(fitted, out, level, lang)
    forecast_table(out, key, level, lang)
    left, right = st.columns(2)
    with left:
        effects(fitted, label, lang)
    with right:
        trust(fitted, lang, BACKTEST["D"])
