"""Problems found in an input file, and the error that carries them as a readable report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning"]
SHOW = 5  # first offending lines shown per problem


@dataclass(frozen=True)
class Problem:
    """One rule broken by some rows (or by the file as a whole).

    `message` continues "N row(s) ..." when `count` > 0 (e.g. "are not numbers"), else it is a
    whole sentence. `lines` are line numbers as a text editor or spreadsheet shows them (the
    header is line 1); `samples` are the offending values on those lines, when they help.
    """

    rule: str
    message: str
    column: str | None = None
    count: int = 0
    lines: tuple[int, ...] = ()
    samples: tuple[str, ...] = ()
    hint: str = ""
    severity: Severity = "error"

    @classmethod
    def rows(cls, rule: str, message: str, values: pd.Series, *, column: str | None = None,
             hint: str = "", severity: Severity = "error") -> Problem:
        """A problem on the rows of `values` (index: line numbers), naming the first few."""
        first = values.head(SHOW)
        return cls(rule=rule, message=message, column=column, count=len(values),
                   lines=tuple(int(i) for i in first.index),
                   samples=tuple(str(v) for v in first.to_numpy()), hint=hint,
                   severity=severity)

    def describe(self) -> str:
        """The problem as text: what, where, and what to do (one or two lines)."""
        where = f"column {self.column}: " if self.column else ""
        if self.count:
            more = f" (first {len(self.lines)} shown)" if self.count > len(self.lines) else ""
            text = f"{where}{self.count} row(s) {self.message}{more}"
        else:
            text = where + self.message
        if self.lines:
            text += ": " + _places(self.lines, self.samples)
        if self.hint:
            text += f"\n    what to do: {self.hint}"
        return text


def _places(lines: tuple[int, ...], samples: tuple[str, ...]) -> str:
    if len(samples) == len(lines):
        return ", ".join(f"line {n}: {s!r}" for n, s in zip(lines, samples, strict=True))
    if len(lines) == 1:
        return f"line {lines[0]}"
    return "lines " + ", ".join(map(str, lines))


class IngestError(ValueError):
    """A file or a column cannot be used as it is; `problems` say what, where and what to do."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(self.report())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def with_source(self, source: str) -> IngestError:
        """The same problems, reported as found in `source` (a file name)."""
        return IngestError(self.problems, source)

    def report(self) -> str:
        head = f"{self.source}: " if self.source else ""
        count = len(self.problems)
        lines = [f"{head}{count} problem{'s' if count != 1 else ''}"]
        lines += [f"  {p.severity}: {p.describe()}" for p in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def __reduce__(self) -> tuple:
        return IngestError, (self.problems, self.source)


def raise_errors(problems: Iterable[Problem], source: str | None = None) -> None:
    """Raise IngestError with all `problems` if any of them is an error."""
    problems = list(problems)
    if any(p.severity == "error" for p in problems):
        raise IngestError(problems, source)
