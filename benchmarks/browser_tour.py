"""A real-browser tour of the app: every page opened cold, then every tab clicked, timed.

    python benchmarks/browser_tour.py --db PATH [--lang zh|en] [--timeout 180]
                                      [--pages overview segments ...] [--budget 1500]
                                      [--label NAME] [--app-root CHECKOUT]

`--app-root` serves another checkout of the project (default: this one), e.g. a commit
unpacked with `git archive HEAD | tar -x -C DIR && git rev-parse --short HEAD > DIR/COMMIT`,
so the tour measures committed code while the working tree changes.

What is timed, in headless Chromium (Playwright), against a fresh server started as the tests
start it (`python -m cockpit serve` with COCKPIT_DB_URL=duckdb:///PATH, a throw-away app store):

- **Page, cold**: from `page.goto(URL?lang=LANG)` in a new browser context (a new session, an
  empty browser cache) until Streamlit has settled: connected, the script is not running, no
  skeleton, no stale element, every visible Plotly chart drawn (the wait of
  tests/test_app_browser.py `_wait_rendered`). Pages are opened once each, in menu order, on
  one server run, so a page's own queries are cold; the queries every page shares (the data
  range, the filter options) are cached after the first page, as for a real visitor.
- **Tab**: from the click on a tab of `st.tabs` (`[role="tab"]`) until the rerun that click
  starts has finished and the page has settled as above. The first tab opens with the page,
  so it is part of the page's time; the other tabs are clicked in order, then the first tab
  again ("back", usually served from `st.cache_data`).
- **Floor**: the same measurements for a minimal Streamlit script (a title, two tabs, one
  Plotly chart in the open tab) served with `streamlit run` on another port: opened three
  times in new contexts, its tabs clicked twice each time. That is the cost of Streamlit, the
  browser and the websocket alone; read a page's open as seconds above the floor's open and a
  tab click as seconds above the floor's tab click (medians).
- **Memory**: the server process's peak RSS (VmHWM in /proc/PID/status) over the whole tour,
  and, sampled every 0.2 s, the RSS of the server and all its child processes added up (a
  child that lives less than 0.2 s can be missed).

A step that has not settled after `--timeout` seconds is reported as "> N s" and the tour goes
on (the server keeps running that step's queries, which slows the steps after it). Steps left
when `--budget` seconds have passed are reported as "not run". Output: a Markdown table on
stdout, JSON in benchmarks/out/browser-tour-LABEL.json (LABEL: --label, else the file's stem).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}
SERVER_START_S = 120
FLOOR_VISITS = 3
NO_RERUN_GRACE_MS = 3000  # a click that starts no rerun within this is timed as such
SAMPLE_S = 0.2

APP = '[data-testid="stApp"]'
CONNECTED = f'{APP}[data-test-connection-state="CONNECTED"]'
CONTENT = '[data-testid="stMain"] [data-testid="stElementContainer"]'
# st.tabs buttons: role=tab in Streamlit 1.67 (react-aria); data-baseweb="tab" before.
TAB = '[data-testid="stMain"] [role="tab"], [data-testid="stMain"] [data-baseweb="tab"]'
EXCEPTION = '[data-testid="stException"]'
ERROR_ALERT = '[data-testid="stAlertContentError"]'

# Settled: connected, script not running, no skeleton, no stale element, charts drawn.
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]'))
    return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (document.querySelector('[data-testid="stElementContainer"][data-stale="true"]'))
    return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.offsetParent === null || chart.querySelector('.main-svg'));
}"""
# Before a click: note every change of the script state, so a rerun that starts and ends
# between two polls is still seen.
WATCH_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__tourRuns = 0;
  window.__tourClickAt = performance.now();
  if (window.__tourObserver) window.__tourObserver.disconnect();
  window.__tourObserver = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__tourRuns += 1;
  });
  window.__tourObserver.observe(app, {attributes: true,
                                      attributeFilter: ['data-test-script-state']});
}"""
AFTER_CLICK = f"""([grace]) => {{
  const state = document.querySelector('[data-testid="stApp"]')
    .getAttribute('data-test-script-state');
  const ran = window.__tourRuns > 0 || state === 'running';
  const waited = performance.now() - window.__tourClickAt;
  return (ran || waited > grace) && ({SETTLED})();
}}"""

FLOOR_SCRIPT = '''"""The trivial page: a title, two lazy tabs, one Plotly chart in the open tab."""
import pandas as pd
import plotly.express as px
import streamlit as st

st.title("Floor")
tabs = st.tabs(["A", "B"], key="floor_tab", on_change="rerun")
for tab, days in zip(tabs, (28, 56)):
    if tab.open:
        with tab:
            frame = pd.DataFrame({"day": pd.date_range("2026-01-01", periods=days),
                                  "gmv": range(days)})
            st.plotly_chart(px.line(frame, x="day", y="gmv"))
'''


def pages(app_root: Path) -> dict[str, str]:
    """Page key -> URL path, in menu order ("" is the Overview at "/"), from the registry of
    the checkout at `app_root` (read in a child process, which imports that checkout)."""
    code = ("import json, logging; logging.disable(logging.WARNING); "
            "from cockpit.ui.registry import PAGES; "
            "print(json.dumps([[s.key, s.url_path] for s in PAGES]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=app_root, env=app_env(app_root),
                         capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def app_env(app_root: Path, **extra: str) -> dict[str, str]:
    """The environment for a process that runs the checkout at `app_root` (its src first)."""
    path = os.pathsep.join(p for p in (str(app_root / "src"), os.environ.get("PYTHONPATH"))
                           if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


# ---- server --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path
    started_s: float = 0.0

    def log_tail(self, n: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""


def start_server(command: list[str], env: dict[str, str], port: int, log: Path,
                 cwd: Path) -> Server:
    """Start `command`, output to `log`; wait until /_stcore/health answers."""
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + SERVER_START_S
    while not healthy(server.url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(server)
            raise RuntimeError(f"server did not become healthy:\n{server.log_tail()}")
        time.sleep(0.1)
    server.started_s = time.perf_counter() - started
    return server


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=15)


def app_server(db: Path, workdir: Path, app_root: Path) -> Server:
    """The cockpit of the checkout `app_root` as the browser tests start it, on the warehouse
    `db` (opened read-only by the app), with its own app store and upload folder under
    `workdir`."""
    port = free_port()
    env = app_env(app_root, COCKPIT_DB_URL=f"duckdb:///{db}",
                  COCKPIT_APP_DB_URL=f"sqlite:///{workdir / 'app.sqlite'}",
                  COCKPIT_UPLOAD_DIR=str(workdir / "uploads"))
    env.pop("COCKPIT_LANG", None)
    command = [sys.executable, "-m", "cockpit", "serve", "--port", str(port),
               "--address", "127.0.0.1"]
    return start_server(command, env, port, workdir / "server-app.log", app_root)


def floor_server(workdir: Path) -> Server:
    script = workdir / "floor.py"
    script.write_text(FLOOR_SCRIPT)
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    return start_server(command, dict(os.environ), port, workdir / "server-floor.log", workdir)


# ---- memory --------------------------------------------------------------------------------

def _status_kb(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += _children(current)
    return tree


class MemoryWatch:
    """Samples the RSS of a process and its descendants every SAMPLE_S seconds."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_tree_kb = 0
        self.child_hwm_kb: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in process_tree(self.pid):
                total += _status_kb(pid, "VmRSS") or 0
                if pid != self.pid:
                    hwm = _status_kb(pid, "VmHWM") or 0
                    self.child_hwm_kb[pid] = max(self.child_hwm_kb.get(pid, 0), hwm)
            self.peak_tree_kb = max(self.peak_tree_kb, total)
            self._stop.wait(SAMPLE_S)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server_hwm_kb = _status_kb(self.pid, "VmHWM") or 0  # read before it stops
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict[str, Any]:
        return {"server_peak_rss_mb": self.server_hwm_kb / 1024,
                "children_seen": len(self.child_hwm_kb),
                "largest_child_peak_rss_mb": max(self.child_hwm_kb.values(), default=0) / 1024,
                "tree_peak_rss_sampled_mb": self.peak_tree_kb / 1024}


