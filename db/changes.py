"""Has anyone written to the book since a screen last read it?

A file book: the watch holds its own read-only connection that never writes, so SQLite's
`PRAGMA data_version` counts every commit of every other connection: this program's
worker threads, another window, a CLI import. Asking costs a few microseconds.

A book on a PostgreSQL server: LISTEN/NOTIFY. Every table of the book carries statement
triggers (`prepare_server`) that, when a statement changed rows, notify the channel
BOOK_CHANNEL; the server delivers a notification only when its transaction commits, once
per transaction, and to every connection listening on that database: every desk, every
command, psql too. A watch (`ServerWatch`) listens on a connection of its own and counts
what it heard; asking reads what already arrived on the socket, never waiting for the
server. Triggers rather than a NOTIFY sent by clientbook on commit: nothing that writes
to the book can forget it (another clientbook, a restore, a statement typed in psql),
a rolled-back write says nothing, and a statement that changed no row (an update that
found nothing to update, an INSERT … ON CONFLICT DO NOTHING) says nothing either, so a
screen that reads never makes the other desks read again.
"""
from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

BOOK_CHANNEL = "clientbook_book"
TRIGGER = "clientbook_written"  # the triggers' names: clientbook_written_insert, _update, _delete, _truncate
UNWATCHED = ("clientbook_desks",)  # the desks' holds (db/desks.py): a cursor moving is no write to the book
RETRY_SECONDS = 5.0  # a watch that lost its server tries again this often, in the background


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


def watch(database):
    """The watch on a book's writes, for either kind of book."""
    from db.postgres import connect_beside, dialect

    if dialect(database) == "postgresql":
        return ServerWatch(lambda: connect_beside(database), BOOK_CHANNEL)
    return ChangeWatch(database.path)


class ServerWatch:
    """What a connection of its own hears on a channel: `version()` changes whenever a
    notification arrived since it was last asked (`others_only`: one another connection
    sent). `connect()` makes the connection (autocommit).

    A lost connection (the server restarted, the network went away) is made again in the
    background every RETRY_SECONDS; once it is back the version moves once, for what was
    written meanwhile. Until then the version stays: a book that cannot be reached is not
    read again twice a second."""

    def __init__(self, connect: Callable[[], object], channel: str, *, others_only: bool = False):
        self._connect, self._channel, self._others_only = connect, channel, others_only
        self.lock = threading.RLock()  # also held by whoever uses `connection` (db/desks.py)
        self._heard = 0
        self._closed = False
        self._retrying: threading.Thread | None = None
        self.connection = self._listening()

    def _listening(self):
        import psycopg

        try:
            connection = self._connect()
        except (psycopg.Error, OSError):
            return None
        try:
            connection.execute(f"LISTEN {self._channel}")
        except psycopg.Error:
            connection.close()
            return None
        return connection

    def version(self) -> int:
        """A number that changes whenever the channel was notified since it was last asked."""
        import psycopg

        with self.lock:
            if self.connection is None:
                self._retry()
                return self._heard
            try:
                own = self.connection.info.backend_pid
                self._heard += sum(1 for note in self.connection.notifies(timeout=0)
                                   if not (self._others_only and note.pid == own))
            except psycopg.Error:
                self._lost()
            return self._heard

    def _lost(self) -> None:
        """The connection broke: forget it, and make it again in the background."""
        if self.connection is not None:
            with contextlib.suppress(Exception):  # closing what is already broken
                self.connection.close()
            self.connection = None
        self._retry()

    def lost(self) -> None:
        """For a user of `connection` whose statement failed on a broken connection."""
        with self.lock:
            if self.connection is not None and self.connection.closed:
                self._lost()

    def _retry(self) -> None:
        if self._closed or (self._retrying is not None and self._retrying.is_alive()):
            return

        def again() -> None:
            while not self._closed:
                time.sleep(RETRY_SECONDS)
                connection = self._listening()
                if connection is None:
                    continue
                with self.lock:
                    if self._closed:
                        connection.close()
                    else:
                        self.connection = connection
                        self._heard += 1  # what was written while nobody listened: read again
                return

        self._retrying = threading.Thread(target=again, name=f"listen-{self._channel}", daemon=True)
        self._retrying.start()

    def close(self) -> None:
        with self.lock:
            self._closed = True
            if self.connection is not None:
                self.connection.close()
                self.connection = None


# --- the triggers of a server's book ------------------------------------------------------------

WRITTEN_FUNCTION = f"""
CREATE OR REPLACE FUNCTION clientbook_book_written() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('{BOOK_CHANNEL}', '');
    ELSIF EXISTS (SELECT FROM changed) THEN
        PERFORM pg_notify('{BOOK_CHANNEL}', '');
    END IF;
    RETURN NULL;
END
$body$"""

# A transition table names the rows a statement changed: one trigger per event (PostgreSQL
# allows a transition table on a trigger of one event only).
_EVENTS = (("insert", "INSERT", "REFERENCING NEW TABLE AS changed"),
           ("update", "UPDATE", "REFERENCING NEW TABLE AS changed"),
           ("delete", "DELETE", "REFERENCING OLD TABLE AS changed"),
           ("truncate", "TRUNCATE", ""))

_UNTRIGGERED = f"""
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> ALL (%s)
  AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = '{TRIGGER}_insert')
ORDER BY c.relname"""


def untriggered(connection) -> list[str]:
    """The book's tables that do not yet notify BOOK_CHANNEL when written."""
    return [row[0] for row in connection.execute(_UNTRIGGERED, (list(UNWATCHED),)).fetchall()]


def add_triggers(connection, tables: list[str]) -> None:
    """Every table in `tables` notifies BOOK_CHANNEL when a statement changed its rows; in
    the caller's transaction."""
    connection.execute(WRITTEN_FUNCTION)
    for table in tables:
        for suffix, event, referencing in _EVENTS:
            connection.execute(f'DROP TRIGGER IF EXISTS {TRIGGER}_{suffix} ON "{table}"')
            connection.execute(f'CREATE TRIGGER {TRIGGER}_{suffix} AFTER {event} ON "{table}" {referencing} '
                               "FOR EACH STATEMENT EXECUTE FUNCTION clientbook_book_written()")


def prepare_server(database) -> None:
    """A server's book as it opens: the triggers on every table that lacks them (a new book,
    a table a later step made, a book copied in). When all is there, one look at the
    catalog. A desk whose role may not make them (not the tables' owner) goes on without:
    its screens are then read again only on its own writes."""
    import psycopg

    from db.migrations import APPLICATION_ID

    connection = database.connection()
    if not untriggered(connection):
        return
    try:
        with database.atomic():
            database.execute_sql("SELECT pg_advisory_xact_lock(?)", (APPLICATION_ID,))  # as an upgrade: one at a time
            missing = untriggered(connection)
            if missing:
                add_triggers(connection, missing)
    except psycopg.errors.InsufficientPrivilege:
        pass
