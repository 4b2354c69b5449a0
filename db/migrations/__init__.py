"""Numbered, forward-only schema steps. PRAGMA user_version records a book's level.

An older book is copied to backups/ (through SQLite's backup API) and then upgraded in
one IMMEDIATE transaction: every step, the rebuild of the derived data the steps name,
and the new level commit together or not at all.
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
)
from db.stamps import file_stamp

STEPS = [m0001_initial, m0002_search_index, m0003_figures, m0004_winback_index, m0005_hours_and_answers,
         m0006_book_identity, m0007_gender, m0008_outlook, m0009_lives,
         m0010_complaints, m0011_courses_bonuses_cases]
LATEST = len(STEPS)

# 'ClBk': marks an SQLite file as a clientbook book.
APPLICATION_ID = 0x436C426B

Rebuild = Callable[[object, set[str]], None]


def level(database) -> int:
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
