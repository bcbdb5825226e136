"""The Import page before the import: the upload, the options, the detected mapping with one
dropdown per standard field, the statuses to explain, the first rows and the validation
report of a dry run, and the confirm button (which starts the worker, see `jobs`)."""

from __future__ import annotations

import hashlib
import zoneinfo
from dataclasses import astuple
from pathlib import Path

import pandas as pd
import streamlit as st

from cockpit.config import app_db_url, write_db_url
from cockpit.ingest.columns import header_key
from cockpit.ingest.fields import FIELDS_BY_NAME, PERSONAL_HEADERS
from cockpit.ingest.guards import MODES
from cockpit.ingest.problems import Problem
from cockpit.ingest.profiles import AFTER_SALES, PROFILE_NAMES, load_profile
from cockpit.ingest.tables import TABLE_CHOICES
from cockpit.ingest.values import LOCAL_TIMEZONE
from cockpit.ingest.warehouse_state import WarehouseState, read_state
from cockpit.ui import warehouse_version
from cockpit.ui.guard import literal
from cockpit.ui.i18n import CATALOGUE, name, t
from cockpit.ui.import_data import jobs, uploads
from cockpit.ui.import_data.review import (
    NOT_IN_FILE,
    Choice,
    Review,
    review_upload,
    save_upload,
)
from cockpit.warehouse.schema import ORDER_STATUSES, PLATFORMS

FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "parquet"]
DATE_ORDERS = {"auto": None, "dayfirst": True, "monthfirst": False}
SAMPLES = 2
FIX = "import_fix"  # session state: the user's corrections for the current upload
SWEPT = "import_swept"  # session state: old uploads were swept
# Page controls that answer a problem: its rule -> the hint that points at them.
PAGE_HINTS = {
    "demo_warehouse": "import_data.hint.replace",
    "missing_column": "import_data.hint.mapping",
    "empty_value": "import_data.hint.mapping",
    "two_columns_one_field": "import_data.hint.mapping",
    "ambiguous_day_order": "import_data.hint.dates",
    "contradicts_day_order": "import_data.hint.dates",
    "unknown_status": "import_data.hint.statuses",
    "unknown_after_sale": "import_data.hint.after_sales",
    "already_imported": "import_data.hint.undo",
    "currency_without_rate": "import_data.hint.fx",
}


@st.cache_data(ttl=30, max_entries=8, show_spinner=False)
def _state(url: str, version: int) -> WarehouseState:
    return read_state(url)


def warehouse_state() -> WarehouseState:
    url = write_db_url()
    return _state(url, warehouse_version(url))


def intro(state: WarehouseState, lang: str) -> None:
    """What the page does, and what the warehouse holds now."""
    st.caption(t("import_data.intro", lang))
    if not state.exists:
        st.info(t("import_data.empty_warehouse", lang), icon=":material/database:")
    elif state.kind == "demo":
        st.info(t("import_data.demo_warehouse", lang), icon=":material/science:")


def upload(lang: str) -> Path | None:
    """The upload widget with its size limit; the saved file (saved once per upload, and
    again if it was removed after its import). The session's previous upload is removed
    when another file is chosen or the upload is cleared; old uploads are swept."""
    st.subheader(t("import_data.step.upload", lang))
    _sweep_once()
    limit = st.get_option("server.maxUploadSize")
    file = st.file_uploader(t("import_data.upload", lang), type=FILE_TYPES, key="import_upload",
                            help=t("import_data.upload_help", lang))
    st.caption(t("import_data.limit", lang, mb=limit))
    saved = st.session_state.get(jobs.SAVED)
    if saved and (file is None or saved[0] != file.file_id):
        _forget(saved[1])
        saved = None
    if file is None:
        return None
    if not saved or not saved[1].exists():
        saved = (file.file_id, save_upload(file.getvalue(), file.name, owner=file.file_id))
        st.session_state[jobs.SAVED] = saved
    return saved[1]


def _sweep_once() -> None:
    """Uploads older than a day removed, once per session."""
    if not st.session_state.get(SWEPT):
        uploads.sweep_uploads()
        st.session_state[SWEPT] = True


def _forget(path: Path) -> None:
    """The session's upload is no longer shown: removed, unless its import still runs (the
    page removes it when the worker ends)."""
    st.session_state.pop(jobs.SAVED, None)
    if not jobs.busy_with(path):
        uploads.remove_upload(path)


