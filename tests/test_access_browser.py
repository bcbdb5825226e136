"""Sign-in through Chromium against `streamlit run app.py`.

OIDC: a local OpenID provider (oidc-provider-mock), a temporary secrets file whose [auth]
points at it, the provider's authorize form, and back in the app the sidebar names the
signed-in user; a second identity not in the users table gets the no-access page.

Header mode: two region managers in parallel browser sessions (each with its proxy's
headers) are each shown their own region's GMV, never the other's cached one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support.gmv import gmv_by_region
from support.server import free_port, healthy

from cockpit.access.users import add_user
from cockpit.appstore import app_engine
from cockpit.config import PROJECT_ROOT
from cockpit.ui import format as fmt
from cockpit.ui.i18n import kpi_label, t

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
START_S = 90
LOAD_MS = 90_000
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
SIDEBAR = '[data-testid="stSidebar"]'


@pytest.fixture(scope="module")
def provider():
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@contextmanager
def _serve(env: dict[str, str], name: str, port: int, *args: str
           ) -> Iterator[tuple[str, Path]]:
    """`streamlit run app.py` on `port` with `env` and extra `args`; (its URL, its log)
    once healthy."""
    url = f"http://localhost:{port}"
    log = ARTIFACTS / f"server-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "localhost", *args],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_S
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.25)
        yield url, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _env(demo_duckdb_path: Path, store: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "COCKPIT_DB_URL": f"duckdb:///{demo_duckdb_path}",
           "COCKPIT_APP_DB_URL": store, **extra}
    for name in ("COCKPIT_AUTH", "COCKPIT_LANG"):
        if name not in extra:
            env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def oidc_app(provider, demo_duckdb_path, tmp_path_factory):
    """`streamlit run app.py` with [auth] in a temporary secrets file (never the project's
    .streamlit/secrets.toml) and its own app store, listing one analyst."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    base = tmp_path_factory.mktemp("oidc")
    store = f"sqlite:///{base / 'app.sqlite'}"
    add_user(app_engine(store), "ana@example.com", "analyst", by="test")
    port = free_port()
    secrets = base / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-of-some-length"\n'
        'client_id = "cockpit-test"\n'
        'client_secret = "cockpit-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n')
    with _serve(_env(demo_duckdb_path, store), "oidc", port, "--secrets.files",
                str(secrets)) as served:
        yield served


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS, timeout=60_000)
        yield chromium
        chromium.close()


def _sign_in(browser, url: str, email: str):
    """Open the app, press the login button, authorize `email` at the provider."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(LOAD_MS)
    page.goto(f"{url}/?lang=en", wait_until="commit")
    page.wait_for_selector(CONNECTED)
    page.get_by_text(t("auth.login_intro", "en")).wait_for()
    assert page.locator('[data-testid="stMetric"]').count() == 0  # nothing of the app
    page.get_by_role("button", name=t("auth.sign_in", "en")).click()
    page.wait_for_selector('input[name="sub"]')  # the provider's authorize form
    page.fill('input[name="sub"]', email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**")
    page.wait_for_selector(CONNECTED)
    return page


def test_a_listed_user_signs_in_through_the_provider(browser, oidc_app):
    url, log = oidc_app
    page = _sign_in(browser, url, "Ana@Example.com")
    try:
        signed = t("auth.signed_in", "zh", email="ana@example.com",
                   role=t("auth.role.analyst", "zh"))
        page.locator(SIDEBAR).get_by_text(signed).wait_for()
        page.locator('[data-testid="stMetric"]').first.wait_for()  # the Overview runs
        assert page.locator(SIDEBAR).get_by_text(t("auth.sign_out", "zh")).count() == 1
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "oidc-signed-in.png"))
        raise AssertionError(log.read_text(errors="replace")[-3000:]) from None
    finally:
        page.context.close()


def test_an_unlisted_identity_gets_the_no_access_page(browser, oidc_app):
    url, log = oidc_app
    page = _sign_in(browser, url, "stranger@example.com")
    try:
        page.get_by_text(t("auth.no_access_title", "zh")).wait_for()
        assert page.locator('[data-testid="stMetric"]').count() == 0
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    finally:
        page.context.close()


SECRET = "proxy-secret-for-the-browser-test"
MANAGERS = {"east": "east.manager@example.com", "north": "north.manager@example.com"}
VIEWER = "viewer@example.com"


@pytest.fixture(scope="module")
def header_app(demo_duckdb_path, tmp_path_factory):
    """`streamlit run app.py` in header mode, listing a region manager of east, one of
    north and a viewer."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    store = f"sqlite:///{tmp_path_factory.mktemp('header') / 'app.sqlite'}"
    for region, email in MANAGERS.items():
        add_user(app_engine(store), email, "region_manager", regions=region, by="test")
    add_user(app_engine(store), VIEWER, "viewer", by="test")
    env = _env(demo_duckdb_path, store, COCKPIT_AUTH="header",
               COCKPIT_AUTH_PROXY_SECRET=SECRET)
    with _serve(env, "header", free_port()) as served:
        yield served


