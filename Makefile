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

.PHONY: test-lighthouse serve site site-offline test test-fast update-examples chromium envs verified bench-suite soak clean \
        bench bench-pages lighthouse jieba-dict

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

## Debian's Chromium for the browser tests, and a CJK font (each installed when it is missing:
## without the font, Chinese screenshots show empty boxes)
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@fc-list :lang=zh | grep -q . || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk >/dev/null; }

## the venvs examples run in, one pair per Python found: empty, and tests/requirements-examples.txt
envs: $(STAMP)
	cd tests && ../$(BIN)/python -m harness.envs

## the whole suite: every block under every start method on every Python found, site, browser
test: $(STAMP) chromium envs $(NODE_STAMP)
	$(BIN)/python -m pytest -n $(WORKERS)

## Lighthouse's accessibility, best practices and SEO at 1.0 on every page, alone (part of
## `make test`; LIGHTHOUSE_JOBS Chromiums at once, default one per core)
test-lighthouse: $(STAMP) chromium $(NODE_STAMP)
	$(BIN)/python -m pytest -p no:xdist -m lighthouse tests/browser

## Lighthouse on every page of both languages (mobile, simulated throttling, one page at a
## time), the site served gzip-compressed like a static host; prints the four scores per page
lighthouse: site chromium $(NODE_STAMP)
	PYTHONPATH=tests $(BIN)/python -m harness.lighthouse site

## rewrite docs/search/jieba_user_dict.txt (the zh search's words) from ../shared/glossary.md
jieba-dict: $(STAMP)
	$(BIN)/python tests/harness/glossary.py

## the same on the current Python only (quicker while writing a chapter)
test-fast: $(STAMP)
	export MP_DOCS_PYTHONS="$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')" && \
	  (cd tests && ../$(BIN)/python -m harness.envs) && \
	  $(BIN)/python -m pytest -n $(WORKERS) --ignore=tests/browser

## publish the last full `make test` as the "Verified on" page (docs/*/verified.md)
verified: $(STAMP)
	cd tests && ../$(BIN)/python -m harness.verified

## where the suite's time goes: per phase, per chapter, and the harness's overhead (a benchmark)
bench-suite: $(STAMP) chromium envs $(NODE_STAMP)
	cd tests && ../$(BIN)/python -m harness.suite_bench

## flake hunt: `make test` ten times, five beside a CPU hog; fails on any failure or leftover
soak: $(STAMP) chromium envs $(NODE_STAMP)
	cd tests && ../$(BIN)/python -m harness.soak

## reformat blocks and snippet files, and rewrite their #> lines from real runs
update-examples: $(STAMP)
	$(BIN)/python -m pytest -p no:xdist --update-examples tests/test_examples.py tests/test_snippets.py

## run every benchmark into benchmark-runs/ (7 repeats: about 13 min on 2 cores), in the examples venv of the tooling Python
## (tqdm; joblib, Dask, Ray); BENCH_ARGS="--quick" for a short check
bench: $(STAMP)
	PY=$$(cd tests && ../$(BIN)/python -c 'import sys; from harness.envs import EXAMPLES, ensure; \
	  print(ensure(EXAMPLES, sys.executable).python)') && \
	  $$PY -m snippets.benchmark $(BENCH_ARGS)

## copy the newest full run (or RESULTS=file.json) beside the notebook pages, re-execute both
bench-pages: $(STAMP)
	$(BIN)/python -m snippets.benchmark.pages $(RESULTS)

clean:
	rm -rf site site-offline screenshots .cache
