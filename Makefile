# Set-up and checks for Accords. `make run` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Who the system check is for (tools/system-packages.toml): `make run` needs Qt's desktop
# platform too, everything else the offscreen one.
SYSTEM_NEEDS = test
run: SYSTEM_NEEDS = run
# Under `make -n` the check still runs, but only says what it would install.
DRY_RUN = $(if $(findstring n,$(firstword -$(MAKEFLAGS))),--dry-run)

.PHONY: run test test-fast lint typecheck pytest bench screenshot clean system-check catalogues

# Before anything else: the system libraries Qt needs, installed when missing and allowed.
system-check:
	@command -v $(PYTHON) >/dev/null || { echo "accords: no $(PYTHON): run \`sudo apt-get install python3\`, then make again" >&2; exit 1; }
	+@$(PYTHON) tools/system_check.py $(DRY_RUN) $(SYSTEM_NEEDS)

$(STAMP): pyproject.toml | system-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/accords

test: lint typecheck pytest

# While working: the same checks without the tests marked slow (subprocesses, many cases).
test-fast: lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m 'not slow'

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

screenshot: $(STAMP)
	$(BIN)/python -m gui.screenshot resources/screenshot.png

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# The translation catalogues (storage/locale): extract the marked text from the sources into
# accords.pot, update every language's .po from it, and list each message still to translate.
# A new language: `mkdir -p storage/locale/<lang>/LC_MESSAGES`, then see the README.
catalogues: $(STAMP)
	$(BIN)/python -m tools.catalogues all