# ---- browser steps -------------------------------------------------------------------------

@dataclass
class Step:
    page: str
    step: str  # "open" or "tab: LABEL"
    seconds: float | None = None  # None: timed out or not run
    status: str = "ok"  # ok, timeout, not run, no rerun, error
    problems: list[str] = field(default_factory=list)

    def shown(self, timeout_s: float) -> str:
        if self.status == "timeout":
            return f"> {timeout_s:.0f} s"
        if self.seconds is None:
            return self.status
        return f"{self.seconds:.2f} s"


def problems(page) -> list[str]:
    found = []
    for selector in (EXCEPTION, ERROR_ALERT):
        found += [el.inner_text()[:300] for el in page.query_selector_all(selector)]
    return found


def new_page(browser, lang: str):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN" if lang == "zh" else "en-US")
    return context.new_page()


def open_cold(browser, url: str, lang: str, timeout_s: float, name: str):
    """Open `url` in a new context; the step's time runs from goto until settled."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = new_page(browser, lang)
    step = Step(name, "open")
    started = time.perf_counter()
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        remaining = max(1.0, timeout_s - (time.perf_counter() - started))
        page.wait_for_function(SETTLED, timeout=remaining * 1000, polling=50)
        step.seconds = time.perf_counter() - started
    except PlaywrightTimeout:
        step.status = "timeout"
    except PlaywrightError as exc:
        step.status, step.problems = "error", [str(exc)[:300]]
    if step.status == "ok":
        step.problems = problems(page)
    return page, step


def click_tab(page, index: int, name: str, label: str, timeout_s: float) -> Step:
    """Click tab `index`; the step's time runs from the click until its rerun has settled."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    step = Step(name, f"tab: {label}")
    try:
        page.evaluate(WATCH_RUNS)
        started = time.perf_counter()
        page.locator(TAB).nth(index).click(timeout=timeout_s * 1000)
        remaining = max(1.0, timeout_s - (time.perf_counter() - started))
        page.wait_for_function(AFTER_CLICK, arg=[NO_RERUN_GRACE_MS],
                               timeout=remaining * 1000, polling=50)
        step.seconds = time.perf_counter() - started
        if not page.evaluate("() => window.__tourRuns > 0"):
            step.status = "no rerun"
            step.problems = ["no rerun seen: the time includes a 3 s grace"]
        else:
            step.problems = problems(page)
    except PlaywrightTimeout:
        step.status = "timeout"
    except PlaywrightError as exc:
        step.status, step.problems = "error", [str(exc)[:300]]
    return step


