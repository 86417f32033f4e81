# The two commands of the README do all set-up on a fresh machine, then run:
#   make demo   a guided NSS session against the bundled mock portal
#   make test   the whole suite (lint, types, tests in a real headless Chromium)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint pytest browser bench clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,qa]'
	@touch $(STAMP)

browser:
	@scripts/ensure-browser

# The mock's person already has an NSS: the scenario does not fill a new NSS's address step yet.
demo: $(STAMP) browser
	$(BIN)/autohelper run imss-nss --against fixtures --mock imss.nss_found=true

test: $(STAMP) browser lint pytest

lint: $(STAMP)
	$(BIN)/ruff check autohelper tests bench
	$(BIN)/ruff format --check autohelper tests bench
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP) browser
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-results
