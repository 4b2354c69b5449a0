"""The layers are held by import-linter's contracts (pyproject.toml), and each contract
is seen to break when a forbidden import is added."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# (a module to add, the forbidden import it makes, the contract that must catch it)
PROBES = [
    ("db/probe_up.py", "import clientbook.errors", "db imports nothing of clientbook"),
    ("clientbook/domain/probe_db.py", "import db.stamps", "domain is pure"),
    ("clientbook/domain/probe_services.py", "import clientbook.services.book", "domain is pure"),
    ("clientbook/domain/probe_ui.py", "import clientbook.tui.translate", "domain is pure"),
    ("clientbook/domain/probe_cli.py", "import clientbook.cli.render", "domain is pure"),
    ("clientbook/services/probe_tui.py", "import clientbook.tui.translate", "services know no interface"),
    ("clientbook/services/probe_cli.py", "import clientbook.cli.render", "services know no interface"),
    ("clientbook/services/probe_peewee.py", "import peewee", "services hold no SQL engine"),
    ("clientbook/services/probe_sqlite.py", "import sqlite3", "services hold no SQL engine"),
    ("clientbook/tui/probe_cli.py", "import clientbook.cli.render", "the TUI renders"),
    ("clientbook/tui/probe_db.py", "import db.stamps", "the TUI renders"),
    ("clientbook/tui/probe_peewee.py", "import peewee", "the TUI renders"),
    ("clientbook/tui/probe_sqlite.py", "import sqlite3", "the TUI renders"),
    ("clientbook/cli/probe_tui.py", "import clientbook.tui.app", "the CLI renders"),
    ("clientbook/cli/probe_db.py", "import db.models", "the CLI renders"),
    ("clientbook/cli/probe_peewee.py", "import peewee", "the CLI renders"),
    ("clientbook/cli/probe_sqlite.py", "import sqlite3", "the CLI renders"),
]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}  # this tree's packages, not the installed ones
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, check=False)


def test_the_layers_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 kept, 0 broken" in result.stdout


@pytest.fixture
def copy_of_the_tree(tmp_path):
    for package in ("clientbook", "db"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "locale"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_every_contract_breaks_on_a_forbidden_import(copy_of_the_tree):
    for module, statement, _contract in PROBES:
        (copy_of_the_tree / module).write_text(statement + "\n")
    result = lint_imports(copy_of_the_tree)
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout
    assert "0 kept, 6 broken" in report, report
    for module, statement, contract in PROBES:
        importer = module.removesuffix(".py").replace("/", ".")
        imported = statement.split()[1]
        assert f"{importer} -> {imported}" in report, f"{contract}: {module} not caught\n{report}"
