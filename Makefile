# mesaform: every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: main test check lint typecheck bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "mesaform needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,cluster]'
	touch $(STAMP)

## main: the main job (check the bundled suite of alignment claims)
main: $(STAMP)
	$(BIN)/mesaform check

## test: types, lint, then the test suite (slow tests excluded)
test: $(STAMP) typecheck lint
	$(BIN)/pytest -q -n 2

typecheck: $(STAMP)
	$(BIN)/mypy --strict spec model proofs mesaform

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python -m bench

docs: $(STAMP)
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) site .mypy_cache .ruff_cache
