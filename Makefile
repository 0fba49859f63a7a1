# The two commands of the quick start: `make site` and `make test`.
# Each sets up the project's own virtual environment first (once; again when pyproject.toml changes):
# `make site` with only what the site needs, `make test` (and `make lint`, `make setup`) with the test
# and lint tools too. `make test` (and `make vendor`) also installs the npm packages (once; again when
# package-lock.json changes).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# What the site needs (pyproject.toml's dependencies), and the test and lint tools (its [dev] extra).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The npm packages, pinned by package-lock.json: the HTML checks' vnu-jar and axe-core, TimelineJS
# (copied into the theme by `make vendor`) and the world atlas `python -m chronology.boundaries`
# makes chronology/boundaries.geojson from.
NODE_STAMP := node_modules/.installed

.PHONY: site test check serve lint clean setup browser vendor

setup: $(DEV_STAMP)

# A Python asked for on the command line (make site PYTHON=python3.12) that is not the one .venv was
# made with makes .venv again with it; one that cannot be run stops make, .venv left as it is.
ifeq ($(origin PYTHON),command line)
  WANTED_VERSION := $(shell $(PYTHON) -c 'import sys; print(sys.version)' 2>/dev/null)
  ifeq ($(WANTED_VERSION),)
    $(error PYTHON=$(PYTHON) cannot be run: give a Python 3.11, 3.12 or 3.13 that is installed)
  endif
  ifneq ($(wildcard $(PY)),)
    ifneq ($(WANTED_VERSION),$(shell $(PY) -c 'import sys; print(sys.version)' 2>/dev/null))
      RENEW := renew-venv
    endif
  endif
endif

.PHONY: renew-venv
renew-venv:
	rm -rf $(VENV)

$(PY): $(RENEW)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

# The HTML checks' tools (vnu.jar, axe.min.js), again when package-lock.json changes. Without npm
# the site still builds; tests/site/test_html_quality.py then skips (and fails in CI) saying why.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime from GitHub when `java` is
# missing; the tests use the system's Java instead (.ci/run installs it).
$(NODE_STAMP): package.json $(wildcard package-lock.json)
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "make: npm not found; skipping node_modules (the HTML validity and accessibility tests need it)" >&2; \
	elif [ -f package-lock.json ]; then \
	  npm ci --no-audit --no-fund --ignore-scripts && touch $(NODE_STAMP); \
	else \
	  npm install --no-audit --no-fund --ignore-scripts && touch $(NODE_STAMP); \
	fi

site: $(STAMP)
	$(PY) build.py

check: $(STAMP)
	$(PY) build.py check

serve: $(STAMP)
	$(PY) build.py serve

# The browser tests use Debian's chromium: install it where it is missing and this user can
# (root with apt-get); elsewhere they skip, saying why (CI sets CHRONOLOGY_REQUIRE_BROWSER=1,
# which turns that skip into a failure).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make: /usr/bin/chromium is missing and cannot be installed here; browser tests will be skipped" >&2; \
	  fi; \
	fi

test: $(DEV_STAMP) $(NODE_STAMP) browser
	$(PY) -m pytest

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

clean:
	rm -rf site $(VENV) node_modules

# TimelineJS 3 is served from the site itself (the Timeline view loads nothing from elsewhere): a
# copy of the files it needs, from the npm package pinned in package-lock.json, is kept in
# templates/assets/timelinejs/. `make vendor` refreshes the copy after the pin changes; a test
# checks that the copy is the pinned package's.
TIMELINEJS := node_modules/@knight-lab/timelinejs
TIMELINEJS_FILES := js/timeline.js css/timeline.css $(addprefix css/icons/tl-icons.,eot svg ttf woff woff2)
vendor: $(NODE_STAMP)
	for f in $(TIMELINEJS_FILES); do install -D -m 644 $(TIMELINEJS)/dist/$$f templates/assets/timelinejs/$$f; done
	install -m 644 $(TIMELINEJS)/LICENSE templates/assets/timelinejs/LICENSE
