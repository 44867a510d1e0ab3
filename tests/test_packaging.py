"""Packaging: every package is declared; resources reach the installed package."""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_every_package_directory_is_declared_in_pyproject():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "relgui").rglob("__init__.py")}
    assert found <= declared, found - declared
    assert {"relgui.resources", "relgui.i18n"} <= declared


def test_policy_profiles_are_read_through_importlib_resources():
    files = [f.name for f in importlib.resources.files("relgui.resources").joinpath("policy").iterdir()]
    assert "XDYJ-06-01_v1.0.toml" in files


def test_migrations_are_package_data():
    versions = importlib.resources.files("relgui.store").joinpath("migrations", "versions")
    assert any(f.name.startswith("v0001") for f in versions.iterdir())
    assert importlib.resources.files("relgui.store").joinpath("migrations", "script.py.mako").is_file()
