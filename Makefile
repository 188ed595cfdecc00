# Everything a fresh machine needs: `make serve` to read the site, `make test` to test it.
# Targets create .venv when it is missing and install the pinned requirements into it.

# The tools (mkdocs-material 9.8, pymdown-extensions 13) need Python 3.11+; the examples themselves
# run on every CPython 3.9+ found.  Take the first python3 that is new enough (pyenv's included).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11 \
            $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[1-9].*/bin/python3 2>/dev/null); do \
            $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; \
          done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-requirements
# pytest-xdist workers: most block runs wait (on children, pipes, sleeps), so more runners
# than cores keep both cores busy (make bench-suite measures it: 6 kept the machine 89 % busy)
WORKERS ?= 6
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

NODE_STAMP := node_modules/.installed-package-lock

# the harness's commands (tests/harness/__main__.py lists them)
HARNESS := PYTHONPATH=tests $(BIN)/python -m harness

.PHONY: serve site site-offline test test-all test-fast test-lighthouse update-examples chromium \
        fonts envs envs-newest verified bench-suite chaos soak clean bench bench-pages \
        lighthouse jieba-dict

$(STAMP): requirements.txt
	@test -n "$(PYTHON)" || { echo "make: the site tooling needs Python 3.11 or newer" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

## serve both languages on http://127.0.0.1:8000 (zh at /, en at /en/), rebuilding on change
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build both languages into site/
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## Node packages of the browser checks (axe-core, Lighthouse, the offline shim), as locked in
## package-lock.json; Debian's nodejs and npm when node is missing
$(NODE_STAMP): package.json package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

## a copy of the site that works from a folder (file://), search included, in site-offline/
site-offline: $(STAMP) $(NODE_STAMP)
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

## Debian's Chromium for the browser tests (installed when it is missing)
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## a CJK font (installed when `fc-list :lang=zh` finds none): the zh benchmark page's plots
## need one, and without it Chinese screenshots show empty boxes
fonts:
	@fc-list :lang=zh 2>/dev/null | grep -q . || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fontconfig fonts-noto-cjk >/dev/null; }

## the venvs examples run in, one pair per Python found: empty, and tests/requirements-examples.txt
envs: $(STAMP)
	$(HARNESS) envs

## the same for the newest Python only (what `make test-fast` runs on)
envs-newest: $(STAMP)
	$(HARNESS) envs --newest

## the suite: site, browser, every block and snippet on the newest Python under every start
## method, and on every other Python whatever the record (tests/verified-run.json) does not vouch for
test: $(STAMP) chromium fonts envs $(NODE_STAMP)
	$(BIN)/python -m pytest -n $(WORKERS)

## the whole matrix from scratch: every block on every Python under every start method, and
## Lighthouse on every page (`make test` audits a sample of one page per kind)
test-all: $(STAMP) chromium fonts envs $(NODE_STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) --tier all

## while writing a chapter: the newest Python, one start method per block, no browser
test-fast: $(STAMP) fonts envs-newest
	$(BIN)/python -m pytest -n $(WORKERS) --tier fast

## Lighthouse's accessibility, best practices and SEO at 1.0 on every page, alone (LIGHTHOUSE_JOBS
## Chromiums at once, default one per core)
test-lighthouse: $(STAMP) chromium $(NODE_STAMP)
	$(BIN)/python -m pytest -p no:xdist -m lighthouse --tier all tests/browser

## Lighthouse on every page of both languages (mobile, simulated throttling, one page at a
## time), the site served gzip-compressed like a static host; prints the four scores per page
lighthouse: site chromium $(NODE_STAMP)
	$(HARNESS) lighthouse site

## rewrite docs/search/jieba_user_dict.txt (the zh search's words) from ../shared/glossary.md
jieba-dict: $(STAMP)
	$(HARNESS) jieba-dict

## merge the last run into the record (tests/verified-run.json) and write the Verified on page
verified: $(STAMP)
	$(HARNESS) verified

## where the suite's time goes: per phase, per chapter, and the harness's overhead (a benchmark);
## BENCH_SUITE_ARGS="--save after --before before" compares with a saved report
bench-suite: $(STAMP) chromium fonts envs $(NODE_STAMP)
	$(HARNESS) bench-suite $(BENCH_SUITE_ARGS)

## every block and snippet once per start method on the newest Python, child starts delayed at
## random (0-1.5 s, seeded: SEED=n replays) beside two CPU hogs; fails on any leftover
chaos: $(STAMP) envs-newest
	$(HARNESS) chaos $(if $(SEED),--seed $(SEED))

## flake hunt: `make test` ten times, five beside a CPU hog; fails on any failure or leftover
soak: $(STAMP) chromium fonts envs $(NODE_STAMP)
	$(HARNESS) soak

## reformat blocks and snippet files, and rewrite their #> lines from real runs
update-examples: $(STAMP) envs-newest
	$(BIN)/python -m pytest -p no:xdist --update-examples tests/test_examples.py

## run every benchmark into benchmark-runs/, in the examples venv of the tooling Python (tqdm;
## joblib, Dask, Ray); BENCH_ARGS="--quick" for a short check
bench: $(STAMP)
	$(HARNESS) bench $(BENCH_ARGS)

## copy the newest full run (or RESULTS=file.json) beside the notebook pages, re-execute both
bench-pages: $(STAMP) fonts
	$(BIN)/python -m snippets.benchmark.pages $(RESULTS)

clean:
	rm -rf site site-offline screenshots .cache
