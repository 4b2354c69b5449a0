"""Storage for one visit's status."""
from __future__ import annotations


def client_and_start(database, visit_id: int) -> tuple[int, str] | None:
    """(client id, starts_at) of a visit; None when there is no such visit."""
    row = database.execute_sql("SELECT client_id, starts_at FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return (row[0], row[1]) if row else None


def set_visit_status(database, visit_id: int, status: str) -> None:
    database.execute_sql("UPDATE visits SET status = ? WHERE id = ?", (status, visit_id))
