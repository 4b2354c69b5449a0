"""Storage for reading a card: a client's preferences and talking points."""
from __future__ import annotations


def preferences_of(database, client_id: int) -> list[tuple]:
    """(topic, text, id) of each of the client's preferences, oldest first."""
    return database.execute_sql(
        "SELECT topic, text, id FROM preferences WHERE client_id = ? ORDER BY id", (client_id,)).fetchall()


def talking_points_of(database, client_id: int) -> list[tuple]:
    """(id, text, noted_on, ask_next_time, asked_at, answer) of each talking point, newest first."""
    return database.execute_sql(
        "SELECT id, text, noted_on, ask_next_time, asked_at, answer FROM talking_points "
        "WHERE client_id = ? ORDER BY noted_on DESC, id DESC", (client_id,)).fetchall()
