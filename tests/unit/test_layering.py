"""The direction of imports: domain knows no database, no UI; the CLI loads Textual lazily."""
from __future__ import annotations

import json
import subprocess
import sys


def loaded_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(json.loads(out.stdout))


def test_domain_is_pure():
    modules = loaded_after(
        "import clientbook.domain.text, clientbook.domain.names, clientbook.domain.dates"
    )
    assert not {"textual", "peewee", "sqlite3", "db"} & modules


def test_db_knows_nothing_above_it():
    modules = loaded_after("import db.connection, db.models, db.search, db.migrations")
    assert not any(m == "clientbook" or m.startswith(("clientbook.", "textual")) for m in modules)


def test_cli_does_not_load_textual_for_scripted_commands():
    assert "textual" not in loaded_after("import clientbook.cli")


def test_the_program_loads_textual_only_when_the_interface_opens():
    assert "textual" not in loaded_after("import clientbook.main")


def test_the_command_line_starts_without_the_return_model_s_numbers():
    """numpy and scipy cost 0.15 to 0.3 s to import: only a command that scores loads them."""
    assert not {"numpy", "scipy"} & loaded_after("import clientbook.cli, clientbook.main")
