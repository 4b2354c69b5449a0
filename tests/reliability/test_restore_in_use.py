"""`restore` never pulls the book from under a program using it: an open window (idle, so
holding no SQLite lock) or an import mid-way. It refuses with a sentence; nothing changes."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.backups import BackupFailed, back_up, open_elsewhere_sentence, restore
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.importer import import_file
from tests.ui.pilot import make_app, shows

NOW = datetime(2026, 11, 22, 12)


@pytest.fixture
def studio(book_path):
    """A book with one client, and a backup of it from before a second one came."""
    book = open_book(book_path)
    add_client(book, NewClient("Анна", "Ёлкина"))
    book.close()
    copy = back_up(book_path, now=datetime(2026, 11, 21, 9))
    book = open_book(book_path)
    add_client(book, NewClient("Вера", "Новикова"))
    book.close()
    return book_path, copy


def names(path) -> list[str]:
    book = open_book(path)
    try:
        return [row[0] for row in book.execute_sql("SELECT first_name FROM clients ORDER BY id")]
    finally:
        book.close()


async def test_restore_refuses_while_a_window_is_open_even_idle(studio):
    book_path, copy = studio
    app = make_app(book_path)
    async with app.run_test() as pilot:
        await shows(pilot, "#summary", "2 clients")
        with pytest.raises(BackupFailed) as refused:
            restore(book_path, copy, NOW)
        assert str(refused.value) == open_elsewhere_sentence(book_path)
        said = CliRunner().invoke(cli, ["restore", str(copy), "--db", str(book_path), "--today", "2026-11-22"])
        assert said.exit_code == 1 and "is open in another window or command" in said.output
        assert names(book_path) == ["Анна", "Вера"]
    restore(book_path, copy, NOW)  # the window closed: now it may
    assert names(book_path) == ["Анна"]


def test_restore_refuses_while_an_import_is_under_way(studio, tmp_path):
    book_path, copy = studio
    sheet = tmp_path / "clients.csv"
    sheet.write_text("last_name,first_name\n" + "".join(f"Фамилия{n},Имя{n}\n" for n in range(1200)),
                     encoding="utf-8")
    tried = []

    def midway(done: int, total: int) -> None:  # the import's own progress: it is writing now
        if not tried:
            with pytest.raises(BackupFailed, match="is open in another window or command"):
                restore(book_path, copy, NOW)
            tried.append(done)

    book = open_book(book_path)
    try:
        summary = import_file(book, sheet, "clients", today=date(2026, 11, 22), progress=midway)
    finally:
        book.close()
    assert tried and summary.added == 1200
    assert len(names(book_path)) == 1202  # the import landed whole; nothing was restored over it
