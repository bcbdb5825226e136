"""The one plotly look: template "cockpit", a colour per channel, fonts that render Chinese."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import plotly.io as pio

from cockpit.ui import format as fmt
from cockpit.ui.i18n import name

TEMPLATE = "cockpit"
FONT_FAMILY = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
               '"Microsoft YaHei", sans-serif')
CHANNEL_COLOURS = {
    "app": "#2F6FDE",
    "mini_program": "#13A8A8",
    "live_stream": "#E4393C",
    "short_video": "#F5A623",
    "offline_store": "#8C6D46",
    "wecom": "#07C160",
}
SEQUENCE = ["#2F6FDE", "#E4393C", "#F5A623", "#13A8A8", "#07C160", "#8C6D46", "#7E57C2",
            "#5C6B7A"]


def _register() -> None:
    pio.templates[TEMPLATE] = go.layout.Template(
        layout=go.Layout(
            font=dict(family=FONT_FAMILY, size=13, color="#1F2933"),
            colorway=SEQUENCE,
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
            margin=dict(l=70, r=20, t=50, b=40),
            hoverlabel=dict(font=dict(family=FONT_FAMILY)),
            legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text=""),
            xaxis=dict(showgrid=False, linecolor="#C8CDD2", automargin=True),
            yaxis=dict(gridcolor="#E6E9EC", zeroline=False, automargin=True),
        )
    )


_register()


def channel_colours(lang: str) -> dict[str, str]:
    """Colour per translated channel name, for plotly express colour maps."""
    return {name("channel", code, lang): colour for code, colour in CHANNEL_COLOURS.items()}


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def money_axis(fig: go.Figure, top: float, lang: str) -> go.Figure:
    """Label the y axis in ¥ with 万/亿 (zh) or K/M (en), up to `top`."""
    if not top or top <= 0 or math.isnan(top):
        return fig
    step = _nice_step(top)
    values = [i * step for i in range(int(top // step) + 2)]
    fig.update_yaxes(tickvals=values, ticktext=[fmt.money(v, lang) for v in values])
    return fig
