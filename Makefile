# The perlenmädchen blog. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PELICANOPTS ?=
N ?= 1000

.DEFAULT_GOAL := help
.PHONY: help venv html serve clean test lint

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	PIP_CONSTRAINT=requirements.lock $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(STAMP) ## Create or refresh the virtual environment from the lock file

html: $(STAMP) ## Build the site into output/ (atomic: a failed build keeps the old output)
	$(BIN)/perlen bauen $(PELICANOPTS)

serve: $(STAMP) ## Serve the site on http://127.0.0.1:8000 and rebuild on changes
	$(BIN)/pelican --listen --autoreload --bind 127.0.0.1 --port 8000 -s pelicanconf.py $(PELICANOPTS)

clean: ## Remove the built site and the caches
	rm -rf output cache

test: $(STAMP) ## Run the whole test suite
	$(BIN)/pytest

lint: $(STAMP) ## Check formatting and lint rules
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/ruff format --check plugins tests benchmarks
