# Set-up and everyday commands. `make run` and `make test` are the README's two commands:
# each creates the virtual environment and installs what is missing first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml 2>/dev/null | cut -c1-12)

.PHONY: run test bench demo dist assets clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)
	$(BIN)/relgui

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# The Windows-style one-folder build (PyInstaller, from a clean build/venv-dist) and its
# smoke test; on Windows the same script, then `iscc packaging\relgui.iss` for the installer.
dist: $(STAMP)
	$(BIN)/python packaging/build.py

# Recompile ui/*.ui and the translations after changing them (outputs are committed).
assets: $(STAMP)
	$(BIN)/python scripts/build_assets.py --lupdate

# Sample data in the local database, logged in as its administrator (make demo ADMIN=name; the
# password is asked for; a new database first: relgui-admin init --admin NAME --name 显示名).
ADMIN ?= admin
demo: $(STAMP)
	$(BIN)/relgui-admin --user $(ADMIN) demo --releases 2000

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