def options(state: WarehouseState, lang: str) -> Choice:
    """What the file holds, profile (order exports only), platform, mode, date order and time
    zone."""
    left, middle, right = st.columns(3)
    table = left.selectbox(t("import_data.table", lang), TABLE_CHOICES, key="import_table",
                           format_func=lambda n: t(f"coverage.table.{n}", lang),
                           help=t("import_data.table_help", lang))
    profile = "generic"
    if table == "orders":
        profile = middle.selectbox(t("import_data.profile", lang), PROFILE_NAMES,
                                   key="import_profile",
                                   format_func=lambda p: t(f"import_data.profile.{p}", lang))
    own = load_profile(profile).platform
    platform = right.selectbox(
        t("import_data.platform", lang), ["", *PLATFORMS], key="import_platform",
        format_func=lambda p: (name("platform", p, lang) if p else t(
            "import_data.platform_default", lang, platform=name("platform", own, lang))))
    left, middle, right = st.columns(3)
    mode = right.radio(t("import_data.mode", lang), MODES, key="import_mode", horizontal=True,
                       index=1 if state.kind == "demo" else 0,
                       format_func=lambda m: t(f"import_data.mode.{m}", lang),
                       help=t("import_data.mode_help", lang))
    order = left.radio(t("import_data.dates", lang), list(DATE_ORDERS), key="import_dates",
                       horizontal=True, format_func=lambda d: t(f"import_data.dates.{d}", lang),
                       help=t("import_data.dates_help", lang))
    zones = sorted(zoneinfo.available_timezones())
    timezone = middle.selectbox(t("import_data.timezone", lang), zones, key="import_timezone",
                                index=zones.index(LOCAL_TIMEZONE),
                                help=t("import_data.timezone_help", lang))
    return Choice(profile, platform or None, mode, DATE_ORDERS[order], timezone, table)


@st.cache_data(max_entries=16, show_spinner=False)
def _review(path: str, size: int, choice: tuple, fields: tuple, statuses: tuple, url: str,
            version: int, app_url: str, after_sales: tuple = ()) -> Review:
    return review_upload(Path(path), Choice(*choice), dict(fields), dict(statuses), url,
                         app_url, dict(after_sales))


def check(path: Path, choice: Choice, lang: str) -> Review:
    """The upload reviewed with the user's corrections (cached per choice and warehouse)."""
    fix = st.session_state.get(FIX)
    if not fix or fix["file"] != str(path):
        fix = st.session_state[FIX] = {"file": str(path), "fields": {}, "statuses": {},
                                       "after_sales": {}}
    url = write_db_url()
    with st.spinner(t("import_data.checking", lang)):
        return _review(str(path), path.stat().st_size, astuple(choice),
                       tuple(sorted(fix["fields"].items(), key=str)),
                       tuple(sorted(fix["statuses"].items())), url, warehouse_version(url),
                       app_db_url(), tuple(sorted(fix["after_sales"].items())))


def _corrected(kind: str, item: str, key: str) -> None:
    st.session_state[FIX][kind][item] = st.session_state[key] or None


def mapping(review: Review, lang: str) -> None:
    """One row per standard field: its name, a dropdown of the file's headers (pre-filled
    with the detected one), the first values it reads and what the field means. Fields the
    file does not have (and need not have) wait in an expander."""
    st.subheader(t("import_data.step.mapping", lang))
    st.caption(t("import_data.mapping_caption", lang))
    shown = [f for f in review.fields if f in review.mapping or _needed(review, f)]
    rest = [f for f in review.fields if f not in shown]
    _mapping_rows(review, shown, lang, head=True)
    if rest:
        with st.expander(t("import_data.more_fields", lang, n=len(rest))):
            _mapping_rows(review, rest, lang, head=False)
    personal, unused = _unused(review)
    if personal:
        st.caption(t("import_data.personal", lang, columns=personal))
    if unused:
        st.caption(t("import_data.unused", lang, columns=unused))


