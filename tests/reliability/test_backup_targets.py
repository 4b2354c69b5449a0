"""`backup DEST` never overwrites a file without --force, and never the book's own files."""
from __future__ import annotations

from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client


def backup(book_path, *args):
    return CliRunner().invoke(cli, ["backup", *map(str, args), "--db", str(book_path), "--today", "2026-11-22"])


def test_an_existing_file_is_kept_unless_forced_and_the_books_own_files_never(book_path, tmp_path):
    book = open_book(book_path)
    add_client(book, NewClient("Анна", "Ёлкина"))
    wal = book_path.with_name(book_path.name + "-wal")
    shm = book_path.with_name(book_path.name + "-shm")
    assert wal.exists() and shm.exists()  # the book is open: its -wal and -shm are in use
    before = {path: path.read_bytes() for path in (book_path, wal, shm)}
    for target in (book_path, wal, shm):
        for extra in ((), ("--force",)):
            refused = backup(book_path, target, *extra)
            assert refused.exit_code == 1
            assert "A backup cannot replace the book itself; choose another file." in refused.output
    assert {path: path.read_bytes() for path in (book_path, wal, shm)} == before

    theirs = tmp_path / "report.db"
    theirs.write_bytes(b"a file of someone's")
    refused = backup(book_path, theirs)
    assert refused.exit_code == 1
    assert f"{theirs} already exists; choose another name, or --force to replace it." in refused.output
    assert theirs.read_bytes() == b"a file of someone's"
    forced = backup(book_path, theirs, "--force")
    assert forced.exit_code == 0, forced.output
    copy = open_book(theirs)
    assert copy.execute_sql("SELECT first_name FROM clients").fetchall() == [("Анна",)]
    copy.close()
    book.close()
