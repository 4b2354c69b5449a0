"""Which programs have a book open, so that nothing pulls the book from under them.

An idle window holds no SQLite lock at all, so SQLite cannot say it is there. Each
window (and each long command, such as an import) holds a shared lock on a small file
beside the book, `<book>-inuse`, for as long as it works on the book; `restore` takes that
lock exclusively, so it waits for nobody and replaces nothing another program is using.
The operating system lets go of the lock when the program ends, however it ends.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _marker(book: Path) -> Path:
    return Path(f"{book}-inuse")


class Presence:
    """A program's shared hold on a book; release() when it no longer works on it."""

    def __init__(self, book: Path):
        try:
            self.fd: int | None = os.open(_marker(book), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a read-only folder: nothing can replace the book there either
            self.fd = None
            return
        fcntl.flock(self.fd, fcntl.LOCK_SH)  # only an exclusive holder (a restore, briefly) makes this wait

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing lets go of the lock
            self.fd = None


@contextmanager
def alone(book: Path) -> Iterator[bool]:
    """Hold the book exclusively while the block runs; yields False (and holds nothing) when
    another program has it open."""
    try:
        fd = os.open(_marker(book), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield True  # nobody can have announced themselves where no file can be made
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
