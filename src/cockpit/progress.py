"""The commands' progress bar on stderr: one tqdm bar per phase of `step` ("phase:name")."""

from __future__ import annotations

import sys
from collections.abc import Callable

Progress = Callable[[str, int, int], None]


def progress_bar(unit: str = "step") -> Progress:
    """A callback (step, done, total) that draws one bar per phase and closes it when done."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(step: str, done: int, total: int) -> None:
        phase, _, name = step.partition(":")
        bar = bars.get(phase)
        if bar is None:
            bar = bars[phase] = tqdm(total=total, desc=phase, unit=unit, file=sys.stderr)
        bar.set_postfix_str(name)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update
