# The two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# A fresh embedded store under ./data/, the workload ranking, then the API on loopback.
run: $(VENV)/.installed
	rm -rf data/graph.lbdb data/graph.lbdb.wal
	PLANKG_DB_PATH=data/graph.lbdb $(BIN)/plankg load seeds/
	PLANKG_DB_PATH=data/graph.lbdb $(BIN)/plankg workload --limit 20
	PLANKG_DB_PATH=data/graph.lbdb $(BIN)/plankg serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
