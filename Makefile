# Two set-up commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint evaluate bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline ingest examples/story --db storyline.db
	$(BIN)/storyline articles --db storyline.db

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests

evaluate: $(STAMP)
	$(BIN)/storyline evaluate extraction

bench: $(STAMP)
	sh scripts/install-bench.sh $(BIN)
	$(BIN)/python -m storyline.evaluate.bench --json out/bench/bench.json

clean:
	rm -rf $(VENV) storyline.db
