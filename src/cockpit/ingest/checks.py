"""Checks across rows of a read table: exact duplicate lines."""

from __future__ import annotations

import pandas as pd

from cockpit.ingest.problems import Problem


def duplicate_lines(frame: pd.DataFrame, *, hint: str = "") -> Problem | None:
    """A warning listing lines that repeat an earlier line exactly (each with the line it
    repeats), or None. The rows stay: two equal purchases on one day do happen."""
    if frame.empty or not len(frame.columns):
        return None
    repeated = frame.duplicated(keep="first")
    if not repeated.any():
        return None
    group = frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup()
    first_line = pd.Series(frame.index, index=frame.index).groupby(group).transform("min")
    same = ("same as line " + first_line[repeated].astype(str)).rename(None)
    return Problem.rows(
        "duplicate_lines", "repeat an earlier line exactly; they are kept as separate rows",
        same, severity="warning",
        hint=hint or "if they are copies rather than equal orders, delete them from the file")
