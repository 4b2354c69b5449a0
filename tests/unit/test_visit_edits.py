"""Correcting a card: a visit edited field by field, deleted and put back with its ids; preferences
and talking points corrected and deleted; nothing written over what someone else changed."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from clientbook.errors import UserError
from clientbook.services.catalog import add_master, add_service
from clientbook.services.client_edit import (
    add_preference,
    add_talking_point,
    card_values,
    edit_preference,
    edit_talking_point,
    update_client,
)
from clientbook.services.clients import NewClient, add_client, card, forget
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.deletions import (
    delete_preference,
    delete_question,
    delete_talking_point,
    delete_visit,
    put_back,
)
from clientbook.services.visit_edits import edit_visit
from clientbook.services.visits import NewVisit, UnknownName, add_visit
from tests.conftest import rows

TODAY = date(2026, 11, 22)
FIGURES = "SELECT done_visits, last_visit, total_cents, booked_until FROM client_figures WHERE client_id = ?"


@pytest.fixture
def anna(book):
    add_master(book, "Ольга")
    add_master(book, "Дарья")
    add_service(book, "Маникюр", "nails")
    add_service(book, "Педикюр", "feet")
    client = add_client(book, NewClient("Анна", "Ёлкина"))
    add_visit(book, client, NewVisit(datetime(2026, 10, 25, 11), ("Маникюр",), master="Ольга",
                                     price_cents=200000, formula="Kodi 70"), today=TODAY)
    add_visit(book, client, NewVisit(datetime(2026, 11, 20, 11), ("Маникюр",), master="Ольга",
                                     price_cents=250000, notes="френч"), today=TODAY)
    return client


def latest(book, client_id: int):
    """The card's latest visit as the screen reads it."""
    return card(book, client_id, TODAY).visits[0]


def as_typed(visit, **changed) -> NewVisit:
    """The visit as the form hands it back, with some fields changed."""
    return replace(NewVisit(visit.starts_at, visit.services, master=visit.master or "", status=visit.status,
                            price_cents=visit.price_cents, formula=visit.formula, materials=visit.materials,
                            notes=visit.notes), **changed)


def test_only_the_fields_changed_are_written(book, anna):
    before = latest(book, anna)
    # someone else adds materials meanwhile: a field this edit does not touch is kept
    book.execute_sql("UPDATE visits SET materials = 'Luxio' WHERE id = ?", (before.id,))
    assert edit_visit(book, before, as_typed(before, master="Дарья", price_cents=300000), today=TODAY) == (
        "master_id", "price_cents")
    assert rows(book, "SELECT m.name, v.price_cents, v.materials, v.notes FROM visits v "
                      "JOIN masters m ON m.id = v.master_id WHERE v.id = ?", before.id) == [
        ("Дарья", 300000, "Luxio", "френч")]
    assert rows(book, "SELECT price_cents FROM visit_services WHERE visit_id = ?", before.id) == [(300000,)]
    assert rows(book, "SELECT total_cents FROM client_figures WHERE client_id = ?", anna) == [(500000,)]
    assert edit_visit(book, latest(book, anna), as_typed(latest(book, anna)), today=TODAY) == ()


def test_a_field_changed_meanwhile_is_not_overwritten(book, anna):
    before = latest(book, anna)
    book.execute_sql("UPDATE visits SET notes = 'френч, стразы' WHERE id = ?", (before.id,))
    with pytest.raises(UserError) as error:
        edit_visit(book, before, as_typed(before, notes="омбре"), today=TODAY)
    assert str(error.value) == ("Not saved: this visit was changed meanwhile — Notes: “френч, стразы” "
                                "(it was “френч”). Open it again.")
    assert rows(book, "SELECT notes FROM visits WHERE id = ?", before.id) == [("френч, стразы",)]


