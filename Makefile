# wagtail-employer: developer and CI entry points. `make` (or `make help`) lists them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# A second, smaller run on the previous Wagtail major (setup.cfg allows >=7.0,<9.0).
WAGTAIL7_VENV := .venv-wagtail7
WAGTAIL7_VPY := $(WAGTAIL7_VENV)/bin/python
WAGTAIL7_STAMP := $(WAGTAIL7_VENV)/.installed
WAGTAIL7_SPEC := wagtail>=7.0,<8.0
# Extra arguments for pytest, e.g. make test-sqlite PYTEST_ARGS="tests/test_x.py -k foo"
PYTEST_ARGS ?=
# Test processes per run (pytest-xdist); each gets its own test database. Whole modules go to
# one worker so module-scoped fixtures (the browser suite's demo) are built once, except the
# tests tests/conftest.py spreads (SPREAD_TESTS) through xdist groups.
TEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(TEST_WORKERS) --dist loadgroup --durations=10
ARTIFACTS := test-artifacts
DEMO_ADDR := 127.0.0.1:8000
LOCALES := nb nn sv

# Banner names; `make test` numbers them.
SQLITE_RUN ?= Test run
POSTGRES_RUN ?= Test run
WAGTAIL7_RUN ?= Test run

.PHONY: help
help: ## List the targets
	@echo "Targets (make TARGET):"
	@grep -hE '^[a-zA-Z0-9_.-]+:.*## ' $(MAKEFILE_LIST) \
	    | awk 'BEGIN {FS = ":.*## "} {printf "  %-18s %s\n", $$1, $$2}'
	@echo 'Variables: PYTEST_ARGS="tests/test_x.py::test_y" TEST_WORKERS=0 (one process; default auto) for test, test-sqlite, test-postgres, test-wagtail7'

$(VPY):
	@echo "Creating $(VENV) with $(PYTHON) -m venv"
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	    echo "Could not create $(VENV): install python3-venv (apt-get install python3-venv)" >&2; \
	    exit 1; }

.PHONY: .venv
.venv: $(VPY) ## Create the virtualenv .venv when it is missing

$(STAMP): setup.cfg pyproject.toml | $(VPY)
	$(VPY) -m pip install --upgrade pip 'setuptools>=68' wheel
	$(VPY) -m pip install -e '.[test]'
	@touch $@

.PHONY: install
install: $(STAMP) ## Install the package (editable) with its test extras into .venv

$(WAGTAIL7_VPY):
	@echo "Creating $(WAGTAIL7_VENV) with $(PYTHON) -m venv"
	$(PYTHON) -m venv $(WAGTAIL7_VENV) || { rm -rf $(WAGTAIL7_VENV); \
	    echo "Could not create $(WAGTAIL7_VENV): install python3-venv (apt-get install python3-venv)" >&2; \
	    exit 1; }

$(WAGTAIL7_STAMP): setup.cfg pyproject.toml | $(WAGTAIL7_VPY)
	$(WAGTAIL7_VPY) -m pip install --upgrade pip 'setuptools>=68' wheel
	$(WAGTAIL7_VPY) -m pip install -e '.[test]' '$(WAGTAIL7_SPEC)'
	@touch $@

.PHONY: install-wagtail7
install-wagtail7: $(WAGTAIL7_STAMP) ## Install the package with its test extras and Wagtail 7.x into .venv-wagtail7

.PHONY: system-deps
system-deps: ## Install PostgreSQL server and gettext from Debian's packages if missing
	@scripts/system-deps.sh postgres gettext

.PHONY: browser-deps
browser-deps: ## Install Chromium from Debian's packages if /usr/bin/chromium is missing
	@scripts/system-deps.sh chromium

.PHONY: demo
demo: install ## Run the demo intranet with demo content on http://127.0.0.1:8000/
	cd example_site && ../$(VPY) manage.py migrate --noinput
	cd example_site && ../$(VPY) manage.py load_demo
	@echo
	@echo "== Demo intranet: site http://$(DEMO_ADDR)/  admin http://$(DEMO_ADDR)/admin/  (Ctrl-C stops) =="
	@echo
	cd example_site && ../$(VPY) manage.py runserver $(DEMO_ADDR)

.PHONY: lint
lint: install ## Lint and check formatting with ruff (changes nothing)
	@rc=0; \
	echo "$(VENV)/bin/ruff check ."; $(VENV)/bin/ruff check . || rc=1; \
	echo "$(VENV)/bin/ruff format --check ."; $(VENV)/bin/ruff format --check . || rc=1; \
	exit $$rc

.PHONY: format
format: install ## Format the code and apply ruff's safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

.PHONY: migrations-check
migrations-check: install ## Fail when a model change has no migration
	cd example_site && ../$(VPY) manage.py makemigrations --check --dry-run

