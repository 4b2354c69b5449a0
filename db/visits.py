"""Storage for visits: writing one with its services, its status, and the names it is chosen from."""
from __future__ import annotations


def client_start_status(database, visit_id: int) -> tuple[int, str, str] | None:
    """(client id, starts_at, status) of a visit; None when there is no such visit."""
    row = database.execute_sql("SELECT client_id, starts_at, status FROM visits WHERE id = ?",
                               (visit_id,)).fetchone()
    return (row[0], row[1], row[2]) if row else None


def set_visit_status(database, visit_id: int, status: str, was: str) -> bool:
    """The visit's status set, only while it still is `was`; False when it is not (or it is gone)."""
    return database.execute_sql("UPDATE visits SET status = ? WHERE id = ? AND status = ?",
                                (status, visit_id, was)).rowcount > 0


def active_names(database, table: str) -> list[str]:
    """The names of the studio's active services or masters (`table`), by name."""
    assert table in ("services", "masters")
    return [row[0] for row in database.execute_sql(f"SELECT name FROM {table} WHERE active = 1 ORDER BY name")]


def archived_names(database, table: str) -> list[str]:
    """The names of the archived services or masters (`table`), by name."""
    assert table in ("services", "masters")
    return [row[0] for row in database.execute_sql(f"SELECT name FROM {table} WHERE active = 0 ORDER BY name")]


def id_by_name(database, table: str, name: str, *, active_only: bool) -> int | None:
    """A service's or master's id by its exact name; None when there is none (or it is archived)."""
    assert table in ("services", "masters")
    row = database.execute_sql(f"SELECT id FROM {table} WHERE name = ? AND (active = 1 OR NOT ?)",
                               (name, active_only)).fetchone()
    return row[0] if row else None


def add_service_named(database, name: str, category: str) -> int:
    """The importer's service that its file names: added to the price list in `category`."""
    return database.execute_sql("INSERT INTO services (name, category) VALUES (?, ?)", (name, category)).lastrowid


def add_master_named(database, name: str) -> int:
    """The importer's master that its file names (an existing one is kept); the id."""
    database.execute_sql("INSERT OR IGNORE INTO masters (name) VALUES (?)", (name,))
    return database.execute_sql("SELECT id FROM masters WHERE name = ?", (name,)).fetchone()[0]


def insert_visit(database, values: dict[str, object]) -> int:
    """A visits row from column → value; its id."""
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    return database.execute_sql(f"INSERT INTO visits ({columns}) VALUES ({marks})", tuple(values.values())).lastrowid


def add_visit_service(database, visit_id: int, service_id: int, price_cents: int | None) -> None:
    database.execute_sql("INSERT OR IGNORE INTO visit_services (visit_id, service_id, price_cents) VALUES (?, ?, ?)",
                         (visit_id, service_id, price_cents))
