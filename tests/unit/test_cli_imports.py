"""A command imports what it uses: `search`, `show` and `calls` start without the importers,
the exporter, vCards, Excel, the statistics, the return model's numbers or Textual, and
`search` without Babel's dates. Each command runs in a fresh Python, as a person runs it,
and the modules it loaded are read afterwards. `--help` still lists every command."""
from __future__ import annotations

import importlib
import json
import pkgutil
import sqlite3
import subprocess
import sys

import pytest

import clientbook.cli
from clientbook.cli import COMMANDS

TODAY = "2026-11-22"
# Libraries and modules none of search, show and calls needs, on an ordinary day.
HEAVY = {"vobject", "openpyxl", "xlrd", "numpy", "scipy", "textual", "importlib.metadata",
         "clientbook.services.exporter", "clientbook.services.importer", "clientbook.services.vcards",
         "clientbook.services.workbooks", "clientbook.services.stats", "clientbook.services.demo"}

RUN = """\
import json, sys
args, out = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["clientbook", *args]
from clientbook.main import main
try:
    main()
except SystemExit as stop:
    assert not stop.code, stop.code
with open(out, "w") as file:
    json.dump(sorted(sys.modules), file)
"""


def loaded_by(tmp_path, *args: str) -> set[str]:
    """The modules a fresh `clientbook ARGS` has imported when it is done."""
    out = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", RUN, json.dumps(list(args)), str(out)], check=True, capture_output=True)
    return set(json.loads(out.read_text()))


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """A demo book, its day's first use made (that refits the return model, with numpy)."""
    path = tmp_path_factory.mktemp("studio") / "book.db"
    subprocess.run([sys.executable, "-m", "clientbook", "demo", "--clients", "30", "--seed", "1",
                    "--today", TODAY, "--db", str(path)], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "clientbook", "--db", str(path), "--today", TODAY, "calls"],
                   check=True, capture_output=True)
    return path


def command_modules(modules: set[str]) -> set[str]:
    return {name for name in modules if name.startswith("clientbook.cli.") and name.endswith(("_commands", "_command"))}


def test_search_loads_neither_the_file_formats_nor_dates(studio, tmp_path):
    modules = loaded_by(tmp_path, "--db", str(studio), "--today", TODAY, "search", "Ив")
    assert not (HEAVY | {"babel.dates", "pymorphy3"}) & modules
    assert command_modules(modules) == {"clientbook.cli.clients_commands"}


def test_show_loads_no_file_formats_and_no_dictionary_for_a_patronymic(studio, tmp_path):
    with sqlite3.connect(studio) as connection:
        (client,) = connection.execute("SELECT id FROM clients WHERE patronymic LIKE '%вна' LIMIT 1").fetchone()
    modules = loaded_by(tmp_path, "--db", str(studio), "--today", TODAY, "--lang", "en", "show", str(client))
    assert not (HEAVY | {"pymorphy3"}) & modules
    assert command_modules(modules) == {"clientbook.cli.clients_commands"}


def test_calls_loads_neither_the_file_formats_nor_the_card(studio, tmp_path):
    modules = loaded_by(tmp_path, "--db", str(studio), "--today", TODAY, "calls")
    assert not (HEAVY | {"pymorphy3", "clientbook.services.brief", "clientbook.services.contacts"}) & modules
    assert command_modules(modules) == {"clientbook.cli.calls_commands"}


def test_help_lists_every_command(tmp_path):
    shown = subprocess.run([sys.executable, "-m", "clientbook", "--help"], check=True, capture_output=True,
                           text=True).stdout
    listed = shown.split("Commands:", 1)[1]
    assert {line.split()[0] for line in listed.splitlines() if line.strip()} == set(COMMANDS)


def test_every_command_module_is_in_the_table():
    """A command added to a module's COMMANDS, or a new module's, is found by its name."""
    for info in pkgutil.iter_modules(clientbook.cli.__path__):
        module = importlib.import_module(f"clientbook.cli.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            assert COMMANDS.get(command.name) == info.name, command.name
    assert set(COMMANDS) == set(clientbook.cli.cli.list_commands(None))
