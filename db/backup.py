"""Copies of a book through SQLite's backup API: consistent even while others write.

A copy is written under a name of its own (`held_new_file`) with an exclusive flock held
on it while it is written: a process killed meanwhile leaves the file, and its lock goes
with the process, so a later sweep (`remove_unheld`) tells a leftover from a copy another
window is writing right now.
"""
from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def held_new_file(path: Path) -> Iterator[Path]:
    """Make `path` anew, readable by its owner only (created exclusively: never through a
    link or over a file put there), and hold an exclusive flock on it until the block ends.

    FileExistsError when the name is taken. A sweep that took the file's lock before this
    did, and removed it, is noticed: the file is made again."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)  # a sweep holds it for a moment at most
        try:
            if os.path.samestat(os.fstat(fd), os.lstat(path)):
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        os.fchmod(fd, 0o600)
        yield path
    finally:
        os.close(fd)  # after SQLite's connections to it: closing drops this process's locks


def remove_unheld(path: Path) -> bool:
    """Remove the file `path` unless a writer holds its lock (a copy being written right
    now); True when there is no such file any more. A link or a file that cannot be
    opened is left as it is (False)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # Held now, by this sweep: unless another sweep removed it first, the name is still
        # this file's, since nobody removes a file without holding its lock.
        if os.path.samestat(os.fstat(fd), os.lstat(path)):
            path.unlink()
        return True
    except BlockingIOError:
        return False
    except FileNotFoundError:
        return True
    finally:
        os.close(fd)


def copy_name(book: Path, kind: str) -> str:
    """The file name of a copy of `book` in backups/: the book's whole file name, a dot, what
    the copy is, and .db: "studio.sqlite.daily-2026-11-30.db".

    The whole name, so that studio.db and studio.sqlite in one folder never share a copy's
    name. A dot, which no kind holds, so that the book is what stands before the last dot
    but one, and a book with no suffix ("studio") never takes a name an earlier clientbook
    gave studio.db's copies ("studio-daily-2026-11-30.db")."""
    return f"{Path(book).name}.{kind}.db"


BUSY_LIMIT_SECONDS = 30  # as long as a write waits; then "busy", not a hang


def _copy(source: sqlite3.Connection, dest: Path, *, single_file: bool = True, made: bool = False) -> Path:
    if not made:
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
    """Copy the open book `database` (peewee) to `dest` (mode 0600) and return the path.

    Written as <dest>.partial, held while it is written, then renamed: a kill leaves no
    half copy under the real name (the next backup clears the .partial away)."""
    partial = dest.with_name(dest.name + ".partial")
    remove_unheld(partial)  # a leftover of a kill; one being written makes the next line fail
    with held_new_file(partial):
        try:
            _copy(database.connection(), partial, made=True)
            os.replace(partial, dest)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return dest


def copy_book(source: Path, dest: Path, *, single_file: bool = True, made: bool = False) -> Path:
    """Copy the book file `source` onto `dest`: a backup (one file), or a book being
    replaced in place (single_file=False: it stays in WAL, as other windows have it).
    `made`: `dest` is a new empty file already made for the copy (held_new_file)."""
    # A short wait per step: the backup's own deadline decides when a held book is "busy".
    con = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, timeout=0.1)
    try:
        return _copy(con, Path(dest), single_file=single_file, made=made)
    finally:
        con.close()


# -- looking at a book file through a plain connection (read only) ----------------------


def marks(con: sqlite3.Connection) -> tuple[int, int]:
    """(the application id, the schema level) the file is marked with."""
    return (con.execute("PRAGMA application_id").fetchone()[0],
            con.execute("PRAGMA user_version").fetchone()[0])


def check_problems(con: sqlite3.Connection, *, thorough: bool) -> list[str]:
    """SQLite's own check of the file, up to 20 problems (none when it is sound):
    integrity_check when `thorough`, which also cross-checks every index; else quick_check."""
    check = "integrity_check" if thorough else "quick_check"
    return [row[0] for row in con.execute(f"PRAGMA {check}(20)") if row[0] != "ok"]


def broken_references(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, the table it refers to) of every row that refers to a row no longer there."""
    return [(row[0], row[2]) for row in con.execute("PRAGMA foreign_key_check")]


def client_and_visit_counts(con: sqlite3.Connection) -> tuple[int, int]:
    """(clients, visits) in the book."""
    return (con.execute("SELECT count(*) FROM clients").fetchone()[0],
            con.execute("SELECT count(*) FROM visits").fetchone()[0])


def has_clients(book: Path) -> bool:
    """Whether the book file holds a client at all (opened for reading only)."""
    con = sqlite3.connect(f"{book.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT EXISTS (SELECT 1 FROM clients)").fetchone()[0] == 1
    finally:
        con.close()
