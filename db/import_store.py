"""Storage for importing clients, visits and calls from a file: the book's clients as rows
are matched against them, and what a matched or new row writes; all inside the caller's
transaction (an import is one)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from db.postgres import dialect

IMPORT_LOCK = (0x436C426B, -1)  # a server's advisory lock for the imports ('ClBk', as the book's mark; no master)


def clients_to_match(database) -> Iterator[tuple]:
    """(id, external_id, phone, phone_alt, email, first, last, patronymic) of every client, by id.

    Read first in an import's write transaction: on a file book that transaction is IMMEDIATE,
    one writer at a time, so another import of the same file waits and then finds the clients
    this one adds. On a server the transaction takes an advisory lock for the imports (held
    until it ends) before reading, to the same effect; desks writing meanwhile do not wait."""
    if dialect(database) == "postgresql" and database.in_transaction():
        database.execute_sql("SELECT pg_advisory_xact_lock(?, ?)", IMPORT_LOCK)
    return database.execute_sql(
        "SELECT id, external_id, phone, phone_alt, email, first_name, last_name, "
        "patronymic FROM clients ORDER BY id")


def who(database, client_id: int) -> tuple[str, str, str, str | None, str | None]:
    """(first_name, last_name, patronymic, phone, external_id): what the admin knows a client by."""
    return database.execute_sql(
        "SELECT first_name, last_name, patronymic, phone, external_id FROM clients "
        "WHERE id = ?", (client_id,)).fetchone()


def insert_client(database, values: dict[str, object]) -> int:
    """A clients row from column → value; its id."""
    columns = ", ".join(values)
    return database.execute_sql(
        f"INSERT INTO clients ({columns}) VALUES ({', '.join('?' * len(values))})",
        tuple(values.values())).lastrowid


def client_values(database, client_id: int, columns: Iterable[str]) -> tuple:
    """The client's values of `columns`, in their order."""
    return database.execute_sql(
        f"SELECT {', '.join(columns)} FROM clients WHERE id = ?", (client_id,)).fetchone()


def tag_names_of(database, client_id: int) -> set[str]:
    """The names of the client's tags."""
    return {name for (name,) in database.execute_sql(
        "SELECT t.name FROM tags t JOIN client_tags ct ON ct.tag_id = t.id "
        "WHERE ct.client_id = ?", (client_id,))}


def update_client(database, client_id: int, changed: dict[str, object], updated_at: str) -> None:
    """The client's columns in `changed` (column → value) set, and updated_at."""
    assignments = ", ".join(f"{key} = ?" for key in changed)
    database.execute_sql(
        f"UPDATE clients SET {assignments}, updated_at = ? WHERE id = ?",
        (*changed.values(), updated_at, client_id))


def visits_at(database, client_id: int, starts_at: str) -> list[tuple]:
    """(id, status, price_cents, master_id, notes) of each of the client's visits at that moment."""
    return database.execute_sql(
        "SELECT id, status, price_cents, master_id, notes FROM visits "
        "WHERE client_id = ? AND starts_at = ?", (client_id, starts_at)).fetchall()


def service_names_of(database, visit_id: int) -> set[str]:
    """The names of the visit's services."""
    return {name for (name,) in database.execute_sql(
        "SELECT s.name FROM visit_services vs JOIN services s ON s.id = vs.service_id "
        "WHERE vs.visit_id = ?", (visit_id,))}


def update_visit(database, visit_id: int, status: str, price_cents: int | None, master_id: int | None,
                 notes: str | None) -> None:
    """The visit's status, price, master and notes set as given."""
    database.execute_sql(
        "UPDATE visits SET status = ?, price_cents = ?, master_id = ?, notes = ? "
        "WHERE id = ?", (status, price_cents, master_id, notes, visit_id))


def call_recorded(database, client_id: int, at: str, outcome: str) -> bool:
    """Whether the book has a call to the client at that moment with that outcome."""
    return database.execute_sql(
        "SELECT 1 FROM contacts WHERE client_id = ? AND at = ? AND outcome = ?",
        (client_id, at, outcome)).fetchone() is not None