def tab_labels(page) -> list[str]:
    return [el.inner_text().strip() for el in page.query_selector_all(TAB)]


def tour_page(browser, url: str, name: str, lang: str, timeout_s: float,
              deadline: float) -> list[Step]:
    """Open one page cold, then click each of its tabs after the first, then the first."""
    page, opened = open_cold(browser, url, lang, timeout_s, name)
    steps = [opened]
    try:
        if opened.status != "ok":
            return steps
        labels = tab_labels(page)
        if labels:
            opened.step = f"open (tab: {labels[0]})"
        order = list(range(1, len(labels))) + ([0] if len(labels) > 1 else [])
        for index in order:
            label = labels[index] + (" (back)" if index == 0 else "")
            if time.monotonic() > deadline:
                steps.append(Step(name, f"tab: {label}", status="not run"))
                continue
            steps.append(click_tab(page, index, name, label, timeout_s))
            print(f"  {name} {steps[-1].step}: {steps[-1].shown(timeout_s)}", file=sys.stderr,
                  flush=True)
    finally:
        page.context.close()
    return steps


def floor(browser, lang: str, timeout_s: float, workdir: Path) -> dict[str, Any]:
    """The trivial page served the same way: a first visit on a fresh server, more visits in
    new contexts; in each, a click on tab B and back on tab A (a rerun that draws a chart)."""
    server = floor_server(workdir)
    try:
        times, clicks = [], []
        for _ in range(FLOOR_VISITS):
            page, step = open_cold(browser, f"{server.url}/?lang={lang}", lang, timeout_s, "floor")
            try:
                times.append(step.seconds)
                if step.status == "ok":
                    clicks += [click_tab(page, i, "floor", "", timeout_s).seconds for i in (1, 0)]
            finally:
                page.context.close()
        ok = [t for t in times if t is not None]
        ok_clicks = [t for t in clicks if t is not None]
        return {"server_start_s": server.started_s, "first_visit_s": times[0],
                "later_visits_s": times[1:], "median_s": statistics.median(ok or [0.0]),
                "tab_clicks_s": clicks, "tab_median_s": statistics.median(ok_clicks or [0.0])}
    finally:
        stop_server(server)


