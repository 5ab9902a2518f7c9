# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PERMITS ?= 20000
DATABASE_URL ?= sqlite:///var/permitline.sqlite3
export DATABASE_URL
# make run is the demo: demo accounts, mail written to var/mail, cookies without Secure so
# http://127.0.0.1 works. Production never sets it.
BIN := $(VENV)/bin

.PHONY: run test test-unit test-dates test-e2e migrate demo bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || (apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.run

/usr/bin/chromium:
	apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 chromium

# The Nu HTML Checker (tests/unit/web/test_html_validity.py): the jar that the vnu-jar npm
# package carries, in a git-ignored folder of the project; it runs on Debian's Java, offline.
VNU_VERSION := 26.9.27
VNU := .tools/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU):
	command -v npm >/dev/null || (apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 npm)
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .tools vnu-jar@$(VNU_VERSION)

/usr/bin/java:
	apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 default-jre-headless

run: $(VENV)/.run
	$(BIN)/permitline migrate
	PERMITLINE_DEMO=1 $(BIN)/permitline demo --permits $(DEMO_PERMITS) --if-empty
	PERMITLINE_DEMO=1 $(BIN)/permitline serve --host $(HOST) --port $(PORT)

test-unit: $(VENV)/.test $(VNU) /usr/bin/java
	$(BIN)/pytest tests/unit

# The unit suite at other moments, so no test depends on the day it runs (issue 14): a New
# Year's Eve evening (already 1 January in UTC), a 29 February, and the minutes before Los
# Angeles falls back (1:30 am happens twice that day). Three runs at once on CI's two cores
# (two rounds of two took 18 minutes; CI's budget is 30 for everything).
TEST_MOMENTS ?= 2027-12-31T22:30:00-08:00 2028-02-29T09:15:00-08:00 2027-11-07T01:30:00-07:00
# The two route-by-route sweeps (hostile values into every field of every route, and every
# route for every kind of visitor) are two fifths of the suite's time: they run once, in
# `make test`. Their apps run on the injected clock of the known data (tests.factories
# KNOWN_NOW), not the moment's, so a run at another moment would repeat the same run
# (CI's budget is 30 minutes).
DATE_FREE_SWEEPS = --ignore=tests/unit/web/test_hostile_input.py \
	--ignore=tests/unit/web/test_authorization.py
test-dates: $(VENV)/.test $(VNU) /usr/bin/java
	@mkdir -p var/test-dates
	@# Each run keeps its own temporary directory and log.
	@printf '%s\n' $(TEST_MOMENTS) | xargs -P 3 -I{} sh -c '\
	  if PERMITLINE_TEST_NOW={} $(BIN)/pytest tests/unit -q -p no:cacheprovider $(DATE_FREE_SWEEPS) \
	      --basetemp=var/test-dates/{} > var/test-dates-{}.log 2>&1; \
	  then echo "unit tests pass at {}: $$(tail -1 var/test-dates-{}.log)"; \
	  else echo "unit tests FAIL at {}:"; tail -60 var/test-dates-{}.log; exit 1; fi'

# The browser runs at the suite's moment too (tests/travel_clock.py): Debian's libfaketime.
FAKETIME_LIB := /usr/lib/$(shell uname -m)-linux-gnu/faketime/libfaketime.so.1
$(FAKETIME_LIB):
	apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 faketime

# Playwright's sync API and pytest-asyncio cannot share one process: e2e runs on its own.
test-e2e: $(VENV)/.test /usr/bin/chromium $(FAKETIME_LIB)
	$(BIN)/pytest tests/e2e

# The unit suite is one process on one core and the browser journeys mostly wait on the
# browser, so they run side by side, each printing its report when it ends (CI's budget is 30
# minutes on two cores). What they need is installed first, one apt-get at a time.
TEST_TOOLS = $(VENV)/.test $(VNU) /usr/bin/java /usr/bin/chromium $(FAKETIME_LIB)
test: $(TEST_TOOLS)
	@echo "Unit tests and browser journeys run side by side; each reports when it ends (about 10 minutes)."
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-unit test-e2e

/usr/bin/wrk:
	apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 wrk

# About 15 minutes; builds 1M-permit databases on first use (see docs/benchmarks.md).
bench: $(VENV)/.test /usr/bin/wrk /usr/bin/chromium
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .tools var/*.sqlite3*
