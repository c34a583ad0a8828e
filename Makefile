# warmtekans: two commands for a newcomer.
#   make demo   - create the environment when missing, run the whole workflow on the sample town
#   make test   - create the environment when missing, run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CORES ?= 2

.PHONY: demo test env dryrun check report lock schema clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

env: $(STAMP)

demo: $(STAMP)
	$(BIN)/snakemake --cores $(CORES)
	@echo "Outputs of the sample town Voorbeeldstad (GM9999):"
	@ls -1d results/GM9999/* | sed 's/^/  /'
	@echo "Open results/GM9999/warmtekans.qgs in QGIS or results/GM9999/kaart.html in a browser;"
	@echo "'make report' bundles maps, tables and provenance into report.html."
	@echo "Data quality (what was read, dropped, repaired, not checked): results/GM9999/kwaliteit.md"

report: $(STAMP)
	$(BIN)/snakemake --report report.html

test: $(STAMP)
	$(BIN)/python -m pytest

dryrun: $(STAMP)
	$(BIN)/snakemake -n --cores $(CORES)

# Check config files (YAML syntax with line numbers, and meaning) before a run: make check CONFIG=my-config.yaml
check: $(STAMP)
	$(BIN)/python -m warmtekans.config --check config/config.yaml $(CONFIG)

schema: $(STAMP)
	$(BIN)/python -m warmtekans.config --schema > config/schema.json
	$(BIN)/python -m warmtekans.config --defaults > config/defaults.yaml

lock: $(STAMP)
	{ echo "# Pinned, tested set for Python 3.11 (pip). Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^warmtekans'; } > requirements.lock

clean:
	rm -rf results/* data/processed/* logs benchmarks .snakemake
