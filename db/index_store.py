"""Storage for what the search index is made from: the clients' names, contacts and tags
(clientbook.services.indexing makes the entries; db.search stores them)."""
from __future__ import annotations


def _marks(client_ids: list[int]) -> str:
    return ",".join("?" * len(client_ids))


def tags_of(database, client_ids: list[int]):
    """A cursor of (client id, tag name) of every tag of these clients."""
    return database.execute_sql("SELECT ct.client_id, t.name FROM client_tags ct JOIN tags t ON t.id = ct.tag_id "
                                f"WHERE ct.client_id IN ({_marks(client_ids)})", client_ids)


def indexed_rows(database, client_ids: list[int]):
    """A cursor of (id, first name, last name, patronymic, how she is addressed, e-mail,
    external id, phone, other phone) of these clients."""
    return database.execute_sql("SELECT id, first_name, last_name, patronymic, address_as, email, external_id, "
                                f"phone, phone_alt FROM clients WHERE id IN ({_marks(client_ids)})", client_ids)
