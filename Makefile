# The project's two jobs, each one command on a fresh machine:
#   make site   installs everything, validates the dataset and builds the site into site/
#   make test   installs everything (Chromium too, where it can) and runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed

.PHONY: site test validate serve export bench browser clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/communique validate dataset

site: validate
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve

export: validate
	$(BIN)/communique export --out out/export

browser:
	scripts/install-browser

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_validate.py

clean:
	rm -rf $(VENV) site out build dist .pytest_cache .hypothesis
