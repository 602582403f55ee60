# The developer contract. `make run` and `make test` work from a fresh clone on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1

.PHONY: run test test-fast lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@# Prefect's database in PREFECT_HOME, migrated once here rather than in the first run (10-15 s)
	$(BIN)/prefect server database upgrade -y >/dev/null 2>&1 || echo "note: Prefect's database was not prepared; the first run will do it"
	touch $(STAMP)

# duixian exits 1 when the site was built but some inputs had problems (listed in its summary and on
# problems.html): `make run` still succeeds then; it fails only when nothing could be produced (2).
run: $(STAMP)   ## the annual job on data/raw -> reports/site
	@$(BIN)/duixian run; status=$$?; \
	if [ $$status -eq 1 ]; then echo "make run: site built; some inputs had problems (see above)"; exit 0; fi; \
	exit $$status

test: $(STAMP)  ## every test, including slow (Prefect server, Dask) and browser ones
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)  ## the quick tier only
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.add  # issue 12: 1,000 files detected and added

clean:
	rm -rf reports/site .pytest_cache