def _mapping_rows(review: Review, fields: list[str], lang: str, head: bool) -> None:
    widths = [2.2, 2.8, 2.6, 4.4]
    if head:
        for column, key in zip(st.columns(widths), ("field", "header", "values", "meaning"),
                               strict=True):
            column.markdown(f"**{t(f'import_data.col.{key}', lang)}**")
    choices = [NOT_IN_FILE, *review.headers]
    for field in fields:
        label, header, values, meaning = st.columns(widths, vertical_alignment="center")
        required = t("import_data.required", lang) if FIELDS_BY_NAME[field].required else ""
        label.markdown(f"{t(f'import_data.field.{field}', lang)}{required}  \n`{field}`")
        key = f"import_map_{field}"
        st.session_state[key] = review.mapping.get(field, NOT_IN_FILE)
        header.selectbox(t(f"import_data.field.{field}", lang), choices, key=key,
                         label_visibility="collapsed", on_change=_corrected,
                         args=("fields", field, key),
                         format_func=lambda h: h or t("import_data.not_in_file", lang))
        values.markdown(_samples(review, field, lang))
        meaning.caption(t(f"import_data.doc.{field}", lang))


def _needed(review: Review, field: str) -> bool:
    """A field the import cannot do without (the amount, unless lines carry amounts)."""
    return FIELDS_BY_NAME[field].required or (
        field == "total_cny" and not {"line_amount_cny", "unit_price_cny"} & set(review.mapping))


def _unused(review: Review) -> tuple[str, str]:
    """The headers no field reads: personal data (never stored), and the rest."""
    used = set(review.mapping.values())
    personal_keys = {header_key(h) for h in PERSONAL_HEADERS}
    left = [h for h in review.headers if h not in used]
    personal = [h for h in left if header_key(h) in personal_keys]
    unused = [h for h in left if h not in personal]
    return (" ".join(literal(h, 30) for h in personal), " ".join(literal(h, 30) for h in unused))


def _samples(review: Review, field: str, lang: str) -> str:
    """The field's first values and its state: detected, corrected or not in the file."""
    header = review.mapping.get(field)
    if header is None:
        return t("import_data.state.needed" if _needed(review, field)
                 else "import_data.state.absent", lang)
    shown = [v for v in review.preview[header].astype(str) if v.strip()][:SAMPLES]
    state = ("import_data.state.corrected" if review.detected.get(field) != header
             else "import_data.state.detected")
    return f"{t(state, lang)} " + (" ".join(literal(v, 24) for v in shown) or "—")


def statuses(review: Review, lang: str) -> None:
    """A dropdown per status text the profile does not know: what it means for GMV; then
    the same for the after-sale status texts (is it a completed refund?)."""
    if review.statuses:
        _meanings(review.statuses, "statuses", "status", ORDER_STATUSES, lang)
    if review.after_sales:
        _meanings(review.after_sales, "after_sales", "after_sale", AFTER_SALES, lang)


def _meanings(texts: tuple[str, ...], kind: str, prefix: str, choices: tuple[str, ...],
              lang: str) -> None:
    """One dropdown per text of `kind` (a FIX entry): its meaning among `choices`."""
    st.markdown(f"**{t(f'import_data.{kind}', lang, n=len(texts))}**")
    st.caption(t(f"import_data.{kind}_caption", lang))
    picked = st.session_state[FIX][kind]
    for text in texts:
        key = f"import_{prefix}_" + hashlib.sha256(text.encode()).hexdigest()[:12]
        st.session_state[key] = picked.get(text) or ""
        label, choice, _ = st.columns([2.2, 2.8, 7], vertical_alignment="center")
        label.markdown(literal(text, 40) if text else "—")
        choice.selectbox(text or prefix, ["", *choices], key=key, label_visibility="collapsed",
                         on_change=_corrected, args=(kind, text, key),
                         format_func=lambda s: t(f"import_data.{prefix}.{s or 'choose'}", lang))


def preview(review: Review, lang: str) -> None:
    """The first rows as the file has them, with their line numbers."""
    if review.preview is None:
        return
    with st.expander(t("import_data.preview", lang, n=len(review.preview))):
        st.dataframe(review.preview.rename_axis(t("import_data.col.line", lang)))


