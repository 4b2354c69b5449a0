"""`clientbook case` (issue 20): win-back cases opened, worked, closed and shown from the shell, checked
in the book."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from clientbook.services.book import open_book
from clientbook.services.catalog import add_master, add_service
from clientbook.services.clients import NewClient, add_client
from clientbook.services.complaints import open_complaint
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.visits import NewVisit, add_visit
from tests.unit.cli_book import TODAY, read, run


@pytest.fixture
def studio(book_path):
    """Анна, who came for a 2 000 ₽ manicure every four weeks from June to August, mostly to Ольга,
    and complained once, and was called four times in October; Вера, who never came."""
    book = open_book(book_path)
    add_master(book, "Ольга")
    add_master(book, "Дарья")
    add_service(book, "Маникюр", "nails", price_cents=200000)
    anna = add_client(book, NewClient("Анна", "Ёлкина", external_id="A-1"))
    add_client(book, NewClient("Вера", "Орлова"))
    for when, master in ((datetime(2026, 6, 1, 11), "Ольга"), (datetime(2026, 6, 29, 11), "Ольга"),
                         (datetime(2026, 7, 27, 11), "Дарья"), (datetime(2026, 8, 24, 11), "Ольга")):
        add_visit(book, anna, NewVisit(when, ("Маникюр",), master=master), today=TODAY)
    open_complaint(book, anna, "Скол покрытия", "quality", date(2026, 8, 26))
    for when, outcome in ((datetime(2026, 10, 1, 12), "no_answer"), (datetime(2026, 10, 3, 12), "no_answer"),
                          (datetime(2026, 10, 6, 12), "callback"), (datetime(2026, 10, 20, 18), "declined")):
        log_call(book, anna, Outcome(outcome, on=date(2026, 10, 20) if outcome == "callback" else None,
                                     reason="price" if outcome == "declined" else "", note=f"звонок {when.day}"), when)
    book.close()
    return book_path


def stored(path) -> list[tuple]:
    return read(path, "SELECT w.client_id, w.opened_on, r.code, s.code, w.would_return, w.offer, w.offered_on, "
                      "w.outcome, w.closed_on, w.note FROM winback_cases w LEFT JOIN reasons r ON r.id = w.reason_id "
                      "LEFT JOIN reasons s ON s.id = w.suspected_reason_id ORDER BY w.id")


def pushes(path) -> list[tuple]:
    return read(path, "SELECT id, pushes_for_discounts FROM clients ORDER BY id")


def test_a_case_opened_worked_offered_and_won_back(studio):
    result = run(studio, "case", "add", "ext:A-1", "--reason", "price", "--suspected", "Rudeness or indifference",
                 "--would-return", "другой мастер", "--note", "звонить после 18", "--pushes-discounts",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    opened = json.loads(result.output)
    assert opened["id"] == 1
    assert opened["new"] is True
    assert sorted(opened["written"]) == ["note", "reason", "suspected_reason", "would_return"]
    assert opened["pushes_for_discounts"] is True
    assert stored(studio) == [(1, "2026-11-22", "price", "rudeness", "другой мастер", "", None, "open", None,
                               "звонить после 18")]
    assert pushes(studio) == [(1, 1), (2, 0)]

    again = run(studio, "case", "add", 1, "--would-return", "запись на выходные", day=date(2026, 11, 23))
    assert again.exit_code == 0, again.output
    assert again.output.strip() == "Case 1 is open already: go on with it.\nCase 1 saved."
    assert stored(studio)[0][1:5] == ("2026-11-22", "price", "rudeness", "запись на выходные")

    offered = run(studio, "case", "offer", 1, "Скидка", "10%", "на", "следующий", "визит", day=date(2026, 11, 24))
    assert offered.exit_code == 0, offered.output
    assert offered.output.strip() == ("Case 1: the offer is written (Nov 24, 2026).\n"
                                      "Pushes for discounts: offer the usual terms, not a new discount.")
    assert stored(studio)[0][5:7] == ("Скидка 10% на следующий визит", "2026-11-24")

    closed = run(studio, "case", "close", 1, "--won", "--format", "json", day=date(2026, 12, 1))
    assert closed.exit_code == 0, closed.output
    case = json.loads(closed.output)
    assert case["id"] == 1
    assert case["client_id"] == 1
    assert case["opened_on"] == "2026-11-22"
    assert case["reason"] == "price"
    assert case["suspected_reason"] == "rudeness"
    assert case["would_return"] == "запись на выходные"
    assert case["offer"] == "Скидка 10% на следующий визит"
    assert case["offered_on"] == "2026-11-24"
    assert case["outcome"] == "won"
    assert case["closed_on"] == "2026-12-01"
    assert case["note"] == "звонить после 18"
    assert stored(studio)[0][7:9] == ("won", "2026-12-01")
    assert json.loads(run(studio, "case", "list", "--open", "--format", "json").output) == []
    (listed,) = json.loads(run(studio, "case", "list", 1, "--format", "json").output)
    assert listed == case


def test_a_case_shown_with_her_history_and_worth(studio):
    assert run(studio, "case", "add", 1, "--reason", "Price", "--offer", "Скидка 10%").exit_code == 0
    shown = json.loads(run(studio, "case", "show", 1, "--format", "json").output)
    assert (shown["id"], shown["client_id"], shown["outcome"], shown["offer"], shown["offered_on"]) == (
        1, 1, "open", "Скидка 10%", "2026-11-22")
    seen = shown["glance"]
    assert seen["visits"] == 4
    assert seen["revenue_cents"] == 800000
    assert seen["first_visit"] == "2026-06-01"
    assert seen["last_visit"] == "2026-08-24"
    assert seen["masters"] == ["Ольга", "Дарья"]
    assert seen["complaints"] == ["Скол покрытия (open)"]
    assert seen["year_cents"] == round(200000 * 365.25 / 28)  # a manicure every four weeks
    assert seen["pushes_for_discounts"] is False
    assert seen["contacts"] == [  # the last three, newest first
        {"at": "2026-10-20T18:00", "channel": "call", "outcome": "declined", "reason": "price", "note": "звонок 20"},
        {"at": "2026-10-06T12:00", "channel": "call", "outcome": "callback", "reason": None, "note": "звонок 6"},
        {"at": "2026-10-03T12:00", "channel": "call", "outcome": "no_answer", "reason": None, "note": "звонок 3"}]

    text = run(studio, "case", "show", 1).output.splitlines()
    assert text[0] == "Win-back case 1: Ёлкина Анна, opened Nov 22, 2026"
    assert "Stated reason: Price" in text
    assert "Offer made: Скидка 10% (Nov 22, 2026)" in text
    assert "Visits: 4, from Jun 1, 2026 to Aug 24, 2026" in text
    assert "Served by: Ольга, Дарья" in text
    assert "Complaint: Скол покрытия (open)" in text
    assert [line for line in text if line.startswith("Contact: ")] == [
        "Contact: 2026-10-20 18:00  call  declined  Price  звонок 20  Ресепшен · Анна",
        "Contact: 2026-10-06 12:00  call  call back  Oct 20, 2026  звонок 6  Ресепшен · Анна",
        "Contact: 2026-10-03 12:00  call  no answer  звонок 3  Ресепшен · Анна"]
    assert "Paid so far: 8,000\u00a0RUB for 4 visits" in text
    assert "A year at the usual rhythm: 26,089\u00a0RUB" in text
    assert not any(line.startswith("Pushes for discounts") for line in text)

    assert run(studio, "case", "add", 1, "--pushes-discounts").exit_code == 0
    assert run(studio, "case", "show", 1).output.strip().endswith(
        "Pushes for discounts: offer the usual terms, not a new discount.")
    assert run(studio, "case", "add", 1, "--no-pushes-discounts").exit_code == 0
    assert pushes(studio)[0] == (1, 0)


def test_a_case_in_russian(studio):
    result = run(studio, "--lang", "ru", "case", "add", 2, "--reason", "Цена", "--pushes-discounts")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Возврат № 1 открыт."
    offered = run(studio, "--lang", "ru", "case", "offer", 1, "Бесплатный", "дизайн")
    assert offered.output.strip() == ("Возврат № 1: предложение записано (22 нояб. 2026\u202fг.).\n"
                                      "Добивается скидок: предлагайте обычные условия, а не новую скидку.")
    shown = run(studio, "--lang", "ru", "case", "show", 1).output
    assert "Возврат № 1: Орлова Вера, открыт 22 нояб. 2026\u202fг." in shown
    assert "Причина со слов: Цена" in shown and "Предложение: Бесплатный дизайн (22 нояб. 2026\u202fг.)" in shown
    table = run(studio, "--lang", "ru", "case").output
    assert "в работе" in table and "Цена" in table
    assert run(studio, "--lang", "ru", "case", "close", 1, "--lost").output.strip() == (
        "Возврат № 1: не вернули (22 нояб. 2026\u202fг.).")
    assert run(studio, "--lang", "ru", "case", "close", 1, "--won").output.strip() == (
        "Ошибка: Возврат № 1 уже закрыт: не вернули (22 нояб. 2026\u202fг.).")
    assert run(studio, "--lang", "ru", "case", "list", 1).output.strip() == "Возвратов нет."


@pytest.mark.parametrize("args, said", [
    (("close", 7, "--won"), "Error: There is no case 7."),
    (("show", 7), "Error: There is no case 7."),
    (("offer", 7, "Скидка"), "Error: There is no case 7."),
    (("add", 9), "Error: There is no client 9."),
])
def test_an_unknown_case_is_one_sentence_and_nothing_is_written(studio, args, said):
    result = run(studio, "case", *args)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert result.output.strip() == said
    assert stored(studio) == []


def test_a_reason_not_on_the_list_opens_no_case(studio):
    result = run(studio, "case", "add", 1, "--offer", "Скидка", "--reason", "погода", "--pushes-discounts")
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: “погода” is not a reason for leaving (one of: Price, ")
    assert stored(studio) == []
    assert pushes(studio) == [(1, 0), (2, 0)]


@pytest.mark.parametrize("args, said", [
    (("close", 1, "--lost"), "Error: Case 1 was closed already: won back (Nov 22, 2026)."),
    (("offer", 1, "Скидка"), "Error: Case 1 was closed already: won back (Nov 22, 2026)."),
    (("close", 1), "Error: Say how the case ended: --won or --lost."),
])
def test_a_closed_case_is_not_closed_or_worked_again(studio, args, said):
    assert run(studio, "case", "add", 1).exit_code == 0
    assert run(studio, "case", "close", 1, "--won").exit_code == 0
    before = stored(studio)
    result = run(studio, "case", *args)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert result.output.strip().splitlines()[-1] == said
    assert stored(studio) == before == [(1, "2026-11-22", None, None, "", "", None, "won", "2026-11-22", "")]


@pytest.mark.parametrize("args, said", [
    (("offer", 1, " "), "Error: Say what is offered: an offer needs its text."),
    (("close", 1, "--won"), "Error: A case cannot be closed before the day it was opened (Nov 22, 2026)."),
])
def test_an_open_case_refuses_an_empty_offer_and_a_closing_before_it(studio, args, said):
    assert run(studio, "case", "add", 1).exit_code == 0
    result = run(studio, "case", *args, day=date(2026, 11, 21))
    assert result.exit_code != 0
    assert result.output.strip() == said
    assert stored(studio) == [(1, "2026-11-22", None, None, "", "", None, "open", None, "")]
