"""All SQL lives behind db/ (issue 21): the services, the CLI and the TUI call storage
functions named for what they do, so that SQLite and PostgreSQL can differ only inside db/.

A statement run, or an SQL text written, anywhere in clientbook/ fails here with its place.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import clientbook

ROOT = Path(clientbook.__file__).parent
RUNS_SQL = {"execute_sql", "executemany", "executescript", "cursor", "execute"}
# An SQL statement's own shape: the keyword that starts it, then what must follow it.
SQL_TEXT = re.compile(r"^\s*(SELECT\s.+\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
                      r"|CREATE\s+(TABLE|INDEX|UNIQUE|TRIGGER|VIEW)|DROP\s+(TABLE|INDEX)\s|ALTER\s+TABLE\s|PRAGMA\s"
                      r"|WITH\s+\w+\s+AS\s*\()", re.DOTALL)  # as this book writes SQL: its words in capitals


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def sql_outside_db() -> list[str]:
    places = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _docstrings(tree)  # prose; and an f-string's parts are read as the f-string whole:
        skipped |= {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        where = path.relative_to(ROOT.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNS_SQL:
                places.append(f"{where}:{node.lineno} runs SQL ({node.func.attr})")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped \
                    and SQL_TEXT.match(node.value):
                places.append(f"{where}:{node.lineno} writes SQL: {node.value[:50]!r}")
            elif isinstance(node, ast.JoinedStr):
                text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
                if SQL_TEXT.match(text):
                    places.append(f"{where}:{node.lineno} writes SQL: {text[:50]!r}")
    return sorted(places, key=lambda place: (place.split(":")[0], int(place.split(":")[1].split()[0]), place))


def test_no_sql_outside_db():
    assert sql_outside_db() == []


def test_the_check_sees_a_statement_run_and_an_sql_text(tmp_path, monkeypatch):
    package = tmp_path / "clientbook"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "leak.py").write_text(
        'def names(database):\n'
        '    """SELECT words in a docstring are prose."""\n'
        '    return database.execute_sql("SELECT name FROM masters WHERE active = 1")\n'
        'LATER = f"UPDATE clients SET notes = {1}"\n'
        'PROSE = "Select a client from the list"\n', encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", package)
    assert sql_outside_db() == [
        "clientbook/leak.py:3 runs SQL (execute_sql)",
        "clientbook/leak.py:3 writes SQL: 'SELECT name FROM masters WHERE active = 1'",
        "clientbook/leak.py:4 writes SQL: 'UPDATE clients SET notes = '",
    ]
