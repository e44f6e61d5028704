# Styrkraft: the README calls only these targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on both cores (pytest-xdist); WORKERS=1 runs it in one process.
WORKERS ?= 2

.PHONY: run test test-sqlite test-postgres lint fmt messages bench install install-test browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime dependencies only (exact pins from the lock file), then the project itself.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(BIN)/pip install --quiet -r requirements-test.lock
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: set everything up and serve the Västerås demo at http://127.0.0.1:8000
run: install
	mkdir -p var
	$(BIN)/styrkraft migrate --noinput
	$(BIN)/styrkraft load_demo --if-empty
	DJANGO_DEBUG=true $(BIN)/styrkraft runserver $(HOST):$(PORT)

## Debian's Chromium for the browser tests, axe-core from npm
browser-deps:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --silent --no-audit --no-fund

## make test: lint, migrations check, the suite on SQLite, then the whole suite (browser tests included)
## on PostgreSQL; the browser tests check pages, which do not depend on the database, so they run once
test: install-test browser-deps
	mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/styrkraft makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@mkdir -p var
	@echo "== Test suite on SQLite =="
	DATABASE_URL=sqlite:///var/test.sqlite3 $(BIN)/pytest -n $(WORKERS) -m 'not live_kolada and not browser' $(PYTEST_ARGS)

test-postgres:
	@if $(BIN)/python scripts/pg_ready.py "$(PG_URL)"; then \
	  echo "== Test suite on PostgreSQL ($(PG_URL)) =="; \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(WORKERS) $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
	  echo "!! No PostgreSQL answers at $(PG_URL), and CI=true: failing." >&2; exit 1; \
	else \
	  echo ""; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! SKIPPED the PostgreSQL run: no server answers at $(PG_URL)"; \
	  echo "!! (the browser tests run on SQLite instead)"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; echo ""; \
	  DATABASE_URL=sqlite:///var/test.sqlite3 $(BIN)/pytest -n $(WORKERS) -m browser $(PYTEST_ARGS); \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: refresh the translation catalogues (Swedish source strings, English translation)
messages: install
	$(BIN)/styrkraft makemessages --no-wrap --no-location -l en -l sv --ignore=.venv --ignore=node_modules --ignore=tests --ignore=var
	$(BIN)/styrkraft compilemessages --ignore=.venv

## make bench: medians of server-side render time and query counts on a Göteborg-size municipality
bench: install-test
	$(BIN)/python -m styrkraft.bench

clean:
	rm -rf $(VENV) var node_modules
