"""The Import page's writes: start the worker (an import or an undo), follow it while it
runs, show how it ended, and the import history with an undo button per import."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from cockpit.access import audit
from cockpit.access.roles import IMPORT_DATA
from cockpit.appstore import app_engine
from cockpit.config import app_db_url, write_db_url
from cockpit.ingest import history
from cockpit.ingest.values import LOCAL_TIMEZONE
from cockpit.ui.auth import allowed, audit_who
from cockpit.ui.filters import reset_filters
from cockpit.ui.guard import literal
from cockpit.ui.i18n import t
from cockpit.ui.import_data import uploads, worker
from cockpit.ui.import_data.review import Choice

JOB, OUTCOME, ENDED = "import_job", "import_outcome", "import_ended"  # session state
SAVED = "import_saved"  # session state: (the uploader's file id, where the upload is saved)
POLL_S = 0.5
HISTORY_ROWS = 20
WIDTHS = [0.6, 2.6, 1.4, 0.8, 1.0, 1.0, 0.8, 1.7, 1.6]
COLUMNS = ("id", "file", "sha", "rows", "written", "status", "warnings", "when", "undo")


def start_import(path: Path, mapping_file: Path | None, choice: Choice) -> None:
    """Button callback: import `path` as checked (mapping file and choice) in the worker."""
    uploads.touch_upload(path)
    _start("import", path.name, worker.import_command(path, mapping_file, choice), path)


def start_undo(import_id: int) -> None:
    _start("undo", str(import_id), worker.undo_command(import_id))


def _start(kind: str, subject: str, command: list[str], upload: Path | None = None) -> None:
    if st.session_state.get(JOB) is not None:  # one job per session at a time
        return
    if not allowed(IMPORT_DATA):  # the page refuses the role; a stale button too
        return
    audit.record(app_engine(app_db_url()), audit_who(), "import",
                 subject if kind == "import" else f"undo {subject}")
    st.session_state.pop(OUTCOME, None)
    st.session_state[JOB] = worker.start(kind, subject, command, write_db_url(), app_db_url(),
                                         upload=upload)


def busy_with(path: Path) -> bool:
    """This session's running import reads `path` (which must stay until it ends)."""
    job: worker.Job | None = st.session_state.get(JOB)
    return job is not None and job.upload is not None and Path(job.upload) == Path(path)


def _clean_up(job: worker.Job) -> None:
    """After the worker ended: its upload (saved again if the page still shows it) and its
    output files (already read into the outcome) are removed."""
    uploads.remove_upload(job.upload)
    uploads.remove_files((job.out, job.err))


def follow(lang: str) -> None:
    """While this session's job runs: its progress (the page waits for it); once it ends,
    the caches are dropped (the Overview shows the new data) and the page runs again."""
    job: worker.Job | None = st.session_state.get(JOB)
    if job is None:
        return
    with st.status(t(f"import_data.running.{job.kind}", lang, subject=job.subject),
                   expanded=True) as status:
        note = st.empty()
        while (outcome := job.wait(POLL_S)) is None:
            note.caption(t("import_data.elapsed", lang, seconds=int(job.elapsed)))
        status.update(state="complete")
    st.session_state.pop(JOB, None)
    _clean_up(job)
    st.session_state[OUTCOME] = outcome
    st.session_state[ENDED] = True
    st.cache_data.clear()
    st.rerun()


def after_job() -> None:
    """First thing on the run after a job ended, before any widget: when it changed the
    data, the filters start again from the new data's defaults (rather than a notice that
    the old dates were clamped), and the import mode is back to append (replace was meant
    for the file just imported)."""
    if not st.session_state.pop(ENDED, False):
        return
    done: worker.Outcome | None = st.session_state.get(OUTCOME)
    if done is not None and done.ok:
        reset_filters()
        if done.kind == "import":
            st.session_state["import_mode"] = "append"


