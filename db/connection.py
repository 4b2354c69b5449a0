"""Opening a book: the file, its pragmas, and the upgrade to the current schema.

Nothing here runs at import time; `open_database` is the only door.
"""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from peewee import DatabaseError, OperationalError, SqliteDatabase

from db.errors import BookDamaged, BookInUse, BookLocked, BookUnwritable, GoneMeanwhile, NotABook
from db.migrations import APPLICATION_ID, LATEST, Rebuild, level, upgrade
from db.models import bind
from db.postgres import is_server_address, open_server_book
from db.postgres import translate_error as translate_server_error
from db.presence import alone
from db.writers import sign_connection

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


class BookDatabase(SqliteDatabase):
    """An open book. `path` is the book's file; `read_only` says why nothing can be saved in
    it ("full", "read_only"), or is empty when it is open as usual."""

    path: Path
    read_only: str = ""
    writer: tuple[str, str] | None = None  # who writes through it (db/writers.py): none, rows as they are

    def _add_conn_hooks(self, conn):
        super()._add_conn_hooks(conn)
        sign_connection(self, conn)  # each thread's connection signs the rows it writes

    def rollback(self):
        # A write that failed (a full disk) may have ended the transaction already: rolling
        # back what is gone is no second error to hide the first one behind.
        try:
            super().rollback()
        except OperationalError as error:
            if "no transaction is active" not in str(error):
                raise


