# Alliance 8.7 platform. `make demo` and `make test` do all set-up themselves on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# Two workers: the machines this runs on have two cores; browser tests run in parallel safely.
PYTEST_ARGS ?= -n 2

.PHONY: demo test install lint typecheck migrations-check test-template checks pytest browser-deps serve messages compilemessages clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	DJANGO_SETTINGS_MODULE=alliance87.settings.dev $(BIN)/alliance87 migrate --noinput
	DJANGO_SETTINGS_MODULE=alliance87.settings.dev $(BIN)/alliance87 load_demo
	@echo "Open http://127.0.0.1:$(PORT)/  (Ctrl-C stops the server)"
	DJANGO_SETTINGS_MODULE=alliance87.settings.dev $(BIN)/alliance87 serve --port $(PORT)

test: install browser-deps
	@$(MAKE) --no-print-directory -j2 --output-sync=target checks
	@$(MAKE) --no-print-directory pytest

# The migrated test-database template (~110 s of CPU) builds on one core while the checks run on the other.
checks: test-template lint typecheck migrations-check

# pytest's SQLite test databases start from it (conftest.py); built once per set of migrations, in var/test-cache.
test-template: install
	@echo "Test database template (var/test-cache):"
	$(BIN)/python -m alliance87.core.tests.installation

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_module_length.py
	$(BIN)/hadolint deploy/Dockerfile

typecheck: install
	$(BIN)/mypy alliance87

migrations-check: install
	DJANGO_SETTINGS_MODULE=alliance87.settings.test $(BIN)/alliance87 makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Chromium for the browser tests"; \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; \
	fi

# Translators: refresh the catalogues after changing UI strings, then compile them (needs GNU gettext).
messages: install
	cd alliance87 && ../$(BIN)/alliance87 makemessages -l fr -l es --no-obsolete --ignore 'tests/*'

compilemessages: install
	cd alliance87 && ../$(BIN)/alliance87 compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache

# Full-page screenshots of the main pages (1280 and 360 px, English and French) into var/screenshots/.
screenshots: install browser-deps
	$(BIN)/python scripts/screenshots.py $(if $(ONLY),--only $(ONLY))
