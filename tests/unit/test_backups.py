"""Backups, restore and check; and the one sentence for every book that cannot be opened."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.main import program
from clientbook.services.backups import backups_of, daily_backup, inspect
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from db.migrations import LATEST
from tests.conftest import dump


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj=program())


@pytest.fixture
def filled(book_path):
    database = open_book(book_path)
    add_client(database, NewClient("Анна", "Иванова", phone="+7 916 123-45-67"))
    database.close()
    return book_path


def clients(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT first_name, last_name FROM clients ORDER BY id").fetchall()
    finally:
        con.close()


def damage(path):
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header survives, the schema page does not
    path.write_bytes(bytes(data))


def test_backup_is_checked_and_private(filled):
    result = run("backup", "--db", filled)
    assert result.exit_code == 0, result.output
    [copy] = backups_of(filled)
    assert f"Backed up {filled} to {copy} (checked)." == result.output.strip()
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    assert oct(copy.parent.stat().st_mode & 0o777) == "0o700"
    assert clients(copy) == [("Анна", "Иванова")]
    assert inspect(copy).sound
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # one file, no -wal


def test_backup_to_a_chosen_file_or_folder(filled, tmp_path):
    assert run("backup", tmp_path / "copy.db", "--db", filled).exit_code == 0
    assert clients(tmp_path / "copy.db") == [("Анна", "Иванова")]
    (tmp_path / "usb").mkdir()
    assert run("backup", tmp_path / "usb", "--db", filled).exit_code == 0
    assert len(list((tmp_path / "usb").glob("studio.db.2*.db"))) == 1
    onto_itself = run("backup", filled, "--db", filled)
    assert onto_itself.exit_code == 1
    assert "A backup cannot replace the book itself" in onto_itself.output


def test_restore_checks_keeps_the_old_book_and_replaces_it(filled, tmp_path):
    run("backup", tmp_path / "monday.db", "--db", filled)
    database = open_book(filled)
    add_client(database, NewClient("Мария", "Петрова"))
    database.close()
    result = run("restore", tmp_path / "monday.db", "--db", filled)
    assert result.exit_code == 0, result.output
    assert "clients: 1, visits: 0" in result.output and "The book it replaced is kept as" in result.output
    assert clients(filled) == [("Анна", "Иванова")]
    [kept] = [p for p in backups_of(filled) if "before-restore" in p.name]
    assert clients(kept) == [("Анна", "Иванова"), ("Мария", "Петрова")]
    database = open_book(filled)  # the restored book works, search index and all
    from clientbook.services.search import search
    assert [h.name for h in search(database, "иван")] == ["Иванова Анна"]
    database.close()


def test_two_restores_in_one_second_each_keep_the_book_they_replaced(filled, tmp_path):
    """The copy kept of the replaced book is named by the second; a second restore in that
    same second takes the next second's name instead of failing over the first one's."""
    from datetime import datetime

    from clientbook.services.backups import restore

    run("backup", tmp_path / "monday.db", "--db", filled)
    moment = datetime(2026, 12, 1, 0, 3, 43)
    first = restore(filled, tmp_path / "monday.db", moment)
    second = restore(filled, tmp_path / "monday.db", moment)
    assert (first.name, second.name) == ("studio.db.before-restore-20261201-000343.db",
                                         "studio.db.before-restore-20261201-000344.db")
    assert sorted(p.name for p in backups_of(filled) if "before-restore" in p.name) == [first.name, second.name]
    assert clients(second) == [("Анна", "Иванова")]


@pytest.mark.parametrize("content, message", [
    (b"name,phone\n", "is not a clientbook book"),
    (None, "There is no file"),
])
def test_restore_refuses_a_bad_source_and_changes_nothing(filled, tmp_path, content, message):
    source = tmp_path / "bad.db"
    if content is not None:
        source.write_bytes(content)
    database = open_book(filled)
    before = dump(database)
    database.close()
    result = run("restore", source, "--db", filled)
    assert result.exit_code == 1 and message in result.output
    assert "The book was not changed." in result.output and "Traceback" not in result.output
    database = open_book(filled)
    assert dump(database) == before
    database.close()


def test_restore_brings_back_a_damaged_book(filled, tmp_path):
    run("backup", "--db", filled)
    damage(filled)
    opened = run("search", "анна", "--db", filled)
    assert opened.exit_code == 1
    [backup] = backups_of(filled)
    assert opened.output.strip() == (f"Error: The book {filled} is damaged. Restore the latest "
                                     f"backup: clientbook restore {backup} --db {filled}")
    check = run("check", "--db", filled)
    assert check.exit_code == 1 and "has problems" in check.output
    assert f"clientbook restore {backup} --db {filled}" in check.output
    assert run("restore", backup, "--db", filled).exit_code == 0
    assert run("search", "анна", "--db", filled).exit_code == 0
    damage(filled)  # again: the way out is a good backup, not the damaged book a restore kept
    said = run("search", "анна", "--db", filled).output
    assert "clientbook restore" in said and "before-restore" not in said
    suggested = said.split("clientbook restore ")[1].split()
    assert suggested[1:] == ["--db", str(filled)]
    assert run("restore", *suggested).exit_code == 0
    assert run("check", "--db", filled).output.startswith(f"The book {filled} is sound: clients: 1,")


def test_daily_backup_once_a_day_keeping_the_last_n(filled):
    for day in range(1, 6):
        assert daily_backup(filled, date(2026, 11, day), keep=3) is not None
        assert daily_backup(filled, date(2026, 11, day), keep=3) is None  # once a day
    names = [p.name for p in backups_of(filled)]
    assert names == ["studio.db.daily-2026-11-03.db", "studio.db.daily-2026-11-04.db",
                     "studio.db.daily-2026-11-05.db"]


def test_first_use_of_the_day_makes_the_daily_backup(filled):
    assert run("search", "анна", "--db", filled).exit_code == 0
    assert [p.name for p in backups_of(filled)] == [f"studio.db.daily-{date.today()}.db"]
    refused = run("settings", "backups_kept", "0", "--db", filled)
    assert refused.exit_code == 1 and "backups_kept takes a whole number of at least 1" in refused.output


def test_an_empty_book_needs_no_daily_backup(book_path):
    assert run("search", "анна", "--db", book_path).exit_code == 0
    assert backups_of(book_path) == []


def test_a_loosely_shared_book_is_made_private(filled):
    filled.chmod(0o644)
    open_book(filled).close()
    assert oct(filled.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("make, sentence", [
    (lambda p: p.write_text("name,phone\n"),
     "{p} is not a clientbook book; give the book's file with --db."),
    (lambda p: p.mkdir(), "{p} is a folder; give the book's file with --db."),
    (lambda p: (open_book(p).close(), _set_level(p, LATEST + 1)),
     "The book {p} was written by a newer clientbook; update clientbook to open it (this book "
     "was not changed)."),
    (lambda p: (open_book(p).close(), damage(p)),
     "The book {p} is damaged and has no backups; `clientbook check` names the damage."),
])
def test_a_book_that_cannot_be_opened_gets_one_sentence(tmp_path, make, sentence):
    path = tmp_path / "studio.db"
    make(path)
    for args in (["--db", path], ["search", "x", "--db", path]):  # the TUI, and a command
        result = run(*args)
        assert result.exit_code == 1
        assert result.output.strip() == "Error: " + sentence.format(p=path)


def _set_level(path, level):
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {level}")
    con.close()


def test_a_locked_book_says_so(filled, monkeypatch):
    monkeypatch.setattr("db.connection.BUSY_TIMEOUT_SECONDS", 0.1)
    holder = sqlite3.connect(filled, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("search", "анна", "--db", filled)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: The book {filled} is busy in another program "
                                     "(another clientbook, or a copy running); close it there "
                                     "and try again.")


def test_a_locked_book_is_neither_backed_up_forever_nor_restored_over(filled, tmp_path, monkeypatch):
    run("backup", tmp_path / "monday.db", "--db", filled)
    monkeypatch.setattr("db.backup.BUSY_LIMIT_SECONDS", 0.3)
    holder = sqlite3.connect(filled, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        results = [run("backup", "--db", filled), run("restore", tmp_path / "monday.db", "--db", filled),
                   run("check", "--db", filled)]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for result in results:
        assert result.exit_code == 1
        assert "is busy in another program" in result.output, result.output
        assert "damaged" not in result.output
    assert filled.exists() and clients(filled) == [("Анна", "Иванова")]
    assert not list(filled.parent.glob("backups/*.partial"))


def test_the_backups_of_a_book_are_its_own(tmp_path):
    for name in ("studio.db", "studio-old.db"):
        database = open_book(tmp_path / name)
        add_client(database, NewClient("Анна", name))
        database.close()
        run("backup", "--db", tmp_path / name)
    assert [p.name.startswith("studio.db.2") for p in backups_of(tmp_path / "studio.db")] == [True]
