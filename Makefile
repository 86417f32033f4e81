# The two commands of the README do all set-up on a fresh machine, then run:
#   make demo   a guided NSS session against the bundled mock portal
#   make test   the whole suite (lint, types, tests in a real headless Chromium)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test qa lint pytest browser bench bytecode clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,qa]'
	@touch $(STAMP)

browser:
	@scripts/ensure-browser

# Our modules compiled ahead, as pip compiles an installed package's: where
# PYTHONDONTWRITEBYTECODE is set (this machine, many CI images), every process would otherwise
# compile them from source, a tenth of a second each. Only what changed is compiled again.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q autohelper

demo: $(STAMP) browser bytecode
	$(BIN)/autohelper run imss-nss --against fixtures

test: $(STAMP) browser lint pytest

lint: $(STAMP)
	$(BIN)/ruff check autohelper tests bench
	$(BIN)/ruff format --check autohelper tests bench
	$(BIN)/mypy

# Three workers (pytest-xdist), one more than this machine's cores, each with its own browser,
# mock and front: a worker alone keeps about one core busy (Python, the driver and Chromium wait
# on each other in turn), so as many workers as cores left a fifth of them idle; one more fills
# them (here -n 2: 161 s, 65 idle core-seconds; -n 3: 138 to 143 s, 16 to 19; -n 4: 139 s;
# docs/benchmark.md). The browser tests come first (tests/conftest.py) and a worker that is
# done steals another's pending tests (worksteal): the run ends on short tests, every worker
# busy. pytest prints the wall time at the end. pytest may keep its rewritten test modules
# (tests/__pycache__, ignored by git) even where PYTHONDONTWRITEBYTECODE is set: each worker
# otherwise rewrites and compiles every test module again, about 4 CPU-seconds of its start.
# Elsewhere: `make test WORKERS=N` (the cores plus one).
WORKERS ?= 3
pytest: $(STAMP) bytecode
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q -n $(WORKERS) --dist worksteal

# Every bundled QA case (fixtures/qa) through `autohelper qa`, as a QA team runs them, with its
# reports in test-results/ (157 cases: about three minutes on two cores).
qa: $(STAMP) browser bytecode
	@mkdir -p test-results
	$(BIN)/autohelper qa --all --against fixtures --workers 2 \
		--junit test-results/qa.xml --html test-results/qa.html --artifacts test-results/qa

# The benchmark's own set-up: Selenium (the `bench` extra) and Debian's chromedriver.
bench: $(STAMP) browser bytecode
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,qa,bench]'
	@scripts/ensure-chromedriver
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-results
