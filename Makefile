# Two commands a newcomer needs: `make run` (set up and start) and `make test`.
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup run run-production test test-fast test-e2e bench load lint translations content-check clean

$(STAMP): pyproject.toml
	@py=$$(scripts/find-python.sh) || exit 1; \
	if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV) || exit 1; fi; \
	echo "Installing dependencies (about 2 minutes the first time)..."; \
	$(BIN)/python -m pip install --progress-bar on --quiet --upgrade pip wheel setuptools && \
	$(BIN)/python -m pip install --progress-bar on -e '.[dev]' | grep -v -E '^(Requirement already|  )' ; \
	test $${PIPESTATUS[0]} -eq 0 && rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)
	@$(BIN)/amo-bot setup

run: $(STAMP)
	@$(BIN)/amo-bot run

run-production: $(STAMP)
	@$(BIN)/amo-bot run --production

# `make test` runs both tiers, everything CI needs. The e2e tier (pytest marker `e2e`:
# tests/e2e and every test that trains the model or starts servers) can run alone.
test: $(STAMP)
	@$(BIN)/amo-bot translations compile
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The fast tier keeps its temporary files (the tests' SQLite databases above all) on the RAM
# disk when there is one, unless TMPDIR says otherwise: on a busy disk, waiting for each
# commit to reach it made the tier take almost twice as long.
RAM_DISK := $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm)

test-fast: $(STAMP)
	@$(BIN)/amo-bot translations compile
	TMPDIR="$${TMPDIR:-$(RAM_DISK)}" $(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

test-e2e: $(STAMP)
	@$(BIN)/amo-bot translations compile
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

bench: $(STAMP)
	@$(BIN)/amo-bot setup
	$(BIN)/python bench/run.py

load: $(STAMP)
	@$(BIN)/amo-bot setup
	$(BIN)/python bench/load.py

lint: $(STAMP)
	$(BIN)/ruff check bot actions tests bench
	$(BIN)/mypy

translations: $(STAMP)
	$(BIN)/amo-bot translations update
	$(BIN)/amo-bot translations compile
	$(BIN)/amo-bot translations status

content-check: $(STAMP)
	$(BIN)/amo-bot content check

clean:
	rm -rf var models .pytest_cache
