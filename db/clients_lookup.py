"""Looking a client up by what identifies a person outside the book."""
from __future__ import annotations


def by_phone(database, e164: str) -> tuple[int, str, str, str] | None:
    """(id, first, last, patronymic) of a client, archived ones too, with this phone."""
    return database.execute_sql(
        "SELECT id, first_name, last_name, patronymic FROM clients WHERE phone = ? OR phone_alt = ? "
        "ORDER BY id LIMIT 1", (e164, e164)).fetchone()


def by_external_id(database, external_id: str) -> int | None:
    """The id of the client, archived ones too, with this studio id; None when there is none."""
    row = database.execute_sql("SELECT id FROM clients WHERE external_id = ?", (external_id,)).fetchone()
    return row[0] if row is not None else None
