"""The house rule that domain code never imports Streamlit: every module of the cockpit
package outside the UI (cockpit.ui) and the launcher (cockpit.serve) is imported in a fresh
interpreter, and Streamlit must not be loaded by any of them. Commands such as
`python -m cockpit review` then run without the app's runtime (no "No runtime found"
warnings, no UI start-up cost)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import cockpit

UI_SIDE = ("cockpit.ui", "cockpit.serve")
ENTRY = "cockpit.__main__"  # runs the command line when imported


def _domain_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(cockpit.__path__, "cockpit."):
        if not info.name.startswith(UI_SIDE) and info.name != ENTRY:
            found.append(info.name)
    return found


def test_domain_modules_do_not_import_streamlit() -> None:
    modules = _domain_modules()
    assert len(modules) > 50 and "cockpit.review.deck" in modules
    script = ("import importlib, sys\n"
              f"for name in {modules!r}:\n"
              "    importlib.import_module(name)\n"
              "    if 'streamlit' in sys.modules:\n"
              "        print(name); break\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"{done.stdout.strip()} imports streamlit"


def test_the_review_command_runs_without_streamlit(demo_duckdb_path, tmp_path) -> None:
    script = ("import sys\n"
              "from cockpit.cli import main\n"
              f"code = main(['review', '--lang', 'en', '--out', {str(tmp_path)!r}, "
              f"'--url', 'duckdb:///{demo_duckdb_path}'])\n"
              "print(code, 'streamlit' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr[-2000:]
    assert "No runtime found" not in done.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".pdf", ".pptx"]
