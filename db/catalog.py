"""Storage for the studio's price list and masters."""
from __future__ import annotations

# The visits a line is named on are counted only for the price list, which shows them: at
# 1.6 million visits the masters' count takes 0.56 s (there is no index by master, and a
# booking needs none), the services' 37 ms.
MASTER_COUNT = "(SELECT count(*) FROM visits v WHERE v.master_id = m.id)"
SERVICE_COUNT = "(SELECT count(*) FROM visit_services vs WHERE vs.service_id = s.id)"
MASTER_COLUMNS = f"m.id, m.name, m.working_hours, m.active, {MASTER_COUNT}"
SERVICE_COLUMNS = ("s.id, s.name, s.category, s.price_cents, s.duration_min, s.default_interval_days, s.active, "
                   f"{SERVICE_COUNT}")


def masters(database, with_archived: bool = False, with_visits: bool = False) -> list[tuple]:
    """(id, name, working_hours, active, visits) by name; visits is None unless counted."""
    count = MASTER_COUNT if with_visits else "NULL"
    return database.execute_sql(
        f"SELECT m.id, m.name, m.working_hours, m.active, {count} FROM masters m WHERE m.active = 1 OR ? "
        "ORDER BY m.name", (with_archived,)).fetchall()


def services(database, with_archived: bool = False, with_visits: bool = False) -> list[tuple]:
    """(id, name, category, price_cents, duration_min, interval_days, active, visits) by category,
    name; visits is None unless counted."""
    count = SERVICE_COUNT if with_visits else "NULL"
    return database.execute_sql(
        "SELECT s.id, s.name, s.category, s.price_cents, s.duration_min, s.default_interval_days, s.active, "
        f"{count} FROM services s WHERE s.active = 1 OR ? ORDER BY s.category, s.name", (with_archived,)).fetchall()


def service_terms(database, names: tuple[str, ...]) -> dict[str, tuple[int | None, int | None]]:
    """Each named service's (price in kopecks, minutes) by the price list, archived ones too,
    without the visit counts `services` adds up (37 ms at 1.6 million visits)."""
    if not names:
        return {}
    return {row[0]: (row[1], row[2]) for row in database.execute_sql(
        f"SELECT name, price_cents, duration_min FROM services WHERE name IN ({','.join('?' * len(names))})",
        names)}


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


def master_by_id(database, master_id: int) -> tuple | None:
    return database.execute_sql(f"SELECT {MASTER_COLUMNS} FROM masters m WHERE m.id = ?", (master_id,)).fetchone()


def service_by_id(database, service_id: int) -> tuple | None:
    return database.execute_sql(f"SELECT {SERVICE_COLUMNS} FROM services s WHERE s.id = ?",
                                (service_id,)).fetchone()


SERVICE_FIELDS = ("name", "category", "price_cents", "duration_min", "default_interval_days")
MASTER_FIELDS = ("name", "working_hours")


def _update_if_unchanged(database, table: str, allowed: tuple[str, ...], row_id: int,
                         changes: dict[str, object], before: dict[str, object]) -> bool:
    """Write `changes` only where the row still holds `before` for those columns; False when it does not."""
    columns = [name for name in changes if name in allowed]
    if not columns:
        return True
    assignments = ", ".join(f"{name} = ?" for name in columns)
    unchanged = " AND ".join(f"{name} IS ?" for name in columns)
    cursor = database.execute_sql(
        f"UPDATE {table} SET {assignments} WHERE id = ? AND {unchanged}",
        (*(changes[name] for name in columns), row_id, *(before[name] for name in columns)))
    return cursor.rowcount == 1


def update_service(database, service_id: int, changes: dict[str, object], before: dict[str, object]) -> bool:
    """Change some of a service's columns (SERVICE_FIELDS) if they still hold `before`."""
    return _update_if_unchanged(database, "services", SERVICE_FIELDS, service_id, changes, before)


def update_master(database, master_id: int, changes: dict[str, object], before: dict[str, object]) -> bool:
    """Change a master's name or working_hours if they still hold `before`."""
    return _update_if_unchanged(database, "masters", MASTER_FIELDS, master_id, changes, before)


def set_master_active(database, master_id: int, active: bool) -> bool:
    """Archive or restore a master; False when it already was so."""
    return database.execute_sql("UPDATE masters SET active = ? WHERE id = ? AND active <> ?",
                                (int(active), master_id, int(active))).rowcount == 1


def set_service_active(database, service_id: int, active: bool) -> bool:
    """Archive or restore a service; False when it already was so."""
    return database.execute_sql("UPDATE services SET active = ? WHERE id = ? AND active <> ?",
                                (int(active), service_id, int(active))).rowcount == 1


def clients_of_service(database, service_id: int) -> list[int]:
    """The clients with a visit (any status) of this service."""
    return [row[0] for row in database.execute_sql(
        "SELECT DISTINCT v.client_id FROM visit_services vs JOIN visits v ON v.id = vs.visit_id "
        "WHERE vs.service_id = ?", (service_id,))]


def clients_of_master(database, master_id: int) -> list[int]:
    """The clients with a visit (any status) with this master."""
    return [row[0] for row in database.execute_sql(
        "SELECT DISTINCT client_id FROM visits WHERE master_id = ?", (master_id,))]


def move_master(database, from_id: int, into_id: int) -> int:
    """Every visit and every client preferring `from_id` now names `into_id`; the visits moved."""
    moved = database.execute_sql("UPDATE visits SET master_id = ? WHERE master_id = ?", (into_id, from_id)).rowcount
    database.execute_sql("UPDATE clients SET preferred_master_id = ? WHERE preferred_master_id = ?",
                         (into_id, from_id))
    return moved


def move_service(database, from_id: int, into_id: int) -> int:
    """Every visit of `from_id` now has `into_id` (one row where it had both); the visits moved."""
    moved = database.execute_sql("SELECT count(*) FROM visit_services WHERE service_id = ?", (from_id,)).fetchone()[0]
    # A visit that had both keeps its `into` row, with the other's price if it had none.
    database.execute_sql(
        "UPDATE visit_services SET price_cents = (SELECT f.price_cents FROM visit_services f "
        "  WHERE f.visit_id = visit_services.visit_id AND f.service_id = ?) "
        "WHERE service_id = ? AND price_cents IS NULL AND visit_id IN "
        "  (SELECT visit_id FROM visit_services WHERE service_id = ?)", (from_id, into_id, from_id))
    database.execute_sql(
        "DELETE FROM visit_services WHERE service_id = ? AND visit_id IN "
        "  (SELECT visit_id FROM visit_services WHERE service_id = ?)", (from_id, into_id))
    database.execute_sql("UPDATE visit_services SET service_id = ? WHERE service_id = ?", (into_id, from_id))
    return moved


def delete_master(database, master_id: int) -> None:
    database.execute_sql("DELETE FROM masters WHERE id = ?", (master_id,))


def delete_service(database, service_id: int) -> None:
    database.execute_sql("DELETE FROM services WHERE id = ?", (service_id,))
