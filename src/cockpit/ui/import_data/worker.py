"""The Import page's writer: `python -m cockpit import ...` in a subprocess, so the Streamlit
process (whose warehouse engine is read-only) never writes. Output goes to files beside the
upload; the page polls the process and shows them when it ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from cockpit.config import PROJECT_ROOT
from cockpit.ui.import_data.review import Choice, upload_dir

JOBS = "jobs"  # the folder, under the uploads, of the workers' output files
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INVALID = 0, 1, 2, 3


def import_command(path: Path, mapping_file: Path | None, choice: Choice) -> list[str]:
    """The command line that imports `path` as the page checked it (the warehouse URL goes
    in the environment, so that no password shows in a process list)."""
    command = [sys.executable, "-m", "cockpit", "import", str(path), "--table", choice.table,
               "--profile", choice.profile, "--mode", choice.mode,
               "--timezone", choice.timezone, "--quiet"]
    if mapping_file is not None:
        command += ["--mapping", str(mapping_file)]
    if choice.platform:
        command += ["--platform", choice.platform]
    if choice.dayfirst is not None:
        command.append("--dayfirst" if choice.dayfirst else "--monthfirst")
    return command


def undo_command(import_id: int) -> list[str]:
    return [sys.executable, "-m", "cockpit", "import", "--undo", str(int(import_id))]


@dataclass(frozen=True)
class Outcome:
    """How a job ended: its exit code and what it printed."""

    kind: str
    subject: str
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.code == EXIT_OK


@dataclass
class Job:
    """A running import ("import", subject: the file name) or undo (subject: the id)."""

    kind: str
    subject: str
    command: list[str]
    process: subprocess.Popen
    out: Path
    err: Path
    started: float = field(default_factory=time.monotonic)
    upload: Path | None = None  # the upload an import reads (removed once it ended)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def poll(self) -> Outcome | None:
        """The outcome once the process has ended, else None."""
        code = self.process.poll()
        if code is None:
            return None
        return Outcome(self.kind, self.subject, code, _text(self.out), _text(self.err),
                       self.elapsed)

    def wait(self, timeout: float) -> Outcome | None:
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        return self.poll()


def start(kind: str, subject: str, command: list[str], url: str, app_url: str,
          upload: Path | None = None) -> Job:
    """Start `command` on the warehouse at `url` with the app store at `app_url`; its output
    goes to files under the uploads. `upload`: the file an import reads."""
    folder = upload_dir() / JOBS
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    out, err = folder / f"{stem}.out", folder / f"{stem}.err"
    env = {**os.environ, "COCKPIT_DB_URL": url, "COCKPIT_APP_DB_URL": app_url,
           "PYTHONIOENCODING": "utf-8"}
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                                   stdout=stdout, stderr=stderr)
    return Job(kind, subject, command, process, out, err, upload=upload)


def _text(path: Path) -> str:
    try:
        return path.read_text("utf-8", errors="replace").strip()
    except OSError:
        return ""
