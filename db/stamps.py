"""When a row was written: the book stamps its rows with the database's own clock.

A stamp records a write, it feeds no rule; taking it from the database keeps the code
above free of the clock, and gives every desk of a shared book one clock.
"""
from __future__ import annotations

from db.postgres import dialect

# A server's clock in its session's time zone (the server's own unless PGTZ says otherwise).
_SERVER = {"%Y-%m-%d %H:%M:%S": "YYYY-MM-DD HH24:MI:SS", "%Y%m%d-%H%M%S": "YYYYMMDD-HH24MISS"}


def _now(database, form: str) -> str:
    if dialect(database) == "postgresql":
        return database.execute_sql("SELECT to_char(localtimestamp, ?)", (_SERVER[form],)).fetchone()[0]
    return database.execute_sql(f"SELECT strftime('{form}', 'now', 'localtime')").fetchone()[0]


def stamp(database) -> str:
    """The database's local time now, as rows store it: YYYY-MM-DD HH:MM:SS."""
    return _now(database, "%Y-%m-%d %H:%M:%S")


def file_stamp(database) -> str:
    """The database's local time now, for a file's name: YYYYMMDD-HHMMSS."""
    return _now(database, "%Y%m%d-%H%M%S")
