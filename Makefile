# Two entry points (see README): `make reproduce` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
OUT    ?= results
JOBS   ?= 2
# one BLAS thread per process: the test suite runs two pytest workers on two cores
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1

.PHONY: reproduce test test-deep bench venv clean docs manifest

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "need python3.11 on PATH (or: make PYTHON=/path/to/python3.11 ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

reproduce: $(VENV)/.installed
	$(VENV)/bin/symbolic-ness reproduce --out $(OUT)

test: $(VENV)/.installed
	$(PY) -m pytest -n $(JOBS) --nbmake notebooks tests symbolic_ness -q

# Sphinx HTML in docs/_build/html (warnings are errors; notebooks executed; MathJax served locally:
# the first build runs `npm install mathjax` into docs/_vendor, later builds work offline)
docs: $(VENV)/.installed
	$(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

# long property-based run: many more hypothesis examples (with shrinking)
test-deep: $(VENV)/.installed
	HYPOTHESIS_PROFILE=deep $(PY) -m pytest -n $(JOBS) tests/property tests/app/test_cli_errors.py -q

# the stored catalogue description read by `symbolic-ness list` (regenerate after changing the source)
manifest: $(VENV)/.installed
	$(PY) -m symbolic_ness.app._manifest

bench: $(VENV)/.installed
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
