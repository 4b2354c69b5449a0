"""Shared fixtures: a fresh book in a temporary folder, and dumps to compare books."""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing

import pytest

from clientbook import i18n
from clientbook.services.book import open_book
from db.postgres import dialect


def pytest_configure(config):
    """Every row a test writes is signed by one desk and one person (db/writers.py), the
    same on every machine, whatever its name and login: the screens show them."""
    os.environ.setdefault("CLIENTBOOK_DESK", "Ресепшен")
    os.environ.setdefault("CLIENTBOOK_USER", "Анна")


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English, and one that switched to Russian leaves English behind:
    the language is the process's, shared by the tests a worker runs."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def book_path(tmp_path):
    return tmp_path / "studio.db"


@pytest.fixture(scope="session")
def new_book_path(tmp_path_factory):
    """`new_book_path(name)`: a fresh place for a book, each call another (a module's shared
    book too): a file in a folder of its own here; tests/postgres/conftest.py makes it a
    fresh database on the server, so that a module of tests/unit runs there unchanged."""
    def place(name: str = "studio.db"):
        return tmp_path_factory.mktemp("book") / name
    return place


@pytest.fixture(scope="session")
def copy_book(new_book_path):
    """`copy_book(source, name)`: a copy of the (closed) book at `source` in a fresh place,
    as a studio copies its file; on the server a database copied from it."""
    def copy(source, name: str = "copy.db"):
        target = new_book_path(name)
        with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copied:
            original.backup(copied)
        return target
    return copy


@pytest.fixture
def book(book_path):
    database = open_book(book_path)
    yield database
    database.close()


def dump(database) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: two equal dumps mean equal books (each
    book's identity, the random settings book_id, aside: two books made alike are alike)."""
    if dialect(database) == "postgresql":  # the server's own tables aside: its level, the desks' holds
        listed = ("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                  "AND table_name NOT LIKE 'clientbook%' ORDER BY table_name")
    else:
        listed = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                  "AND name NOT LIKE 'client_fts%' ORDER BY name")
    tables = [row[0] for row in database.execute_sql(listed)]
    return {t: sorted((tuple(row) for row in database.execute_sql(f'SELECT * FROM "{t}"')
                       if not (t == "settings" and row[0] == "book_id")), key=repr) for t in tables}


def write(folder, name: str, text: str, encoding: str = "utf-8"):
    """A file as a studio brings it: `text` saved in `encoding`."""
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def rows(book, sql: str, *params) -> list[tuple]:
    return book.execute_sql(sql, params).fetchall()


def pytest_addoption(parser):
    parser.addoption("--heavy", action="store_true",
                     help="Run the reliability tests at full strength (50+ crashes, more examples).")


@pytest.fixture
def heavy(request) -> bool:
    return request.config.getoption("--heavy")

