"""Start the Streamlit app in this process after every heavy import has completed.

Streamlit runs each session's page script in its own thread. When the first sessions of a
fresh server import pandas or plotly at the same time, a library that looks a module up in
`sys.modules` can see it half-imported ("partially initialized module 'pandas' has no
attribute 'Series'", raised inside plotly). Importing and exercising those libraries
before the server starts removes the race.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from pathlib import Path

from cockpit.config import PROJECT_ROOT

log = logging.getLogger(__name__)

APP_SCRIPT = PROJECT_ROOT / "app.py"
HEAVY_MODULES = (
    "numpy", "pandas", "pyarrow", "sqlalchemy", "duckdb", "duckdb_engine", "psycopg",
    "plotly", "plotly.graph_objects", "plotly.express", "plotly.io", "streamlit",
    "streamlit.emojis",  # compiled on the first segmented_control: 0.2-0.3 s otherwise
)
SKIP_COCKPIT_MODULES = ("cockpit.__main__", "cockpit.cli", "cockpit.serve")
CACHE_LOGGER = "streamlit.runtime.caching.cache_data_api"


def preload_heavy_modules() -> None:
    """Import the heavy libraries completely and draw one figure to load plotly's lazy parts."""
    for name in HEAVY_MODULES:
        importlib.import_module(name)
    import pandas as pd
    import plotly.express as px

    frame = pd.DataFrame({"x": pd.date_range("2024-01-01", periods=3), "y": [1.0, 2.0, 3.0]})
    px.line(frame, x="x", y="y", color=pd.Series(["a", "a", "b"])).to_json()
    px.bar(frame, x="x", y="y").to_plotly_json()


def preload_cockpit_modules() -> None:
    """Import every cockpit module the pages may use, so no page imports one first."""
    import cockpit

    # Decorating with st.cache_data before the runtime exists only validates its parameters
    # (the cache itself is made on first call, inside the runtime) but logs a warning.
    quiet = logging.getLogger(CACHE_LOGGER)
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        for info in pkgutil.walk_packages(cockpit.__path__, "cockpit."):
            if info.name in SKIP_COCKPIT_MODULES:
                continue
            try:
                importlib.import_module(info.name)
            except Exception:  # a broken module shows on its page; do not stop the server
                log.warning("could not preload %s", info.name, exc_info=True)
    finally:
        quiet.setLevel(level)


def serve(port: int = 8501, headless: bool = True, address: str = "localhost",
          script: Path | str | None = None) -> None:
    """Preload, then run `streamlit run <script>` (default: app.py) in this process; blocks.
    The page scripts hand over to the shell themselves (cockpit.ui.shell), so this starts the
    app exactly as plain `streamlit run app.py` does, only with the imports already done."""
    preload_heavy_modules()
    preload_cockpit_modules()
    from streamlit.web import cli

    main_script = str(Path(script or APP_SCRIPT).resolve())
    log.info("serving %s on http://%s:%d", main_script, address, port)
    cli.main.main(args=["run", main_script, "--server.port", str(port),
                        "--server.headless", str(headless).lower(),
                        "--server.address", address, "--browser.gatherUsageStats", "false"],
                  prog_name="streamlit")
