"""Books from every earlier schema level upgrade with every row intact; a newer one is refused."""
from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from clientbook.services.book import open_book
from db.errors import BookTooNew
from db.migrations import LATEST
from tests.reliability.checks import assert_sound, figures_agree_with_rebuild

FIXTURES = Path(__file__).parent.parent / "fixtures"
DERIVED = ("client_search", "client_words", "client_figures", "client_tracks")
DROPPED = {("clients", "bonus_balance")}  # level 11: the balance is the sum of its movements (checked below)


def facts(path: Path, like: Path) -> dict[str, list[tuple]]:
    """Every row of every table `like` has (derived data aside), in `like`'s columns; the
    identity level 6 gives a book (settings book_id) is no row the studio wrote."""
    con = sqlite3.connect(path)
    old = sqlite3.connect(like)
    try:
        tables = [r[0] for r in old.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'client_fts%'") if r[0] not in DERIVED]
        found = {}
        for table in tables:
            names = ", ".join(f'"{row[1]}"' for row in old.execute(f'PRAGMA table_info("{table}")')
                              if (table, row[1]) not in DROPPED)
            found[table] = sorted((row for row in con.execute(f'SELECT {names} FROM "{table}"')
                                   if not (table == "settings" and row[0] == "book_id")), key=repr)
        return found
    finally:
        con.close()
        old.close()


def _balances(path: Path) -> dict[int, int]:
    """Each client's bonus balance as the book holds it: a column before level 11, movements since."""
    con = sqlite3.connect(path)
    try:
        if "bonus_balance" in [row[1] for row in con.execute("PRAGMA table_info(clients)")]:
            return dict(con.execute("SELECT id, bonus_balance FROM clients WHERE bonus_balance <> 0"))
        return dict(con.execute("SELECT client_id, sum(points) FROM bonus_movements GROUP BY client_id"))
    finally:
        con.close()


def test_there_is_a_fixture_for_every_earlier_level():
    for level in range(1, LATEST):
        con = sqlite3.connect(FIXTURES / f"book_level{level}.db")
        assert con.execute("PRAGMA user_version").fetchone()[0] == level
        con.close()


@pytest.mark.parametrize("level", range(1, LATEST))
def test_an_older_book_upgrades_with_every_row(tmp_path, level):
    fixture = FIXTURES / f"book_level{level}.db"
    path = tmp_path / "studio.db"
    shutil.copy(fixture, path)
    before = facts(path, fixture)
    assert sum(map(len, before.values())) > 20
    balances = _balances(path)
    database = open_book(path)
    try:
        assert dict(database.execute_sql(
            "SELECT client_id, sum(points) FROM bonus_movements GROUP BY client_id").fetchall()) == balances
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST
        assert facts(path, fixture) == before
        assert_sound(database)
        figures_agree_with_rebuild(database)
        hits = database.execute_sql("SELECT count(*) FROM client_search").fetchone()[0]
        assert hits == len(before["clients"])
        [(identity,)] = database.execute_sql("SELECT value FROM settings WHERE key = 'book_id'").fetchall()
        assert re.fullmatch(r"[0-9a-f]{32}", identity)  # level 6: every upgraded book has one
    finally:
        database.close()
    assert [p.name.split("-")[0] for p in (tmp_path / "backups").glob("studio.db.level*.db")] == [
        f"studio.db.level{level}"]


def test_a_book_from_a_newer_clientbook_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "studio.db"
    shutil.copy(FIXTURES / f"book_level{LATEST - 1}.db", path)
    open_book(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {LATEST + 1}")
    con.close()
    before = path.read_bytes()
    with pytest.raises(BookTooNew) as refused:
        open_book(path)
    assert str(refused.value) == (f"The book {path} was written by a newer clientbook; update "
                                  "clientbook to open it (this book was not changed).")
    assert path.read_bytes() == before
