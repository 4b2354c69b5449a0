"""Has anyone written to the book since a screen last read it?

A watch holds its own read-only connection that never writes, so SQLite's
`PRAGMA data_version` counts every commit of every other connection: this program's
worker threads, another window, a CLI import. Asking costs a few microseconds.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class ChangeWatch:
    def __init__(self, path: Path):
        self._lock = threading.Lock()
        self._asked = 0  # without a connection every question is a new answer: read again
        try:
            self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            self._connection = None

    def version(self) -> int:
        """A number that changes whenever the book was written since it was last asked."""
        with self._lock:
            if self._connection is not None:
                try:
                    return self._connection.execute("PRAGMA data_version").fetchone()[0]
                except sqlite3.Error:
                    self._connection = None
            self._asked -= 1
            return self._asked

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
