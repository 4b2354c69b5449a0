"""Expected failures of a book, each with one sentence a person can act on.

str(error) is a plain English sentence; `path` and `detail` let the interface say it in
the user's language with the way out (clientbook.services.book.explain).
"""
from __future__ import annotations

import sqlite3

from peewee import DatabaseError as _PeeweeDatabaseError

# The database's own failures mid-work, raised through peewee or by SQLite directly; for
# `except` and isinstance (db.connection.translate_error says which is a BookError).
DATABASE_ERRORS = (_PeeweeDatabaseError, sqlite3.DatabaseError)
# Any failure SQLite reports, a file's copy (a backup) among them.
DRIVER_ERRORS = (sqlite3.Error,)


class BookError(Exception):
    """A book cannot be used as asked; str(error) is meant for the user."""

    def __init__(self, message: str, path=None, detail: str = ""):
        super().__init__(message)
        self.path, self.detail = path, detail


class BookLocked(BookError):
    pass


class BookDamaged(BookError):
    pass


class BookTooNew(BookError):
    pass


class NotABook(BookError):
    """detail: "folder", "unreadable", "not_sqlite" or "foreign" (another program's SQLite)."""


class BookUnwritable(BookError):
    """Nothing can be saved in the book. detail: "full" (no space left on its disk),
    "read_only" (its folder or disk cannot be written), "owner" (the file is another
    user's, or others may write it) or "io" (the disk failed)."""


class BookInUse(BookError):
    """Another window or command has the book open, and the step needs it alone."""


class BookUnreachable(BookError):
    """A book on a PostgreSQL server cannot be used. detail: "unreachable" (no server answers
    there), "login" (the server refused the user or password), "missing" (no such database),
    "address" (the URL cannot be read) or "driver" (psycopg is not installed).
    `path` is the URL without its password; `said` what the server or libpq said (scrubbed of it too)."""

    def __init__(self, message: str, path=None, detail: str = "", said: str = ""):
        super().__init__(message, path, detail)
        self.said = said


class GoneMeanwhile(BookError):
    """A write refers to a row (a client, a master, a service) that another window or command
    deleted after this one read it."""
