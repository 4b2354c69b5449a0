"""Storage for bonus movements; a balance is their sum, never a stored figure."""
from __future__ import annotations


def insert(database, client_id: int, on_day: str, kind: str, points: int, note: str) -> int:
    return database.execute_sql(
        "INSERT INTO bonus_movements (client_id, on_day, kind, points, note) VALUES (?, ?, ?, ?, ?)",
        (client_id, on_day, kind, points, note)).lastrowid


def movements(database, client_id: int) -> list[tuple]:
    """(id, on_day, kind, points, note) of each movement, newest first."""
    return database.execute_sql(
        "SELECT id, on_day, kind, points, note FROM bonus_movements WHERE client_id = ? "
        "ORDER BY on_day DESC, id DESC", (client_id,)).fetchall()


def balance(database, client_id: int) -> int:
    return database.execute_sql("SELECT coalesce(sum(points), 0) FROM bonus_movements WHERE client_id = ?",
                                (client_id,)).fetchone()[0]


def spend_if_covered(database, client_id: int, on_day: str, points: int, note: str) -> int | None:
    """Spend `points` (positive) only while the balance still covers them, in one statement, so
    that two desks spending at once never take it below zero; the movement's id, or None."""
    cursor = database.execute_sql(
        "INSERT INTO bonus_movements (client_id, on_day, kind, points, note) "
        "SELECT ?, ?, 'spent', ?, ? WHERE (SELECT coalesce(sum(points), 0) FROM bonus_movements "
        "WHERE client_id = ?) >= ?", (client_id, on_day, -points, note, client_id, points))
    return cursor.lastrowid if cursor.rowcount == 1 else None
