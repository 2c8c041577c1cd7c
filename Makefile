# Two entry points (see README): `make reproduce` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
OUT    ?= results
JOBS   ?= 2

.PHONY: reproduce test bench venv clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or: make PYTHON=python3 ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

reproduce: $(VENV)/.installed
	$(VENV)/bin/symbolic-ness reproduce --out $(OUT)

test: $(VENV)/.installed
	$(PY) -m pytest -n $(JOBS) --nbmake notebooks tests symbolic_ness -q

bench: $(VENV)/.installed
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
