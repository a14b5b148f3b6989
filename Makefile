# The README's Quick start: `make demo` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV): gtm-pulse and its test tools (the first time takes a minute or two)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/gtm-pulse demo

test: $(STAMP)
	@echo "Checking: ruff, mypy, the import contracts, then the tests (about 7 minutes)"
	$(BIN)/ruff check gtm_pulse tests benchmarks
	$(BIN)/ruff format --check gtm_pulse tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
	$(BIN)/python tests/mutants/run.py  # the reliability tests must fail on a broken store

lint: $(STAMP)
	$(BIN)/ruff check gtm_pulse tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
