"""Books that share a stem in one folder (studio.db, studio.sqlite, studio, studio-old.db) each
have backups of their own: made, pruned, offered by `check` and listed by `forget` apart.
Copies an earlier clientbook named by the stem (studio-daily-….db) stay the .db book's."""
from __future__ import annotations

import shutil
from datetime import date

import pytest

from clientbook.services.backups import backups_of, daily_backup, latest_backup
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.forgetting import backups_holding
from db.forget import holds_client

BOOKS = ("studio.db", "studio.sqlite", "studio", "studio-old.db")


@pytest.fixture
def books(tmp_path):
    """Four books in one folder, each with Анна Ёлкина as client 1 (as any studio may have)
    and a second client that tells the books apart."""
    made = {}
    for name in BOOKS:
        database = open_book(tmp_path / name)
        add_client(database, NewClient("Анна", "Ёлкина"))
        add_client(database, NewClient("Книга", name))
        database.close()
        made[name] = tmp_path / name
    return made


def owner(copy) -> str:
    """Which book a copy was made of: the second client says."""
    return next(name for name in BOOKS if holds_client(copy, 2, "Книга", name))


def test_each_book_gets_its_own_daily_backup(books):
    for name, book in books.items():
        made = daily_backup(book, date(2026, 11, 30), keep=3)
        assert made is not None, f"{name}: today's backup was skipped"
        assert owner(made) == name
    for name, book in books.items():
        assert [owner(p) for p in backups_of(book)] == [name]
        assert owner(latest_backup(book)) == name


def test_pruning_one_book_never_removes_anothers(books):
    for day in (1, 2, 3):
        daily_backup(books["studio.sqlite"], date(2026, 11, day), keep=3)
    kept = backups_of(books["studio.sqlite"])
    for day in range(1, 8):  # studio.db keeps 2, and prunes five of its own
        daily_backup(books["studio.db"], date(2026, 11, day), keep=2)
        daily_backup(books["studio"], date(2026, 11, day), keep=2)
    assert backups_of(books["studio.sqlite"]) == kept and all(p.exists() for p in kept)
    for name in ("studio.db", "studio"):
        assert [owner(p) for p in backups_of(books[name])] == [name, name]


def test_forget_lists_only_the_books_own_backups(books):
    for book in books.values():
        daily_backup(book, date(2026, 11, 30), keep=3)
    for name, book in books.items():
        holding = backups_holding(book, 1, "Анна", "Ёлкина")
        assert [owner(p) for p in holding] == [name]


def test_copies_an_earlier_clientbook_named_by_the_stem_stay_the_db_books(books):
    folder = books["studio.db"].parent / "backups"
    folder.mkdir(mode=0o700)
    old = folder / "studio-daily-2026-11-01.db"  # as clientbook named studio.db's copies before
    shutil.copy(books["studio.db"], old)
    for name in ("studio.sqlite", "studio", "studio-old.db"):
        assert old not in backups_of(books[name])
        assert backups_holding(books[name], 1, "Анна", "Ёлкина") == []
    assert backups_of(books["studio.db"]) == [old]
    assert backups_holding(books["studio.db"], 1, "Анна", "Ёлкина") == [old]
    for day in (2, 3):  # pruned with the book's own: the last 2 kept
        daily_backup(books["studio.db"], date(2026, 11, day), keep=2)
        daily_backup(books["studio"], date(2026, 11, day), keep=5)
    assert not old.exists()
    assert len(backups_of(books["studio"])) == 2
