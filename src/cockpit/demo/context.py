"""What every demo-data module receives: seed, dates, size and deterministic random streams."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

SCALES = {"small": 20_000, "default": 500_000, "large": 10_000_000}
ORDERS_PER_CUSTOMER = 10


@dataclass
class DemoContext:
    """Seed, history window and target size of one demo build.

    `rng(name)` gives each module its own stream, so adding draws in one module never
    changes another module's data.
    """

    seed: int
    start: date
    end: date
    n_orders: int
    truth_effects: list[tuple[str, float, str, str]] = field(default_factory=list)
    truth_events: list[tuple[str, int | None, object, float | None]] = field(default_factory=list)

    @property
    def n_customers(self) -> int:
        return max(500, self.n_orders // ORDERS_PER_CUSTOMER)

    @property
    def days(self) -> pd.DatetimeIndex:
        return pd.date_range(self.start, self.end, freq="D")

    def rng(self, name: str) -> np.random.Generator:
        key = zlib.crc32(name.encode())
        return np.random.default_rng(np.random.SeedSequence([self.seed, key]))

    def plant(self, effect: str, value: float, unit: str, description: str) -> None:
        """Record a planted effect size in the ground truth."""
        self.truth_effects.append((effect, float(value), unit, description))

    def event(self, event: str, entity_id: int | None, occurred_at, value: float | None) -> None:
        """Record a planted dated event in the ground truth."""
        self.truth_events.append((event, entity_id, occurred_at, value))


def history_start(end: date) -> date:
    """1 January two years before `end`: at least two full years of history."""
    return date(end.year - 2, 1, 1)


def orders_for_scale(scale: str | int) -> int:
    if isinstance(scale, int) or str(scale).isdigit():
        n = int(scale)
        if n < 5_000:
            raise ValueError("--scale as a number of orders must be at least 5000")
        return n
    if scale not in SCALES:
        raise ValueError(f"--scale must be one of {', '.join(SCALES)} or a number of orders")
    return SCALES[scale]
