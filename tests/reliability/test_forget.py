"""Forget means forgotten: after `forget`, no byte of the client is left in the book, its
-wal, its search index or (when asked) its backups — even where SQLite's build does not
zero deleted rows by itself (secure_delete forced off first)."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.backups import back_up, backups_of
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client, forget
from clientbook.services.visits import NewVisit, add_visit
from tests.reliability.checks import assert_sound

TODAY = date(2026, 11, 22)
# What only she has: each must be gone from every byte of every file.
SECRETS = ("Зюзюкина", "Эвелина", "79995551234", "evelina.zz@example.org", "аллергия на хну",
           "формула ZQX-77", "тег-эвелины")


def her(book) -> int:
    from clientbook.services.catalog import add_service, find_service

    if find_service(book, "Окрашивание") is None:
        add_service(book, "Окрашивание", "colour")
    client = add_client(book, NewClient("Эвелина", "Зюзюкина", phone="+7 999 555-12-34",
                                        email="evelina.zz@example.org", alerts="аллергия на хну",
                                        tags=("тег-эвелины",)))
    add_visit(book, client, NewVisit(datetime(2026, 11, 1, 12), ("Окрашивание",), formula="формула ZQX-77"),
              today=TODAY)
    add_client(book, NewClient("Анна", "Ёлкина", phone="+7 916 123-45-67"))  # someone who stays
    return client


def files_holding(folder: Path) -> list[tuple[str, str]]:
    """(file, secret) for every secret still in a file's raw bytes, UTF-8 as SQLite keeps text."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            found += [(path.name, s) for s in SECRETS if s.encode() in raw]
    return found


def index_terms(book) -> list[str]:
    """Her trigrams (none of them in Ёлкина Анна's) still in the search index's vocabulary."""
    book.execute_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, client_fts, row)")
    terms = {row[0] for row in book.execute_sql("SELECT term FROM temp.fts_terms")}
    return sorted(terms & {"зюз", "юзю", "зюк", "юки", "эве", "вел", "eve", "vel", "999", "555"})


@pytest.mark.sqlite_only("the book's file, its WAL and its search index read byte by byte")
def test_forget_leaves_no_byte_of_her_in_the_book_the_wal_or_the_index(book_path):
    book = open_book(book_path)
    client = her(book)
    assert files_holding(book_path.parent)  # she is there, as written
    assert index_terms(book)
    book.execute_sql("PRAGMA secure_delete = OFF")  # as on a build that does not zero deleted rows
    forget(book, client)
    assert book.execute_sql("SELECT count(*) FROM clients").fetchone() == (1,)
    assert book.execute_sql("SELECT name FROM tags").fetchall() == []  # the tag only she had
    assert index_terms(book) == [] and index_terms(book) == []
    assert files_holding(book_path.parent) == []  # the book, its -wal and -shm, while still open
    assert_sound(book)
    book.close()
    assert files_holding(book_path.parent) == []


@pytest.mark.sqlite_only("the daily backups kept beside a file book; a server's book has none")
def test_forget_names_the_backups_that_hold_her_and_purges_them_when_asked(book_path):
    book = open_book(book_path)
    client = her(book)
    book.close()
    older = back_up(book_path, now=datetime(2026, 11, 20, 9))
    newer = back_up(book_path, now=datetime(2026, 11, 21, 9))
    assert [p.name for p in backups_of(book_path)] == [older.name, newer.name]

    kept = CliRunner().invoke(cli, ["forget", str(client), "--yes", "--db", str(book_path), "--today", "2026-11-22"])
    assert kept.exit_code == 0, kept.output
    daily = "studio.db.daily-2026-11-22.db"  # made by the command itself, before she was forgotten
    assert f"3 backups still hold Зюзюкина Эвелина: {older.name}, {newer.name}, {daily}." in kept.output
    assert {name for name, _secret in files_holding(book_path.parent)} == {older.name, newer.name, daily}

    book = open_book(book_path)
    again = her(book)  # a second client to forget, in new backups too
    book.close()
    backup = back_up(book_path, now=datetime(2026, 11, 22, 9))
    purged = CliRunner().invoke(cli, ["forget", str(again), "--yes", "--backups", "purge", "--db", str(book_path),
                                      "--today", "2026-11-22"])
    assert purged.exit_code == 0, purged.output
    assert "Erased Зюзюкина Эвелина from 1 backup too." in purged.output  # the only one with her id
    assert backup.name not in {name for name, _secret in files_holding(book_path.parent)}
    copy = open_book(backup)
    try:
        assert copy.execute_sql("SELECT first_name FROM clients ORDER BY id").fetchall()[-1] == ("Анна",)
        assert_sound(copy)
    finally:
        copy.close()


@pytest.mark.sqlite_only("the windows a file book knows open by the files beside it (a server's desks read "
                        "every page through the server, which forgets her pages with the rows)")
async def test_forget_refuses_while_a_window_has_the_book_open(book_path):
    from tests.ui.pilot import make_app, shows

    book = open_book(book_path)
    client = her(book)
    book.close()
    app = make_app(book_path)
    async with app.run_test() as pilot:
        await shows(pilot, "#summary", "2 clients")
        said = CliRunner().invoke(cli, ["forget", str(client), "--yes", "--db", str(book_path), "--today", "2026-11-22"])
        assert said.exit_code == 1
        assert "is open in another window; close it there before forgetting a client. Nothing was changed." in said.output
    book = open_book(book_path)
    assert book.execute_sql("SELECT count(*) FROM clients").fetchone() == (2,)
    book.close()
    said = CliRunner().invoke(cli, ["forget", str(client), "--yes", "--db", str(book_path), "--today", "2026-11-22"])
    assert said.exit_code == 0, said.output  # the window closed: now it may
