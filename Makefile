# regviz course — every target bootstraps its own virtual environment first.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: install lab test test-unit test-notebooks test-isa test-robust test-lax test-browser lint outputs bench html clean

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
	$(VENV)/bin/ruff check regviz tools tests benchmarks notebooks
	$(VENV)/bin/ruff format --check regviz tools tests benchmarks
	$(VENV)/bin/mypy

test-unit: $(STAMP)
	$(PY) -m pytest -m "not browser" -n 2 --dist loadfile tests

# Stored outputs are produced and compared in one pinned numeric environment (tools/nbtools.py, PINNED_ENV):
# CPU, one thread, and fixed code paths for MKL, OpenBLAS, PyTorch and NumPy, so they match on any x86-64 + AVX2.
test-notebooks: $(STAMP)
	$(PY) -m tools.nbtools strict $(NOTEBOOKS)

# the same comparison with other instruction-set paths forced underneath the pin: outputs must not move
test-isa: $(STAMP)
	$(PY) -m tools.nbtools strict --underneath other-isa $(NOTEBOOKS)

# every assert under (a) unpinned kernels on 2 threads, (b) other instruction-set paths, (c) other seeds
test-robust: $(STAMP)
	$(PY) -m tools.nbtools robust $(NOTEBOOKS)

# this machine as it is (ARM laptop, GPU): every notebook runs and every assert holds; outputs not compared
test-lax: $(STAMP)
	$(PY) -m tools.nbtools lax $(NOTEBOOKS)

test-browser: $(STAMP)
	@if [ -d tests/browser ]; then $(PY) -m pytest -m browser tests/browser; else echo "no browser tests yet"; fi

outputs: $(STAMP)
	$(PY) -m tools.nbtools execute $(NOTEBOOKS)

bench: $(STAMP)
	$(PY) benchmarks/run.py

html: $(STAMP)
	$(PY) -m tools.site build $(if $(ONLY),--only $(ONLY))

clean:
	$(PYTHON) -m tools.site clean
	rm -rf build .pytest_cache
