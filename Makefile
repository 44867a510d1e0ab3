# Set-up and everyday commands. `make run` and `make test` are the README's two commands:
# each creates the virtual environment and installs what is missing first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml packaging/constraints.txt 2>/dev/null | sha1sum | cut -c1-12)
# The exact versions every install takes (make lock refreshes them; see packaging/lock.py).
LOCK := packaging/constraints.txt

.PHONY: run test bench demo dist assets clean lock

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)
	$(BIN)/relgui

# One test process per CPU (pytest-xdist), a file's tests together (its fixtures and demo data
# are made once); each process starts its own PostgreSQL and slapd on free loopback ports.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadfile

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# The Windows-style one-folder build (PyInstaller, from a clean build/venv-dist with the locked
# versions) and its smoke test; on Windows the same script, then `iscc packaging\relgui.iss`
# for the installer (.github/workflows/windows.yml does both, with a pinned Inno Setup).
dist: $(STAMP)
	$(BIN)/python packaging/build.py

# Re-resolve packaging/constraints.txt for every platform (uv pip compile --universal; nothing installed).
# Review the diff, run the suite, commit it with the change that needed it.
lock:
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/python packaging/lock.py

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
