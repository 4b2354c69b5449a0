"""Erasing a client so that no byte of her stays: in the book, its -wal, its search index.

SQLite leaves deleted rows' bytes in freed space unless `secure_delete` is on, and it is
on only where SQLite happened to be built so: it is set here, for the erase, every time.
The trigram index keeps a deleted row's terms in its segments until they are merged:
the index is merged whole ('optimize'). The -wal still holds the pages as they were
before: it is checkpointed into the book and truncated.

On a PostgreSQL server her rows are deleted and the tables vacuumed; the server's own
files and its write-ahead log keep the old bytes until they are reused (not yet erased as
in a file: README, "Several desks").
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from db.postgres import dialect

AFTER = (
    "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM client_tags)",  # a tag only she had
    "INSERT INTO client_fts (client_fts) VALUES ('optimize')",
)


def erase_client(database, client_id: int) -> bool:
    """Erase one client from the open book (peewee); False when there was none."""
    if dialect(database) == "postgresql":
        return _erase_on_server(database, client_id)
    database.execute_sql("PRAGMA secure_delete = ON")
    with database.atomic():
        # Her visits, calls, notes, tags and index rows go with her (ON DELETE CASCADE).
        found = database.execute_sql("DELETE FROM clients WHERE id = ?", (client_id,)).rowcount > 0
        if found:
            for sql in AFTER:
                database.execute_sql(sql)
    if found:
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return found


def _erase_on_server(database, client_id: int) -> bool:
    with database.atomic():
        found = database.execute_sql("DELETE FROM clients WHERE id = ?", (client_id,)).rowcount > 0
        if found:
            database.execute_sql(AFTER[0])
    if found and not database.in_transaction():
        database.execute_sql("VACUUM")
    return found


def holds_client(path: Path, client_id: int, first_name: str, last_name: str) -> bool:
    """The book file at `path` (a backup) still holds this client: her id with her name."""
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    try:
        return con.execute("SELECT 1 FROM clients WHERE id = ? AND first_name = ? AND last_name = ?",
                           (client_id, first_name, last_name)).fetchone() is not None
    except sqlite3.DatabaseError:
        return False  # not a book, or a damaged one: nothing to purge there
    finally:
        con.close()


def erase_client_from_file(path: Path, client_id: int) -> None:
    """Erase a client from a book file that is not open (a backup), as erase_client does."""
    con = sqlite3.connect(path, timeout=1, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA secure_delete = ON")
        con.execute("BEGIN IMMEDIATE")
        con.execute("DELETE FROM clients WHERE id = ?", (client_id,))
        for sql in AFTER:
            con.execute(sql)
        con.execute("COMMIT")
        con.execute("VACUUM")  # a backup is a file to hand over: no free pages at all
    finally:
        con.close()
