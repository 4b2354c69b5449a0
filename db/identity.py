"""A book's identity, read from its file: the random id schema level 6 gave it (settings
`book_id`; see db.migrations.m0006_book_identity), its studio's name and how many clients
it holds. Read without opening the file as the book: no upgrade, no write."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db import backup
from db.connection import read_only_connection


@dataclass(frozen=True)
class Identity:
    book_id: str | None  # None: a book (or a copy) from before level 6
    studio_name: str
    clients: int


def read_identity(path: Path) -> Identity | None:
    """None when there is no book to read there: no file, an empty one, a damaged one, one
    that is not a book, or one another program holds."""
    path = Path(path)
    if not path.is_file() or not path.stat().st_size:
        return None
    try:
        con = read_only_connection(path, timeout=backup.BUSY_LIMIT_SECONDS)
    except sqlite3.Error:
        return None
    try:
        found = dict(con.execute("SELECT key, value FROM settings WHERE key IN ('book_id', 'studio_name')"))
        clients = con.execute("SELECT count(*) FROM clients").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()
    return Identity(found.get("book_id") or None, found.get("studio_name") or "", clients)


def keep_identity(path: Path, book_id: str) -> None:
    """Give the book file at `path`, which has no identity yet (restored from a copy made
    before level 6), the identity `book_id`: the book it replaced was this very studio's."""
    con = sqlite3.connect(path, timeout=backup.BUSY_LIMIT_SECONDS)
    try:
        with con:
            con.execute("INSERT INTO settings (key, value) VALUES ('book_id', ?) ON CONFLICT (key) DO NOTHING",
                        (book_id,))
    finally:
        con.close()
