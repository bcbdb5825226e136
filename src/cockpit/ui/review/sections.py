"""Weekly review sections: KPI cards, the bridge (waterfall and tables), anomalies, highlight
blocks linking to their pages, the narrative, notes and actions, and the deck downloads."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from cockpit.access.roles import DOWNLOAD_DECK, EDIT_REVIEW
from cockpit.appstore import app_engine
from cockpit.appstore import review as store
from cockpit.config import app_db_url
from cockpit.filters import Filters
from cockpit.review import numbers as num
from cockpit.review import tables
from cockpit.review.anomalies import BASELINE_WEEKS
from cockpit.review.deck import write_pdf, write_pptx
from cockpit.review.highlights import Highlight
from cockpit.review.labels import word
from cockpit.review.narrative import narrative
from cockpit.review.report import Review
from cockpit.review.weeks import IsoWeek
from cockpit.ui import table
from cockpit.ui.auth import allowed
from cockpit.ui.downloads import download, filters_in_effect, may_download
from cockpit.ui.filters import MULTI_KEYS
from cockpit.ui.i18n import name, t
from cockpit.ui.registry import PAGES, PageSpec
from cockpit.ui.theme import TEMPLATE

LINK_TABS = {"forecast": "forecast.tab.inventory"}  # the tab a block's figures come from
CARDS = ("gmv", "orders", "aov", "active_customers", "new_customers", "live_share")


def names(kind: str, code: str, lang: str) -> str:
    return name(kind, code, lang)


CARDS_PER_ROW = 3
DECK_KEY = "review_deck"  # (what it was built for, pptx, pdf, why the PDF failed)
DAY_WIDTH_PX = 100


def _delta(text: str) -> str | None:
    """A change as shown, for st.metric, which reads its arrow and colour from a leading
    ASCII "-" (the typographic minus the tables use would show a fall as a green rise)."""
    return None if text == num.EMPTY else text.replace(num.MINUS, "-")


def _metric_delta(percent: float | None) -> str | None:
    return _delta(num.signed_pct(percent))


def kpi_cards(r: Review, lang: str) -> None:
    k = r.kpis.set_index("kpi")
    cols = st.columns(CARDS_PER_ROW)  # wraps: six cards in one row cut the values short
    for i, key in enumerate(CARDS):
        row = k.loc[key]
        with cols[i % CARDS_PER_ROW], st.container(border=True):
            st.metric(word(f"kpi.{key}", lang), num.value(row["value"], row["unit"], lang),
                      delta=_metric_delta(num.change(row["value"], row["previous"])),
                      delta_description=t("review.vs_previous", lang),
                      help=word(f"kpi.{key}.help", lang))
            yoy = num.signed_pct(num.change(row["value"], row["last_year"]))
            st.caption(t("review.vs_last_year", lang, delta=yoy))
            if not num.missing(row["lunar"]):
                st.caption(t("review.lunar", lang, delta=num.signed_pct(
                    num.change(row["value"], row["lunar"]))))
            if not num.missing(row["attainment"]):
                st.caption(t("review.plan", lang, value=num.pct(row["attainment"])))
    with st.expander(t("review.kpi_table", lang)):
        table(tables.kpi_table(r, lang), f"review_{r.week}_kpis", lang)


def bridge(r: Review, lang: str) -> None:
    st.subheader(t("review.bridge", lang), help=t("review.bridge_help", lang))
    s = r.bridge.steps()
    fig = go.Figure(go.Waterfall(
        x=[word(f"step.{x}", lang) for x in s["step"]], y=s["value"].tolist(),
        measure=["absolute", "relative", "relative", "total"],
        text=[num.money(v, lang) for v in s["value"]], textposition="outside",
        increasing={"marker": {"color": "#2e7d32"}}, decreasing={"marker": {"color": "#c62828"}},
        totals={"marker": {"color": "#1f4e79"}}))
    fig.update_layout(template=TEMPLATE, height=340, margin={"t": 30, "b": 10},
                      yaxis_title="¥", showlegend=False)
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(fig, key="review_waterfall")
    with right:
        st.dataframe(tables.steps_table(r, lang), hide_index=True)
    seg = tables.segments_table(r, lang, names)
    table(seg, f"review_{r.week}_bridge", lang, height=320)


def anomalies(r: Review, lang: str) -> None:
    st.subheader(t("review.anomalies", lang),
                 help=t("review.anomalies_help", lang, weeks=BASELINE_WEEKS))
    if r.anomalies.empty:
        st.caption(t("review.no_anomalies", lang))
    else:
        day = st.column_config.TextColumn(width=DAY_WIDTH_PX)  # the full date, never cut
        table(tables.anomaly_table(r, lang, names), f"review_{r.week}_anomalies", lang,
              column_config={word("col.day", lang): day})
    if not r.dropoffs.empty:
        st.markdown("**" + t("review.dropoffs", lang) + "**")
        d = r.dropoffs
        st.dataframe({t("review.col_session", lang): d["title"].tolist(),
                      t("review.col_minute", lang): d["minute_at"].dt.strftime(
                          "%Y-%m-%d %H:%M").tolist(),
                      t("review.col_lost", lang): [num.count(v) for v in d["viewers_lost"]]},
                     hide_index=True)


def link_params(f: Filters, lang: str) -> dict[str, str | list[str]]:
    """The query parameters that open another page on the review's week and filters."""
    params: dict[str, str | list[str]] = {"start": f.start.isoformat(),
                                          "end": f.end.isoformat(), "lang": lang}
    for key, field in MULTI_KEYS.items():
        if getattr(f, field):
            params[key] = list(getattr(f, field))
    return params