def commit_of(app_root: Path) -> str:
    """The checkout's HEAD commit (with "+changes" when its tree differs), or "unknown"."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=app_root, capture_output=True,
                              text=True).stdout.strip()

    if (app_root / "COMMIT").is_file():  # an unpacked archive: `git rev-parse HEAD > COMMIT`
        return (app_root / "COMMIT").read_text().strip()
    if not (app_root / ".git").exists():
        return "unknown (not a git checkout)"
    head = git("rev-parse", "--short", "HEAD")
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def warehouse_counts(db: Path) -> dict[str, Any]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as conn:
        orders, first, last = conn.execute(
            "SELECT count(*), min(order_date), max(order_date) FROM orders").fetchone()
        customers = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    return {"orders": orders, "customers": customers, "first_day": str(first),
            "last_day": str(last), "file_mb": db.stat().st_size / 2**20}


# ---- report --------------------------------------------------------------------------------

def markdown(result: dict[str, Any]) -> str:
    timeout_s = result["timeout_s"]
    floor_open, floor_tab = result["floor"]["median_s"], result["floor"]["tab_median_s"]
    rows = ["| page | step | seconds | above floor | notes |",
            "| --- | --- | ---: | ---: | --- |"]
    for s in result["steps"]:
        step = Step(**s)
        floor_s = floor_open if step.step.startswith("open") else floor_tab
        above = "" if step.seconds is None else f"{step.seconds - floor_s:+.2f} s"
        notes = "; ".join(step.problems) if step.problems else (
            "" if step.status == "ok" else step.status)
        rows.append(f"| {step.page} | {step.step} | {step.shown(timeout_s)} | {above} | "
                    f"{notes.replace('|', '/').replace(chr(10), ' ')} |")
    fl, mem, wh = result["floor"], result["memory"], result["warehouse"]
    later = ", ".join(f"{t:.2f}" for t in fl["later_visits_s"] if t is not None)
    lines = [
        f"Measured {result['measured_at']} on {result['machine']}, app at commit "
        f"{result['commit']}; warehouse {Path(result['db']).name} "
        f"({wh['orders']:,} orders, {wh['customers']:,} customers, {wh['first_day']} to "
        f"{wh['last_day']}, {wh['file_mb']:,.0f} MB); language {result['lang']}; "
        f"load average {result['load_before']} before, {result['load_after']} after.",
        "",
        f"Trivial page floor (a title, two tabs, one Plotly chart; `streamlit run`): open "
        f"{fl['first_visit_s']:.2f} s on the fresh server, then {later} s; median "
        f"**{floor_open:.2f} s**; a tab click (rerun drawing the chart) median "
        f"**{floor_tab:.2f} s** of {len(fl['tab_clicks_s'])}. \"Above floor\" subtracts the "
        f"open median from a page's open and the tab median from a tab click. App server "
        f"start (until /_stcore/health): {result['server_start_s']:.1f} s.",
        "",
        *rows,
        "",
        f"Peak RSS of the server process through the tour (VmHWM): "
        f"**{mem['server_peak_rss_mb']:,.0f} MB**; server and children sampled every "
        f"{SAMPLE_S} s: {mem['tree_peak_rss_sampled_mb']:,.0f} MB "
        f"({mem['children_seen']} child processes seen, largest peak "
        f"{mem['largest_child_peak_rss_mb']:,.0f} MB). Tour wall time "
        f"{result['tour_s']:.0f} s.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="DuckDB warehouse file")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per step")
    parser.add_argument("--pages", nargs="*", help="page keys (default: every page)")
    parser.add_argument("--budget", type=float, default=1500.0,
                        help="seconds for the app tour; later steps are reported as not run")
    parser.add_argument("--label", help="name of the JSON file (default: the file's stem)")
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="the project checkout to serve (default: this one), e.g. an "
                             "unpacked `git archive` of a commit")
    args = parser.parse_args(argv)

    db = args.db.resolve()
    if not db.is_file():
        parser.error(f"{db} does not exist")
    app_root = args.app_root.resolve()
    known = pages(app_root)
    chosen = args.pages or list(known)
    unknown = [p for p in chosen if p not in known]
    if unknown:
        parser.error(f"unknown pages {unknown}; known: {list(known)}")

    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "app_root": str(app_root), "commit": commit_of(app_root),
        "db": str(db), "warehouse": warehouse_counts(db), "lang": args.lang,
        "timeout_s": args.timeout, "budget_s": args.budget,
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    with tempfile.TemporaryDirectory(prefix="browser-tour-") as tmp, sync_playwright() as pw:
        workdir = Path(tmp)
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                     timeout=60_000)
        try:
            result["floor"] = floor(browser, args.lang, args.timeout, workdir)
            print(f"floor: {result['floor']}", file=sys.stderr, flush=True)
            server = app_server(db, workdir, app_root)
            result["server_start_s"] = server.started_s
            steps: list[Step] = []
            try:
                started = time.perf_counter()
                deadline = time.monotonic() + args.budget
                with MemoryWatch(server.process.pid) as memory:
                    for name in chosen:
                        if time.monotonic() > deadline:
                            steps.append(Step(name, "open", status="not run"))
                            continue
                        url = f"{server.url}/{known[name]}?lang={args.lang}"
                        page_steps = tour_page(browser, url, name, args.lang, args.timeout,
                                               deadline)
                        print(f"{name} open: {page_steps[0].shown(args.timeout)}",
                              file=sys.stderr, flush=True)
                        steps += page_steps
                result["tour_s"] = time.perf_counter() - started
                result["memory"] = memory.summary()
                result["server_log_tail"] = server.log_tail(2000)
            finally:
                stop_server(server)
        finally:
            browser.close()
    result["steps"] = [s.__dict__ for s in steps]
    result["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"browser-tour-{args.label or db.stem}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(markdown(result))
    print(f"\nJSON: {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
