# zonegraph: `make test` and `make serve` work on a fresh machine with only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= var/store
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install browser test lint serve screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Front-end libraries for the query UI and charts, from the npm registry.
WEB_STAMP := node_modules/.installed
$(WEB_STAMP): package.json package-lock.json
	command -v npm >/dev/null || (apt-get update && apt-get install -y npm)
	npm ci --no-audit --no-fund
	touch $(WEB_STAMP)

# The browser the end-to-end tests drive (Debian chromium; fonts for Chinese labels).
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium fonts-wqy-zenhei)

install: $(STAMP) $(WEB_STAMP)

lint: install
	$(BIN)/ruff check .

test: install browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Rewrite the pictures of docs/web.md from the browser tests.
screenshots: install browser
	ZONEGRAPH_DOC_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q tests/web/test_web_browser.py

serve: install
	$(BIN)/zonegraph load data/documents --store $(STORE)
	$(BIN)/zonegraph serve --store $(STORE) --host 127.0.0.1 --port $(PORT)

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