def _cards(block: Highlight, lang: str) -> None:
    """A block's figures as cards, each with its change against the week before."""
    for col, m in zip(st.columns(len(block.metrics)), block.metrics, strict=True):
        compared = not num.missing(m.previous)
        col.metric(word(f"m.{m.key}", lang), num.value(m.value, m.unit, lang),
                   delta=_delta(num.shift(m.value, m.previous, m.unit, lang)) if compared
                   else None,
                   delta_description=t("review.vs_previous", lang) if compared else None)


def _block(r: Review, block: Highlight, lang: str, specs: dict[str, PageSpec]) -> None:
    """One highlight: its figures (a table, or cards above the stores or SKUs it lists),
    what they mean, and the link to its page."""
    st.markdown(f"**{word(f'block.{block.domain}', lang)}**")
    items = tables.highlight_items(block, lang)
    if items.empty:
        st.table(tables.highlight_rows(block, lang), hide_index=True)
    else:
        _cards(block, lang)
        st.markdown(word(f"block.{block.domain}.items", lang))
        st.table(items, hide_index=True)
    for note in tables.highlight_notes(block, lang, r.week.end):
        st.caption(note)
    spec = specs.get(block.domain)
    if spec is None:
        return
    page = t(spec.title_key, lang)
    if block.domain in LINK_TABS:
        page = t("review.page_tab", lang, page=page, tab=t(LINK_TABS[block.domain], lang))
    label = t("review.open_page", lang, page=page)
    try:
        st.page_link(spec.script, label=label, icon=spec.icon,
                     query_params=link_params(r.f, lang), help=t("review.open_page_help", lang))
    except Exception:  # noqa: BLE001 - the page runs alone (tests)
        st.caption(label)


def highlights(r: Review, lang: str) -> None:
    """Blocks without a list side by side, then each block with a list on a row of its own."""
    if not r.highlights:
        return
    st.subheader(t("review.highlights", lang))
    specs = {p.key: p for p in PAGES}
    narrow = [b for b in r.highlights if b.items.empty]
    if narrow:
        cols = st.columns(min(len(narrow), CARDS_PER_ROW))  # more wrap under the first
        for i, block in enumerate(narrow):
            with cols[i % len(cols)], st.container(border=True):
                _block(r, block, lang, specs)
    for block in (b for b in r.highlights if not b.items.empty):
        with st.container(border=True):
            _block(r, block, lang, specs)


def words(r: Review, lang: str) -> None:
    st.subheader(t("review.narrative", lang))
    st.info(narrative(r, lang, names).text, icon=":material/record_voice_over:")


def notes_and_actions(week: str, lang: str) -> None:
    """The week's notes and actions; editable for roles that may edit the review, a
    read-only list for the others (viewers)."""
    st.subheader(t("review.notes", lang))
    engine = app_engine(app_db_url())
    editable = allowed(EDIT_REVIEW)
    left, right = st.columns(2)
    with left:
        found = store.notes(engine, week)
        for row in found.itertuples():
            st.markdown(f"- {row.text}  :gray[{row.updated_at:%Y-%m-%d %H:%M}]")
        if found.empty:
            st.caption(t("review.no_notes", lang))
        if not editable:
            st.caption(t("review.read_only", lang))
            with right:
                _read_only_actions(store.actions(engine, week), lang)
            return
        st.text_area(t("review.note_text", lang), key="review_note_text")
        st.button(t("review.add_note", lang), key="review_add_note", on_click=_add,
                  args=("note", week, lang))
    with right:
        acts = store.actions(engine, week)
        for row in acts.itertuples():
            _action_row(engine, row, lang)
        if acts.empty:
            st.caption(t("review.no_actions", lang))
        st.text_input(t("review.action_text", lang), key="review_action_text")
        st.text_input(t("review.owner", lang), key="review_action_owner")
        st.date_input(t("review.due", lang), value=None, key="review_action_due")
        st.button(t("review.add_action", lang), key="review_add_action", on_click=_add,
                  args=("action", week, lang))


