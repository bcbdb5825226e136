"""Demand forecasting: series from the warehouse, Prophet with the China calendar, backtests,
what-if, inventory and the C2M signal.

Import-light on purpose: Prophet is imported only when a model is fitted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


def forecast_series(history: pd.DataFrame, horizon: int, freq: str | None = None,
                    **kwargs: Any) -> pd.DataFrame:
    """Forecast `horizon` periods after `history` (columns ds, y); see `cockpit.forecast.api`."""
    from cockpit.forecast.api import forecast_series as run

    return run(history, horizon, freq, **kwargs)


__all__ = ["forecast_series"]
