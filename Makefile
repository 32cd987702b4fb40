# The jobs people do on this project. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)
# Rasa's usage telemetry and error reports off (Python entry points do the same, bot/__init__.py).
export RASA_TELEMETRY_ENABLED ?= false
# Python 3.10 is required by Rasa 3.6: python3.10 on PATH, else pyenv's, else an error naming what to install.
PYTHON310 ?= $(shell for c in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python /usr/bin/python3.10 /usr/local/bin/python3.10; do \
	  $$c -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: help setup chromium haproxy train run cluster review shell test test-fast validate eval bench bench-cluster clean

help:
	@echo "make run      set up, train if needed, serve the bot (Rasa :5005, actions :5055, demo page :8080)"
	@echo "make cluster  2 Rasa servers + 2 action servers behind HAProxy on :5005/:5055 (PostgreSQL, Redis; CLUSTER=N)"
	@echo "make test     set up, train if needed, run every test"
	@echo "make train    train the model (skipped when nothing changed)"
	@echo "make review   the support console on http://localhost:8050/ (accounts: python -m bot users add NAME)"
	@echo "make shell    talk to the bot in the terminal"
	@echo "make eval     measure the NLU and the dialogue (results/), ours vs Rasa's default config"
	@echo "make bench    load benchmark, ours vs Rasa's default set-up (results/bench/; ~15 min; needs Redis for ours)"
	@echo "make bench-cluster  1 and 2 Rasa servers through HAProxy, and HAProxy's own cost (docs/scale-out.md)"
	@echo "make clean    remove the venv, models, caches and local data"

setup: $(STAMP)

$(STAMP): requirements.lock
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "error: Python 3.10 not found (Rasa 3.6 needs it). Install it, e.g. 'pyenv install 3.10' or 'apt-get install python3.10 python3.10-venv'." >&2; exit 1; fi
	@echo "==> creating $(VENV) with $(PYTHON310)"
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	@echo "==> installing pinned dependencies (requirements.lock)"
	@$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

# The browser tests drive the system Chromium (Debian package); nothing is downloaded by Playwright.
chromium:
	@[ -x /usr/bin/chromium ] || { echo "==> installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The cluster's load balancer (make cluster, tests/cluster/): Debian's haproxy package, installed if missing.
haproxy:
	@[ -x /usr/sbin/haproxy ] || { echo "==> installing Debian's haproxy for the cluster"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; }

train: setup
	@$(PY) -m bot train

run: train
	@$(PY) -m bot serve

# Rasa's standard topology: CLUSTER Rasa servers, ACTIONS action servers, HAProxy in front (docs/scale-out.md).
CLUSTER ?= 2
ACTIONS ?= 2
cluster: train haproxy
	@$(PY) -m bot serve --cluster $(CLUSTER) --actions $(ACTIONS)

review: setup
	@$(PY) -m bot review serve

shell: train
	@$(PY) -m bot shell

validate: setup
	@$(PY) -m rasa data validate --fail-on-warnings

test: train chromium haproxy
	@$(PY) -m pytest

test-fast: setup
	@$(PY) -m pytest tests/unit tests/actions -q

eval: train
	@$(PY) -m bot eval $(EVAL_ARGS)

# Simulated visitors over REST at 1, 5, 20, 50 at once, ours vs Rasa's default recipe (README, Performance).
# Options: make bench BENCH_ARGS="--levels 1,5 --quick" (also --skip-default, --skip-training; --help).
bench: train
	@$(PY) -m bot bench $(BENCH_ARGS)

bench-cluster: train haproxy
	@$(PY) -m bot bench --cluster $(BENCH_ARGS)

clean:
	rm -rf $(VENV) models/*.tar.gz models/*.fingerprint .rasa var results .pytest_cache .hypothesis
