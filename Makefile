# Everything a fresh machine needs: `make serve` to read the site, `make test` to test it.
# Targets create .venv when it is missing and install the pinned requirements into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-requirements
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve site test test-fast update-examples chromium clean

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

## serve both languages on http://127.0.0.1:8000 (zh at /, en at /en/), rebuilding on change
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build both languages into site/
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## Debian's Chromium (and a CJK font for screenshots) for the browser tests
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

## the whole suite: every block under every start method on every Python found, site, browser
test: $(STAMP) chromium
	$(BIN)/python -m pytest -n 2

## the same on the current Python only (quicker while writing a chapter)
test-fast: $(STAMP)
	MP_DOCS_PYTHONS="$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')" \
	  $(BIN)/python -m pytest -n 2 --ignore=tests/browser

## reformat blocks and snippet files, and rewrite their #> lines from real runs
update-examples: $(STAMP)
	$(BIN)/python -m pytest -p no:xdist --update-examples tests/test_examples.py tests/test_snippets.py

clean:
	rm -rf site screenshots .cache
