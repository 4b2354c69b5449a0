"""Which desk has which client open on the call list, so that two admins working one list
never call the same client.

The holds live in a small SQLite file beside the book (`<book>-desks`), not in the book: a
cursor moving at one desk must not count as a write to the book, which every screen of
every desk reads again when its data_version moves. Each desk renews its hold while it
stays on a row; a hold older than HOLD_SECONDS is forgotten (a desk that ended however
it ended, a laptop that ran out of battery).
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

HOLD_SECONDS = 30  # a hold not renewed for this long belongs to nobody
SCHEMA = ("CREATE TABLE IF NOT EXISTS holds (desk TEXT PRIMARY KEY, name TEXT NOT NULL, "
          "client_id INTEGER NOT NULL, at REAL NOT NULL)")


class DeskBoard:
    """One desk's view of the holds: its own (`hold`, `let_go`) and the others' (`others`).
    Without a file to keep them in (a read-only folder) it holds nothing and sees nobody."""

    def __init__(self, book: Path, desk: str, name: str):
        self.desk, self.name = desk, name
        self._lock = threading.Lock()
        try:
            self._connection: sqlite3.Connection | None = sqlite3.connect(
                f"{book}-desks", timeout=1, isolation_level=None, check_same_thread=False)
            self._connection.execute("PRAGMA journal_mode = wal")
            self._connection.execute(SCHEMA)
        except sqlite3.Error:
            self._connection = None

    def _run(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._connection is None:
                return []
            try:
                return self._connection.execute(sql, params).fetchall()
            except sqlite3.Error:  # busy past the timeout, a file gone: holds are a courtesy
                return []

    def hold(self, client_id: int, at: float) -> None:
        """This desk has `client_id` open, as of `at` (seconds)."""
        self._run("INSERT INTO holds (desk, name, client_id, at) VALUES (?, ?, ?, ?) ON CONFLICT (desk) "
                  "DO UPDATE SET name = excluded.name, client_id = excluded.client_id, at = excluded.at",
                  (self.desk, self.name, client_id, at))

    def let_go(self) -> None:
        self._run("DELETE FROM holds WHERE desk = ?", (self.desk,))

    def others(self, at: float) -> dict[int, str]:
        """client id → the name of another desk holding it, as of `at`."""
        return dict(self._run("SELECT client_id, name FROM holds WHERE desk <> ? AND at > ? ORDER BY at",
                              (self.desk, at - HOLD_SECONDS)))

    def version(self) -> int:
        """Changes whenever another desk took or let go of a hold."""
        found = self._run("PRAGMA data_version")
        return found[0][0] if found else 0

    def close(self) -> None:
        self.let_go()
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
