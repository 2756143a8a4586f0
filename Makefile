# mpquiz: `make run` opens the app on its home screen, `make test` runs the whole test suite.
# Both create a local virtual environment (.venv) on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test soak lint format bench lock i18n clean

# mpquiz's bytecode, as pip compiles it for an installed wheel: an editable install left
# to compile itself would do it at every start where PYTHONDONTWRITEBYTECODE is set.
COMPILE = @$(BIN)/python -m compileall -q src/mpquiz

# The first install takes a minute or two (a few dozen packages): it says so, and pip shows
# each package as it comes and a bar while it downloads.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mpquiz needs Python 3.11 or newer")'
	@echo "mpquiz: installing mpquiz, its libraries and its test tools into $(VENV) (only when pyproject.toml changed; the first time takes a minute or two)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -e '.[test]'
	$(COMPILE)
	@echo "mpquiz: installed into $(VENV)"
	@touch $(STAMP)

run: $(STAMP)
	$(COMPILE)
	$(BIN)/mpquiz

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=10

# The reliability tests ten times longer: 1,000 SIGKILLs, 400 reviews per concurrent session.
soak: $(STAMP)
	MPQUIZ_SOAK=1 $(BIN)/python -m pytest -n 2 -rP tests/reliability

# Style, the layers (import-linter contracts in pyproject.toml) and the types (mypy --strict).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

bench: $(STAMP)
	$(BIN)/python -m bench

# Record the built-in pack's manifest (every demo file's SHA-256, how each question runs)
# in data/demos.lock.json; run it after changing demos/ or a question's demo or args.
lock: $(STAMP)
	$(BIN)/python -m mpquiz.packs.builtin_lock

# The translations (src/mpquiz/locale/*/LC_MESSAGES/mpquiz.po): take the keys used in the
# code and Click's messages, update every language, compile the .mo files, report what is
# missing or fuzzy. `make i18n NEW=fr` starts a new language (docs/translating.md).
i18n: $(STAMP)
	$(if $(NEW),$(BIN)/python tools/i18n.py init $(NEW),)
	$(BIN)/python tools/i18n.py update

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache dist build
