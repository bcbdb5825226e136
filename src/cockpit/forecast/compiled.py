"""Where numba keeps the code statsforecast compiles: a folder in the user's cache, so that only
the very first forecast on a machine pays for compiling and later processes load it.

Must run before statsforecast is imported (it reads the switch at import); `classical` does.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_SWITCH = "NIXTLA_NUMBA_CACHE"  # statsforecast compiles with cache=True when set
CACHE_DIR = "NUMBA_CACHE_DIR"


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/cockpit/numba, else ~/.cache/cockpit/numba (never in the work tree)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cockpit" / "numba"


def enable_compile_cache() -> Path:
    """Turn statsforecast's numba cache on, in `cache_folder()` unless NUMBA_CACHE_DIR is set;
    returns the folder used."""
    os.environ.setdefault(CACHE_SWITCH, "1")
    folder = Path(os.environ.setdefault(CACHE_DIR, str(cache_folder())))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
