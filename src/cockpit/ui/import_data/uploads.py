"""Uploads do not pile up in the upload folder: each upload has a folder of its own (see
`review.save_upload`, which also holds the mapping files checked against it), removed when it
is no longer needed (another file chosen, the upload cleared, or its import finished); what a
closed browser tab leaves behind is swept once it is older than a day. The worker reads the
upload while it runs, so a folder is never removed under a running import: the page removes
it after the worker ended, and the sweep skips folders touched within the day (starting an
import touches its folder). No Streamlit here."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from cockpit.ui.import_data.review import upload_dir
from cockpit.ui.import_data.worker import JOBS

log = logging.getLogger(__name__)
MAX_AGE_S = 24 * 3600


def upload_folder(path: Path) -> Path | None:
    """The upload's own folder (a direct child of the upload folder) holding `path`, or None
    when `path` is not an upload."""
    root = upload_dir().resolve()
    try:
        relative = Path(path).resolve().relative_to(root)
    except ValueError:
        return None
    if len(relative.parts) < 2 or relative.parts[0] == JOBS:
        return None
    return root / relative.parts[0]


def remove_upload(path: Path | None) -> bool:
    """Remove the upload at `path` with its folder (its mapping files too); True when
    something was removed. Paths outside the upload folder are never touched."""
    folder = upload_folder(path) if path is not None else None
    if folder is None or not folder.exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()


def touch_upload(path: Path) -> None:
    """Mark the upload as in use now (an import starts on it), so no sweep takes it."""
    folder = upload_folder(path)
    if folder is None:
        return
    for item in (folder, Path(path)):
        with contextlib.suppress(OSError):  # removed meanwhile: nothing to keep
            os.utime(item)


def remove_files(paths: Iterable[Path]) -> None:
    """Remove these files (a finished worker's output), if they are there."""
    for path in paths:
        Path(path).unlink(missing_ok=True)


def _last_change(path: Path) -> float:
    """The newest modification time of `path` and, for a folder, of what it holds."""
    try:
        times = [path.stat().st_mtime]
        if path.is_dir():
            times += [p.stat().st_mtime for p in path.rglob("*")]
    except OSError:  # removed meanwhile
        return time.time()
    return max(times)


def sweep_uploads(max_age_s: float = MAX_AGE_S, now: float | None = None) -> list[Path]:
    """Remove uploads (and workers' output files) unchanged for `max_age_s`; the removed
    paths."""
    root = upload_dir()
    if not root.is_dir():
        return []
    limit = (time.time() if now is None else now) - max_age_s
    jobs = root / JOBS
    candidates = [p for p in root.iterdir() if p != jobs]
    candidates += list(jobs.iterdir()) if jobs.is_dir() else []
    removed = [p for p in candidates if _last_change(p) < limit and _remove(p)]
    if removed:
        log.info("swept %d old uploads from %s", len(removed), root)
    return removed


def _remove(path: Path) -> bool:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    return not path.exists()
