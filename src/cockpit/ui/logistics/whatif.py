"""Green logistics, what-if tab: electric share, packaging mix and parcels per stop →
CO2e and cost per order against today, recomputed on aggregates in a fragment."""

from __future__ import annotations

import streamlit as st

from cockpit.filters import Filters
from cockpit.logistics import packaging, whatif
from cockpit.ui import format as fmt
from cockpit.ui import query
from cockpit.ui.i18n import t
from cockpit.ui.logistics.common import change, kg_delta, metric, pack_name
from cockpit.warehouse.schema import PACKAGING_TYPES

KEYS = ("whatif_electric", "whatif_minimal", "whatif_degradable", "whatif_reusable",
        "whatif_stop")


def render(f: Filters, lang: str) -> None:
    """The what-if panel on the period's baseline aggregates."""
    panel(query(whatif.baseline, f), lang)


def reset() -> None:
    """Back to today's values (button callback)."""
    for key in KEYS:
        st.session_state.pop(key, None)


def pct_slider(label: str, key: str, today: float, help_text: str) -> float:
    """A 0–100% slider starting at today's value; today's exact value while untouched."""
    start = int(round(today * 100))
    chosen = st.slider(label, 0, 100, start, step=1, format="%d%%", key=key, help=help_text)
    return today if chosen == start else chosen / 100


def sliders(today: whatif.Scenario, lang: str) -> whatif.Scenario:
    """The scenario the sliders describe (low-carbon shares over 100% are normalised)."""
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
    st.button(t("logistics.whatif.reset", lang), on_click=reset,
              icon=":material/restart_alt:", key="whatif_reset")
    shares = tuple(max(0.0, 1 - sum(mix.values())) if k == packaging.STANDARD else mix[k]
                   for k in PACKAGING_TYPES)
    return whatif.Scenario(share, shares, today.parcels_per_stop if stop == start else stop)


@st.fragment
def panel(b: whatif.Baseline, lang: str) -> None:
    """Sliders on the left, the projection against today on the right."""
    now = whatif.project(b, b.today())
    st.caption(t("logistics.whatif.intro", lang))
    left, right = st.columns([3, 2])
    with left:
        proj = whatif.project(b, sliders(b.today(), lang))
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
