"""Storage for correcting a card: a visit, a preference or a talking point changed, deleted,
and put back as it was (same ids).

An update names the values it was read with in its WHERE, so a row someone else changed
meanwhile is left alone (the caller sees no row changed and says so).
"""
from __future__ import annotations

TABLES = ("visits", "preferences", "talking_points")
# The columns a person may change, per table; the only names put into an UPDATE.
EDITABLE = {
    "visits": ("starts_at", "status", "master_id", "price_cents", "formula", "materials", "notes"),
    "preferences": ("topic", "text"),
    "talking_points": ("text", "ask_next_time"),
}


def row(database, table: str, row_id: int) -> dict[str, object] | None:
    """The whole row, column → value; None when it is gone."""
    assert table in TABLES
    cursor = database.execute_sql(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    found = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], found)) if found else None


def update_if_unchanged(database, table: str, row_id: int, changes: dict[str, tuple[object, object]]) -> bool:
    """Set each column to its new value where every one still holds its old: {column: (old, new)}.
    False when the row is gone or one of them was changed meanwhile."""
    assert table in TABLES and all(column in EDITABLE[table] for column in changes)
    assignments = ", ".join(f"{column} = ?" for column in changes)
    checks = " AND ".join(f"{column} IS ?" for column in changes)
    return database.execute_sql(
        f"UPDATE {table} SET {assignments} WHERE id = ? AND {checks}",
        (*(new for _old, new in changes.values()), row_id, *(old for old, _new in changes.values())),
    ).rowcount > 0


def delete(database, table: str, row_id: int) -> bool:
    """False when it was gone already."""
    assert table in TABLES
    return database.execute_sql(f"DELETE FROM {table} WHERE id = ?", (row_id,)).rowcount > 0


def insert(database, table: str, values: dict[str, object]) -> int:
    """A row put back with every column given (its id too, when given); its id."""
    assert table in TABLES
    columns = ", ".join(values)
    return database.execute_sql(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(values))})",
                                tuple(values.values())).lastrowid


def exists(database, table: str, row_id: int) -> bool:
    assert table in (*TABLES, "clients", "masters", "services")
    return database.execute_sql(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None


# -- a visit's services and the rows that point at it ---------------------------------------

def visit_services(database, visit_id: int) -> list[tuple[int, int | None]]:
    """(service id, price) of each of the visit's services."""
    return [tuple(r) for r in database.execute_sql(
        "SELECT service_id, price_cents FROM visit_services WHERE visit_id = ? ORDER BY service_id", (visit_id,))]


def service_names_of(database, visit_id: int) -> list[str]:
    return [r[0] for r in database.execute_sql(
        "SELECT s.name FROM visit_services vs JOIN services s ON s.id = vs.service_id "
        "WHERE vs.visit_id = ? ORDER BY s.name", (visit_id,))]


def set_visit_services(database, visit_id: int, services: list[tuple[int, int | None]]) -> None:
    """The visit's services replaced by (service id, price) each."""
    database.execute_sql("DELETE FROM visit_services WHERE visit_id = ?", (visit_id,))
    for service_id, price in services:
        database.execute_sql("INSERT INTO visit_services (visit_id, service_id, price_cents) VALUES (?, ?, ?)",
                             (visit_id, service_id, price))


def service_ids(database, names: list[str]) -> dict[str, int]:
    """Name → id of the named services (archived ones too: a visit may keep an old one)."""
    if not names:
        return {}
    return dict(database.execute_sql(
        f"SELECT name, id FROM services WHERE name IN ({','.join('?' * len(names))})", names).fetchall())


def service_active(database, service_id: int) -> bool:
    found = database.execute_sql("SELECT active FROM services WHERE id = ?", (service_id,)).fetchone()
    return bool(found and found[0])


def master_name(database, master_id: int | None) -> str:
    if master_id is None:
        return ""
    found = database.execute_sql("SELECT name FROM masters WHERE id = ?", (master_id,)).fetchone()
    return found[0] if found else ""


def linked(database, table: str, visit_id: int) -> list[int]:
    """The contacts (a call that booked it) or complaints that name the visit."""
    assert table in ("contacts", "complaints")
    return [r[0] for r in database.execute_sql(f"SELECT id FROM {table} WHERE visit_id = ? ORDER BY id",
                                               (visit_id,))]


def relink(database, table: str, ids: list[int], visit_id: int) -> None:
    """Contacts or complaints that named a visit put back, name it again (those still unlinked)."""
    assert table in ("contacts", "complaints")
    for row_id in ids:
        database.execute_sql(f"UPDATE {table} SET visit_id = ? WHERE id = ? AND visit_id IS NULL",
                             (visit_id, row_id))


def preferred_master(database, client_id: int) -> tuple[int, str] | None:
    """The card's preferred master: (id, name)."""
    found = database.execute_sql(
        "SELECT m.id, m.name FROM clients c JOIN masters m ON m.id = c.preferred_master_id WHERE c.id = ?",
        (client_id,)).fetchone()
    return (found[0], found[1]) if found else None


def client_with_external_id(database, external_id: str, other_than: int) -> int | None:
    """Another client who has this studio id."""
    found = database.execute_sql("SELECT id FROM clients WHERE external_id = ? AND id <> ?",
                                 (external_id, other_than)).fetchone()
    return found[0] if found else None


def is_archived(database, client_id: int) -> bool:
    found = database.execute_sql("SELECT archived_at IS NOT NULL FROM clients WHERE id = ?", (client_id,)).fetchone()
    return bool(found and found[0])


def update_client_columns(database, client_id: int, columns: dict[str, object]) -> None:
    """Set these columns of a client (names chosen by the caller from the card's own fields)."""
    assignments = ", ".join(f"{column} = ?" for column in columns)
    database.execute_sql(f"UPDATE clients SET {assignments} WHERE id = ?", (*columns.values(), client_id))
