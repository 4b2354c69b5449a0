"""Copies of a book through SQLite's backup API: consistent even while others write."""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path


def _private_file(dest: Path, *, new: bool = True) -> None:
    """Make `dest` exist, readable by its owner only, before SQLite writes to it.

    A new copy is created exclusively (O_EXCL, never through a link or over a file someone
    put there); only a book replaced in place (`new` off) is an existing file."""
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    flags = os.O_CREAT | os.O_WRONLY | (os.O_EXCL | os.O_NOFOLLOW if new else 0)
    fd = os.open(dest, flags, 0o600)
    os.close(fd)
    os.chmod(dest, 0o600)


def copy_name(book: Path, kind: str) -> str:
    """The file name of a copy of `book` in backups/: the book's whole file name, a dot, what
    the copy is, and .db: "studio.sqlite.daily-2026-11-30.db".

    The whole name, so that studio.db and studio.sqlite in one folder never share a copy's
    name. A dot, which no kind holds, so that the book is what stands before the last dot
    but one, and a book with no suffix ("studio") never takes a name an earlier clientbook
    gave studio.db's copies ("studio-daily-2026-11-30.db")."""
    return f"{Path(book).name}.{kind}.db"


BUSY_LIMIT_SECONDS = 30  # as long as a write waits; then "busy", not a hang


def _copy(source: sqlite3.Connection, dest: Path, *, single_file: bool = True) -> Path:
    _private_file(dest, new=single_file)
    target = sqlite3.connect(dest)
    deadline = time.monotonic() + BUSY_LIMIT_SECONDS

    def give_up_when_held(status, remaining, total):
        # Python retries a held book for ever; a person would rather hear it is busy.
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    try:
        source.backup(target, progress=give_up_when_held)
        if single_file:
            # A backup is one file: no -wal or -shm beside it, even after a read-only look.
            target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    return dest


def backup_to(database, dest: Path) -> Path:
    """Copy the open book `database` (peewee) to `dest` (mode 0600) and return the path."""
    return _copy(database.connection(), dest)


def copy_book(source: Path, dest: Path, *, single_file: bool = True) -> Path:
    """Copy the book file `source` onto `dest`: a backup (one file), or a book being
    replaced in place (single_file=False: it stays in WAL, as other windows have it)."""
    # A short wait per step: the backup's own deadline decides when a held book is "busy".
    con = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, timeout=0.1)
    try:
        return _copy(con, Path(dest), single_file=single_file)
    finally:
        con.close()
