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

demo: $(STAMP) browser
	$(BIN)/autohelper run imss-nss --against fixtures

test: $(STAMP) browser lint pytest

lint: $(STAMP)
	$(BIN)/ruff check autohelper tests bench
	$(BIN)/ruff format --check autohelper tests bench
	$(BIN)/mypy

# Two workers (pytest-xdist), each with its own browser, mock and front; then every bundled QA
# case (fixtures/qa) through `autohelper qa`, as QA runs them, with its reports. The wall time of
# both is printed at the end.
pytest: $(STAMP)
	@start=$$(date +%s); \
	$(BIN)/pytest -q -n 2 && \
	$(BIN)/autohelper qa --all --against fixtures --workers 2 \
		--junit test-results/qa.xml --html test-results/qa.html --artifacts test-results/qa; \
	code=$$?; echo "make test: tests and QA cases in $$(( $$(date +%s) - start )) s"; exit $$code

# The benchmark's own set-up: Selenium (the `bench` extra) and Debian's chromedriver.
bench: $(STAMP) browser
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,qa,bench]'
	@scripts/ensure-chromedriver
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-results
