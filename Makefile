# Reproduce every figure and table: `make figures`.  Check everything: `make test`.
# Each target sets up its own virtual environment (.venv) from requirements.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

export MPLBACKEND := agg
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export PYTHONHASHSEED := 0

NOTEBOOKS := $(wildcard notebooks/*.ipynb)
STEMS     := $(notdir $(basename $(NOTEBOOKS)))
LIB       := $(shell find lib/zprime -name '*.py' -o -name '*.toml' -o -name '*.mplstyle')

.PHONY: all figures test lint unit nbval check data lab benchmark env clean help docs docs-check
.DEFAULT_GOAL := help

help:
	@echo "make figures   run every notebook (papermill), writing figures/, results/ and the executed notebooks"
	@echo "make test      ruff (lint + format check) and mypy beside the unit + agreement tests and nbval over every notebook"
	@echo "make docs      the documentation site in build/docs/html (Sphinx + MyST-NB, warnings are errors)"
	@echo "make docs-check open the built pages in headless Chromium (if installed), screenshots in build/docs/screenshots"
	@echo "make data      download the external data listed in lib/zprime/data_manifest.toml into data/external/"
	@echo "make lab       JupyterLab on notebooks/"
	@echo "make benchmark the speed targets (41-mass bound sets, the command line, two notebooks) against baselines; COHERENT grids; bounds() on 100 masses"

env: $(STAMP)

# --no-compile: Python compiles each module on its first import instead, so the install does not
# byte-compile the whole of Jupyter and Sphinx (a third of its time on the test machine)
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# First the data: every manifest file not found (see zprime.data) is downloaded into data/external/,
# all or nothing (offline: a clear error, nothing changed).  Re-checked when the manifest changes.
build/stamps/data.done: lib/zprime/data_manifest.toml | $(STAMP)
	@mkdir -p build/stamps
	$(BIN)/python -m zprime.data fetch
	@touch $@

# `make figures` runs a notebook when it, or the library, is newer than its stamp in build/stamps/
# (outside git, so a fresh clone runs every notebook), then prints a summary: each notebook, whether
# it ran, its runtime, and whether its results/<stem>.json changed.  papermill writes to build/;
# the clean-up keeps outputs and execution counts but drops timestamps, and the result replaces
# the notebook in notebooks/ (it is the documentation and nbval's reference).
STAMPS := $(addprefix build/stamps/,$(addsuffix .done,$(STEMS)))

figures: $(STAMPS)
	@$(BIN)/python -m zprime.notebook_tools summary build/stamps $(STEMS)

build/stamps/%.done: notebooks/%.ipynb $(LIB) | $(STAMP) build/stamps/data.done
	@mkdir -p build/stamps
	@if [ -f results/$*.json ]; then cp results/$*.json build/stamps/$*.before.json; else rm -f build/stamps/$*.before.json; fi
	@date +%s > build/stamps/$*.start
	ZPRIME_OUTPUT=$(CURDIR) $(BIN)/papermill --cwd notebooks -k python3 --progress-bar notebooks/$*.ipynb build/$*.ipynb
	$(BIN)/python -m zprime.notebook_tools clean build/$*.ipynb notebooks/$*.ipynb
	@test -f results/$*.json || (echo "notebooks/$*.ipynb did not write results/$*.json" && exit 1)
	@echo $$(( $$(date +%s) - $$(cat build/stamps/$*.start) )) > build/stamps/$*.ran
	@touch $@

# The tests leave the checkout as they found it: nbval's notebook runs write into build/
# (ZPRIME_OUTPUT), and `git status` is compared before and after (when this is a git checkout).
test: $(STAMP)
	@mkdir -p build && (git status --porcelain > build/status-before 2>/dev/null || true)
	$(MAKE) -j2 --output-sync=target lint check
	@if git rev-parse --git-dir > /dev/null 2>&1; then \
		git status --porcelain > build/status-after; \
		cmp -s build/status-before build/status-after || \
		{ echo "make test changed the checkout:"; diff build/status-before build/status-after; exit 1; }; fi

lint: $(STAMP)
	$(BIN)/ruff check lib tests benchmarks docs
	$(BIN)/ruff format --check lib tests benchmarks docs
	$(BIN)/ruff check --select F $(NOTEBOOKS)  # pyflakes over the notebooks: unused imports, undefined names
	$(BIN)/mypy

# The unit tests run on all local cores (pytest-xdist; a test module stays on one worker).
unit: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadscope --durations=15 tests

# nbval re-runs every notebook and compares the cells marked NBVAL_CHECK_OUTPUT with the committed outputs;
# the notebooks write their figures and results into build/ (ZPRIME_OUTPUT).
NBVAL_OPTS := --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
NBVAL_ENV  := ZPRIME_OUTPUT=$(CURDIR)/build/nbval-output

nbval: $(STAMP)
	$(NBVAL_ENV) $(BIN)/python -m pytest -p no:cacheprovider $(NBVAL_OPTS) \
		-o testpaths=notebooks notebooks

# `make test` runs both in one session on all local cores (a notebook stays on one worker): the unit tests fill
# the cores that a notebook's serial stretches leave idle.  `make test` runs this beside `make lint`.
check: $(STAMP)
	$(NBVAL_ENV) $(BIN)/python -m pytest -n auto --dist loadscope --durations=15 \
		$(NBVAL_OPTS) tests notebooks

# The site renders the committed notebooks (no execution) and the API reference from the docstrings.
docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -E -q -b html docs build/docs/html
	@echo "open build/docs/html/index.html"

# Reads the built pages as a reader would: headless Chromium (Debian package `chromium`, not
# installed by this target) loads them, every image must load, screenshots go to build/docs/screenshots.
docs-check: docs
	ZPRIME_DOCS_HTML=$(CURDIR)/build/docs/html $(BIN)/python -m pytest -p no:cacheprovider -q tests/test_docs.py -k chromium -rs

data: $(STAMP)
	$(BIN)/python -m zprime.data download

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/targets.py --notebooks
	$(BIN)/python benchmarks/coherent_grid.py
	$(BIN)/python benchmarks/bounds_speed.py --model B-L
	$(BIN)/python benchmarks/bounds_speed.py --model scalar
	$(BIN)/python benchmarks/bounds_speed.py --model greljo2022_chiral

clean:
	rm -rf build .pytest_cache
