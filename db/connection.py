"""Opening a book: the file, its pragmas, and the upgrade to the current schema.

Nothing here runs at import time; `open_database` is the only door.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from db.errors import BookDamaged, BookLocked, NotABook
from db.migrations import Rebuild, upgrade
from db.models import bind

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 30  # a write waits out another window's import (100k rows: about 8 s)

# WAL lets the TUI read while a CLI import writes; FULL makes a commit survive power loss.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", 2),
    ("foreign_keys", 1),
    ("cache_size", -65536),  # 64 MB: a large import or rebuild stays in memory until commit
    ("secure_delete", 1),  # a deleted row's bytes are zeroed, whatever SQLite's build does by default
)


def open_database(
    path: str | os.PathLike, *, migrate: bool = True, rebuild: Rebuild | None = None
) -> SqliteDatabase:
    """Open (creating if needed, mode 0600) the book at `path` and bring it up to date.

    `rebuild(database, names)` refreshes derived data (the search index, per-client
    figures) inside the upgrade's transaction when a schema step asks for it.
    Write transactions begin IMMEDIATE: a read-then-write transaction in WAL would
    otherwise fail with SQLITE_BUSY_SNAPSHOT when another process wrote in between.
    """
    path = Path(path)
    _ensure_file(path)
    pragmas = (*PRAGMAS, ("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000))  # read at each open
    database = SqliteDatabase(
        str(path), pragmas=pragmas, lock_type="IMMEDIATE", timeout=BUSY_TIMEOUT_SECONDS
    )
    try:
        database.connect()
        bind(database)
        if migrate:
            upgrade(database, path, rebuild)
    except BaseException as error:
        if not database.is_closed():
            database.close()
        raise translate_error(error, path) from error
    return database


def _ensure_file(path: Path) -> None:
    if path.is_dir():
        raise NotABook(f"{path} is a folder, not a clientbook book.", path, "folder")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        return
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as error:
        raise NotABook(f"{path} cannot be read: permission denied.", path, "unreadable") from error
    if header and header != SQLITE_HEADER:
        raise NotABook(f"{path} is not a clientbook book (not an SQLite database).", path,
                       "not_sqlite")
    if path.stat().st_mode & 0o077:
        # A book copied in with looser rights is the owner's only again; another user's
        # file is theirs to guard.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def translate_error(error: BaseException, path: Path) -> BaseException:
    """Turn SQLite's failures into the one sentence a person needs."""
    if not isinstance(error, (DatabaseError, sqlite3.DatabaseError)):
        return error
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return BookLocked(
            f"The book {path} is busy in another program; close it there and try again.", path
        )
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return BookDamaged(f"The book {path} is damaged; restore the latest backup.", path)
    return error
