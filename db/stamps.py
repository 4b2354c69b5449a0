"""When a row was written: the book stamps its rows with the database's own clock.

A stamp records a write, it feeds no rule; taking it from the database keeps the code
above free of the clock, and gives every desk of a shared book one clock.
"""
from __future__ import annotations


def stamp(database) -> str:
    """The database's local time now, as rows store it: YYYY-MM-DD HH:MM:SS."""
    return database.execute_sql("SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')").fetchone()[0]


def file_stamp(database) -> str:
    """The database's local time now, for a file's name: YYYYMMDD-HHMMSS."""
    return database.execute_sql("SELECT strftime('%Y%m%d-%H%M%S', 'now', 'localtime')").fetchone()[0]
