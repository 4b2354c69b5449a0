"""Storage for reading a card: the client, her visits, calls, preferences and talking points."""
from __future__ import annotations


def preferences_of(database, client_id: int) -> list[tuple]:
    """(topic, text, id) of each of the client's preferences, oldest first."""
    return database.execute_sql(
        "SELECT topic, text, id FROM preferences WHERE client_id = ? ORDER BY id", (client_id,)).fetchall()


def talking_points_of(database, client_id: int) -> list[tuple]:
    """(id, text, noted_on, ask_next_time, asked_at, answer) of each talking point, newest first."""
    return database.execute_sql(
        "SELECT id, text, noted_on, ask_next_time, asked_at, answer FROM talking_points "
        "WHERE client_id = ? ORDER BY noted_on DESC, id DESC", (client_id,)).fetchall()


def client_row(database, client_id: int) -> tuple | None:
    """The card's own columns, with the referrer's names and the preferred master's, in this
    order; None when there is no such client."""
    return database.execute_sql(
        "SELECT c.id, c.external_id, c.first_name, c.last_name, c.patronymic, c.address_as, "
        "c.phone, c.phone_alt, c.email, c.messengers, c.preferred_channel, c.birth_day, "
        "c.birth_month, c.birth_year, c.source, r.first_name, r.last_name, m.name, "
        "c.consent_reminders, c.consent_offers, c.do_not_contact, c.alerts, c.expectations, "
        "c.notes, c.interval_override_days, "
        "(SELECT coalesce(sum(points), 0) FROM bonus_movements WHERE client_id = c.id), "
        "c.created_at, c.archived_at, c.gender, c.pushes_for_discounts "
        "FROM clients c LEFT JOIN clients r ON r.id = c.referred_by_id "
        "LEFT JOIN masters m ON m.id = c.preferred_master_id WHERE c.id = ?",
        (client_id,),
    ).fetchone()


def services_of_visits(database, client_id: int) -> dict[int, list[tuple[str, str]]]:
    """visit id → (service name, its track) of each of the client's visits, by name."""
    found: dict[int, list[tuple[str, str]]] = {}
    for visit_id, name, track in database.execute_sql(
        "SELECT vs.visit_id, s.name, s.category FROM visit_services vs JOIN services s ON s.id = vs.service_id "
        "JOIN visits v ON v.id = vs.visit_id WHERE v.client_id = ? ORDER BY s.name",
        (client_id,),
    ):
        found.setdefault(visit_id, []).append((name, track or ""))
    return found


def visits_of(database, client_id: int) -> list[tuple]:
    """(id, starts_at, status, master, price_cents, duration_min, formula, materials, notes, liked,
    disliked, aftercare, next_suggestion, satisfaction, feedback, products_sold, the desk and the
    person who wrote it) of each visit, newest first."""
    return database.execute_sql(
        "SELECT v.id, v.starts_at, v.status, m.name, v.price_cents, v.duration_min, v.formula, "
        "v.materials, v.notes, v.liked, v.disliked, v.aftercare, v.next_suggestion, "
        "v.satisfaction, v.feedback, v.products_sold, v.written_desk, v.written_user FROM visits v LEFT JOIN masters m ON m.id = v.master_id "
        "WHERE v.client_id = ? ORDER BY v.starts_at DESC, v.id DESC",
        (client_id,),
    ).fetchall()


def calls_of(database, client_id: int) -> list[tuple]:
    """(at, channel, outcome, reason code, callback_on, note, reason name, its Russian name, the
    desk and the person who wrote it) of each call, newest first."""
    return database.execute_sql(
        "SELECT c.at, c.channel, c.outcome, r.code, c.callback_on, c.note, r.name, r.name_ru, "
        "c.written_desk, c.written_user FROM contacts c "
        "LEFT JOIN reasons r ON r.id = c.reason_id WHERE c.client_id = ? "
        "ORDER BY c.at DESC, c.id DESC",
        (client_id,),
    ).fetchall()


def tags_of(database, client_id: int):
    """The name of each of the client's tags, by name."""
    return database.execute_sql(
        "SELECT t.name FROM client_tags ct JOIN tags t ON t.id = ct.tag_id "
        "WHERE ct.client_id = ? ORDER BY t.name",
        (client_id,),
    )


def tracks_of(database, client_id: int):
    """Each of the client's rhythm tracks: client_tracks' columns from track to lost_on, by due_on."""
    return database.execute_sql(
        "SELECT track, visits, last_visit, interval_days, interval_source, learned_days, "
        "spread_days, due_soon_on, due_on, at_risk_on, lost_on FROM client_tracks "
        "WHERE client_id = ? ORDER BY due_on",
        (client_id,),
    )


def booked_until(database, client_id: int) -> str | None:
    """The day of the client's latest planned or pencilled visit (her figures); None for none."""
    row = database.execute_sql(
        "SELECT booked_until FROM client_figures WHERE client_id = ?", (client_id,)
    ).fetchone()
    return row[0] if row else None
