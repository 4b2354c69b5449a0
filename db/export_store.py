"""Storage for exporting the book: the clients, visits and calls in the order and shape the
CSV, Excel and vCard exports write them, and every row of a table for JSON. Each returns
its cursor, read as it is iterated: a chain's 1.5 million visits are never held whole."""
from __future__ import annotations

from collections.abc import Iterator

# A client without a studio id is "#<number>"; "##<number>" if an imported client already
# carries "#<number>" as its studio id (brought from another book's export).
CLIENT_REF = ("coalesce(c.external_id, CASE WHEN EXISTS (SELECT 1 FROM clients o "
              "WHERE o.external_id = '#' || c.id) THEN '##' || c.id ELSE '#' || c.id END)")


def client_rows(database) -> Iterator[tuple]:
    """Each client not archived, by id: ref, names, phones, e-mail, birthday, tags, notes, rules."""
    return database.execute_sql(
        f"SELECT {CLIENT_REF}, c.last_name, c.first_name, c.patronymic, c.address_as, c.phone, "
        "c.phone_alt, c.email, c.birth_day, c.birth_month, c.birth_year, "
        "(SELECT group_concat(name, ';') FROM (SELECT t.name FROM client_tags ct "
        " JOIN tags t ON t.id = ct.tag_id WHERE ct.client_id = c.id ORDER BY t.name)), "
        "c.alerts, c.notes, c.do_not_contact, c.source, c.interval_override_days "
        "FROM clients c WHERE c.archived_at IS NULL ORDER BY c.id")


def visit_rows(database) -> Iterator[tuple]:
    """Each visit of a client not archived, by client and moment: ref, when, services, master, price…"""
    return database.execute_sql(
        f"SELECT {CLIENT_REF}, v.starts_at, "
        "(SELECT group_concat(name, ';') FROM (SELECT s.name FROM visit_services vs "
        " JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = v.id ORDER BY s.name)), "
        "(SELECT group_concat(category, ';') FROM (SELECT s.category FROM visit_services vs "
        " JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = v.id ORDER BY s.name)), "
        "m.name, v.price_cents, v.status, v.duration_min, v.formula, v.materials, v.notes "
        "FROM visits v JOIN clients c ON c.id = v.client_id LEFT JOIN masters m ON m.id = v.master_id "
        "WHERE c.archived_at IS NULL ORDER BY v.client_id, v.starts_at, v.id")


def call_rows(database) -> Iterator[tuple]:
    """(ref, at, outcome, callback_on, reason code, note) of each call to a client not archived."""
    return database.execute_sql(
        f"SELECT {CLIENT_REF}, k.at, k.outcome, k.callback_on, r.code, k.note "
        "FROM contacts k JOIN clients c ON c.id = k.client_id "
        "LEFT JOIN reasons r ON r.id = k.reason_id "
        "WHERE c.archived_at IS NULL ORDER BY k.client_id, k.at, k.id")


def table_rows(database, table: str) -> tuple[list[str], Iterator[tuple]]:
    """(the table's column names, its every row by its first column) — archived clients too."""
    cursor = database.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1')
    return [column[0] for column in cursor.description], cursor
