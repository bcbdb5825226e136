"""Every page in both languages in a real browser (headless Chromium) against the launcher.

Saves a full-page screenshot of each to test-artifacts/screenshots/<page>-<lang>.png, and
opens several pages at once on a fresh server (guards the half-import race the launcher
prevents).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.server import free_port, healthy

from cockpit.config import PROJECT_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
LANGS = ("zh", "en")
SERVER_START_S = 90
PAGE_LOAD_MS = 90_000
CONCURRENT_PAGES = 4
VIEWPORT = {"width": 1400, "height": 900}
MAX_SHOT_HEIGHT = 8000

APP = '[data-testid="stApp"]'
CONNECTED = f'{APP}[data-test-connection-state="CONNECTED"]'
SCRIPT_DONE = f'{APP}[data-test-script-state="notRunning"]'
CONTENT = '[data-testid="stMain"] [data-testid="stElementContainer"]'
SKELETON = '[data-testid="stSkeleton"]'
EXCEPTION = '[data-testid="stException"]'
ERROR_ALERT = '[data-testid="stAlertContentError"]'
FULL_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')]
       .map(el => el.scrollHeight))"""
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.offsetParent === null || chart.querySelector('.main-svg'))"""


def _pages() -> dict[str, str]:
    """Name -> URL path of the pages ("" is the overview at "/")."""
    from cockpit.ui.registry import PAGES

    return {spec.key: spec.url_path for spec in PAGES}


PAGES = _pages()


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _start_server(db: Path | str, name: str, plain: bool = False) -> Server:
    """Start the launcher (or, `plain`, `streamlit run app.py` as a hosting service would) on
    a free port, output to a file; wait for /_stcore/health. `db`: a DuckDB file or a URL."""
    port = free_port()
    log = ARTIFACTS / f"server-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    url = f"duckdb:///{db}" if isinstance(db, Path) else db
    env = {**os.environ, "COCKPIT_DB_URL": url}
    env.pop("COCKPIT_LANG", None)
    code = f"from cockpit.serve import serve; serve(port={port}, address='127.0.0.1')"
    command = ([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                "--server.address", "127.0.0.1"] if plain else [sys.executable, "-c", code])
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + SERVER_START_S
    while not healthy(server.url):
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(server)
            pytest.fail(f"server did not become healthy:\n{server.log_text()[-3000:]}")
        time.sleep(0.25)
    return server


def _stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=15)


@contextmanager
def _serve(db: Path | str, name: str, plain: bool = False) -> Iterator[Server]:
    server = _start_server(db, name, plain)
    try:
        yield server
    finally:
        _stop(server)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing (CI=true: browser tests must run)")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS, timeout=60_000)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(demo_duckdb_path: Path) -> Iterator[Server]:
    with _serve(demo_duckdb_path, "pages") as running:
        yield running


def _new_page(browser):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(PAGE_LOAD_MS)
    return page


def _open(browser, url: str):
    page = _new_page(browser)
    page.goto(url, wait_until="commit")
    return page


def _wait_rendered(page) -> None:
    """Streamlit's own e2e wait: connected, script finished, no skeleton; then charts."""
    page.wait_for_selector(CONNECTED)
    page.wait_for_selector(CONTENT)
    page.wait_for_selector(SCRIPT_DONE)
    page.wait_for_selector(SKELETON, state="detached")
    page.wait_for_function(CHARTS_DRAWN)


