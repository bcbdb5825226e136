"""A second process that holds DuckDB's write lock on a file, as a demo build or a job does."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HOLD_LOCK = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
conn.execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
"""


@contextmanager
def write_lock_held(path: Path, seconds: float = 60) -> Iterator[None]:
    """Hold a read-write connection on `path` in another process for the `with` body."""
    ready = path.with_name(path.name + ".ready")
    ready.unlink(missing_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), str(ready),
                               str(seconds)])
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            if holder.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the lock-holding process did not start")
            time.sleep(0.05)
        yield
    finally:
        holder.kill()
        holder.wait(timeout=10)
        ready.unlink(missing_ok=True)