def test_services_status_and_day_are_edited_with_the_day_rules(book, anna):
    before = latest(book, anna)
    with pytest.raises(UserError, match="A visit that took place cannot be in the future"):
        edit_visit(book, before, as_typed(before, starts_at=datetime(2026, 11, 25, 11)), today=TODAY)
    edit_visit(book, before, as_typed(before, starts_at=datetime(2026, 11, 25, 11), status="planned",
                                      services=("Маникюр", "Педикюр")), today=TODAY)
    assert rows(book, "SELECT starts_at, status FROM visits WHERE id = ?", before.id) == [
        ("2026-11-25 11:00:00", "planned")]
    assert rows(book, "SELECT s.name, vs.price_cents FROM visit_services vs JOIN services s ON s.id = vs.service_id "
                      "WHERE vs.visit_id = ? ORDER BY s.name", before.id) == [("Маникюр", None), ("Педикюр", None)]
    assert rows(book, FIGURES, anna) == [(1, "2026-10-25", 200000, "2026-11-25")]
    with pytest.raises(UnknownName):  # a master not among the studio's is refused here too
        edit_visit(book, latest(book, anna), as_typed(latest(book, anna), master="Оля"), today=TODAY)


def test_a_deleted_visit_is_put_back_with_its_ids_services_call_and_figures(book, anna):
    booking = add_visit(book, anna, NewVisit(datetime(2026, 11, 26, 15), ("Маникюр", "Педикюр"),
                                             master="Дарья", status="planned"), today=TODAY)
    log_call(book, anna, Outcome("no_answer"), datetime(2026, 11, 22, 12))
    book.execute_sql("UPDATE contacts SET visit_id = ?", (booking,))  # as a call that booked it
    figures = rows(book, FIGURES, anna)
    visit = card(book, anna, TODAY).visits[0]
    assert delete_question(visit) == "Delete the visit of Nov 26, 2026, 15:00: Маникюр, Педикюр?"
    deleted = delete_visit(book, booking)
    assert deleted.what == "the visit of Nov 26, 2026, 15:00: Маникюр, Педикюр"
    assert rows(book, "SELECT count(*) FROM visits WHERE id = ?", booking) == [(0,)]
    assert rows(book, "SELECT count(*), max(visit_id) FROM contacts") == [(1, None)]  # the call keeps its row
    assert rows(book, FIGURES, anna) == [(2, "2026-11-20", 450000, None)]
    put_back(book, deleted)
    assert rows(book, "SELECT id, starts_at, status FROM visits WHERE id = ?", booking) == [
        (booking, "2026-11-26 15:00:00", "planned")]
    assert rows(book, "SELECT count(*) FROM visit_services WHERE visit_id = ?", booking) == [(2,)]
    assert rows(book, "SELECT visit_id FROM contacts") == [(booking,)]
    assert rows(book, FIGURES, anna) == figures
    with pytest.raises(UserError, match=r"It is back already\."):
        put_back(book, deleted)


def test_nothing_is_put_back_for_a_client_forgotten_since(book, anna):
    deleted = delete_visit(book, latest(book, anna).id)
    forget(book, anna)
    with pytest.raises(UserError) as error:
        put_back(book, deleted)
    assert str(error.value) == "The client has been forgotten since: there is nothing to put back."
    assert rows(book, "SELECT count(*) FROM visits") == [(0,)]


def test_preferences_and_talking_points_are_corrected_deleted_and_put_back(book, anna):
    add_preference(book, anna, "кофе без сахара")
    add_talking_point(book, anna, "свадьба", TODAY)
    preference = card(book, anna, TODAY).preferences[0]
    edit_preference(book, preference, "чай с мятой")
    with pytest.raises(UserError) as error:  # written from what was read, which is no longer there
        edit_preference(book, preference, "капучино")
    assert str(error.value) == "Not saved: while you edited, it was changed to “чай с мятой” (it was “кофе без сахара”)."
    point = card(book, anna, TODAY).talking_points[0]
    edit_talking_point(book, point, "как прошла свадьба?")
    assert rows(book, "SELECT text FROM preferences") == [("чай с мятой",)]
    assert rows(book, "SELECT text, noted_on FROM talking_points") == [("как прошла свадьба?", "2026-11-22")]
    deleted = [delete_preference(book, preference.id), delete_talking_point(book, point.id)]
    assert [d.what for d in deleted] == ["the preference “чай с мятой”", "the talking point “как прошла свадьба?”"]
    assert rows(book, "SELECT count(*) FROM preferences UNION ALL SELECT count(*) FROM talking_points") == [(0,), (0,)]
    for each in deleted:
        put_back(book, each)
    assert rows(book, "SELECT id, text FROM preferences") == [(preference.id, "чай с мятой")]
    assert rows(book, "SELECT id, text FROM talking_points") == [(point.id, "как прошла свадьба?")]


