# Two entry points for a fresh machine:
#   make run   - create .venv, install monitor, run the main job once into ./monitor.db
#   make test  - the same install plus the dev extra, then the test suite
# Installs are stamped: a second call reinstalls only when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp-install
DEV    := $(VENV)/.stamp-dev
PIP    := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: run test lint install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first and pinned: it is the CPU build here, and pinning it keeps any later
# dependency from pulling the multi-GB CUDA build.
$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -q "torch==2.13.0"
	$(PIP) install -q -e .
	@touch $@

$(DEV): $(STAMP) pyproject.toml
	$(PIP) install -q -e ".[dev]"
	@touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/monitor --config feeds.yaml --db monitor.db run

test: $(DEV)
	$(BIN)/python -m pytest -q

lint: $(DEV)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
