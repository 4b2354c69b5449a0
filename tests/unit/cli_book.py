"""What the command-line tests of a client's records share: a command run on a book at a
fixed day, and the book's rows read afterwards."""
from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from tests.conftest import rows

TODAY = date(2026, 11, 22)


def run(path, *args, day: date = TODAY):
    return CliRunner().invoke(cli, [*map(str, args), "--db", str(path), "--today", day.isoformat()])


def read(path, sql: str) -> list[tuple]:
    book = open_book(path)
    try:
        return rows(book, sql)
    finally:
        book.close()
