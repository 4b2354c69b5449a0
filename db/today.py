"""Storage for Today: closing a session, and the birthdays of the days ahead."""
from __future__ import annotations


def session(database, visit_id: int) -> tuple | None:
    """(client id, starts_at, status, first name, last name, patronymic) of a visit; None when gone."""
    row = database.execute_sql(
        "SELECT v.client_id, v.starts_at, v.status, c.first_name, c.last_name, c.patronymic "
        "FROM visits v JOIN clients c ON c.id = v.client_id WHERE v.id = ?", (visit_id,)).fetchone()
    return tuple(row) if row else None


def change_status(database, visit_id: int, was: str, status: str) -> bool:
    """Set a visit's status while it is still `was`; False when it is not (changed elsewhere)."""
    return database.execute_sql("UPDATE visits SET status = ? WHERE id = ? AND status = ?",
                                (status, visit_id, was)).rowcount > 0


def birthdays_on(database, days: list[tuple[int, int]]) -> list[tuple]:
    """(client id, first name, last name, patronymic, birth day, birth month, birth year) of the
    clients in the book (not archived) born on one of these (month, day)s."""
    if not days:
        return []
    where = " OR ".join("(birth_month = ? AND birth_day = ?)" for _day in days)
    return [tuple(row) for row in database.execute_sql(
        f"SELECT id, first_name, last_name, patronymic, birth_day, birth_month, birth_year FROM clients "
        f"WHERE archived_at IS NULL AND ({where}) ORDER BY last_name, first_name, id",
        [value for pair in days for value in pair]).fetchall()]
