"""Storage for complaints: opened, read, closed only while still open."""
from __future__ import annotations

COLUMNS = ("c.id, c.client_id, c.opened_on, c.text, c.kind, c.visit_id, m.name, c.justified, c.resolution, "
           "c.compensation, c.resolved_on")


def insert(database, client_id: int, opened_on: str, text: str, kind: str, visit_id: int | None,
           master_id: int | None) -> int:
    return database.execute_sql(
        "INSERT INTO complaints (client_id, opened_on, text, kind, visit_id, master_id) VALUES (?, ?, ?, ?, ?, ?)",
        (client_id, opened_on, text, kind, visit_id, master_id)).lastrowid


def close(database, complaint_id: int, resolved_on: str, resolution: str, justified: int | None,
          compensation: str) -> bool:
    """Close it if it is still open; False when it is closed already or gone."""
    return database.execute_sql(
        "UPDATE complaints SET resolved_on = ?, resolution = ?, justified = ?, compensation = ? "
        "WHERE id = ? AND resolved_on IS NULL",
        (resolved_on, resolution, justified, compensation, complaint_id)).rowcount == 1


def found(database, complaint_id: int) -> tuple | None:
    return database.execute_sql(
        f"SELECT {COLUMNS} FROM complaints c LEFT JOIN masters m ON m.id = c.master_id WHERE c.id = ?",
        (complaint_id,)).fetchone()


def listed(database, client_id: int | None, open_only: bool) -> list[tuple]:
    """Newest first; one client's or the studio's; open ones only when asked."""
    return database.execute_sql(
        f"SELECT {COLUMNS} FROM complaints c LEFT JOIN masters m ON m.id = c.master_id "
        "WHERE (? IS NULL OR c.client_id = ?) AND (NOT ? OR c.resolved_on IS NULL) "
        "ORDER BY c.opened_on DESC, c.id DESC", (client_id, client_id, int(open_only))).fetchall()


def visit_master(database, client_id: int, visit_id: int) -> tuple[bool, int | None]:
    """(whether the visit is this client's, its master)."""
    row = database.execute_sql("SELECT master_id FROM visits WHERE id = ? AND client_id = ?",
                               (visit_id, client_id)).fetchone()
    return (row is not None, row[0] if row else None)


def open_texts(database, client_id: int) -> list[str]:
    """What happened, of each of the client's complaints not closed yet, oldest first."""
    return [row[0] for row in database.execute_sql(
        "SELECT text FROM complaints WHERE client_id = ? AND resolved_on IS NULL ORDER BY opened_on, id",
        (client_id,))]
