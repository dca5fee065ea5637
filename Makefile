# eventwire: make install | demo | test | eval | bench | clean
# Python 3.12 is found on PATH, under pyenv, or given as PYTHON312=/path/to/python3.12.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.eventwire-installed
EVAL_DIR ?= ../shared/eval
GOLD := $(EVAL_DIR)/petr2_gsr.dev.jsonl $(EVAL_DIR)/plover_gsr.dev.jsonl
FLOORS := quality/floors.json
DEMO_INPUTS := $(wildcard samples/wikinews/*.jsonl)
LINTED := src tests scripts benchmarks fuzz quality

PY312_CANDIDATES := python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) \
	$(wildcard /root/.pyenv/versions/3.12*/bin/python3.12) \
	$(wildcard $(shell pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12)
PYTHON312 ?= $(shell for p in $(PY312_CANDIDATES); do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1; \
	then command -v "$$p"; break; fi; done)

.PHONY: install web browser lint test pytest eval corpus-profile fuzz bench bench-api load-api demo demo-code demo-store demo-serve clean distclean

install: $(STAMP)

$(BIN)/python:
	@if [ -z "$(PYTHON312)" ]; then \
		echo "error: Python 3.12 not found (tried: python3.12 on PATH, ~/.pyenv/versions/3.12*)." >&2; \
		echo "       Install it (e.g. pyenv install 3.12) or run: make install PYTHON312=/path/to/python3.12" >&2; \
		exit 1; fi
	$(PYTHON312) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[dev]'
	touch $@

# Dashboard assets: npm packages (Leaflet, world-atlas, topojson-client, uPlot) copied
# with their licences into the package by scripts/build_web.py; served locally.
WEB_VENDOR := src/eventwire/web/static/vendor/versions.json
web: $(WEB_VENDOR)

$(WEB_VENDOR): web/package.json web/package-lock.json scripts/build_web.py | install
	npm ci --prefix web --no-audit --no-fund
	$(BIN)/python scripts/build_web.py

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium"; \
	else SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; fi

lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

pytest: install web
	$(BIN)/pytest -q

# The quality gate: fails (exit 4) when a metric pinned in quality/floors.json drops.
eval: install
	@for f in $(GOLD); do [ -f "$$f" ] || { echo "error: gold file $$f missing (set EVAL_DIR=...)" >&2; exit 1; }; done
	$(BIN)/eventwire eval $(GOLD) --floors $(FLOORS)

# What the coder does to 2,000 real articles: roots, 01x share, self-directed events.
PROFILE_CORPUS ?= ../shared/corpus/allsides_political.jsonl.gz
corpus-profile: install
	$(BIN)/python quality/corpus_profile.py $(PROFILE_CORPUS) --limit 2000 --workers 2

test: lint pytest eval

# Long fuzzing: 10,000 hypothesis cases per reader/cleaner/date/pattern property, then
# the atheris HTML and WARC harnesses for FUZZ_SECONDS each (crashes -> fuzz/crashes/).
FUZZ_SECONDS ?= 120
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/fuzz
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)

# Throughput, memory and overhead benchmarks; each appends a record to
# benchmarks/results.json (several minutes on 2 cores).
bench: install
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_places.py
	$(BIN)/python benchmarks/bench_store.py --n 500
	$(BIN)/python benchmarks/bench_dask.py
	$(BIN)/python benchmarks/bench_api.py
	$(BIN)/python benchmarks/bench_dashboard.py

# /api/events latency on 10,000 articles (1,000 coded, replicated; cached in out/bench_api)
bench-api: install
	$(BIN)/python benchmarks/bench_api.py

# Reads while articles are written through the API: 0 failures, consistent counts.
load-api: install
	$(BIN)/python benchmarks/load_api.py

# Code the Wikinews sample, store it, then serve the dashboard on 127.0.0.1:8000
# (Ctrl-C stops it; DEMO_PORT=... picks another port).
DEMO_STORE := out/demo.duckdb
DEMO_PORT ?= 8000
demo: demo-code demo-store demo-serve

demo-serve: install web
	$(BIN)/eventwire serve --store $(DEMO_STORE) --port $(DEMO_PORT)

demo-store: install
	@mkdir -p out
	rm -f $(DEMO_STORE) $(DEMO_STORE).wal
	$(BIN)/eventwire ingest $(DEMO_INPUTS) --store $(DEMO_STORE)
	$(BIN)/eventwire query --store $(DEMO_STORE) --sql "SELECT date, source_code AS source, \
	    cameo, plover_type AS plover, target_code AS target, num_articles AS articles \
	    FROM aggregated_events ORDER BY num_mentions DESC, date LIMIT 15"
	$(BIN)/eventwire series USA --store $(DEMO_STORE) --by month

demo-code: install
	@mkdir -p out
	$(BIN)/eventwire code $(DEMO_INPUTS) --format table
	$(BIN)/eventwire code $(DEMO_INPUTS) --output out/demo_events.jsonl --errors out/demo_errors.jsonl
	@echo "wrote out/demo_events.jsonl ($$(wc -l < out/demo_events.jsonl) events)"

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
	rm -rf web/node_modules src/eventwire/web/static/vendor
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