def report(review: Review, choice: Choice, lang: str) -> None:
    """The validation report: what blocks the import, what would be written, the warnings."""
    st.subheader(t("import_data.step.report", lang))
    if review.failure:
        st.error(t("import_data.check_failed", lang, detail=literal(review.failure, 300)),
                 icon=":material/error:")
        return
    if review.errors:
        st.error(t("import_data.blocked", lang, n=len(review.errors)), icon=":material/block:")
        _problems(review.errors, lang)
    elif review.ready:
        new, known = review.orders(choice.mode)
        written = review.result.rows_written
        st.success(t("import_data.passed", lang), icon=":material/task_alt:")
        cards = [("rows", review.result.rows_read),
                 ("orders" if review.table == "orders" else "table_rows", new)]
        cards += [("known", known), ("updated", review.updated(choice.mode))] \
            if choice.mode == "append" else []  # replace writes every order anew
        cards += [(key, written[table]) for key, table in (("customers", "customers"),
                                                           ("lines", "order_items"))
                  if written.get(table)]  # a dry run into no warehouse counts orders only
        for column, (key, value) in zip(st.columns(len(cards)), cards, strict=True):
            column.metric(t(f"import_data.count.{key}", lang), f"{value:,}",
                          help=t(f"import_data.count.{key}.help", lang))
        if because := review.result.in_memory_because:
            st.info(t("import_data.in_memory", lang, reason=literal(because, 200)),
                    icon=":material/memory:")
    if review.warnings:
        st.warning(t("import_data.warned", lang, n=len(review.warnings)),
                   icon=":material/warning:")
        _problems(review.warnings, lang)


def _problems(problems: list[Problem], lang: str) -> None:
    rows = [{
        t("import_data.col.problem", lang): _rule(p.rule, lang),
        t("import_data.col.column", lang): _column(p, lang),
        t("import_data.col.rows", lang): f"{p.count:,}" if p.count else "—",
        t("import_data.col.lines", lang): _lines(p),
        t("import_data.col.detail", lang): p.describe().split("\n")[0],
        t("import_data.col.fix", lang): (t(PAGE_HINTS[p.rule], lang) if p.rule in PAGE_HINTS
                                         else p.hint or "—"),
    } for p in problems]
    st.table(pd.DataFrame(rows).set_index(t("import_data.col.problem", lang)))


def _rule(rule: str, lang: str) -> str:
    key = f"import_data.rule.{rule}"
    return t(key, lang) if key in CATALOGUE else rule


def _column(problem: Problem, lang: str) -> str:
    if not problem.column:
        return "—"
    if problem.column in FIELDS_BY_NAME:  # a field no column of the file holds
        return t(f"import_data.field.{problem.column}", lang)
    return problem.column


def _lines(problem: Problem) -> str:
    shown = ", ".join(str(n) for n in problem.lines)
    return shown + (" …" if problem.count > len(problem.lines) else "") if shown else "—"


def _confirm_label(review: Review, new: int, updated: int, lang: str) -> str:
    """What confirming writes: `new` orders (or rows) and `updated` orders."""
    if not review.ready:
        return t("import_data.confirm_blocked", lang)
    if new + updated == 0:
        return t("import_data.confirm_nothing", lang)
    if updated:
        return (t("import_data.confirm_updates_only", lang, m=f"{updated:,}") if new == 0
                else t("import_data.confirm_updates", lang, n=f"{new:,}", m=f"{updated:,}"))
    if review.table == "orders":
        return t("import_data.confirm", lang, n=f"{new:,}")
    return t("import_data.confirm_rows", lang, n=f"{new:,}",
             table=t(f"coverage.table.{review.table}", lang))


def confirm(review: Review, choice: Choice, state: WarehouseState, lang: str) -> None:
    """The confirm button (disabled while something blocks or nothing is new or updated)."""
    new, _ = review.orders(choice.mode)
    updated = review.updated(choice.mode)
    if review.ready and choice.mode == "replace" and state.exists:
        st.warning(t("import_data.replace_demo" if state.kind == "demo"
                     else "import_data.replace_data", lang), icon=":material/delete_sweep:")
    if review.ready and new + updated == 0:
        st.info(t("import_data.nothing_new", lang), icon=":material/info:")
    st.button(_confirm_label(review, new, updated, lang), type="primary", key="import_confirm",
              disabled=not review.ready or new + updated == 0,
              icon=":material/upload:", on_click=jobs.start_import,
              args=(review.path, review.mapping_file, choice),
              help=t("import_data.confirm_help", lang))
