"""Upgrading a book written at level 1 loses nothing and ends where a new book starts."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from clientbook.services.book import open_book
from clientbook.services.search import search
from db.migrations import LATEST

FIXTURE = Path(__file__).parent.parent / "fixtures" / "book_level1.db"
LEVEL1_TABLES = [
    "clients", "masters", "services", "visits", "visit_services", "contacts", "tags",
    "client_tags", "preferences", "talking_points", "reasons", "settings", "complaints",
    "courses",
]


DROPPED = {("clients", "bonus_balance")}  # level 11: the balance is the sum of its movements


def columns(path: Path, table: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
    finally:
        con.close()


def rows(path: Path, table: str) -> list[tuple]:
    """The rows of a table in the columns it had at level 1 and still has (later levels add
    columns, level 11 turns the bonus balance into movements, and level 6 adds the book's
    identity, a settings row no studio wrote)."""
    con = sqlite3.connect(path)
    try:
        names = ", ".join(c for c in columns(FIXTURE, table) if (table, c) not in DROPPED)
        return sorted((row for row in con.execute(f"SELECT {names} FROM {table}")
                       if not (table == "settings" and row[0] == "book_id")), key=repr)
    finally:
        con.close()


def schema(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall(), key=repr)
    finally:
        con.close()


@pytest.fixture
def old_book(tmp_path):
    path = tmp_path / "studio.db"
    shutil.copy(FIXTURE, path)
    return path


def test_fixture_is_at_level_one():
    con = sqlite3.connect(FIXTURE)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()


def test_upgrade_keeps_every_row(old_book):
    before = {t: rows(old_book, t) for t in LEVEL1_TABLES}
    assert len(before["clients"]) == 3 and len(before["visits"]) == 3
    open_book(old_book).close()
    after = {t: rows(old_book, t) for t in LEVEL1_TABLES}
    assert after == before


def test_a_bonus_balance_becomes_a_movement_and_stays_the_balance(old_book):
    con = sqlite3.connect(old_book)
    con.execute("UPDATE clients SET bonus_balance = 450 WHERE id = 1")
    con.commit()
    con.close()
    database = open_book(old_book)
    assert database.execute_sql("SELECT client_id, kind, points FROM bonus_movements").fetchall() == [
        (1, "adjusted", 450)]
    assert "bonus_balance" not in columns(old_book, "clients")
    from clientbook.services.bonuses import balance

    assert balance(database, 1) == 450 and balance(database, 2) == 0
    database.close()


def test_upgraded_book_has_the_schema_of_a_new_one(old_book, tmp_path):
    open_book(old_book).close()
    fresh = tmp_path / "fresh.db"
    open_book(fresh).close()
    assert schema(old_book) == schema(fresh)
    con = sqlite3.connect(old_book)
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_upgrade_builds_the_search_index(old_book):
    database = open_book(old_book)
    assert [h.name for h in search(database, "елкина")] == ["Ёлкина Анна Сергеевна"]
    assert [h.id for h in search(database, "8 903 000")] == [2]
    assert [h.id for h in search(database, "vip")] == [1]


def test_upgrade_takes_a_backup_first(old_book):
    original = rows(old_book, "clients")
    open_book(old_book).close()
    backups = list((old_book.parent / "backups").glob("studio.db.level1-*.db"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()
    assert rows(backups[0], "clients") == original
    assert oct(backups[0].stat().st_mode & 0o777) == "0o600"


def test_failed_upgrade_changes_nothing(old_book, monkeypatch):
    before = {t: rows(old_book, t) for t in LEVEL1_TABLES}

    def broken_rebuild(database, names):
        raise RuntimeError("power cut in the middle of the upgrade")

    monkeypatch.setattr("clientbook.services.derived.rebuild", broken_rebuild)
    with pytest.raises(RuntimeError):
        open_book(old_book)
    con = sqlite3.connect(old_book)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert con.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'client_search'"
    ).fetchone()[0] == 0
    con.close()
    assert {t: rows(old_book, t) for t in LEVEL1_TABLES} == before
    monkeypatch.undo()
    open_book(old_book).close()  # and the next try succeeds
    assert {t: rows(old_book, t) for t in LEVEL1_TABLES} == before


def test_opening_a_current_book_takes_no_backup(book_path):
    open_book(book_path).close()
    open_book(book_path).close()
    assert not (book_path.parent / "backups").exists()
