# Two entry points for a fresh clone: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed

.PHONY: demo test install clean bench

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q -U pip

# Pinned parser and model first (hash-checked), then the project with its test extras.
$(STAMP): $(PY) pyproject.toml requirements/pinned.txt
	$(PIP) install -q --no-deps --require-hashes -r requirements/pinned.txt
	$(PIP) install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/eventcoder show examples/japan_ukraine_commentary.txt --pub-date 2025-09-20 --compact

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) build src/*.egg-info
