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
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
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
	$(BIN)/snakemake --report report.html $(if $(CONFIG),--configfile $(CONFIG))

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

# Freeze the environment into requirements.lock: every installed package except pip (upgraded by make env) and
# warmtekans itself; --all keeps setuptools, which builds the package offline (make env, tests/test_wheel.py).
# To change a pin: install it into $(VENV) (or remove a package with pip uninstall), run make lock, then
# check that the lock reproduces itself: a fresh venv (rm -rf $(VENV); make env) and make lock again give the
# same file (git diff requirements.lock is empty).
lock: $(STAMP)
	{ echo "# Pinned, tested set for Python 3.11 (pip). Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --all --exclude-editable | grep -iv '^warmtekans\|^pip=='; } > requirements.lock

clean:
	rm -rf results/* data/processed/* logs benchmarks .snakemake
