"""A schema upgrade waits for nobody: while another window or command has an older book
open, the newer clientbook says so and leaves the book as it was."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import hold_book, open_book
from db.errors import BookInUse
from db.migrations import LATEST

FIXTURE = Path(__file__).parents[1] / "fixtures" / "book_level4.db"


def level(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def content(path: Path) -> list[str]:
    """The book's schema and rows, as SQL (the journal mode in its header may differ)."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_an_upgrade_refuses_while_an_older_window_has_the_book_open(tmp_path):
    book = tmp_path / "studio.db"
    shutil.copyfile(FIXTURE, book)
    before = content(book)
    window = hold_book(book)  # a window of the older clientbook, idle on the book
    sentence = (f"The book {book} must be upgraded for this version of clientbook, and it is open in another "
                "window or command; close it there and try again. Nothing was changed.")
    with pytest.raises(BookInUse) as refused:
        open_book(book)
    assert str(refused.value) == sentence
    said = CliRunner().invoke(cli, ["show", "1", "--db", str(book), "--today", "2026-11-22"])
    assert (said.exit_code, said.output) == (1, f"Error: {sentence}\n")
    assert content(book) == before and level(book) == 4
    assert not (tmp_path / "backups").exists()  # not even the copy made before an upgrade
    window.release()
    open_book(book).close()  # alone now: upgraded
    assert level(book) == LATEST
