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


def unconfirm_booking(database, visit_id: int, confirmed_at: str, pencilled_at: str,
                      left: BookingDetails) -> bool:
    """Pencil a confirmed booking back in, while it is still as the confirmation left it
    (`left`: its master, price, length and services); False when it is not."""
    clause, params = _as_left(left)
    return database.execute_sql(
        "UPDATE visits SET status = 'tentative', starts_at = ? "
        f"WHERE id = ? AND status = 'planned' AND starts_at = ? AND {clause}",
        (pencilled_at, visit_id, confirmed_at, *params)).rowcount > 0


def add_call_booking(database, client_id: int, starts_at: str, created_at: str, master_id: int | None = None,
                     price_cents: int | None = None, duration_min: int | None = None,
                     services: tuple[tuple[int, int | None], ...] = ()) -> int:
    """A planned booking with its master, price, length and (service id, price) lines."""
    visit_id = database.execute_sql(
        "INSERT INTO visits (client_id, starts_at, master_id, status, price_cents, duration_min, created_at) "
        "VALUES (?, ?, ?, 'planned', ?, ?, ?)",
        (client_id, starts_at, master_id, price_cents, duration_min, created_at)).lastrowid
    _write_services(database, visit_id, services)
    return visit_id


def _write_services(database, visit_id: int, services: tuple[tuple[int, int | None], ...]) -> None:
    for service_id, price in services:
        database.execute_sql("INSERT OR IGNORE INTO visit_services (visit_id, service_id, price_cents) "
                             "VALUES (?, ?, ?)", (visit_id, service_id, price))


BookingDetails = tuple  # (master_id, price_cents, duration_min, ((service id, price), ...))


def booking_details(database, visit_id: int) -> tuple[BookingDetails, str | None, tuple[str, ...], int | None]:
    """A booking's details as stored, its master's name, its services' names, and their
    price-list minutes added up (None when one has none)."""
    master_id, price, duration, master = database.execute_sql(
        "SELECT v.master_id, v.price_cents, v.duration_min, m.name FROM visits v "
        "LEFT JOIN masters m ON m.id = v.master_id WHERE v.id = ?", (visit_id,)).fetchone()
    lines = database.execute_sql(
        "SELECT vs.service_id, vs.price_cents, s.name, s.duration_min FROM visit_services vs "
        "JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = ? ORDER BY s.name", (visit_id,)).fetchall()
    minutes = [line[3] for line in lines]
    return ((master_id, price, duration, tuple((line[0], line[1]) for line in lines)), master,
            tuple(line[2] for line in lines), sum(minutes) if minutes and None not in minutes else None)


def _as_left(details: BookingDetails) -> tuple[str, tuple]:
    """A WHERE clause (on `visits`) holding a booking to the master, price, length and
    (service id, price) lines a call left it with: another desk's later edit is not undone."""
    master_id, price, duration, services = details
    clause = ("visits.master_id IS ? AND visits.price_cents IS ? AND visits.duration_min IS ? "
              "AND (SELECT count(*) FROM visit_services WHERE visit_id = visits.id) = ?")
    params: tuple = (master_id, price, duration, len(services))
    if services:
        lines = " OR ".join("(service_id = ? AND price_cents IS ?)" for _line in services)
        clause += f" AND (SELECT count(*) FROM visit_services WHERE visit_id = visits.id AND ({lines})) = ?"
        params += (*(value for line in services for value in line), len(services))
    return clause, params


def details_in_book(database, details: BookingDetails) -> bool:
    """Whether the master and services `details` name are still in the book (not merged away)."""
    master_id, _price, _duration, services = details
    if master_id is not None and database.execute_sql(
            "SELECT 1 FROM masters WHERE id = ?", (master_id,)).fetchone() is None:
        return False
    return all(database.execute_sql("SELECT 1 FROM services WHERE id = ?", (service_id,)).fetchone()
               for service_id, _price in services)


def set_booking_details(database, visit_id: int, starts_at: str, status: str, details: BookingDetails,
                        left: BookingDetails | None = None) -> bool:
    """Give a booking another master, price, length and services, while it is still `status`
    at `starts_at` (and, given `left`, still has those details); False when it is not."""
    master_id, price, duration, services = details
    still, params = _as_left(left) if left is not None else ("1", ())
    if not database.execute_sql(
            "UPDATE visits SET master_id = ?, price_cents = ?, duration_min = ? "
            f"WHERE id = ? AND status = ? AND starts_at = ? AND {still}",
            (master_id, price, duration, visit_id, status, starts_at, *params)).rowcount:
        return False
    database.execute_sql("DELETE FROM visit_services WHERE visit_id = ?", (visit_id,))
    _write_services(database, visit_id, services)
    return True


def remove_call_booking(database, visit_id: int, starts_at: str, left: BookingDetails) -> bool:
    """Remove a booking a call made, with its services, while it is still as the call made it
    (`left`: its master, price, length and services); False when it is not."""
    clause, params = _as_left(left)
    still = ("SELECT id FROM visits WHERE id = ? AND status = 'planned' AND starts_at = ? "
             f"AND NOT EXISTS (SELECT 1 FROM contacts WHERE visit_id = visits.id) AND {clause}")
    found = database.execute_sql(still, (visit_id, starts_at, *params)).fetchone()
    if found is None:
        return False
    database.execute_sql("DELETE FROM visit_services WHERE visit_id = ?", (visit_id,))
    database.execute_sql("DELETE FROM visits WHERE id = ?", (visit_id,))
    return True


def do_not_contact(database, client_id: int) -> bool | None:
    """The card's do-not-contact flag; None when the client is not in the book."""
    row = database.execute_sql("SELECT do_not_contact FROM clients WHERE id = ?", (client_id,)).fetchone()
    return None if row is None else bool(row[0])


def set_do_not_contact(database, client_id: int, value: bool) -> None:
    database.execute_sql("UPDATE clients SET do_not_contact = ? WHERE id = ?", (int(value), client_id))


def remove_contact(database, contact_id: int) -> bool:
    """False when it is gone already."""
    return database.execute_sql("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount > 0


CONTACT_COLUMNS = ("client_id", "at", "channel", "outcome", "reason_id", "suspected_reason_id",
                   "callback_on", "would_return", "offer", "note", "visit_id")


def insert_contact(database, values: dict[str, object]) -> int:
    """One call's row (the columns of CONTACT_COLUMNS); its id."""
    return database.execute_sql(
        f"INSERT INTO contacts ({', '.join(CONTACT_COLUMNS)}) VALUES ({', '.join('?' * len(CONTACT_COLUMNS))})",
        tuple(values[column] for column in CONTACT_COLUMNS)).lastrowid
