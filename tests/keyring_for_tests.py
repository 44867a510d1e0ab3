"""A keyring backend for tests: a JSON file named by RELGUI_TEST_KEYRING.

The machine running the tests has no credential store (keyring's fail backend). The GUI test
sets it in process (keyring.set_keyring); a relgui-admin subprocess gets it through
PYTHON_KEYRING_BACKEND=keyring_for_tests.FileKeyring (tests/ on PYTHONPATH), so both read
and write the same entries, as they would in Windows Credential Manager.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1

    def _path(self) -> Path:
        return Path(os.environ["RELGUI_TEST_KEYRING"])

    def _load(self) -> dict:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\t{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\t{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}\t{username}", None)
        self._path().write_text(json.dumps(data))
