"""The schema holds what PRODUCT.md names, and refuses what makes no sense."""
from __future__ import annotations

import pytest
from peewee import IntegrityError

from clientbook.services.clients import NewClient, add_client
from db.json_book import columns as table_columns
from db.json_book import foreign_key_problems
from db.models import MODELS, Client, Contact, Reason, Visit

REASON_CODES = {
    "price", "quality", "staff", "rudeness", "hygiene", "not_informed", "hard_to_book",
    "forgot", "competitor", "moved_away", "no_longer_needed", "circumstances", "unknown",
}


NOW = "2026-11-22 12:00:00"  # a fixed moment: no test depends on the clock


def insert_client(book, **fields):
    values = {"first_name": "Анна", "created_at": NOW, "updated_at": NOW, **fields}
    return Client.insert(**values).execute()


def test_every_model_matches_its_table(book):
    for model in MODELS:
        columns = set(table_columns(book, model._meta.table_name))  # from either backend's catalog
        fields = {f.column_name for f in model._meta.sorted_fields}
        assert fields <= columns, (model.__name__, fields - columns)


def test_reasons_for_leaving_are_seeded(book):
    rows = {r.code: r for r in Reason.select()}
    assert set(rows) == REASON_CODES
    assert rows["competitor"].name_ru.startswith("Ушёл")
    assert all(r.builtin for r in rows.values())


def test_studio_can_extend_reasons(book):
    Reason.create(code="parking", name="No parking nearby")
    assert Reason.select().count() == len(REASON_CODES) + 1
    with pytest.raises(IntegrityError):
        Reason.create(code="price", name="again")


def test_client_needs_a_name(book):
    with pytest.raises(IntegrityError):
        insert_client(book, first_name="  ", last_name="")


def test_studio_id_is_unique(book):
    insert_client(book, external_id="A-1")
    with pytest.raises(IntegrityError):
        insert_client(book, external_id="A-1")


@pytest.mark.parametrize(
    "fields",
    [
        {"birth_day": 31, "birth_month": 13},
        {"birth_day": 5, "birth_month": None},
        {"birth_year": 1990},
        {"interval_override_days": 0},
    ],
)
def test_impossible_client_values_are_refused(book, fields):
    with pytest.raises(IntegrityError):
        insert_client(book, **fields)


def test_birthday_year_is_optional(book):
    client_id = insert_client(book, birth_day=29, birth_month=2)
    assert Client.get_by_id(client_id).birth_year is None


def test_visit_status_is_one_of_five(book):
    client_id = insert_client(book)
    for status in ("done", "planned", "tentative", "no_show", "cancelled"):
        Visit.insert(client=client_id, starts_at="2026-01-01 10:00:00", status=status,
                     created_at=NOW).execute()
    with pytest.raises(IntegrityError):
        Visit.insert(client=client_id, starts_at="2026-01-01 10:00:00", status="maybe",
                     created_at=NOW).execute()


def test_visit_needs_an_existing_client(book):
    with pytest.raises(IntegrityError):
        Visit.insert(client=999, starts_at="2026-01-01 10:00:00", created_at=NOW).execute()


def test_contact_outcomes_and_callback_date(book):
    client_id = insert_client(book)
    Contact.insert(client=client_id, at=NOW, outcome="callback", callback_on="2026-11-25").execute()
    with pytest.raises(IntegrityError):
        Contact.insert(client=client_id, at=NOW, outcome="callback").execute()
    with pytest.raises(IntegrityError):
        Contact.insert(client=client_id, at=NOW, outcome="maybe_later").execute()


def test_reason_in_use_cannot_be_deleted(book):
    client_id = insert_client(book)
    price = Reason.get(code="price")
    Contact.insert(client=client_id, at=NOW, outcome="declined", reason=price).execute()
    with pytest.raises(IntegrityError):
        book.execute_sql("DELETE FROM reasons WHERE code = 'price'")


def test_erasing_a_client_takes_everything_of_theirs(book):
    client_id = add_client(book, NewClient("Анна", "Ёлкина", tags=("VIP",)))
    friend = add_client(book, NewClient("Ольга", "Ким"))
    book.execute_sql("UPDATE clients SET referred_by_id = ? WHERE id = ?", (client_id, friend))
    Visit.insert(client=client_id, starts_at="2026-01-01 10:00:00", created_at=NOW).execute()
    Contact.insert(client=client_id, at=NOW, outcome="no_answer").execute()
    book.execute_sql("DELETE FROM clients WHERE id = ?", (client_id,))
    for table in ("visits", "contacts", "client_tags", "client_search", "client_words"):
        count = book.execute_sql(f"SELECT count(*) FROM {table} WHERE client_id = ?", (client_id,))
        assert count.fetchone()[0] == 0, table
    assert Client.get_by_id(friend).referred_by_id is None
    assert foreign_key_problems(book) == []
