"""Storage for the demo studio: its rows written in one pass, each table with executemany."""
from __future__ import annotations

from db.postgres import follow_ids

# The studio's lists first, then the clients and what hangs on them, as foreign keys want.
INSERTS = {
    "masters": "INSERT INTO masters (id, name, working_hours) VALUES (?, ?, ?)",
    "services": "INSERT INTO services (id, name, category, default_interval_days, price_cents, duration_min) "
                "VALUES (?, ?, ?, ?, ?, ?)",
    "tags": "INSERT INTO tags (id, name) VALUES (?, ?)",
    "clients": "INSERT INTO clients (id, external_id, first_name, last_name, patronymic, address_as, "
               "phone, email, preferred_channel, birth_day, birth_month, birth_year, source, "
               "referred_by_id, preferred_master_id, consent_reminders, consent_offers, "
               "do_not_contact, alerts, notes, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "visits": "INSERT INTO visits (id, client_id, starts_at, master_id, status, price_cents, "
              "duration_min, formula, materials, liked, satisfaction, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "visit_services": "INSERT OR IGNORE INTO visit_services (visit_id, service_id, price_cents) VALUES (?, ?, ?)",
    "contacts": "INSERT INTO contacts (client_id, at, channel, outcome, reason_id, callback_on, note, offer, "
                "visit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "preferences": "INSERT INTO preferences (client_id, topic, text, created_at) VALUES (?, ?, ?, ?)",
    "points": "INSERT INTO talking_points (client_id, text, noted_on, ask_next_time, asked_at) "
              "VALUES (?, ?, ?, ?, ?)",
    "client_tags": "INSERT OR IGNORE INTO client_tags (client_id, tag_id) VALUES (?, ?)",
    "complaints": "INSERT INTO complaints (client_id, visit_id, opened_on, text, resolution, resolved_on, kind, "
                  "master_id, justified, compensation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "courses": "INSERT INTO courses (id, client_id, title, sessions_total, sessions_used, valid_until, "
               "bought_by_id, service_id, bought_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "course_sessions": "INSERT INTO course_sessions (course_id, visit_id) VALUES (?, ?)",
    "bonus_movements": "INSERT INTO bonus_movements (client_id, on_day, kind, points, note) VALUES (?, ?, ?, ?, ?)",
    "winback_cases": "INSERT INTO winback_cases (client_id, opened_on, reason_id, offer, offered_on, outcome, "
                     "closed_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "discount_seekers": "UPDATE clients SET pushes_for_discounts = 1 WHERE id = ?",
}
STUDIO_TABLES = tuple(INSERTS)[3:]  # the rows a studio's clients make, after its lists


def client_count(database) -> int:
    return database.execute_sql("SELECT count(*) FROM clients").fetchone()[0]


def reason_ids(database) -> dict[str, int]:
    """The reasons for declining, by code: the demo's declined calls name them."""
    return dict(database.execute_sql("SELECT code, id FROM reasons").fetchall())


def write_studio(database, rows: dict[str, list[tuple]], studio_name: str) -> None:
    """Every table's rows, in INSERTS' order, and the studio's name; inside the caller's
    transaction."""
    cursor = database.cursor()
    for table, sql in INSERTS.items():
        cursor.executemany(sql, rows[table])
    follow_ids(database, [table for table, sql in INSERTS.items() if sql.startswith("INSERT INTO") and " (id, " in sql])
    database.execute_sql("INSERT INTO settings (key, value) VALUES ('studio_name', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (studio_name,))
