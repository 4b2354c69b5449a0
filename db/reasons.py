"""Storage for the reasons a client gives for leaving: the studio's list, read."""
from __future__ import annotations


def every(database):
    """(id, code, name, name_ru) of every reason, active or not, as the table holds them."""
    return database.execute_sql("SELECT id, code, name, name_ru FROM reasons")


def active(database) -> list[tuple[str, str, str]]:
    """(code, name, name_ru) of each active reason, in the studio's order."""
    return database.execute_sql(
        "SELECT code, name, name_ru FROM reasons WHERE active = 1 ORDER BY id").fetchall()