def _as(browser, email: str):
    """A page whose every request carries the proxy's headers for `email`."""
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  extra_http_headers={"X-Forwarded-Email": email,
                                                      "X-Cockpit-Proxy-Secret": SECRET})
    page = context.new_page()
    page.set_default_timeout(LOAD_MS)
    return page


def _open_trend_table(page) -> None:
    """Open the Overview's "GMV by channel, table" expander and wait for its table (its
    download button, for roles that have one, comes with it)."""
    expander = page.locator('[data-testid="stExpander"]').filter(
        has_text=t("overview.trend_table", "en")).first
    expander.locator("summary").click()
    expander.locator('[data-testid="stDataFrame"]').wait_for()


def _shown_gmv(page) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=kpi_label("gmv", "en"))
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_two_region_managers_in_parallel_sessions_see_only_their_own_gmv(
        browser, header_app, demo_duckdb_path):
    url, log = header_app
    gmv = gmv_by_region(f"duckdb:///{demo_duckdb_path}")
    pages = {}
    for region, email in MANAGERS.items():  # both sessions open side by side
        pages[region] = _as(browser, email)
    try:
        for _ in range(2):  # each reloads after the other filled the caches
            for region, page in pages.items():
                page.goto(f"{url}/?lang=en", wait_until="commit")
                page.wait_for_selector(CONNECTED)
                page.locator(SIDEBAR).get_by_text(MANAGERS[region]).wait_for()
                page.locator('[data-testid="stMetric"]').first.wait_for()
                assert _shown_gmv(page) == fmt.value(gmv[region], "cny", "en")
                _open_trend_table(page)
                page.locator('[data-testid="stDownloadButton"]').first.wait_for()
        assert fmt.value(gmv["east"], "cny", "en") != fmt.value(gmv["north"], "cny", "en")
    except Exception:
        for region, page in pages.items():
            page.screenshot(path=str(ARTIFACTS / f"header-{region}.png"))
        raise AssertionError(log.read_text(errors="replace")[-3000:]) from None
    finally:
        for page in pages.values():
            page.context.close()


def test_a_viewer_downloads_the_weekly_deck_and_no_table(browser, header_app):
    url, log = header_app
    page = _as(browser, VIEWER)
    downloads = page.locator('[data-testid="stDownloadButton"]')
    try:
        page.goto(f"{url}/?lang=en", wait_until="commit")
        page.locator('[data-testid="stMetric"]').first.wait_for()
        _open_trend_table(page)
        assert downloads.count() == 0  # the table, but no download of it for a viewer
        page.goto(f"{url}/review?lang=en", wait_until="commit")
        make = page.get_by_role("button", name=t("review.make_deck", "en"))
        make.click()
        downloads.first.wait_for()
        assert t("review.pptx", "en") in downloads.first.inner_text()
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "header-viewer.png"))
        raise AssertionError(log.read_text(errors="replace")[-3000:]) from None
    finally:
        page.context.close()