def outcome(lang: str) -> None:
    """How the last job ended: a short message, the worker's output, a link onwards."""
    done: worker.Outcome | None = st.session_state.get(OUTCOME)
    if done is None:
        return
    seconds = f"{done.seconds:.1f}"
    if done.ok:
        key = "import_data.done.import" if done.kind == "import" else "import_data.done.undo"
        st.success(t(key, lang, subject=done.subject, seconds=seconds), icon=":material/check:")
        _overview_link(lang)
    elif done.code == worker.EXIT_INVALID:
        st.error(t(f"import_data.invalid.{done.kind}", lang, subject=done.subject),
                 icon=":material/block:")
    else:
        last = (done.stderr.splitlines() or [""])[-1]
        st.error(t("import_data.worker_failed", lang, code=done.code,
                   detail=literal(last or "—", 300)), icon=":material/error:")
    with st.expander(t("import_data.output", lang), expanded=not done.ok):
        st.code("\n".join(x for x in (done.stdout, done.stderr) if x) or "—", language=None,
                wrap_lines=True)


def _overview_link(lang: str) -> None:
    label = t("import_data.see_overview", lang)
    try:
        st.page_link("pages/overview.py", label=label, icon=":material/dashboard:")
    except StreamlitPageNotFoundError:  # the page runs alone (tests), no navigation
        st.markdown(f"[{label}](/)")


def imports() -> pd.DataFrame:
    url = write_db_url()
    return history.imports(app_db_url(), history.warehouse_label(url))


def history_table(lang: str) -> None:
    """The imports into this warehouse, newest first, each with its undo button."""
    st.subheader(t("import_data.step.history", lang))
    frame = imports()
    if frame.empty:
        st.caption(t("import_data.no_history", lang))
        return
    st.caption(t("import_data.history_caption", lang, zone=LOCAL_TIMEZONE))
    for column, key in zip(st.columns(WIDTHS), COLUMNS, strict=True):
        column.markdown(f"**{t(f'import_data.history.{key}', lang)}**")
    for row in frame.head(HISTORY_ROWS).itertuples():
        _history_row(row, lang)
    if len(frame) > HISTORY_ROWS:
        st.caption(t("import_data.history_more", lang, shown=HISTORY_ROWS, n=len(frame)))


def _history_row(row, lang: str) -> None:
    cells = st.columns(WIDTHS, vertical_alignment="center")
    written = row.rows_written or {}
    warnings = list(row.warnings or [])
    when = pd.Timestamp(row.imported_at).tz_localize("UTC").tz_convert(ZoneInfo(LOCAL_TIMEZONE))
    cells[0].markdown(str(row.import_id))
    cells[1].markdown(literal(row.file_name, 60))
    cells[2].markdown(literal(str(row.sha256)[:12]))
    cells[3].markdown(f"{int(row.rows_read):,}")
    table = t(f"coverage.table.{row.table_name}", lang)
    count = f"{int(written.get(row.table_name, 0)):,}"  # rows of the table imported
    updated = int(written.get("order_revisions", 0))  # orders restated by a later export
    cells[4].markdown(count + (f" ({t('import_data.history_updated', lang, n=f'{updated:,}')})"
                               if updated else ""), help=table)
    cells[5].markdown(t(f"import_data.history_status.{row.status}", lang))
    cells[6].markdown(str(len(warnings)), help="\n\n".join(warnings) or None)
    cells[7].markdown(f"{when:%Y-%m-%d %H:%M}")
    if row.status == "imported":
        with cells[8].popover(t("import_data.undo", lang), icon=":material/undo:"):
            key = ("import_data.undo_confirm" if row.table_name == "orders"
                   else "import_data.undo_confirm_rows")
            st.markdown(t(key, lang, id=row.import_id, file=literal(row.file_name, 60),
                          orders=count, table=table)
                        + (" " + t("import_data.undo_restores", lang, n=f"{updated:,}")
                           if updated else ""))
            st.button(t("import_data.undo_button", lang, id=row.import_id), type="primary",
                      key=f"import_undo_{row.import_id}", on_click=start_undo,
                      args=(int(row.import_id),))
