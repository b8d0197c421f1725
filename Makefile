# The book's front door.  `make help` lists the targets.
#   make book    build every format of every edition
#   make test    run every test
# Choose an edition with lang=…, e.g. `make html lang=en`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
lang   ?= zh_CN
port   ?= 8000
BUILD  := _build
# Every Sphinx build: nitpicky, warnings are errors, but report them all.
SPHINXOPTS ?= -n -W --keep-going
SPHINX  = $(BIN)/python -m sphinx -c . book
export PYTHONPATH := $(CURDIR)/book/_ext

# `book` and `examples` are also folder names: without .PHONY, make would
# consider them up to date.
.PHONY: help book html doctest gettext live outputs test bench lock clean venv system-deps

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m asyncbook.system_deps venv
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

## venv         create .venv with the pinned dependencies (requirements.lock)
venv: $(VENV)/.installed

## system-deps  install the system packages the tests need (apt-get)
system-deps:
	$(PYTHON) -m asyncbook.system_deps test

## book         build the book (HTML) into _build/<lang>/
book: html

## html         build _build/$(lang)/html/
html: venv
	$(SPHINX) $(BUILD)/$(lang)/html -b html $(SPHINXOPTS) -D language=$(lang) -d $(BUILD)/$(lang)/doctrees/html

## doctest      run the >>> examples of the pages
doctest: venv
	$(SPHINX) $(BUILD)/$(lang)/doctest -b doctest $(SPHINXOPTS) -D language=$(lang) -d $(BUILD)/$(lang)/doctrees/doctest

## live         preview with live reload on http://127.0.0.1:$(port)
live: venv
	$(BIN)/sphinx-autobuild -c . book $(BUILD)/$(lang)/live -b html $(SPHINXOPTS) -D language=$(lang) \
		--host 127.0.0.1 --port $(port) --watch book/_ext --watch examples --watch conf.py

## outputs      run every listing and re-record its output.txt
outputs: venv
	$(BIN)/python -m asyncbook.runner --record

## test         run every test (builds, listings, timings, search in a browser)
test: venv system-deps
	$(BIN)/python -m pytest

## bench        measure build and test times
bench: venv
	$(BIN)/python tests/bench.py

## lock         re-resolve pyproject.toml into requirements.lock (with hashes)
lock: venv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --generate-hashes \
		--python-version 3.11 --universal --no-header --quiet -o requirements.lock

## clean        remove build output (not .venv)
clean:
	rm -rf $(BUILD)
