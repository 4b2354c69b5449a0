"""Opening a book: pragmas, file mode, and one clear sentence for every bad file."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from clientbook.services.book import open_book, resolve_book_path
from db.connection import open_database
from db.errors import BookDamaged, BookLocked, BookTooNew, NotABook
from db.migrations import LATEST


def test_pragmas_are_set_on_every_connection(book):
    pragma = lambda name: book.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL: a commit survives power loss
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 1000
    assert pragma("user_version") == LATEST


def test_writes_begin_immediate(book):
    # peewee passes lock_type to BEGIN; IMMEDIATE avoids SQLITE_BUSY_SNAPSHOT in WAL.
    assert book._lock_type == "IMMEDIATE"


def test_new_book_is_private_to_its_owner(book_path):
    open_book(book_path).close()
    assert oct(os.stat(book_path).st_mode & 0o777) == "0o600"


def test_new_book_folder_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "book.db"
    open_book(path).close()
    assert path.exists()


def test_importing_touches_no_disk(tmp_path):
    target = tmp_path / "never.db"
    code = (
        "import db.connection, db.models, db.search, clientbook.cli, clientbook.services.search"
    )
    env = {**os.environ, "CLIENTBOOK_DB": str(target), "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_book_path_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("CLIENTBOOK_DB", str(tmp_path / "env.db"))
    assert resolve_book_path("x.db").name == "x.db"
    assert resolve_book_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("CLIENTBOOK_DB")
    assert resolve_book_path(None).name == "clientbook.db"


def test_text_file_is_not_a_book(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("client list\n")
    with pytest.raises(NotABook, match="not a clientbook book"):
        open_database(path)
    assert path.read_text() == "client list\n"


def test_other_programs_sqlite_file_is_not_a_book(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(NotABook, match="not a clientbook book"):
        open_database(path)
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["photos"]


def test_book_from_newer_clientbook_is_refused(book_path):
    open_book(book_path).close()
    con = sqlite3.connect(book_path)
    con.execute(f"PRAGMA user_version = {LATEST + 5}")
    con.close()
    with pytest.raises(BookTooNew, match="newer clientbook"):
        open_book(book_path)


def test_damaged_book_says_restore_a_backup(book_path):
    open_book(book_path).close()
    data = bytearray(book_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header survives, the schema page does not
    book_path.write_bytes(bytes(data))
    with pytest.raises(BookDamaged, match="is damaged and has no backups; `clientbook check`"):
        open_book(book_path)


def test_locked_book_names_the_other_program(book_path, monkeypatch):
    open_book(book_path).close()
    monkeypatch.setattr("db.connection.BUSY_TIMEOUT_SECONDS", 0.1)
    holder = sqlite3.connect(book_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(BookLocked, match="busy in another program"):
            database = open_database(book_path)
            database.execute_sql("SELECT count(*) FROM clients")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