def _screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so grow the viewport to it."""
    height = page.evaluate(FULL_HEIGHT)
    page.set_viewport_size({"width": VIEWPORT["width"],
                            "height": min(max(height, VIEWPORT["height"]), MAX_SHOT_HEIGHT)})
    page.wait_for_function(CHARTS_DRAWN)
    page.wait_for_timeout(300)  # let plotly finish its resize
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def _problems(page) -> list[str]:
    found = []
    for selector in (EXCEPTION, ERROR_ALERT):
        found += [el.inner_text()[:1500] for el in page.query_selector_all(selector)]
    return found


def _has_shell(page) -> bool:
    """The page ran inside app.py: the sidebar carries the language switch."""
    from cockpit.ui.i18n import t

    sidebar = page.query_selector('[data-testid="stSidebar"]')
    return sidebar is not None and t("filters.language", "en") in sidebar.inner_text()


def _page_url(server: Server, path: str, lang: str) -> str:
    return f"{server.url}/{path}?lang={lang}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_without_errors(browser, server: Server, name: str, lang: str) -> None:
    _check_page(browser, server, name, lang, SCREENSHOTS / f"{name}-{lang}.png")


def _check_page(browser, server: Server, name: str, lang: str, shot: Path) -> None:
    """Open page `name`, wait until it has rendered, screenshot it to `shot`; no error or
    exception on it, and it ran inside app.py's shell."""
    page = _open(browser, _page_url(server, PAGES[name], lang))
    try:
        _wait_rendered(page)
        _screenshot(page, shot)
        assert _problems(page) == [], server.log_text()[-4000:]
        assert _has_shell(page), f"{name} rendered without app.py's shell"
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def clickhouse_server(tmp_path_factory) -> Iterator[Server]:
    """The app served from a chDB warehouse. chDB runs one engine per folder and process, so
    the demo is built by a command in its own folder, then served: what a user does."""
    from conftest import DEMO_END_DATE, DEMO_SEED, chdb_url

    url = chdb_url(str(tmp_path_factory.mktemp("served_chdb")), "cockpit")
    built = subprocess.run([sys.executable, "-m", "cockpit", "demo", "--url", url,
                            "--scale", "small", "--seed", str(DEMO_SEED),
                            "--end-date", DEMO_END_DATE.isoformat()],
                           cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    with _serve(url, "clickhouse") as running:
        yield running


@pytest.mark.clickhouse
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_from_clickhouse(browser, clickhouse_server: Server, name: str) -> None:
    """Every page served from ClickHouse, each in one language (the pages alternate): the
    same SQL as on DuckDB, through clickhouse-connect."""
    lang = LANGS[list(PAGES).index(name) % 2]
    _check_page(browser, clickhouse_server, name, lang,
                SCREENSHOTS / f"clickhouse-{name}-{lang}.png")


def test_concurrent_sessions_on_a_fresh_server(browser, demo_duckdb_path: Path) -> None:
    """Several sessions running page scripts at once on a just-started server all render."""
    names = [n for n in PAGES if PAGES[n]] or list(PAGES)  # not "/": a direct link first
    paths = [PAGES[names[i % len(names)]] for i in range(CONCURRENT_PAGES)]
    with _serve(demo_duckdb_path, "concurrent") as server:
        urls = [_page_url(server, path, LANGS[i % 2]) for i, path in enumerate(paths)]
        pages = [_new_page(browser) for _ in urls]
        try:
            for page, url in zip(pages, urls, strict=True):  # navigate all without waiting
                page.evaluate("url => { window.location.href = url; }", url)
            for page in pages:
                _wait_rendered(page)
            problems = {url: _problems(page) + ([] if _has_shell(page) else ["no shell"])
                        for url, page in zip(urls, pages, strict=True)}
        finally:
            for page in pages:
                page.context.close()
        assert problems == dict.fromkeys(urls, []), server.log_text()[-4000:]
        assert "partially initialized" not in server.log_text()


@pytest.mark.parametrize("name", ["live", "forecast"])
def test_plain_streamlit_run_opens_a_direct_link_inside_the_shell(browser, demo_duckdb_path,
                                                                  name: str) -> None:
    """A fresh `streamlit run app.py` whose very first visit is a direct link: the page opens
    inside the shell, with the language switch and the translated menu, in English."""
    from cockpit.ui.i18n import t
    from cockpit.ui.registry import PAGES as SPECS

    with _serve(demo_duckdb_path, f"plain-{name}", plain=True) as server:
        page = _open(browser, _page_url(server, PAGES[name], "en"))
        try:
            _wait_rendered(page)
            assert _problems(page) == [], server.log_text()[-4000:]
            assert _has_shell(page), "the direct link rendered without app.py's shell"
            menu = page.locator('[data-testid="stSidebarNav"]').inner_text()
            for spec in SPECS:
                assert t(spec.title_key, "en") in menu
            assert "app" not in menu.split()
            title = page.locator('[data-testid="stMain"] h1').first.inner_text()
            assert title == t(f"page.{name}", "en")
            _screenshot(page, SCREENSHOTS / f"plain-{name}-en.png")
        finally:
            page.context.close()


IMPORT_CSV = ("订单号,客户ID,下单时间,成交金额,订单状态,收货人\n"
              "T1001,buyer_a,2026-11-01 10:00:00,120.50,交易成功,张三\n"
              "T1002,buyer_b,2026-11-02 11:30:00,80,交易成功,李四\n"
              "T1003,buyer_a,2026-11-03 12:00:00,30,交易关闭,张三\n")


def _gmv(browser, server: Server, lang: str) -> str:
    """The Overview's GMV card value."""
    from cockpit.ui.i18n import kpi_label

    page = _open(browser, _page_url(server, "", lang))
    try:
        _wait_rendered(page)
        card = page.locator('[data-testid="stMetric"]').filter(
            has=page.get_by_text(kpi_label("gmv", lang), exact=True)).first
        return card.locator('[data-testid="stMetricValue"]').inner_text().strip()
    finally:
        page.context.close()


def _upload_file(page, path: Path) -> None:
    page.locator('.st-key-import_upload input[type="file"]').set_input_files(str(path))
    page.wait_for_selector(".st-key-import_map_total_cny")
    _wait_rendered(page)


def _pick(page, key: str, option: str) -> None:
    """Choose `option` in the selectbox with widget key `key`, as a click would."""
    page.locator(f'.st-key-{key} [role="combobox"]').click()
    page.keyboard.press("ArrowDown")  # opens the list (a click only focuses the input)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(300)
    _wait_rendered(page)


def test_import_page_gbk_upload_fix_mapping_and_the_overview_changes(
        browser, demo_duckdb_path: Path, tmp_path: Path, monkeypatch) -> None:
    """Upload a GBK CSV with Chinese headers, correct the one column detection cannot know
    (成交金额 for the amount), replace the demo data, wait for the worker, see the GMV; then
    a later export that refunds one order updates it, and the GMV drops by its amount."""
    from cockpit.ui.format import money
    from cockpit.ui.i18n import t

    db = tmp_path / "cockpit.duckdb"
    shutil.copy(demo_duckdb_path, db)
    monkeypatch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.setenv("COCKPIT_UPLOAD_DIR", str(tmp_path / "uploads"))
    export = tmp_path / "淘宝订单导出.csv"
    export.write_bytes(IMPORT_CSV.encode("gbk"))
    with _serve(db, "import") as server:
        before = _gmv(browser, server, "zh")
        page = _open(browser, _page_url(server, "import", "en"))
        try:
            _wait_rendered(page)
            assert "1024 MB" in page.locator('[data-testid="stMain"]').inner_text()
            _upload_file(page, export)
            assert t("import_data.blocked", "en", n=1).replace("**", "") in page.locator(
                ERROR_ALERT).first.inner_text()
            _screenshot(page, SCREENSHOTS / "import-report-en.png")
        finally:
            page.context.close()
        page = _open(browser, _page_url(server, "import", "zh"))
        try:
            _wait_rendered(page)
            _upload_file(page, export)
            page.get_by_text(t("import_data.mode.replace", "zh"), exact=True).click()
            _wait_rendered(page)
            _pick(page, "import_map_total_cny", "成交金额")
            confirm = page.locator(".st-key-import_confirm").get_by_role("button")
            assert confirm.is_enabled()
            assert t("import_data.confirm", "zh", n="3") in confirm.inner_text()
            assert _problems(page) == [], server.log_text()[-4000:]
            _screenshot(page, SCREENSHOTS / "import-zh.png")
            page.set_viewport_size(VIEWPORT)
            confirm.click()
            page.wait_for_selector('[data-testid="stAlertContentSuccess"] >> text=已导入')
            _wait_rendered(page)
            assert _problems(page) == [], server.log_text()[-4000:]
            main = page.locator('[data-testid="stMain"]').inner_text()
            assert export.name in main and t("import_data.history_status.imported", "zh") in main
            _screenshot(page, SCREENSHOTS / "import-done-zh.png")
        finally:
            page.context.close()
        after = _gmv(browser, server, "zh")
        later = tmp_path / "淘宝订单导出_第二周.csv"  # T1002 refunded in full since
        header, *rows = IMPORT_CSV.splitlines()
        rows = [f"{row},80" if row.startswith("T1002") else f"{row}," for row in rows]
        later.write_bytes("\n".join([f"{header},退款金额", *rows, ""]).replace(
            "80,交易成功,李四", "80,退款成功,李四").encode("gbk"))
        for lang in ("en", "zh"):
            _import_later_export(browser, server, later, lang)
        refunded = _gmv(browser, server, "zh")
    assert before != after
    assert after == "¥200"  # 120.50 + 80 paid; the closed order is no GMV
    assert refunded == money(120.50, "zh")  # T1002 refunded in full by the later export


def _import_later_export(browser, server: Server, later: Path, lang: str) -> None:
    """Upload an export that restates one imported order: the report counts it as updated
    (in English, only looked at; in Chinese, imported)."""
    from cockpit.ui.i18n import t

    page = _open(browser, _page_url(server, "import", lang))
    try:
        _wait_rendered(page)
        _upload_file(page, later)
        _pick(page, "import_map_total_cny", "成交金额")
        confirm = page.locator(".st-key-import_confirm").get_by_role("button")
        assert t("import_data.confirm_updates_only", lang, m="1") in confirm.inner_text()
        _screenshot(page, SCREENSHOTS / f"import-update-{lang}.png")
        if lang == "zh":
            page.set_viewport_size(VIEWPORT)
            confirm.click()
            page.wait_for_selector('[data-testid="stAlertContentSuccess"] >> text=已导入')
            _wait_rendered(page)
            assert _problems(page) == [], server.log_text()[-4000:]
    finally:
        page.context.close()



IMPORTED_PAGES = ("overview", "segments", "forecast")


@pytest.fixture(scope="module")
def imported_server(tmp_path_factory) -> Iterator[Server]:
    """The launcher on a fresh warehouse holding only the CDNOW orders imported with the CLI
    (tests/support/cdnow_export.py), with that import's app store."""
    from support.cdnow_export import import_cdnow

    imported = import_cdnow(tmp_path_factory.mktemp("imported"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COCKPIT_APP_DB_URL", f"sqlite:///{imported.app_store}")
        with _serve(imported.warehouse, "imported") as running:
            yield running


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", IMPORTED_PAGES)
def test_imported_data_pages_render(browser, imported_server: Server, name: str,
                                    lang: str) -> None:
    """Overview, Segments and Forecast on imported orders alone (no lines, channels or
    regions): no exception box, no error alert, inside the shell."""
    page = _open(browser, _page_url(imported_server, PAGES[name], lang))
    try:
        _wait_rendered(page)
        _screenshot(page, SCREENSHOTS / f"imported-{name}-{lang}.png")
        assert _problems(page) == [], imported_server.log_text()[-4000:]
        assert _has_shell(page), f"{name} rendered without app.py's shell"
        legends = page.locator(f'{CONTENT} .legendtext').all_text_contents()
        assert not {"None", "nan", "NaN", "null"} & set(legends), legends
        if name == "overview":  # no order has a channel: one Unknown series
            from cockpit.ui.i18n import t

            assert t("channel.unknown", lang) in legends
    finally:
        page.context.close()


def test_review_action_item_is_added_and_found_after_a_reload(browser, server: Server) -> None:
    """The weekly review's action item goes to the app store: added in the page, it is still
    there after the browser reloads (a new session)."""
    from cockpit.ui.i18n import t

    text = f"Restock nut gift boxes {time.time_ns()}"
    page = _open(browser, _page_url(server, "review", "en") + "&week=2026-W46")
    try:
        _wait_rendered(page)
        page.locator(".st-key-review_action_text input").fill(text)
        page.locator(".st-key-review_action_owner input").fill("Li")
        page.get_by_role("button", name=t("review.add_action", "en")).click()
        page.get_by_text(text).first.wait_for()
        page.reload(wait_until="commit")
        _wait_rendered(page)
        assert page.get_by_text(text).count() >= 1
        assert _problems(page) == [], server.log_text()[-4000:]
        _screenshot(page, SCREENSHOTS / "review-action-en.png")
    finally:
        page.context.close()


def test_tables_download_only_through_the_escaping_button(browser, server: Server) -> None:
    """The grid toolbar's own "Download as CSV" (raw cells) is hidden; the page's download
    buttons (cockpit.exports escapes formula-like text) stay."""
    page = _open(browser, _page_url(server, PAGES["review"], "en"))
    try:
        _wait_rendered(page)
        grid = page.locator('[data-testid="stDataFrame"]:visible').first
        grid.scroll_into_view_if_needed()
        grid.hover()
        page.wait_for_selector('[data-testid="stElementToolbar"] button', state="attached")
        shown = page.eval_on_selector_all(
            '[data-testid="stElementToolbar"] button',
            "els => els.map(e => [e.getAttribute('aria-label'), getComputedStyle(e).display])")
        labels = {label for label, _ in shown}
        assert {"Download as CSV", "Search"} <= labels  # the toolbar is there, and read
        assert all(display == "none" for label, display in shown if label == "Download as CSV")
        assert any(display != "none" for label, display in shown if label == "Search")
        assert page.locator('[data-testid="stDownloadButton"]:visible').count() >= 1
    finally:
        page.context.close()