def _add(kind: str, week: str, lang: str) -> None:
    """Button callback: save the typed note or action, then clear the inputs."""
    engine = app_engine(app_db_url())
    state = st.session_state
    if kind == "note":
        done = _save(lambda: store.add_note(engine, week, state.get("review_note_text", "")),
                     lang)
        keys = ("review_note_text",)
    else:
        done = _save(lambda: store.add_action(engine, week, state.get("review_action_text", ""),
                                              state.get("review_action_owner", ""),
                                              state.get("review_action_due")), lang)
        keys = ("review_action_text", "review_action_owner")
    if done:
        for key in keys:
            state[key] = ""


def _read_only_actions(acts, lang: str) -> None:
    for row in acts.itertuples():
        carried = f" · {t('review.carried', lang, week=row.week)}" if row.carried else ""
        due = (f" · {row.due_date}" if row.due_date is not None
               and str(row.due_date) != "NaT" else "")
        st.markdown(f"**{row.text}** — {row.owner}{due}{carried} · "
                    f"{t(f'review.status.{row.status}', lang)}")
    if acts.empty:
        st.caption(t("review.no_actions", lang))


def _action_row(engine, row, lang: str) -> None:
    statuses = ("open", "done", "dropped")
    carried = f" · {t('review.carried', lang, week=row.week)}" if row.carried else ""
    due = f" · {row.due_date}" if row.due_date is not None and str(row.due_date) != "NaT" else ""
    a, b = st.columns([3, 1])
    a.markdown(f"**{row.text}** — {row.owner}{due}{carried}")
    key = f"review_status_{row.action_id}_{row.version}"
    chosen = b.selectbox(word("col.status", lang),
                         statuses, index=statuses.index(row.status), key=key,
                         format_func=lambda s: t(f"review.status.{s}", lang),
                         label_visibility="collapsed")
    if chosen != row.status:
        _save(lambda: store.update(engine, "action", int(row.action_id), int(row.version),
                                   status=chosen), lang, rerun=True)


def _save(do, lang: str, rerun: bool = False) -> bool:
    try:
        do()
    except store.StaleEdit as exc:
        st.warning(t("review.stale", lang, why=exc))
        return False
    except ValueError as exc:
        st.warning(t("review.invalid", lang, why=exc))
        return False
    st.toast(t("review.saved", lang))
    if rerun:
        st.rerun()
    return True


def downloads(r: Review, week: str, lang: str) -> None:
    """The deck as PPTX and PDF, for every role (built from what the user may see). A built deck
    is kept for the session while the week, language and filters stay the same, so the
    buttons survive the rerun that a click's audit entry (cockpit.ui.downloads) causes."""
    if not may_download(permission=DOWNLOAD_DECK):
        return
    st.subheader(t("review.downloads", lang))
    actions = store.actions(app_engine(app_db_url()), week)
    built_for = json.dumps([week, lang, filters_in_effect()], sort_keys=True, default=str)
    if st.button(t("review.make_deck", lang), key="review_make_deck",
                 icon=":material/slideshow:"):
        st.session_state[DECK_KEY] = (built_for, *_build_deck(r, week, lang, actions))
    kept = st.session_state.get(DECK_KEY)
    if kept is None or kept[0] != built_for:
        return
    _, pptx, pdf, failed = kept
    if failed:
        st.warning(t("review.deck_failed", lang, why=failed))
    a, b = st.columns(2)
    download(a, t("review.pptx", lang), pptx, f"review-{week}-{lang}.pptx",
             key="review_dl_pptx", permission=DOWNLOAD_DECK, icon=":material/download:")
    if pdf is not None:
        download(b, t("review.pdf", lang), pdf, f"review-{week}-{lang}.pdf",
                 key="review_dl_pdf", permission=DOWNLOAD_DECK, icon=":material/download:")


def _build_deck(r: Review, week: str, lang: str, actions) -> tuple[bytes, bytes | None, str]:
    """The deck's PPTX and PDF bytes (PDF None, with why, when it cannot be made)."""
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / f"review-{week}-{lang}"
        pptx = write_pptx(r, stem.with_suffix(".pptx"), lang, actions, names).read_bytes()
        try:
            pdf = write_pdf(r, stem.with_suffix(".pdf"), lang, actions, names).read_bytes()
        except RuntimeError as exc:
            return pptx, None, str(exc)
    return pptx, pdf, ""


def caption(review: Review, week: IsoWeek, lang: str) -> None:
    """The week's dates, and when week 53 is compared with week 52 last year, that too."""
    note = t("review.caption", lang, week=week, start=week.start, end=week.end, note="")
    if review.comparisons.last_year_note:
        note = note.rstrip("。.") + word("last_year_53", lang)
    st.caption(note)
