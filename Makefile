# One entry point for developers: make run, make test, make lint.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint install test-deps messages clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || scripts/debian-packages.sh python3-venv
	@scripts/debian-packages.sh fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 xmlsec1:xmlsec1  # PDF: font, layout (lib/pdf.py); SAML
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Set up, migrate, load the demo and serve on http://127.0.0.1:$(PORT), with the background worker
# The worker (imports) and the server share the file cache: progress and invalidated pages.
run: export SAMVERKA_CACHE = file
# Links in e-mail and single sign-on lead to the port it runs on (unless the environment says otherwise).
run: export SAMVERKA_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(BIN)/samverka migrate --noinput
	$(BIN)/samverka demo
	$(BIN)/samverka db_worker --no-startup-delay --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/samverka runserver 127.0.0.1:$(PORT)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

## System packages and front-end test assets for the whole suite
test-deps: install
	@scripts/debian-packages.sh chromium:chromium gettext:xgettext nodejs:node npm:npm nginx:nginx systemd:systemd-analyze default-jre-headless:java
	@$(MAKE) --no-print-directory node_modules/.package-lock.json

## The whole test suite (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
test: test-deps
	$(BIN)/samverka makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --dist loadgroup

## What CI checks before the tests: ruff (lint and format), then the type check (mypy, django-stubs)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Refresh the translation catalogues after changing user-facing text
messages: install
	cd src/samverka && ../../$(BIN)/samverka makemessages -l sv -l en --no-location --no-obsolete
	cd src/samverka && ../../$(BIN)/samverka compilemessages

clean:
	rm -rf $(VENV) node_modules
