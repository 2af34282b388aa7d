# regviz course — every target bootstraps its own virtual environment first.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-cell-timeout=300 --nbval-sanitize-with tests/nbval_sanitize.cfg -p tests.nbval_summary
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: install lab test test-unit test-notebooks test-browser lint outputs bench html clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" >/dev/null
	touch $(STAMP)

LAB_PORT ?= 8888
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) $(ROOT_FLAG)

test: $(STAMP)
	$(MAKE) --no-print-directory lint test-unit test-notebooks test-browser

lint: $(STAMP)
	$(VENV)/bin/ruff check regviz tests benchmarks notebooks
	$(VENV)/bin/ruff format --check regviz tests benchmarks
	$(VENV)/bin/mypy

test-unit: $(STAMP)
	$(PY) -m pytest -m "not browser" tests

# the environment of regviz._nbtools.STORED_OUTPUT_ENV: CPU only, one thread (outputs identical on any core count)
STORED_ENV := CUDA_VISIBLE_DEVICES= REGVIZ_DEVICE=cpu OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

test-notebooks: $(STAMP)
	$(STORED_ENV) $(PY) -m pytest $(NBVAL) -p no:cacheprovider $(NOTEBOOKS)

test-browser: $(STAMP)
	@if [ -d tests/browser ]; then $(PY) -m pytest -m browser tests/browser; else echo "no browser tests yet"; fi

outputs: $(STAMP)
	$(PY) -m regviz._nbtools execute $(NOTEBOOKS)

bench: $(STAMP)
	$(PY) benchmarks/run.py

html: $(STAMP)
	$(PY) -m regviz._site build

clean:
	rm -rf _site build .pytest_cache
