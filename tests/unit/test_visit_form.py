"""Reading a visit as a master types it (services.visits.read_visit, behind the TUI's form):
prices, services by the start of a name, dates."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from clientbook.domain.visits import PriceError, parse_price
from clientbook.errors import UserError
from clientbook.services.visits import match_service, read_visit

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
    with pytest.raises(UserError, match=r"Not in the price list: стрижка\."):
        match_service("стрижка", PRICE_LIST)


def fields(**given) -> dict[str, str]:
    blank = dict.fromkeys(("when", "services", "master", "price", "formula", "materials", "notes"), "")
    return {**blank, **given}


def test_a_visit_read_whole():
    visit = read_visit(fields(when="21.11 10:30", services="педикюр; окраш, педикюр", price="3000"),
                       "done", PRICE_LIST, TODAY)
    assert visit.starts_at == datetime(2026, 11, 21, 10, 30)
    assert visit.services == ("Педикюр", "Окрашивание волос")  # each once
    assert visit.price_cents == 300000


@pytest.mark.parametrize("status, when, sentence", [
    ("done", "2026-11-23 10:00", "A visit that took place cannot be in the future; choose booked."),
    ("planned", "2026-11-21 10:00", "A booking must be today or later; choose done for a past visit."),
    ("done", "21/11/2026", "“21/11/2026” is not a date (expected 24.11.2026 14:30 or 2026-11-24 14:30)."),
    ("done", "21.11", "Give the time too, for example 21.11 14:30."),
])
def test_dates_that_cannot_be(status, when, sentence):
    with pytest.raises(UserError) as error:
        read_visit(fields(when=when, services="педикюр"), status, PRICE_LIST, TODAY)
    assert str(error.value) == sentence


def test_a_wrong_price_in_the_form_is_the_same_sentence():
    with pytest.raises(UserError) as error:
        read_visit(fields(when="21.11 10:30", services="педикюр", price="дорого"), "done", PRICE_LIST, TODAY)
    assert str(error.value) == "“дорого” is not a price (for example 2500)."