def test_the_preferred_master_is_one_of_the_studios(book, anna):
    values = card_values(card(book, anna, TODAY))
    update_client(book, anna, {**values, "preferred_master": "дар"}, TODAY)
    assert card(book, anna, TODAY).preferred_master == "Дарья"
    with pytest.raises(UserError) as error:
        update_client(book, anna, {**values, "preferred_master": "Оля"}, TODAY)
    assert error.value.problems == {"preferred_master": "“Оля” is not among the studio's masters."}
    assert rows(book, "SELECT count(*) FROM masters") == [(2,)]


def test_the_card_writes_only_the_fields_changed_while_they_hold_what_was_read(book, anna):
    before = card_values(card(book, anna, TODAY))
    book.execute_sql("UPDATE clients SET notes = 'пишет в телеграм', phone = '+79161234567' WHERE id = ?", (anna,))
    assert update_client(book, anna, {**before, "address_as": "Анечка"}, TODAY, before=before) == ["address_as"]
    assert rows(book, "SELECT address_as, notes, phone FROM clients WHERE id = ?", anna) == [
        ("Анечка", "пишет в телеграм", "+79161234567")]  # what another window wrote is kept
    with pytest.raises(UserError) as error:  # a field changed meanwhile is not written over
        update_client(book, anna, {**before, "phone": "8 903 555-44-33"}, TODAY, before=before)
    assert error.value.problems == {
        "phone": "Changed meanwhile to “8 (916) 123-45-67”: open the card again to see it."}
    assert rows(book, "SELECT phone FROM clients WHERE id = ?", anna) == [("+79161234567",)]
    assert update_client(book, anna, {**before, "tags": " "}, TODAY, before=before) == []  # nothing changed


def test_the_card_reads_preferences_and_talking_points_through_db(book, anna):
    """The card's notes are read by db.card's queries, in the card's order: no SQL for them in services."""
    from pathlib import Path

    from db import card as card_db
    add_preference(book, anna, "чай без сахара", "drink")
    add_preference(book, anna, "тихая музыка")
    add_talking_point(book, anna, "переезд", date(2026, 11, 1))
    add_talking_point(book, anna, "отпуск в Сочи", date(2026, 11, 20))
    assert [r[1] for r in card_db.preferences_of(book, anna)] == ["чай без сахара", "тихая музыка"]
    found = card(book, anna, TODAY)
    assert [(p.topic, p.text) for p in found.preferences] == [("drink", "чай без сахара"), ("", "тихая музыка")]
    assert [t.text for t in found.talking_points] == ["отпуск в Сочи", "переезд"]
    source = Path("clientbook/services/clients.py").read_text(encoding="utf-8")
    assert "FROM preferences" not in source and "FROM talking_points" not in source


def test_a_status_changed_meanwhile_is_refused_not_written_over(book, anna):
    from clientbook.services.visits import set_status
    booking = add_visit(book, anna, NewVisit(datetime(2026, 11, 24, 11), ("Маникюр",), master="Ольга",
                                             status="planned"), today=TODAY)
    set_status(book, booking, "cancelled", TODAY)  # another desk, meanwhile
    with pytest.raises(UserError, match=r"marked “cancelled” meanwhile \(it was “booked”\)"):
        set_status(book, booking, "no_show", TODAY, expected="planned")
    assert rows(book, "SELECT status FROM visits WHERE id = ?", booking) == [("cancelled",)]
    set_status(book, booking, "planned", TODAY, expected="cancelled")  # as read: written
    assert rows(book, "SELECT status FROM visits WHERE id = ?", booking) == [("planned",)]


