# One command per job: `make run`, `make test` (what CI runs), `make lint`, `make bench`,
# `make demo`, `make screenshots`, `make clean`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB := data/cockpit.duckdb
PORT ?= 8501
SCALE ?= default
SEED ?= 42
BENCH_SCALE ?= default
# Both cores: the suite (about 2,500 tests, a real PostgreSQL server and Chromium) runs in
# two pytest-xdist workers; PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: venv run demo test lint bench screenshots clean distclean

venv: $(STAMP)

# Re-install only when the pinned requirements or the package metadata change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(DB): | $(STAMP)
	$(BIN)/python -m cockpit demo

run: $(STAMP) $(DB)
	$(BIN)/python -m cockpit serve --port $(PORT)

demo: $(STAMP)
	$(BIN)/python -m cockpit demo --scale $(SCALE) --seed $(SEED)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --scale $(BENCH_SCALE)

screenshots: $(STAMP)
	$(BIN)/python -m pytest tests/test_app_browser.py -k page_renders $(PYTEST_ARGS)
	@echo "screenshots in test-artifacts/screenshots/"

clean:
	rm -rf test-artifacts benchmarks/out .pytest_cache .ruff_cache
	rm -f $(DB) $(DB).*
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
