"""What a book holds at a glance: how many clients, archived ones, visits, masters and services."""
from __future__ import annotations


def clients(database) -> int:
    """How many clients are not archived."""
    return database.execute_sql("SELECT count(*) FROM clients WHERE archived_at IS NULL").fetchone()[0]


def archived_clients(database) -> int:
    """How many clients are archived."""
    return database.execute_sql("SELECT count(*) FROM clients WHERE archived_at IS NOT NULL").fetchone()[0]


def visits(database) -> int:
    """How many visits the book holds, of every status."""
    return database.execute_sql("SELECT count(*) FROM visits").fetchone()[0]


def masters(database) -> int:
    """How many masters the book holds, active or not."""
    return database.execute_sql("SELECT count(*) FROM masters").fetchone()[0]


def services(database) -> int:
    """How many services the book holds, active or not."""
    return database.execute_sql("SELECT count(*) FROM services").fetchone()[0]
