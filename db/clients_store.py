"""Storage for a client's own row: added, archived and restored, her tags replaced, her
rhythm set by hand, the preferences and talking points noted on her card; and the rows a
list of search results is made of."""
from __future__ import annotations


def by_id(database, client_id: int) -> int | None:
    """The id of the client with this id, archived ones too; None when there is none."""
    row = database.execute_sql("SELECT id FROM clients WHERE id = ?", (client_id,)).fetchone()
    return row[0] if row is not None else None


def hit_rows(database, ids: list[int]):
    """(id, external_id, first_name, last_name, patronymic, phone, archived_at) of each of `ids` (not [])."""
    marks = ",".join("?" * len(ids))
    return database.execute_sql(
        f"SELECT id, external_id, first_name, last_name, patronymic, phone, archived_at "
        f"FROM clients WHERE id IN ({marks})",
        ids,
    )


def insert(database, *, external_id: str | None, first_name: str, last_name: str, patronymic: str,
           phone: str | None, email: str | None, birth_day: int | None, birth_month: int | None,
           birth_year: int | None, notes: str, alerts: str, do_not_contact: int, source: str | None,
           written: str) -> int:
    """The new client's id; `written` stamps her created_at and updated_at."""
    return database.execute_sql(
        "INSERT INTO clients (external_id, first_name, last_name, patronymic, phone, "
        "email, birth_day, birth_month, birth_year, notes, alerts, do_not_contact, source, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (external_id, first_name, last_name, patronymic, phone, email, birth_day, birth_month, birth_year,
         notes, alerts, do_not_contact, source, written, written),
    ).lastrowid


def replace_tags(database, client_id: int, tags) -> None:
    """Replace the client's tags by these names (made tags where new); returns nothing."""
    database.execute_sql("DELETE FROM client_tags WHERE client_id = ?", (client_id,))
    for tag in tags:
        database.execute_sql("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
        database.execute_sql(
            "INSERT OR IGNORE INTO client_tags (client_id, tag_id) "
            "SELECT ?, id FROM tags WHERE name = ?",
            (client_id, tag),
        )


def archive(database, client_id: int, archived_at: str, updated_at: str) -> None:
    """Mark the client archived at `archived_at`, unless she is archived already; returns nothing."""
    database.execute_sql(
        "UPDATE clients SET archived_at = ?, updated_at = ? "
        "WHERE id = ? AND archived_at IS NULL",
        (archived_at, updated_at, client_id),
    )


def unarchive(database, client_id: int, updated_at: str) -> None:
    """Take the client out of the archive; returns nothing."""
    database.execute_sql(
        "UPDATE clients SET archived_at = NULL, updated_at = ? WHERE id = ?",
        (updated_at, client_id),
    )


def set_interval_override(database, client_id: int, days: int | None, updated_at: str) -> None:
    """Set the client's "comes every N days" (None: none set); returns nothing."""
    database.execute_sql(
        "UPDATE clients SET interval_override_days = ?, updated_at = ? WHERE id = ?",
        (days, updated_at, client_id),
    )


def add_preference(database, client_id: int, topic: str, text: str, created_at: str) -> None:
    """Note a preference on the client's card; returns nothing."""
    database.execute_sql(
        "INSERT INTO preferences (client_id, topic, text, created_at) VALUES (?, ?, ?, ?)",
        (client_id, topic, text, created_at))


def add_talking_point(database, client_id: int, text: str, noted_on: str, ask_next_time: int) -> None:
    """Note a talking point on the client's card; returns nothing."""
    database.execute_sql(
        "INSERT INTO talking_points (client_id, text, noted_on, ask_next_time) VALUES (?, ?, ?, ?)",
        (client_id, text, noted_on, ask_next_time))
