"""Sign-in and roles in AppTest, in both languages: the open-mode note, an unknown user's
no-access page, a viewer without download buttons and with a read-only review, the Admin
page's audit log showing the login, pages left out of a role's navigation.

AppTest makes no HTTP request, so header mode is exercised by replacing the one function
that reads the request's headers, cockpit.ui.auth.login.request_headers."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import assert_clean, open_app, open_page, sign_in_by_header

from cockpit.access import audit
from cockpit.access.users import add_user
from cockpit.appstore import app_engine
from cockpit.ui.i18n import name, t

SECRET = "proxy-secret-for-tests"
LANGS = ["zh", "en"]


@pytest.fixture
def store(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("COCKPIT_APP_DB_URL", url)
    return url


def _as(monkeypatch, email: str | None, secret: str = SECRET) -> None:
    """Header mode, the request carrying `email` (None: no identity) and `secret`."""
    sign_in_by_header(monkeypatch, email, SECRET, sent=secret)


def _gate(demo_duckdb_path, monkeypatch, lang: str, **params: str) -> AppTest:
    at = open_app(demo_duckdb_path, monkeypatch, lang, **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def _nothing_of_the_app(at: AppTest) -> None:
    assert not at.metric and not at.dataframe
    assert t("filters.header", "en") not in [h.value for h in at.sidebar.header]
    assert t("filters.header", "zh") not in [h.value for h in at.sidebar.header]


@pytest.mark.parametrize("lang", LANGS)
def test_open_mode_says_so_in_the_sidebar(demo_duckdb_path, monkeypatch, store, lang):
    monkeypatch.delenv("COCKPIT_AUTH", raising=False)
    at = open_page(demo_duckdb_path, monkeypatch, "pages/overview.py", lang)
    assert t("auth.open", lang) in _sidebar_captions(at)
    assert at.get("download_button")  # an admin, as the demo always was
    assert audit.recent(app_engine(store)).empty  # no identity, no login entry


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_user_sees_only_the_no_access_page(demo_duckdb_path, monkeypatch, store,
                                                      lang):
    add_user(app_engine(store), "someone@example.com", "admin")
    _as(monkeypatch, "Stranger@Example.com")
    at = _gate(demo_duckdb_path, monkeypatch, lang)
    assert at.title[0].value == t("auth.no_access_title", lang)
    assert at.info[0].value == t("auth.no_access", lang, email="stranger@example.com")
    _nothing_of_the_app(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/segments.py")  # the only page is the no-access page


@pytest.mark.parametrize("lang", LANGS)
def test_a_request_without_the_proxy_secret_is_not_believed(demo_duckdb_path, monkeypatch,
                                                            store, lang):
    add_user(app_engine(store), "boss@example.com", "admin")
    _as(monkeypatch, "boss@example.com", secret="guessed")
    at = _gate(demo_duckdb_path, monkeypatch, lang)
    assert at.error[0].value == t("auth.bad_secret", lang)
    _nothing_of_the_app(at)
    assert audit.recent(app_engine(store)).empty


def test_header_mode_without_a_configured_secret_refuses_to_run(demo_duckdb_path,
                                                                monkeypatch, store):
    _as(monkeypatch, "boss@example.com")
    monkeypatch.delenv("COCKPIT_AUTH_PROXY_SECRET")
    at = _gate(demo_duckdb_path, monkeypatch, "en")
    assert at.error[0].value == t("auth.no_secret", "en")
    _nothing_of_the_app(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_has_no_download_and_a_read_only_review(demo_duckdb_path, monkeypatch,
                                                         store, lang):
    from cockpit.appstore import review

    engine = app_engine(store)
    add_user(engine, "view@example.com", "viewer")
    review.add_action(engine, "2026-W46", "Restock nut gift boxes", "Li Na")
    _as(monkeypatch, "view@example.com")
    at = open_page(demo_duckdb_path, monkeypatch, "pages/overview.py", lang)
    assert at.dataframe and not at.get("download_button")
    signed = t("auth.signed_in", lang, email="view@example.com",
               role=t("auth.role.viewer", lang))
    assert signed in _sidebar_captions(at)
    at.switch_page("pages/review.py")
    at.query_params["week"] = "2026-W46"
    at.run()
    assert_clean(at)
    assert not at.get("download_button")
    assert not at.text_input and not at.text_area and not at.date_input
    keys = {b.key for b in at.button}
    assert not keys & {"review_add_note", "review_add_action"}
    assert any("Restock nut gift boxes" in m.value for m in at.markdown)
    assert t("review.read_only", lang) in [c.value for c in at.caption]
    assert "review_make_deck" in keys  # every role makes the deck: test_access_browser
    # downloads it (AppTest loses this click on the page hand-over's rerun)


def test_an_analyst_has_the_download_buttons_a_viewer_lacks(demo_duckdb_path, monkeypatch,
                                                            store):
    add_user(app_engine(store), "ana@example.com", "analyst")
    _as(monkeypatch, "ana@example.com")
    at = open_page(demo_duckdb_path, monkeypatch, "pages/overview.py", "en")
    assert at.get("download_button")


@pytest.mark.parametrize("lang", LANGS)
def test_the_admin_page_shows_the_recorded_login(demo_duckdb_path, monkeypatch, store, lang):
    engine = app_engine(store)
    add_user(engine, "boss@example.com", "admin", by="setup")
    add_user(engine, "east@example.com", "region_manager", regions="east", by="setup")
    _as(monkeypatch, "BOSS@example.com")
    at = open_page(demo_duckdb_path, monkeypatch, "pages/admin.py", lang)
    assert at.title[0].value == t("page.admin", lang)
    users, log = at.dataframe[0].value, at.dataframe[1].value
    assert list(users[t("admin.col.email", lang)]) == ["boss@example.com", "east@example.com"]
    assert list(users[t("admin.col.scope", lang)]) == ["—", "east"]
    assert list(log[t("admin.col.action", lang)]) == [t("admin.action.login", lang)]
    assert list(log[t("admin.col.who", lang)]) == ["boss@example.com"]
    at.switch_page("pages/overview.py").run()  # one login per browser session
    assert len(audit.recent(engine, action="login")) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_region_manager_has_neither_import_nor_admin(demo_duckdb_path, monkeypatch, store,
                                                       lang):
    add_user(app_engine(store), "east@example.com", "region_manager", regions="east")
    _as(monkeypatch, "east@example.com")
    at = open_page(demo_duckdb_path, monkeypatch, "pages/overview.py", lang)
    assert t("auth.scope_regions", lang, items=name("region", "east", lang)) \
        in _sidebar_captions(at)
    for script in ("pages/import.py", "pages/admin.py"):  # not in the navigation at all
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(script)
    at.switch_page("pages/live.py").run()
    assert_clean(at)


def test_the_navigation_per_role():
    from cockpit.ui.registry import PAGES, pages_for

    every = {p.key for p in PAGES}
    assert {p.key for p in pages_for("admin")} == every
    assert {p.key for p in pages_for(None)} == every
    for role in ("manager", "analyst"):
        assert {p.key for p in pages_for(role)} == every - {"admin"}
    for role in ("region_manager", "store_manager", "viewer"):
        assert {p.key for p in pages_for(role)} == every - {"admin", "import_data"}


def _guarded_script() -> None:
    import streamlit as st

    from cockpit.access.roles import IMPORT_DATA
    from cockpit.ui.auth import Principal, require_permission
    from cockpit.ui.auth.session import set_principal

    set_principal(Principal("v@example.com", st.query_params["role"], "header"))
    require_permission(IMPORT_DATA, st.query_params["lang"])
    st.write("the import page body")


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_opened_by_url_refuses_a_role_without_the_permission(lang):
    """What pages/import.py and pages/admin.py do first, should a link reach them."""
    refused = AppTest.from_function(_guarded_script)
    refused.query_params.update(role="viewer", lang=lang)
    refused.run()
    assert refused.warning[0].value == t("auth.refused", lang, role=t("auth.role.viewer", lang))
    assert not refused.markdown
    admitted = AppTest.from_function(_guarded_script)
    admitted.query_params.update(role="analyst", lang=lang)
    admitted.run()
    assert not admitted.warning and admitted.markdown[0].value == "the import page body"


def _start_an_import() -> None:
    import streamlit as st

    from cockpit.ui.auth import Principal
    from cockpit.ui.auth.session import set_principal
    from cockpit.ui.import_data import jobs

    set_principal(Principal("ana@example.com", st.query_params["role"], "header"))
    jobs._start("import", "orders.csv", ["true"])
    st.write(f"job: {st.session_state.get(jobs.JOB)}")


@pytest.mark.parametrize(("role", "started"), [("analyst", True), ("viewer", False)])
def test_an_import_started_from_the_page_is_audited(store, monkeypatch, role, started):
    monkeypatch.setattr("cockpit.ui.import_data.worker.start",
                        lambda kind, subject, *args, **kwargs: f"{kind} {subject}")
    at = AppTest.from_function(_start_an_import)
    at.query_params["role"] = role
    at.run()
    assert not at.exception
    log = audit.recent(app_engine(store), action="import")
    if started:
        assert at.markdown[0].value == "job: import orders.csv"
        assert list(zip(log["who"], log["what"], strict=True)) == [("ana@example.com",
                                                                    "orders.csv")]
    else:  # a role that may not import: no job, nothing audited
        assert at.markdown[0].value == "job: None" and log.empty


def _a_download() -> None:
    import streamlit as st

    from cockpit.access.scope import Scope
    from cockpit.ui import downloads
    from cockpit.ui.auth import Principal
    from cockpit.ui.auth.session import set_principal

    set_principal(Principal("li@example.com", st.query_params["role"], "header",
                            Scope(regions=("east",))))
    shown = downloads.download(st, "CSV", b"a,b\n", "audience.csv", key="dl",
                               customer_level=True)
    st.write(f"shown: {shown}")
    if shown:  # what the button's click runs (AppTest cannot click a download button)
        downloads._audit_export("audience.csv", downloads.filters_in_effect())


@pytest.mark.parametrize(("role", "shown"), [("analyst", True), ("region_manager", False),
                                             ("viewer", False)])
def test_a_customer_level_download_is_offered_and_audited_by_role(store, role, shown):
    at = AppTest.from_function(_a_download)
    at.query_params.update(role=role, lang="en", start="2026-10-01", channel="live_stream")
    at.run()
    assert not at.exception
    assert at.markdown[0].value == f"shown: {shown}"
    assert len(at.get("download_button")) == int(shown)
    log = audit.recent(app_engine(store), action="export")
    if shown:
        entry = log.iloc[0]
        assert (entry["who"], entry["what"]) == ("li@example.com", "audience.csv")
        assert entry["filters"] == {"role": role,  # the test's own parameter, from the URL
                                    "start": "2026-10-01", "channel": "live_stream",
                                    "scope": {"regions": ["east"], "stores": []}}
    else:
        assert log.empty
