"""Engines side by side: the same pages, measured in one run of benchmarks/run.py on each
engine's copy of the same demo (same scale, seed and end date)."""

from __future__ import annotations

from typing import Any


def render_comparison(measured: dict[str, dict[str, Any]]) -> str:
    """One README section: per page, the whole page script's cold and warm times and the sum
    of its analysis calls' warm medians (last 28 days and all history), per engine."""
    engines = list(measured)
    first = measured[engines[0]]
    names = {"duckdb": "DuckDB", "clickhouse": "chDB"}
    heads = [names.get(e, e) for e in engines]
    lines = [f"### {first['scale']}: engines side by side", "",
             f"Measured {first['date']} in one run, on each engine's build of the same demo "
             f"(seed and end date alike). Times in ms; each cell is "
             + " / ".join(heads) + ".", "",
             "| page | page script cold | page script warm rerun | analysis calls warm, 28d "
             "| analysis calls warm, all history |",
             "| --- | ---: | ---: | ---: | ---: |"]
    pages = list(dict.fromkeys([*first.get("app", {}), *first["pages"]]))
    for page in pages:
        cells = [_each(measured, lambda r, p=page: r.get("app", {}).get(p, {}).get("cold_ms")),
                 _each(measured, lambda r, p=page: r.get("app", {}).get(p, {}).get("warm_ms")),
                 _each(measured, lambda r, p=page: _calls_ms(r, p, "28d")),
                 _each(measured, lambda r, p=page: _calls_ms(r, p, "all"))]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    lines += ["", "Build: " + "; ".join(
        f"{names.get(e, e)} {_ms_or_dash(r['build'].get('seconds'), 1)} s, "
        f"{r['file_mb']:,.0f} MB on disk" for e, r in measured.items()) + "."]
    return "\n".join(lines)


def _calls_ms(results: dict[str, Any], page: str, window: str) -> float | None:
    """The sum of a page's analysis calls' warm medians in one window; None when a call
    failed (its row says why in the engine's own section) or the page has none."""
    rows = [r for r in results["pages"].get(page, {}).get("calls", []) if r["window"] == window]
    if not rows or any("error" in r for r in rows):
        return None
    return sum(r["warm_ms"] for r in rows)


def _each(measured: dict[str, dict[str, Any]], value) -> str:
    return " / ".join(_ms_or_dash(value(results)) for results in measured.values())


def _ms_or_dash(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"
