"""`clientbook complaint` (issue 20): opened, listed and closed from the shell, checked in the book."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from clientbook.services.book import open_book
from clientbook.services.catalog import add_master, add_service
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from tests.unit.cli_book import TODAY, read, run


@pytest.fixture
def studio(book_path):
    """Анна, whose manicure of 2026-11-18 was Ольга's."""
    book = open_book(book_path)
    add_master(book, "Ольга")
    add_master(book, "Дарья")
    add_service(book, "Маникюр", "nails")
    anna = add_client(book, NewClient("Анна", "Ёлкина", external_id="A-1"))
    add_client(book, NewClient("Вера", "Орлова"))
    add_visit(book, anna, NewVisit(datetime(2026, 11, 18, 11), ("Маникюр",), master="Ольга"), today=TODAY)
    book.close()
    return book_path


def stored(path) -> list[tuple]:
    return read(path, "SELECT client_id, opened_on, text, kind, visit_id, master_id, justified, resolution, "
                      "compensation, resolved_on FROM complaints ORDER BY id")


def test_a_complaint_opened_about_a_visit_names_its_master_then_is_closed(studio):
    result = run(studio, "complaint", "add", "ext:A-1", "Скол", "покрытия", "на", "третий", "день",
                 "--type", "quality", "--visit", 1, "--format", "json")
    assert result.exit_code == 0, result.output
    number = json.loads(result.output)["id"]
    assert stored(studio) == [(1, "2026-11-22", "Скол покрытия на третий день", "quality", 1, 1, None, "", "",
                               None)]
    listed = json.loads(run(studio, "complaint", "list", "--open", "--format", "json").output)
    assert [(c["id"], c["master"], c["resolved_on"]) for c in listed] == [(number, "Ольга", None)]

    closed = run(studio, "complaint", "close", number, "--resolution", "Переделали бесплатно", "--justified",
                 "--compensation", "redo", "--format", "json", day=date(2026, 11, 24))
    assert closed.exit_code == 0, closed.output
    assert json.loads(closed.output)["resolved_on"] == "2026-11-24"
    assert stored(studio)[0][6:] == (1, "Переделали бесплатно", "redo", "2026-11-24")
    assert json.loads(run(studio, "complaint", "list", "--open", "--format", "json").output) == []
    assert run(studio, "complaint", "close", number).output.strip() == (
        "Error: Complaint 1 was closed already (Nov 24, 2026).")


def test_a_complaint_in_russian_and_a_master_named_by_its_start(studio):
    result = run(studio, "--lang", "ru", "complaint", "add", 2, "Нагрубили на ресепшене", "--type", "rudeness",
                 "--master", "дар")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Жалоба № 1 открыта."
    assert stored(studio)[0][3:6] == ("rudeness", None, 2)
    table = run(studio, "--lang", "ru", "complaint").output
    assert "Нагрубили на ресепшене" in table and "грубость" in table


@pytest.mark.parametrize("args, said", [
    (("add", 1, " ", "--type", "price"), "Error: Say what happened: a complaint needs its text."),
    (("add", 2, "Не то", "--visit", 1), "Error: Visit 1 is not this client's."),
    (("add", 1, "Не то", "--master", "Оля"),
     "Error: “Оля” is not among the studio's masters. Add it with: clientbook masters add \"Оля\""),
    (("close", 7), "Error: There is no complaint 7."),
])
def test_a_refused_complaint_is_one_sentence_and_nothing_is_written(studio, args, said):
    result = run(studio, "complaint", *args)
    assert result.exit_code != 0
    assert result.output.strip() == said
    assert stored(studio) == []
