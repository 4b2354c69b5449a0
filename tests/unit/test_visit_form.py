"""Reading a visit as a master types it (services.visits.read_visit, behind the TUI's form):
prices, services by the start of a name, dates."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from clientbook.domain.visits import PriceError, parse_price
from clientbook.errors import UserError
from clientbook.services.visits import (
    ArchivedName,
    UnknownName,
    VisitProblem,
    how_to_restore,
    match_master,
    match_service,
    read_visit,
)

TODAY = date(2026, 11, 22)
PRICE_LIST = {"Маникюр без покрытия", "Маникюр с покрытием гель-лак", "Педикюр", "Окрашивание волос"}


@pytest.mark.parametrize("text, cents", [("2500", 250000), ("2 500", 250000), ("2\u00a0500 ₽", 250000),
                                         ("2500,50", 250050), ("2500.5", 250050), ("", None),
                                         ("1\u202f500 руб.", 150000), ("1500р", 150000), ("0", 0)])
def test_prices_as_typed(text, cents):
    assert parse_price(text) == cents


@pytest.mark.parametrize("text", ["две тысячи", "-100", "1,2,3", "2,500", "1e3", "12345678901"])
def test_a_wrong_price_is_explained(text):
    with pytest.raises(PriceError) as error:
        parse_price(text)
    assert str(error.value) == f"“{text}” is not a price (for example 2500)."


@pytest.mark.parametrize("typed, name", [("педикюр", "Педикюр"), ("ОКРАШ", "Окрашивание волос"),
                                         ("маникюр с", "Маникюр с покрытием гель-лак")])
def test_a_service_by_any_case_or_its_start(typed, name):
    assert match_service(typed, PRICE_LIST) == name


def test_an_ambiguous_or_unknown_service_is_explained():
    with pytest.raises(UserError) as error:
        match_service("маникюр", PRICE_LIST)
    assert str(error.value) == "“маникюр” could be: Маникюр без покрытия, Маникюр с покрытием гель-лак."
    with pytest.raises(UnknownName) as unknown:
        match_service(" стрижка ", PRICE_LIST)
    assert (unknown.value.kind, unknown.value.name, unknown.value.field) == ("service", "стрижка", "services")
    assert str(unknown.value) == "“стрижка” is not on the price list."
    assert unknown.value.offer == "“стрижка” is not on the price list — add it?"


MASTERS = {"Ольга Смирнова", "Олеся", "Дарья Белова"}


@pytest.mark.parametrize("typed, name", [("ольга", "Ольга Смирнова"), ("ДАР", "Дарья Белова"),
                                         ("олес", "Олеся")])
def test_a_master_by_any_case_or_the_start_of_a_name(typed, name):
    assert match_master(typed, MASTERS) == name


def test_a_master_not_among_the_studios_is_not_made_up():
    with pytest.raises(VisitProblem) as ambiguous:
        match_master("Ол", MASTERS)
    assert str(ambiguous.value) == "“Ол” could be: Олеся, Ольга Смирнова."
    assert ambiguous.value.field == "master"
    with pytest.raises(UnknownName) as unknown:
        match_master("Оля", MASTERS)
    assert (unknown.value.kind, unknown.value.name, str(unknown.value)) == (
        "master", "Оля", "“Оля” is not among the studio's masters.")


def fields(**given) -> dict[str, str]:
    blank = dict.fromkeys(("when", "services", "master", "price", "formula", "materials", "notes"), "")
    return {**blank, **given}


def test_a_visit_read_whole():
    visit = read_visit(fields(when="21.11 10:30", services="педикюр; окраш, педикюр", price="3000",
                              master="дарья"), "done", PRICE_LIST, TODAY, known_masters=MASTERS)
    assert visit.starts_at == datetime(2026, 11, 21, 10, 30)
    assert visit.services == ("Педикюр", "Окрашивание волос")  # each once
    assert visit.price_cents == 300000
    assert visit.master == "Дарья Белова"


def test_an_empty_when_is_now_for_a_visit_done_and_refused_for_a_booking():
    now = datetime(2026, 11, 22, 16, 45, 31)
    visit = read_visit(fields(services="педикюр"), "done", PRICE_LIST, TODAY, now=now)
    assert visit.starts_at == datetime(2026, 11, 22, 16, 45)
    with pytest.raises(VisitProblem) as error:
        read_visit(fields(services="педикюр"), "planned", PRICE_LIST, TODAY, now=now)
    assert (error.value.field, str(error.value)) == ("when", "Give the day and time, for example 22.11 14:30.")


def test_an_edited_visit_keeps_its_day_unless_its_day_or_status_changes():
    past_booking = (datetime(2026, 11, 20, 10), "planned")
    typed = fields(when="20.11.2026 10:00", services="педикюр", notes="пришла раньше")
    visit = read_visit(typed, "planned", PRICE_LIST, TODAY, was=past_booking[::-1])
    assert visit.notes == "пришла раньше"  # a booking left open in the past can still be noted on
    with pytest.raises(VisitProblem, match="A booking must be today or later"):
        read_visit(typed, "tentative", PRICE_LIST, TODAY, was=past_booking[::-1])


@pytest.mark.parametrize("status, when, sentence", [
    ("done", "2026-11-23 10:00", "A visit that took place cannot be in the future; choose booked."),
    ("planned", "2026-11-21 10:00", "A booking must be today or later; choose done for a past visit."),
    ("done", "21/11/2026", "Not a date: “21/11/2026”. For example: 1.12.2026 15:00, tomorrow at 12:00, fri 15:30."),
    ("done", "21.11", "Give the time too, for example 21.11 14:30."),
])
def test_dates_that_cannot_be(status, when, sentence):
    with pytest.raises(VisitProblem) as error:
        read_visit(fields(when=when, services="педикюр"), status, PRICE_LIST, TODAY)
    assert (str(error.value), error.value.field) == (sentence, "when")


def test_a_wrong_price_in_the_form_is_the_same_sentence():
    with pytest.raises(UserError) as error:
        read_visit(fields(when="21.11 10:30", services="педикюр", price="дорого"), "done", PRICE_LIST, TODAY)
    assert str(error.value) == "“дорого” is not a price (for example 2500)."


def test_an_archived_name_is_said_to_be_archived_not_unknown():
    with pytest.raises(ArchivedName) as archived:
        match_service("пед", {"Маникюр"}, archived={"Педикюр"})
    assert (archived.value.kind, archived.value.name, archived.value.field) == ("service", "Педикюр", "services")
    assert str(archived.value) == "“Педикюр” is archived: restore it on the price list screen (F7, a)."
    assert how_to_restore(archived.value) == "“Педикюр” is archived. Restore it with: clientbook services restore \"Педикюр\""
    with pytest.raises(ArchivedName) as master:
        read_visit(fields(when="21.11.2026 10:00", services="Маникюр", master="ДАРЬЯ"), "done", {"Маникюр"}, TODAY,
                   known_masters={"Ольга"}, archived=((), {"Дарья"}))
    assert (master.value.kind, master.value.name, master.value.field) == ("master", "Дарья", "master")
    with pytest.raises(UnknownName):  # truly unknown stays unknown
        match_master("Оля", {"Ольга Смирнова"}, archived={"Дарья"})
    assert match_master("дар", {"Дарья Белова"}, archived={"Дарина"}) == "Дарья Белова"  # the active one first
