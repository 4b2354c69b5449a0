"""Numbered, forward-only schema steps. PRAGMA user_version records a book's level.

An older book is copied to backups/ (through SQLite's backup API) and then upgraded in
one IMMEDIATE transaction: every step, the rebuild of the derived data the steps name,
and the new level commit together or not at all.

A book on a PostgreSQL server (db/postgres.py) runs the same steps, numbered alike, in one
transaction under an advisory lock (two desks starting at once upgrade it once); its level
is kept in the table clientbook_schema. A step's SQL is translated as all of db/'s is; a
step whose SQL means something else there has its own `up_postgresql`.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db.backup import backup_to, copy_name
from db.errors import BookTooNew, NotABook
from db.migrations import (
    m0001_initial,
    m0002_search_index,
    m0003_figures,
    m0004_winback_index,
    m0005_hours_and_answers,
    m0006_book_identity,
    m0007_gender,
    m0008_outlook,
    m0009_lives,
    m0010_complaints,
    m0011_courses_bonuses_cases,
    m0012_writers,
)
from db.migrations.script import run_script
from db.postgres import FUNCTIONS, dialect
from db.stamps import file_stamp

STEPS = [m0001_initial, m0002_search_index, m0003_figures, m0004_winback_index, m0005_hours_and_answers,
         m0006_book_identity, m0007_gender, m0008_outlook, m0009_lives,
         m0010_complaints, m0011_courses_bonuses_cases, m0012_writers]
LATEST = len(STEPS)

# 'ClBk': marks an SQLite file as a clientbook book.
APPLICATION_ID = 0x436C426B

Rebuild = Callable[[object, set[str]], None]


def level(database) -> int:
    if dialect(database) == "postgresql":
        return _server_level(database) or 0
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def upgrade(database, path: Path, rebuild: Rebuild | None = None, *, upto: int = LATEST) -> int:
    """Bring the book to level `upto`; returns the level it was at before."""
    current = level(database)
    application_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
    if application_id not in (0, APPLICATION_ID) or (
        current == 0 and application_id == 0 and _has_tables(database)
    ):
        raise NotABook(f"{path} is an SQLite database, but not a clientbook book.", path, "foreign")
    if current > LATEST:
        raise BookTooNew(
            f"The book {path} was written by a newer clientbook (schema level {current}, "
            f"this one knows {LATEST}); update clientbook to open it.", path, str(current)
        )
    if current >= upto:
        return current
    if current > 0:
        kept = path.parent / "backups" / copy_name(path, f"level{current}-{file_stamp(database)}")
        if not kept.exists():  # a failed upgrade retried the same second: the book as it was is kept
            backup_to(database, kept)
    rebuilds: set[str] = set()
    with database.atomic():
        current = level(database)  # another process may have upgraded meanwhile
        for number in range(current + 1, upto + 1):
            step = STEPS[number - 1]
            step.up(database)
            rebuilds |= getattr(step, "REBUILDS", set())
        if current > 0 and rebuilds and rebuild is not None:
            rebuild(database, rebuilds)
        database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        database.execute_sql(f"PRAGMA user_version = {upto}")
    return current


def _has_tables(database) -> bool:
    row = database.execute_sql(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchone()
    return row[0] > 0


SCHEMA_TABLE = "clientbook_schema"  # a server book's level and mark, for PRAGMA user_version and application_id


def _server_level(database) -> int | None:
    """A server book's level; None where the database has no clientbook_schema."""
    if database.execute_sql("SELECT to_regclass(?)", (SCHEMA_TABLE,)).fetchone()[0] is None:
        return None
    row = database.execute_sql(f"SELECT application_id, level FROM {SCHEMA_TABLE}").fetchone()
    return row[1] if row and row[0] == APPLICATION_ID else None


def upgrade_server(database, rebuild: Rebuild | None = None, *, upto: int = LATEST) -> int:
    """Bring a book on a PostgreSQL server to level `upto`; returns the level it was at."""
    current = _server_level(database)
    shown = database.path
    if current is None and database.execute_sql(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]:
        raise NotABook(f"{shown} is a PostgreSQL database, but not a clientbook book.", shown, "foreign")
    current = current or 0
    if current > LATEST:
        raise BookTooNew(f"The book {shown} was written by a newer clientbook (schema level {current}, "
                         f"this one knows {LATEST}); update clientbook to open it.", shown, str(current))
    if current >= upto:
        return current
    rebuilds: set[str] = set()
    with database.atomic():
        database.execute_sql("SELECT pg_advisory_xact_lock(?)", (APPLICATION_ID,))
        current = _server_level(database) or 0  # another desk may have upgraded meanwhile
        if current >= upto:
            return current
        run_script(database, FUNCTIONS)
        if current == 0:
            database.execute_sql(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} "
                                 "(application_id BIGINT NOT NULL, level INTEGER NOT NULL)")
            database.execute_sql(f"DELETE FROM {SCHEMA_TABLE}")
            database.execute_sql(f"INSERT INTO {SCHEMA_TABLE} VALUES (?, 0)", (APPLICATION_ID,))
        for number in range(current + 1, upto + 1):
            step = STEPS[number - 1]
            getattr(step, "up_postgresql", step.up)(database)
            database.forget_tables()
            rebuilds |= getattr(step, "REBUILDS", set())
        if current > 0 and rebuilds and rebuild is not None:
            rebuild(database, rebuilds)
        database.execute_sql(f"UPDATE {SCHEMA_TABLE} SET level = ?", (upto,))
    return current
