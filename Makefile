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
# Every Sphinx build goes through book/_ext/asyncbook/publish.py (-n -W --keep-going -q),
# `live` through book/_ext/asyncbook/live.py (sphinx-autobuild, the same options).
PUBLISH = $(BIN)/python -m asyncbook.publish
export PYTHONPATH := $(CURDIR)/book/_ext
# The editions present: Chinese and every language with catalogs in locale/.
LANGS  := $(shell PYTHONPATH=book/_ext $(PYTHON) -c "from asyncbook.languages import LANGUAGES; print(*LANGUAGES)")
# Translations to update with `make po`: those present, plus lang= (a new one).
TRANSLATIONS := $(sort $(filter-out zh_CN,$(LANGS) $(lang)))

# `book` and `examples` are also folder names: without .PHONY, make would
# consider them up to date.
.PHONY: help book html pdf epub doctest live outputs po po-status test bench lock clean venv pythons runtime system-deps book-deps

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
	@echo "Options: lang=<lang> (default $(lang); editions: $(LANGS)), port=<port> (default $(port))"

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m asyncbook.system_deps venv
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

## venv         create .venv with the pinned dependencies (requirements.lock)
venv: $(VENV)/.installed

## runtime      install Pyodide (CPython 3.14 in WebAssembly: the Run buttons' runtime
##              and the tests' Python 3.14) from book/_ext/asyncbook/pyodide/package-lock.json
runtime: venv
	@$(PYTHON) -m asyncbook.system_deps runtime
	@$(BIN)/python -m asyncbook.browser

## pythons      find every CPython the book names (on PATH, under pyenv) and Pyodide;
##              give each CPython its own .venv/py3.X from requirements.lock
pythons: venv runtime
	$(BIN)/python -m asyncbook.pythons

## system-deps  install the system packages the tests need (apt-get)
system-deps:
	$(PYTHON) -m asyncbook.system_deps test

book-deps:
	$(PYTHON) -m asyncbook.system_deps book

## book         HTML, PDF and ePub of every edition into _build/<lang>/{html,pdf,epub}/
book: venv book-deps
	@for l in $(LANGS); do $(MAKE) --no-print-directory html pdf epub lang=$$l || exit 1; done

## html         build _build/<lang>/html/ (needs no TeX)
html: venv runtime
	$(PUBLISH) html --lang $(lang) --out $(BUILD)/$(lang)/html --work $(BUILD)/$(lang)/work

## pdf          build _build/<lang>/pdf/python-async-await-<lang>.pdf
pdf: venv book-deps
	$(PUBLISH) pdf --lang $(lang) --out $(BUILD)/$(lang)/pdf --work $(BUILD)/$(lang)/work

## epub         build _build/<lang>/epub/python-async-await-<lang>.epub
epub: venv book-deps
	$(PUBLISH) epub --lang $(lang) --out $(BUILD)/$(lang)/epub --work $(BUILD)/$(lang)/work

## doctest      run the >>> examples of the pages
doctest: venv
	$(PUBLISH) doctest --lang $(lang) --out $(BUILD)/$(lang)/doctest --work $(BUILD)/$(lang)/work

## po           extract messages and update every catalog (lang=xx starts a new one)
po: venv
	$(BIN)/python -m asyncbook.po_update $(TRANSLATIONS)

## po-status    translation progress per chapter (translated, fuzzy, untranslated)
po-status: venv
	$(BIN)/python -m asyncbook.po_status

## live         preview with live reload on http://127.0.0.1:<port> (port=0: any free port; Ctrl-C stops it)
live: venv runtime
	@$(BIN)/python -m asyncbook.live --lang $(lang) --port $(port) --out $(BUILD)/$(lang)/live

## outputs      run every listing on every Python found; re-record output.txt and variants
outputs: venv pythons
	$(BIN)/python -m asyncbook.runner --record

## test         run every test (builds, listings, timings, search in a browser)
test: venv pythons system-deps
	$(BIN)/python -m pytest

## bench        measure build and test times, and a chapter's page weight
bench: venv
	$(BIN)/python tests/bench.py

## lock         re-resolve pyproject.toml into requirements.lock (with hashes)
lock: venv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --generate-hashes \
		--python-version 3.11 --universal --no-header --quiet -o requirements.lock

## clean        remove build output (not .venv)
clean:
	rm -rf $(BUILD)
