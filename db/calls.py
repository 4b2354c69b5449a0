"""Storage for a call's effects on bookings and the card: confirming, booking, undoing.

Each write names the state it expects, so that taking a call back never undoes what
another window did since.
"""
from __future__ import annotations


def first_pencilled_booking(database, client_id: int, since: str, until: str) -> tuple[int, str] | None:
    """The client's first pencilled booking in [since, until): (visit id, starts_at)."""
    row = database.execute_sql(
        "SELECT id, starts_at FROM visits WHERE client_id = ? AND status = 'tentative' "
        "AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id LIMIT 1",
        (client_id, since, until)).fetchone()
    return (row[0], row[1]) if row else None


def confirm_booking(database, visit_id: int, starts_at: str) -> None:
    database.execute_sql(
        "UPDATE visits SET status = 'planned', starts_at = ? WHERE id = ? AND status = 'tentative'",
        (starts_at, visit_id))


def unconfirm_booking(database, visit_id: int, confirmed_at: str, pencilled_at: str) -> None:
    """Pencil a confirmed booking back in, while it is still as the confirmation left it."""
    database.execute_sql(
        "UPDATE visits SET status = 'tentative', starts_at = ? "
        "WHERE id = ? AND status = 'planned' AND starts_at = ?",
        (pencilled_at, visit_id, confirmed_at))


def add_call_booking(database, client_id: int, starts_at: str, created_at: str) -> int:
    return database.execute_sql(
        "INSERT INTO visits (client_id, starts_at, status, created_at) VALUES (?, ?, 'planned', ?)",
        (client_id, starts_at, created_at)).lastrowid


def remove_call_booking(database, visit_id: int, starts_at: str) -> None:
    """Remove a booking a call made, while it is still as the call made it."""
    database.execute_sql(
        "DELETE FROM visits WHERE id = ? AND status = 'planned' AND starts_at = ? "
        "AND NOT EXISTS (SELECT 1 FROM contacts WHERE visit_id = visits.id)",
        (visit_id, starts_at))


def do_not_contact(database, client_id: int) -> bool | None:
    """The card's do-not-contact flag; None when the client is not in the book."""
    row = database.execute_sql("SELECT do_not_contact FROM clients WHERE id = ?", (client_id,)).fetchone()
    return None if row is None else bool(row[0])


def set_do_not_contact(database, client_id: int, value: bool) -> None:
    database.execute_sql("UPDATE clients SET do_not_contact = ? WHERE id = ?", (int(value), client_id))


def remove_contact(database, contact_id: int) -> bool:
    """False when it is gone already."""
    return database.execute_sql("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount > 0
