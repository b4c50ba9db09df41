# newsidx: every target makes its own virtual environment, so a fresh clone needs
# nothing but Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# setuptools warns on every editable install ("Please be careful with folders
# ... same name as your package"), which reads like an error to a new user.
PIP    := PYTHONWARNINGS=ignore $(BIN)/pip
# A strict editable install puts a static path in site-packages (a tree of links
# to the sources, under build/), where the default one installs an import hook
# whose own imports every start of `newsidx` paid: 8 to 12 ms a command.
# A new module needs `make install` again; every target here runs it.
EDITABLE := --config-settings editable_mode=strict
SHARED ?= ../shared
DEMO_QUERY ?= ceasefire

.PHONY: demo test eval train bench install install-test install-train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(PIP) install --quiet $(EDITABLE) -e .

install-test: $(BIN)/python
	$(PIP) install --quiet $(EDITABLE) -e '.[test]'

## train: refit newsidx/extract/model.json on the train split (needs scikit-learn: the train extra)
train: install-train
	@test -d $(SHARED)/eval/train || { echo "train needs $(SHARED)/eval/train"; exit 2; }
	$(BIN)/python tools/train_extraction.py $(SHARED)/eval/train

install-train: $(BIN)/python
	$(PIP) install --quiet $(EDITABLE) -e '.[train]'

## demo: install, ingest corpus/ into the default index, search and show
demo: install
	$(BIN)/newsidx ingest corpus
	$(BIN)/newsidx search $(DEMO_QUERY) --limit 5
	@id=$$($(BIN)/newsidx search $(DEMO_QUERY) --limit 1 --json | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["id"])'); \
	  echo; echo "\$$ newsidx show $$id"; $(BIN)/newsidx show $$id
	@echo; echo "Next: . $(BIN)/activate && newsidx search 'your words'"

## test: install with test extras and run the test suite
test: install-test
	$(BIN)/python -m pytest -q

## eval: extraction quality: train split cross-validated, dev split, clean BBC articles, dev re-wrapped
##       at 78 columns, with share tools after the headline and with the headline in capitals;
##       extraction speed, and its growth on hostile pages
eval: install-train
	@test -d $(SHARED)/eval || { echo "eval needs $(SHARED)/eval (the shared evaluation set)"; exit 2; }
	$(BIN)/python tools/train_extraction.py $(SHARED)/eval/train --cv
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python $(SHARED)/eval/evaluate.py --cmd "newsidx extract --json"
	$(BIN)/python tools/eval_clean_articles.py $(SHARED)/data/bbc
	$(BIN)/python tools/eval_variants.py $(SHARED)/eval/dev --wrap 78
	$(BIN)/python tools/eval_variants.py $(SHARED)/eval/dev --headline-tail " | Save | Share | Print"
	$(BIN)/python tools/eval_variants.py $(SHARED)/eval/dev --headline-upper
	$(BIN)/python benchmarks/extract_speed.py $(SHARED)/eval/dev
	$(BIN)/python benchmarks/extract_worst_case.py

## bench: ingest (vs naive Whoosh) and search (vs grep) speed on a generated corpus;
##        BENCH_N=100000 make bench for another size, BENCH_ARGS="--repeats 3" for more pairs
BENCH_ARGS ?=
bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
