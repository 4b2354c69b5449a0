"""Which desk has which client open on the call list, so that two admins working one list
never call the same client.

A file book: the holds live in a small SQLite file beside the book (`<book>-desks`), not in
the book: a cursor moving at one desk must not count as a write to the book, which every
screen of every desk reads again when its data_version moves. A book on a PostgreSQL
server (`ServerDeskBoard`): in the UNLOGGED table clientbook_desks on the server (made by
the first desk that opens a board), which carries none of the book's triggers
(db/changes.py) and notifies a channel of its own, DESKS_CHANNEL, when a desk takes or
lets go of a hold. Each desk renews its hold while it stays on a row; a hold older than
HOLD_SECONDS is forgotten (a desk that ended however it ended, a laptop that ran out of
battery).
"""
from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from db.changes import ServerWatch
from db.postgres import connect_beside, is_server_address

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

    def renew(self, client_id: int, at: float) -> None:
        """This desk still has `client_id` open, as of `at`: only a hold it has is renewed, so
        a renewal asked before letting go and run after it takes nothing back."""
        self._run("UPDATE holds SET at = ? WHERE desk = ? AND client_id = ?", (at, self.desk, client_id))

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


def desk_board(book, desk: str, name: str):
    """The board of the book at `book`: its file's path, or its server's URL as given."""
    if is_server_address(book):
        return ServerDeskBoard(str(book), desk, name)
    return DeskBoard(Path(book), desk, name)


DESKS_CHANNEL = "clientbook_desks"
SERVER_SCHEMA = ("CREATE UNLOGGED TABLE IF NOT EXISTS clientbook_desks (desk TEXT PRIMARY KEY, name TEXT NOT NULL, "
                 "client_id INTEGER NOT NULL, at DOUBLE PRECISION NOT NULL)")


class ServerDeskBoard:
    """DeskBoard on a server's book: the holds in the table clientbook_desks (UNLOGGED: a
    server that crashed forgets them, as it may), on a connection of the desk's own that
    also listens on DESKS_CHANNEL. Each statement that takes or lets go of a hold notifies
    the channel in its own transaction. A server that cannot be reached holds nothing and
    shows nobody, as DeskBoard without its file."""

    def __init__(self, url: str, desk: str, name: str):
        self.desk, self.name = desk, name
        self._channel = ServerWatch(lambda: _with_holds(connect_beside(url)), DESKS_CHANNEL, others_only=True)

    def _run(self, sql: str, params: tuple = ()) -> list[tuple]:
        import psycopg

        with self._channel.lock:
            connection = self._channel.connection
            if connection is None:
                return []
            try:
                cursor = connection.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
            except psycopg.Error:  # a table not made (a desk that may not), a server gone: a courtesy
                self._channel.lost()
                return []

    def hold(self, client_id: int, at: float) -> None:
        """This desk has `client_id` open, as of `at` (seconds)."""
        self._run("WITH held AS (INSERT INTO clientbook_desks (desk, name, client_id, at) VALUES (%s, %s, %s, %s) "
                  "ON CONFLICT (desk) DO UPDATE SET name = excluded.name, client_id = excluded.client_id, "
                  f"at = excluded.at RETURNING 1) SELECT pg_notify('{DESKS_CHANNEL}', '') FROM held",
                  (self.desk, self.name, client_id, at))

    def renew(self, client_id: int, at: float) -> None:
        """As DeskBoard.renew: only a hold this desk has."""
        self._run("WITH kept AS (UPDATE clientbook_desks SET at = %s WHERE desk = %s AND client_id = %s RETURNING 1) "
                  f"SELECT pg_notify('{DESKS_CHANNEL}', '') FROM kept", (at, self.desk, client_id))

    def let_go(self) -> None:
        self._run("WITH gone AS (DELETE FROM clientbook_desks WHERE desk = %s RETURNING 1) "
                  f"SELECT pg_notify('{DESKS_CHANNEL}', '') FROM gone", (self.desk,))

    def others(self, at: float) -> dict[int, str]:
        """client id → the name of another desk holding it, as of `at`."""
        return dict(self._run("SELECT client_id, name FROM clientbook_desks WHERE desk <> %s AND at > %s ORDER BY at",
                              (self.desk, at - HOLD_SECONDS)))

    def version(self) -> int:
        """Changes whenever another desk took or let go of a hold."""
        return self._channel.version()

    def close(self) -> None:
        self.let_go()
        self._channel.close()


def _with_holds(connection):
    """The connection, once the book has its holds table: made by the first desk that opens
    a board, as the file beside a file book is. A role that may not make it (or two desks
    making it at once: one of them) goes on without making it."""
    import psycopg

    with contextlib.suppress(psycopg.Error):
        connection.execute(SERVER_SCHEMA)
    return connection
