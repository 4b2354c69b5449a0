"""The price list and the masters: read as typed, edited without overwriting, merged without loss."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest

from clientbook import i18n
from clientbook.domain.hours import DEFAULT_HOURS, read_hours
from clientbook.errors import UserError
from clientbook.services import catalog, catalog_edits
from clientbook.services.catalog import FieldError, MasterFields, ServiceFields
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from tests.conftest import rows

TODAY = date(2026, 11, 22)


def visit(book, client, day: int, services: tuple[str, ...], master: str = "") -> int:
    return add_visit(book, client, NewVisit(datetime(2026, 11, day, 11), services, master=master,
                                            price_cents=200000), today=TODAY)


@pytest.fixture
def studio(book):
    catalog.add_service(book, "Маникюр", "nails", 200000, 60, 21)
    catalog.add_service(book, "маникюр с покрытием", "nails", 250000, 90)
    catalog.add_service(book, "Окрашивание", "colour", 600000, 120, 56)
    catalog.add_master(book, "Ольга Смирнова")
    catalog.add_master(book, "Оля", "пн-пт 10-20")
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    return book, anna


# -- reading a form ------------------------------------------------------------------------------

def test_a_service_is_read_as_typed():
    fields = catalog.read_service_fields({"name": " Маникюр ", "category": "nails", "price": "2 500 ₽",
                                          "duration": "90", "interval": "21"})
    assert fields == ServiceFields("Маникюр", "nails", 250000, 90, 21)
    assert catalog.read_service_fields({"name": "Стрижка", "category": "hair"}) == ServiceFields(
        "Стрижка", "hair", None, None, None)


@pytest.mark.parametrize(("typed", "field", "sentence"), [
    ({"name": "", "category": "nails"}, "name", "A service needs a name."),
    ({"name": "Маникюр", "category": " "}, "category", "Give the service a category"),
    ({"name": "Маникюр", "category": "nails", "price": "дорого"}, "price", "“дорого” is not a price"),
    ({"name": "Маникюр", "category": "nails", "duration": "1.5"}, "duration", "“1.5” is not a duration"),
    ({"name": "Маникюр", "category": "nails", "duration": "0"}, "duration", "whole minutes"),
    ({"name": "Маникюр", "category": "nails", "interval": "-3"}, "interval", "“-3” is not a usual interval"),
])
def test_a_service_typed_wrong_names_its_field(typed, field, sentence):
    with pytest.raises(FieldError) as refused:
        catalog.read_service_fields(typed)
    assert refused.value.field == field and sentence in str(refused.value)


def test_a_master_is_read_with_the_week_in_the_books_form():
    assert catalog.read_master_fields({"name": "Оля", "hours": "пн-пт 10-20, сб 11-18"}) == MasterFields(
        "Оля", "mon-fri 10:00-20:00, sat 11:00-18:00")
    assert read_hours(catalog.read_master_fields({"name": "Оля", "hours": ""}).hours) == DEFAULT_HOURS
    with pytest.raises(FieldError) as refused:
        catalog.read_master_fields({"name": "Оля", "hours": "всегда"})
    assert refused.value.field == "hours" and "not a working week" in str(refused.value)


def test_added_from_a_form_and_categories_suggested(book):
    service = catalog.add_service_fields(book, ServiceFields("Маникюр", "nails", 200000, 60, 21))
    catalog.add_service_fields(book, ServiceFields("Окрашивание", "colour", None, None, None))
    master = catalog.add_master_fields(book, MasterFields("Оля", "mon-fri 10:00-20:00"))
    assert rows(book, "SELECT id, name, category, price_cents, duration_min, default_interval_days "
                      "FROM services WHERE id = ?", service) == [(service, "Маникюр", "nails", 200000, 60, 21)]
    assert rows(book, "SELECT name, working_hours FROM masters WHERE id = ?", master) == [
        ("Оля", "mon-fri 10:00-20:00")]
    assert catalog.categories(book) == ["colour", "nails"]
    with pytest.raises(UserError, match="already is a master Оля"):
        catalog.add_master_fields(book, MasterFields("оля", ""))


# -- edits ---------------------------------------------------------------------------------------

def test_an_edit_writes_only_what_changed(studio):
    book, _anna = studio
    before = catalog.find_service(book, "Маникюр")
    after = catalog.read_service_fields({**catalog.service_as_typed(before), "price": "2300"})
    # Meanwhile another desk changes the duration: the price edit does not undo it.
    book.execute_sql("UPDATE services SET duration_min = 75 WHERE id = ?", (before.id,))
    assert catalog_edits.edit_service(book, before.id, before, after) == ["price_cents"]
    assert rows(book, "SELECT price_cents, duration_min FROM services WHERE id = ?", before.id) == [(230000, 75)]


def test_an_edit_of_a_field_changed_meanwhile_is_refused_with_both_values(studio):
    book, _anna = studio
    before = catalog.find_service(book, "Маникюр")
    book.execute_sql("UPDATE services SET price_cents = 210000 WHERE id = ?", (before.id,))
    after = catalog.read_service_fields({**catalog.service_as_typed(before), "price": "2300"})
    with pytest.raises(UserError) as refused:
        catalog_edits.edit_service(book, before.id, before, after)
    assert "“Маникюр” was changed meanwhile: price is now 2,100\xa0RUB, not 2,000\xa0RUB" in str(refused.value)
    assert rows(book, "SELECT price_cents FROM services WHERE id = ?", before.id) == [(210000,)]


def test_a_service_renamed_onto_another_is_refused_with_merge(studio):
    book, _anna = studio
    before = catalog.find_service(book, "Окрашивание")
    after = catalog.read_service_fields({**catalog.service_as_typed(before), "name": "МАНИКЮР"})
    with pytest.raises(UserError, match="“Маникюр” is already on the price list: merge the two"):
        catalog_edits.edit_service(book, before.id, before, after)


def test_a_category_change_moves_the_clients_track(studio):
    book, anna = studio
    visit(book, anna, 1, ("Маникюр",))
    assert rows(book, "SELECT track FROM client_tracks WHERE client_id = ?", anna) == [("nails",)]
    before = catalog.find_service(book, "Маникюр")
    after = catalog.read_service_fields({**catalog.service_as_typed(before), "category": "hands"})
    catalog_edits.edit_service(book, before.id, before, after)
    assert rows(book, "SELECT track FROM client_tracks WHERE client_id = ?", anna) == [("hands",)]


def test_a_master_renamed_and_given_hours(studio):
    book, _anna = studio
    renamed = catalog_edits.rename_master(book, "оля", "Ольга Петрова")
    assert renamed.name == "Ольга Петрова" and renamed.hours == read_hours("mon-fri 10-20")
    saved = catalog_edits.set_master_hours(book, "Ольга Петрова", "сб-вс 11-18")
    assert saved.hours.days[5] == (time(11), time(18)) and saved.hours.days[0] is None
    assert rows(book, "SELECT working_hours FROM masters WHERE name = 'Ольга Петрова'") == [
        ("sat-sun 11:00-18:00",)]
    with pytest.raises(UserError, match="already is a master Ольга Смирнова: merge the two"):
        catalog_edits.rename_master(book, "Ольга Петрова", "ольга смирнова")
    with pytest.raises(UserError, match="no master “Ира”; `clientbook masters` lists them"):
        catalog_edits.rename_master(book, "Ира", "Ирина")


def test_a_master_edited_meanwhile_is_refused(studio):
    book, _anna = studio
    before = catalog.find_master(book, "Оля")
    book.execute_sql("UPDATE masters SET working_hours = 'sat 10:00-12:00' WHERE id = ?", (before.id,))
    with pytest.raises(UserError, match="working hours is now sat 10:00-12:00, not mon-fri 10:00-20:00"):
        catalog_edits.edit_master(book, before.id, before, MasterFields("Оля", "mon-sun 09:00-21:00"))
    # The name alone can still change: the week is not written back.
    assert catalog_edits.edit_master(book, before.id, before, MasterFields("Оля Н.", "mon-fri 10-20")) == ["name"]
    assert rows(book, "SELECT name, working_hours FROM masters WHERE id = ?", before.id) == [
        ("Оля Н.", "sat 10:00-12:00")]


# -- merges ---------------------------------------------------------------------------------------

def test_a_master_merge_moves_visits_and_preferences(studio):
    book, anna = studio
    olya, olga = catalog.find_master(book, "Оля"), catalog.find_master(book, "Ольга Смирнова")
    first, second = visit(book, anna, 1, ("Маникюр",), "Оля"), visit(book, anna, 8, ("Маникюр",), "Ольга Смирнова")
    book.execute_sql("UPDATE clients SET preferred_master_id = ? WHERE id = ?", (olya.id, anna))
    assert catalog_edits.merge_masters(book, "ОЛЯ", "ольга смирнова") == 1
    assert rows(book, "SELECT id, master_id FROM visits ORDER BY id") == [(first, olga.id), (second, olga.id)]
    assert rows(book, "SELECT preferred_master_id FROM clients WHERE id = ?", anna) == [(olga.id,)]
    assert catalog.find_master(book, "Оля") is None
    assert catalog_edits.merged_sentence("Оля", "Ольга Смирнова", 1) == (
        "Merged: Оля → Ольга Смирнова, 1 visit moved.")
    with pytest.raises(UserError, match="two different masters"):
        catalog_edits.merge_masters(book, "Ольга Смирнова", "ольга смирнова")


def test_a_service_merge_keeps_one_line_per_visit_and_refreshes_tracks(studio):
    book, anna = studio
    both = visit(book, anna, 1, ("Маникюр", "маникюр с покрытием"))
    only = visit(book, anna, 8, ("Окрашивание",))
    manicure = catalog.find_service(book, "Маникюр")
    assert catalog_edits.merge_services(book, "Окрашивание", "Маникюр") == 1
    assert catalog_edits.merge_services(book, "маникюр с покрытием", "Маникюр") == 1
    assert rows(book, "SELECT visit_id, service_id FROM visit_services ORDER BY visit_id") == [
        (both, manicure.id), (only, manicure.id)]
    assert [s.name for s in catalog.services(book, True)] == ["Маникюр"]
    assert rows(book, "SELECT track FROM client_tracks WHERE client_id = ?", anna) == [("nails",)]
    assert catalog.find_service(book, "Маникюр", with_visits=True).visits == 2


# -- archive ------------------------------------------------------------------------------------

def test_archived_names_leave_the_lists_and_keep_their_visits(studio):
    book, anna = studio
    visit(book, anna, 1, ("Окрашивание",), "Оля")
    catalog_edits.archive_master(book, "оля")
    catalog_edits.archive_service(book, "ОКРАШИВАНИЕ")
    assert [m.name for m in catalog.masters(book)] == ["Ольга Смирнова"]
    assert "Окрашивание" not in [s.name for s in catalog.services(book)]
    archived = catalog.find_master(book, "Оля", with_visits=True)
    assert not archived.active and archived.visits == 1
    with pytest.raises(UserError, match="“Оля” is already archived"):
        catalog_edits.archive_master(book, "Оля")
    catalog_edits.restore_master(book, "Оля")
    catalog_edits.restore_service(book, "Окрашивание")
    assert [m.name for m in catalog.masters(book)] == ["Ольга Смирнова", "Оля"]
    assert catalog.find_service(book, "Окрашивание").active
    with pytest.raises(UserError, match="“Оля” is not archived"):
        catalog_edits.restore_master(book, "Оля")
    with pytest.raises(UserError, match="“Педикюр” is not on the price list; `clientbook services` lists it"):
        catalog_edits.archive_service(book, "Педикюр")


def test_a_category_the_book_writes_in_russian_stays_one_track(book):
    """«Ногти» as an import or the demo writes it is the built-in nails' name on a Russian
    screen: editing such a service, or adding one in «ногти», keeps the book's own category."""
    catalog.add_service(book, "Маникюр", "Ногти", 200000, 60, 21)
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    visit(book, anna, 1, ("Маникюр",))
    i18n.set_language("ru")
    try:
        before = catalog.find_service(book, "Маникюр")
        after = catalog.read_service_fields({**catalog.service_as_typed(before), "price": "2300"})
        assert catalog_edits.edit_service(book, before.id, before, after) == ["price_cents"]
        catalog.add_service(book, "Педикюр", "ногти")
    finally:
        i18n.set_language("en")
    assert rows(book, "SELECT DISTINCT category FROM services") == [("Ногти",)]
    assert rows(book, "SELECT track FROM client_tracks WHERE client_id = ?", anna) == [("Ногти",)]


def test_the_visits_are_counted_only_when_asked(studio):
    book, anna = studio
    visit(book, anna, 1, ("Окрашивание",), "Оля")
    # A booking, a brief or a card reads the lists without the count (0.56 s at 1.6M visits).
    assert {m.visits for m in catalog.masters(book, True)} == {None}
    assert {s.visits for s in catalog.services(book, True)} == {None}
    counted = {m.name: m.visits for m in catalog.masters(book, True, with_visits=True)}
    assert counted["Оля"] == 1
    assert catalog.find_service(book, "окрашивание", with_visits=True).visits == 1
