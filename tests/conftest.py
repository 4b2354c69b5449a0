"""Shared fixtures: a fresh book in a temporary folder, and dumps to compare books."""
from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from clientbook.services.book import open_book


@pytest.fixture
def book_path(tmp_path):
    return tmp_path / "studio.db"


@pytest.fixture
def book(book_path):
    database = open_book(book_path)
    yield database
    database.close()


def dump(database) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: two equal dumps mean equal books."""
    tables = [
        row[0]
        for row in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'client_fts%' ORDER BY name"
        )
    ]
    return {t: sorted(map(tuple, database.execute_sql(f'SELECT * FROM "{t}"')), key=repr) for t in tables}


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


def _locked_version(package: str) -> str | None:
    """The version constraints.txt names for `package`: the one the snapshots were drawn with."""
    locked = Path(__file__).parent.parent / "constraints.txt"
    for line in locked.read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower() == package:
            return version.strip()
    return None


def pytest_collection_modifyitems(config, items):
    # A snapshot is what one Textual release draws, to the pixel: under another release it
    # says nothing about clientbook. The README's test command installs the locked one.
    installed, locked = metadata.version("textual"), _locked_version("textual")
    if installed == locked:
        return
    skip = pytest.mark.skip(reason=f"snapshots are drawn with Textual {locked}; this is {installed}")
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)
