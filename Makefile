# mesaform: every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: main test test-slow check lint typecheck bench docs docs-check coq checker clean

$(STAMP): pyproject.toml setup.py
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

## test-slow: the slow tests only (the long agreement runs; CI runs them after make test);
## pytest's exit code 5 (no test selected) is not a failure
test-slow: $(STAMP)
	$(BIN)/pytest -q -n 2 -m slow || [ $$? -eq 5 ]

typecheck: $(STAMP)
	$(BIN)/mypy --strict mesaform tests bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python -m bench

## docs: the documentation site into site/ (open site/index.html from disk; for search
## from a server instead: cd site && python3 -m http.server)
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## docs-check: build the site with --strict and look at it in headless Chromium
docs-check: $(STAMP)
	$(BIN)/pytest -q tests/test_site_browser.py tests/test_docs.py

## coq: the machine-checked core (needs coqc): regenerate the vector checks, compile, check
## assumptions, then build the extracted checker (needs ocamlfind and zarith)
coq:
	$(PYTHON) -m mesaform.proofs.coq.vectors --write --root $(CURDIR)
	cd proofs/coq && coq_makefile -f _CoqProject -o CoqMakefile && $(MAKE) -f CoqMakefile
	$(MAKE) checker

## checker: the extracted decider and run, compiled to proofs/coq/mesaform-checker
checker:
	rm -rf proofs/coq/_checker && mkdir proofs/coq/_checker
	cp proofs/coq/mesaform_core.ml proofs/coq/mesaform_core.mli proofs/coq/checker.ml proofs/coq/_checker/
	cd proofs/coq/_checker && ocamlfind ocamlopt -package zarith -linkpkg -w -a \
		mesaform_core.mli mesaform_core.ml checker.ml -o mesaform-checker
	mv proofs/coq/_checker/mesaform-checker proofs/coq/mesaform-checker.tmp
	mv proofs/coq/mesaform-checker.tmp proofs/coq/mesaform-checker

clean:
	rm -rf $(VENV) site .mypy_cache .ruff_cache .coq-cache
	cd proofs/coq && rm -f CoqMakefile CoqMakefile.conf .CoqMakefile.d *.vo *.vok *.vos *.glob .*.aux .lia.cache \
		mesaform_core.ml mesaform_core.mli mesaform-checker && rm -rf _checker
