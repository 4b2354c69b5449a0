"""Storage for the studio's price list and masters."""
from __future__ import annotations

MASTER_COLUMNS = "m.id, m.name, m.working_hours, m.active, (SELECT count(*) FROM visits v WHERE v.master_id = m.id)"
SERVICE_COLUMNS = ("s.id, s.name, s.category, s.price_cents, s.duration_min, s.default_interval_days, s.active, "
                   "(SELECT count(*) FROM visit_services vs WHERE vs.service_id = s.id)")


def masters(database, with_archived: bool = False) -> list[tuple]:
    """(id, name, working_hours, active, visits) by name."""
    return database.execute_sql(
        f"SELECT {MASTER_COLUMNS} FROM masters m WHERE m.active = 1 OR ? ORDER BY m.name",
        (with_archived,)).fetchall()


def services(database, with_archived: bool = False) -> list[tuple]:
    """(id, name, category, price_cents, duration_min, interval_days, active, visits) by category, name."""
    return database.execute_sql(
        f"SELECT {SERVICE_COLUMNS} FROM services s WHERE s.active = 1 OR ? ORDER BY s.category, s.name",
        (with_archived,)).fetchall()


def master_by_name(database, name: str) -> tuple | None:
    return database.execute_sql(f"SELECT {MASTER_COLUMNS} FROM masters m WHERE m.name = ?", (name,)).fetchone()


def service_by_name(database, name: str) -> tuple | None:
    return database.execute_sql(f"SELECT {SERVICE_COLUMNS} FROM services s WHERE s.name = ?", (name,)).fetchone()


def insert_master(database, name: str, working_hours: str) -> int:
    return database.execute_sql("INSERT INTO masters (name, working_hours) VALUES (?, ?)",
                                (name, working_hours)).lastrowid


def insert_service(database, name: str, category: str, price_cents: int | None, duration_min: int | None,
                   interval_days: int | None) -> int:
    return database.execute_sql(
        "INSERT INTO services (name, category, price_cents, duration_min, default_interval_days) "
        "VALUES (?, ?, ?, ?, ?)", (name, category, price_cents, duration_min, interval_days)).lastrowid


def recent_done_visits(database, client_id: int, count: int) -> list[tuple[str | None, tuple[str, ...], int | None]]:
    """(master, services by name, price) of a client's last `count` completed visits, newest first."""
    rows = database.execute_sql(
        "SELECT m.name, (SELECT group_concat(name, '\x1f') FROM (SELECT s.name FROM visit_services vs "
        "  JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = v.id ORDER BY s.name)), v.price_cents "
        "FROM visits v LEFT JOIN masters m ON m.id = v.master_id "
        "WHERE v.client_id = ? AND v.status = 'done' ORDER BY v.starts_at DESC, v.id DESC LIMIT ?",
        (client_id, count)).fetchall()
    return [(master, tuple(names.split("\x1f")) if names else (), price) for master, names, price in rows]


def preferred_master(database, client_id: int) -> str | None:
    row = database.execute_sql(
        "SELECT m.name FROM clients c JOIN masters m ON m.id = c.preferred_master_id "
        "WHERE c.id = ? AND m.active = 1", (client_id,)).fetchone()
    return row[0] if row else None


def durations(database, names: tuple[str, ...]) -> list[int | None]:
    """The price list's duration of each named service (None where it has none)."""
    found = dict(database.execute_sql(
        f"SELECT name, duration_min FROM services WHERE name IN ({','.join('?' * len(names))})", names).fetchall())
    return [found.get(name) for name in names]


def categories(database) -> list[str]:
    """The categories (tracks) the price list uses, archived services' too, by name."""
    return [row[0] for row in database.execute_sql("SELECT DISTINCT category FROM services ORDER BY category")]
