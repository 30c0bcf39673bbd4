# After cloning, two commands matter: `make serve` (preview the site) and `make test` (all tests).
# Both create .venv and install the exact versions pinned in $(LOCK) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := .ci/requirements.txt
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Pinned browser-test tools (axe-core, Nu HTML Checker) from the npm registry.
TOOLS := tests/browser_deps/node_modules
# One pytest worker more than there are cores: browser tests spend part of each page waiting on
# Chromium, and the extra worker keeps the cores busy then (2 cores: 8:38 against 9:05).
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-load check urls bench bench-quick lock clean

serve: $(VENV)/.site  ## preview on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.site  ## strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

test: $(VENV)/.test $(TOOLS)/.installed  ## lint, then every test (needs chromium, java, npm)
	$(BIN)/ruff check scripts tests
	$(BIN)/pytest --numprocesses=$(TEST_WORKERS) --dist=loadgroup

test-load: $(VENV)/.test $(TOOLS)/.installed  ## browser suite 5 times with every core kept busy
	$(BIN)/python -m tests.support.underload 5

check: $(VENV)/.site  ## check cards, front matter and bibliography
	$(BIN)/vidensbank check

urls: $(VENV)/.site  ## record every page URL in research/published-urls.txt (never removes one)
	$(BIN)/vidensbank urls update

bench: $(VENV)/.site  ## build-cost benchmark (several minutes); bench-quick: N=100 only
	$(BIN)/vidensbank bench --json bench-results.json

bench-quick: $(VENV)/.site
	$(BIN)/vidensbank bench --quick

lock:  ## re-resolve the newest allowed versions into $(LOCK)
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip --disable-pip-version-check --quiet install '.[test]'
	{ echo "# Exact versions for CI, publishing and make serve/test. Regenerate: make lock"; \
	  $(VENV)-lock/bin/python -m pip freeze --exclude vidensbank; } > $(LOCK)
	rm -rf $(VENV)-lock

clean:
	rm -rf $(VENV) site $(TOOLS)

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Kunne ikke oprette $(VENV). På Debian: sudo apt-get install python3-venv"; exit 1; }

$(VENV)/.site: $(BIN)/python pyproject.toml $(LOCK)
	$(PIP) install -c $(LOCK) -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(PIP) install -c $(LOCK) -e '.[test]'
	touch $@

$(TOOLS)/.installed: tests/browser_deps/package.json tests/browser_deps/package-lock.json
	@command -v npm >/dev/null || { \
	  echo "npm mangler til testværktøjerne. På Debian: sudo apt-get install nodejs npm"; exit 1; }
	# --ignore-scripts: vnu-jar's install script would fetch a Java runtime; Debian's is used.
	npm ci --prefix tests/browser_deps --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@