.PHONY: test
test: install install-wagtail7 system-deps browser-deps ## Lint, migrations check, the suite on SQLite and PostgreSQL, then on Wagtail 7.x
	@rm -f $(ARTIFACTS)/sqlite.xml $(ARTIFACTS)/postgres.xml $(ARTIFACTS)/wagtail7.xml
	@rc=0; lint=ok; mig=ok; s1=0; s2=0; s3=0; \
	$(MAKE) --no-print-directory lint || { lint=FAILED; rc=1; }; \
	$(MAKE) --no-print-directory migrations-check || { mig=FAILED; rc=1; }; \
	$(MAKE) --no-print-directory test-sqlite SQLITE_RUN="Test run 1/3" || { s1=$$?; rc=1; }; \
	$(MAKE) --no-print-directory test-postgres POSTGRES_RUN="Test run 2/3" || { s2=$$?; rc=1; }; \
	$(MAKE) --no-print-directory test-wagtail7 WAGTAIL7_RUN="Test run 3/3" || { s3=$$?; rc=1; }; \
	echo; \
	echo "== Summary: lint $$lint, migrations $$mig, SQLite $$([ $$s1 = 0 ] && echo ok || echo FAILED)," \
	     "PostgreSQL $$([ $$s2 = 0 ] && echo ok || echo FAILED)," \
	     "Wagtail 7 $$([ $$s3 = 0 ] && echo ok || echo FAILED) =="; \
	$(VPY) scripts/junit_summary.py \
	    $(ARTIFACTS)/sqlite.xml $(ARTIFACTS)/postgres.xml $(ARTIFACTS)/wagtail7.xml || true; \
	exit $$rc

.PHONY: test-sqlite
test-sqlite: install ## Run pytest on SQLite (PYTEST_ARGS passed through)
	@mkdir -p $(ARTIFACTS)
	@echo "== $(SQLITE_RUN): SQLite =="
	env -u DATABASE_URL $(VPY) -m pytest $(PYTEST_PARALLEL) --junitxml=$(ARTIFACTS)/sqlite.xml $(PYTEST_ARGS)

.PHONY: test-postgres
# What no database changes (marked once: fresh installs on their own SQLite file, the full
# XSS sweep) and the browser tests run in the SQLite run only.
test-postgres: install system-deps ## Run pytest on a throwaway PostgreSQL cluster, without the once and browser tests
	@mkdir -p $(ARTIFACTS)
	scripts/with-postgres.sh bash -c \
	    'echo "== $(POSTGRES_RUN): PostgreSQL $$PGVERSION on 127.0.0.1:$$PGPORT =="; exec "$$@"' \
	    with-postgres $(VPY) -m pytest $(PYTEST_PARALLEL) -m "not once and not browser" \
	    --junitxml=$(ARTIFACTS)/postgres.xml $(PYTEST_ARGS)

# The wheel and fresh-install tests (marked slow) run in the main runs only.
.PHONY: test-wagtail7
test-wagtail7: install-wagtail7 ## Run pytest on SQLite with the latest Wagtail 7.x, without slow tests
	@mkdir -p $(ARTIFACTS)
	@echo "== $(WAGTAIL7_RUN): SQLite with Wagtail" \
	    "$$($(WAGTAIL7_VPY) -c 'import importlib.metadata as m; print(m.version("wagtail"))') =="
	env -u DATABASE_URL $(WAGTAIL7_VPY) -m pytest $(PYTEST_PARALLEL) -m "not slow and not browser" \
	    --junitxml=$(ARTIFACTS)/wagtail7.xml $(PYTEST_ARGS)

.PHONY: bench
bench: install system-deps ## Benchmark on SQLite and a throwaway PostgreSQL side by side; prints pass/fail per target
	scripts/with-postgres.sh $(VPY) benchmarks/run.py

.PHONY: messages
messages: install ## Update the nb/nn/sv .po files (package and demo site) and compile the .mo files
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: run make system-deps" >&2; exit 1; }
	cd wagtail_employer && DJANGO_SETTINGS_MODULE=intranet.settings.dev \
	    PYTHONPATH=$(CURDIR)/example_site:$(CURDIR) ../$(VENV)/bin/django-admin makemessages \
	    $(addprefix -l ,$(LOCALES)) --add-location=file --no-obsolete
	cd wagtail_employer && DJANGO_SETTINGS_MODULE=intranet.settings.dev \
	    PYTHONPATH=$(CURDIR)/example_site:$(CURDIR) ../$(VENV)/bin/django-admin compilemessages \
	    $(addprefix -l ,$(LOCALES))
	cd example_site && DJANGO_SETTINGS_MODULE=intranet.settings.dev \
	    PYTHONPATH=$(CURDIR)/example_site:$(CURDIR) ../$(VENV)/bin/django-admin makemessages \
	    $(addprefix -l ,$(LOCALES)) --add-location=file --no-obsolete
	cd example_site && DJANGO_SETTINGS_MODULE=intranet.settings.dev \
	    PYTHONPATH=$(CURDIR)/example_site:$(CURDIR) ../$(VENV)/bin/django-admin compilemessages \
	    $(addprefix -l ,$(LOCALES))

.PHONY: wheel
wheel: install ## Build the wheel into dist/
	rm -rf build
	$(VPY) -m build --wheel --outdir dist .
	@ls -l dist/*.whl

.PHONY: clean
clean: ## Remove build output, caches and test artifacts (keeps .venv)
	rm -rf build dist *.egg-info $(ARTIFACTS) .pytest_cache .ruff_cache
	find . \( -path ./$(VENV) -o -path ./$(WAGTAIL7_VENV) \) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

.PHONY: distclean
distclean: clean ## clean, and remove .venv and .venv-wagtail7 too
	rm -rf $(VENV) $(WAGTAIL7_VENV)
