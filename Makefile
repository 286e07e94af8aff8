# mtreview: the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install system-deps lint docs bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Run the batch in corpus/ on the embedded SQLite store and print the review queue.
run: install
	$(VENV)/bin/mtreview run corpus/
	$(VENV)/bin/mtreview queue --limit 15

## Install what the tests need (PostgreSQL, Chromium, Hangul fonts) and run the whole suite.
test: install system-deps
	$(PY) -m pytest

system-deps:
	bash scripts/install-system-deps.sh

lint: install
	$(PY) -m ruff check pipeline tests

## Benchmarks: each prints its figures against a named peer measured in the same run.
bench: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(PY) benchmarks/alignment.py
	$(PY) benchmarks/check_throughput.py
	$(PY) benchmarks/detection.py
	$(PY) benchmarks/incremental.py --docs 1000
	$(PY) benchmarks/scaling.py
	$(PY) benchmarks/learning.py
	$(PY) benchmarks/review_latency.py
	$(PY) benchmarks/load.py
	$(PY) benchmarks/concurrency.py

## Regenerate the CLI reference in README.md and docs/checks.md.
docs: install
	$(PY) -m pipeline.gendocs --write

clean:
	rm -rf $(VENV) mtreview.sqlite3 .pytest_cache