def open_database(
    path: str | os.PathLike, *, migrate: bool = True, rebuild: Rebuild | None = None
) -> BookDatabase:
    """Open (creating if needed, mode 0600) the book at `path` and bring it up to date.
    `path` may also be a PostgreSQL server's URL, `postgresql://…` (db/postgres.py).

    `rebuild(database, names)` refreshes derived data (the search index, per-client
    figures) inside the upgrade's transaction when a schema step asks for it.
    Write transactions begin IMMEDIATE: a read-then-write transaction in WAL would
    otherwise fail with SQLITE_BUSY_SNAPSHOT when another process wrote in between.
    A book on a full disk or in a folder that cannot be written opens for reading only: a
    studio must still see a client's allergies.
    """
    if is_server_address(path):
        return open_server_book(str(path), migrate=migrate, rebuild=rebuild)
    path = Path(path)
    _ensure_file(path)
    pragmas = (*PRAGMAS, ("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000))  # read at each open
    database = BookDatabase(
        str(path), pragmas=pragmas, lock_type="IMMEDIATE", timeout=BUSY_TIMEOUT_SECONDS
    )
    database.path = path
    try:
        database.connect()
        bind(database)
        if migrate:
            _bring_up_to_date(database, path, rebuild)
    except BaseException as error:
        if not database.is_closed():
            database.close()
        failure = translate_error(error, path)
        if isinstance(failure, BookUnwritable) and failure.detail in ("full", "read_only"):
            return _open_for_reading(path, failure)
        raise failure from error
    return database


def _bring_up_to_date(database: BookDatabase, path: Path, rebuild: Rebuild | None) -> None:
    """Upgrade an older book, alone: a window of the older level left open would go on
    writing rows the new schema reads otherwise."""
    if 0 < level(database) < LATEST:
        with alone(path) as free:
            if not free:
                raise BookInUse(f"The book {path} must be upgraded for this clientbook, and it is "
                                "open in another window or command; close it there and try again.",
                                path, "upgrade")
            upgrade(database, path, rebuild)
    else:
        upgrade(database, path, rebuild)


def _open_for_reading(path: Path, failure: BookUnwritable) -> BookDatabase:
    """The book as it is on disk, for reading only, when nothing can be written beside it
    (not even SQLite's shared-memory file). Exact only when every commit is in the main
    file: a -wal holding commits is read right by SQLite's own recovery alone, which needs
    to write."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        raise failure
    database = BookDatabase(f"{path.resolve().as_uri()}?immutable=1", uri=True,
                            pragmas=(("foreign_keys", 1), ("cache_size", -65536)))
    database.path, database.read_only = path, failure.detail
    try:
        database.connect()
        bind(database)
        application_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
        usable = application_id == APPLICATION_ID and level(database) == LATEST
    except DatabaseError:
        usable = False
    if not usable:  # an older book cannot be upgraded here; a damaged one says so when written
        database.close()
        raise failure
    return database


def _ensure_file(path: Path) -> None:
    if path.is_dir():
        raise NotABook(f"{path} is a folder, not a clientbook book.", path, "folder")
    if not path.exists():
        try:
            _make_private_folders(path.parent)
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except OSError as error:
            raise BookUnwritable(f"{path} cannot be made: {error.strerror}.", path,
                                 _why_unwritable(path, error)) from error
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
    _ensure_private(path)


def _make_private_folders(folder: Path) -> None:
    """The missing folders up to `folder`, each the owner's alone (0700): a book's folder
    holds its -wal and -shm, client data too."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700, exist_ok=True)


def _ensure_private(path: Path) -> None:
    """Client data is written only into the user's own files that nobody else may write: a
    book (or its -wal, -shm) copied in with looser rights is made the owner's only again;
    another user's file is refused."""
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            found = file.stat()
        except FileNotFoundError:
            continue
        if found.st_uid != os.getuid():
            raise BookUnwritable(f"{file} belongs to another user; clientbook writes client data "
                                 "only into your own files.", file, "owner")
        if found.st_mode & 0o077:
            try:
                os.chmod(file, 0o600)
            except OSError as error:
                raise BookUnwritable(f"{file} may be written by others and cannot be made yours "
                                     "alone.", file, "owner") from error


def _why_unwritable(path: Path, error: BaseException | None = None) -> str:
    """Why nothing can be written beside the book: "full", "read_only" or "io"."""
    errno_ = getattr(error, "errno", None)
    if errno_ == errno.ENOSPC:
        return "full"
    if errno_ in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        found = os.statvfs(folder)
    except OSError:
        return "io"
    if found.f_flag & os.ST_RDONLY or not os.access(folder, os.W_OK):
        return "read_only"
    if found.f_bavail * found.f_frsize < 1 << 20:  # SQLite needs pages for its journal and -shm
        return "full"
    return "io"


def translate_error(error: BaseException, path: Path | str) -> BaseException:
    """Turn SQLite's failures into the one sentence a person needs (a server's, where `path`
    is its URL: db/postgres.py)."""
    if is_server_address(path):
        return translate_server_error(error, path)
    if not isinstance(error, (DatabaseError, sqlite3.DatabaseError)):
        return error
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return BookLocked(
            f"The book {path} is busy in another program; close it there and try again.", path
        )
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return BookDamaged(f"The book {path} is damaged; restore the latest backup.", path)
    if "foreign key constraint failed" in text:
        return GoneMeanwhile(f"Not saved: what this refers to was deleted from the book {path} meanwhile.",
                             path)
    if any(words in text for words in ("disk is full", "readonly database", "disk i/o error",
                                        "unable to open database file")):
        return BookUnwritable(f"Nothing can be saved in the book {path} ({text}).", path,
                              _why_unwritable(path))
    return error


def read_only_connection(path: Path, timeout: float) -> sqlite3.Connection:
    """A plain SQLite connection that only reads the book: through SQLite's shared memory as
    usual, or, where nothing can be written beside the book (a read-only folder, a full
    disk) and every commit is in the main file, the file as it is."""
    uri = Path(path).resolve().as_uri()
    con = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
    try:
        con.execute("PRAGMA schema_version").fetchone()
        return con
    except sqlite3.DatabaseError as error:
        con.close()
        wal = Path(f"{path}-wal")
        if (isinstance(translate_error(error, Path(path)), BookUnwritable)
                and not (wal.exists() and wal.stat().st_size)):
            return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=timeout)
    # Whatever else is wrong (a damaged file, a busy one) shows on the caller's first query.
    return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