def test_a_booking_moved_onto_a_taken_time_or_master_is_refused(book, anna):
    from clientbook.services.visits import VisitProblem
    taken = add_visit(book, anna, NewVisit(datetime(2026, 11, 24, 11), ("Маникюр",), master="Ольга",
                                           status="planned"), today=TODAY)
    mine = add_visit(book, anna, NewVisit(datetime(2026, 11, 24, 11), ("Маникюр",), master="Дарья",
                                          status="planned"), today=TODAY)
    before = next(v for v in card(book, anna, TODAY).visits if v.id == mine)
    now = datetime(2026, 11, 22, 9)
    with pytest.raises(VisitProblem, match=r"^Ольга: the time .* is taken. The next free slot is ") as refused:
        edit_visit(book, before, as_typed(before, master="Ольга"), today=TODAY, now=now)
    assert refused.value.field == "when"
    with pytest.raises(VisitProblem, match="Дарья does not work at"):  # Sunday: the default week's day off
        edit_visit(book, before, as_typed(before, starts_at=datetime(2026, 11, 29, 11)), today=TODAY, now=now)
    assert edit_visit(book, before, as_typed(before, notes="без опозданий"), today=TODAY, now=now) == ("notes",)
    after = next(v for v in card(book, anna, TODAY).visits if v.id == mine)  # its own time does not stand in its way
    assert edit_visit(book, after, as_typed(after, starts_at=datetime(2026, 11, 24, 11, 30)), today=TODAY,
                      now=now) == ("starts_at",)
    assert rows(book, "SELECT id, starts_at, master_id FROM visits WHERE id IN (?, ?) ORDER BY id", taken, mine) == [
        (taken, "2026-11-24 11:00:00", 1), (mine, "2026-11-24 11:30:00", 2)]


@pytest.mark.sqlite_only("SQLite hands the freed id of the newest row to the next one; a server's sequence never does")
def test_a_visit_added_under_the_deleted_ones_id_does_not_swallow_the_undo(book, anna):
    """SQLite hands the freed id of the newest row to the next one: the visit added meanwhile
    keeps it, and the deleted visit comes back under a new id, its services with it."""
    newest = latest(book, anna).id
    deleted = delete_visit(book, newest)
    again = add_visit(book, anna, NewVisit(datetime(2026, 11, 21, 12), ("Педикюр",), master="Дарья"), today=TODAY)
    assert again == newest  # the freed id, reused
    put_back(book, deleted)
    assert rows(book, "SELECT v.starts_at, v.notes, s.name FROM visits v JOIN visit_services vs ON vs.visit_id = v.id "
                      "JOIN services s ON s.id = vs.service_id WHERE v.client_id = ? ORDER BY v.starts_at", anna) == [
        ("2026-10-25 11:00:00", "", "Маникюр"), ("2026-11-20 11:00:00", "френч", "Маникюр"),
        ("2026-11-21 12:00:00", "", "Педикюр")]
    add_preference(book, anna, "капучино")
    removed = delete_preference(book, card(book, anna, TODAY).preferences[-1].id)
    add_preference(book, anna, "чай с мятой")
    put_back(book, removed)
    assert sorted(p.text for p in card(book, anna, TODAY).preferences) == ["капучино", "чай с мятой"]


def test_a_booking_reopened_takes_its_time_only_while_it_is_free(book, anna):
    from clientbook.services.visit_booking import change_status
    from clientbook.services.visits import set_status

    booking = add_visit(book, anna, NewVisit(datetime(2026, 11, 24, 12), ("Маникюр",), master="Ольга",
                                             status="planned"), today=TODAY)
    set_status(book, booking, "cancelled", TODAY)
    change_status(book, booking, "planned", TODAY, now=datetime(2026, 11, 22, 12))  # still free: reopened
    set_status(book, booking, "cancelled", TODAY)
    vera = add_client(book, NewClient("Вера", "Новикова"))
    add_visit(book, vera, NewVisit(datetime(2026, 11, 24, 12, 30), ("Педикюр",), master="Ольга",
                                   status="planned"), today=TODAY)  # her time went to Вера meanwhile
    with pytest.raises(UserError, match="taken"):
        change_status(book, booking, "planned", TODAY, now=datetime(2026, 11, 22, 12))
    assert rows(book, "SELECT status FROM visits WHERE id = ?", booking) == [("cancelled",)]
