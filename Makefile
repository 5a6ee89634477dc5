# The two README commands: `make demo` (run the quickstart on AgentRun Local) and `make test` (everything CI runs).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install generate check-generated lint format typecheck pytest test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,local]"
	touch $(STAMP)

install: $(STAMP)

generate: $(STAMP)
	$(PY) scripts/generate.py
	$(PY) scripts/gen_sync.py

check-generated: $(STAMP)
	$(PY) scripts/generate.py --check
	$(PY) scripts/gen_sync.py --check

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint typecheck check-generated pytest

bench: $(STAMP)
	$(PY) bench/import_time.py
	$(PY) bench/local_roundtrip.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
