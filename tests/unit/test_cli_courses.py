"""`clientbook course` (issue 20): courses sold, listed and used from the shell, checked in the book."""
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
    """Анна, who had a manicure with Ольга on 2026-11-18, and Вера; the price list has a back massage."""
    book = open_book(book_path)
    add_master(book, "Ольга")
    add_service(book, "Маникюр", "nails")
    add_service(book, "Массаж спины", "massage")
    anna = add_client(book, NewClient("Анна", "Ёлкина", external_id="A-1"))
    add_client(book, NewClient("Вера", "Орлова"))
    add_visit(book, anna, NewVisit(datetime(2026, 11, 18, 11), ("Маникюр",), master="Ольга"), today=TODAY)
    book.close()
    return book_path


def stored(path) -> list[tuple]:
    return read(path, "SELECT k.client_id, k.title, s.name, k.sessions_total, k.sessions_used, k.valid_until, "
                      "k.bought_on, k.gift_from FROM courses k LEFT JOIN services s ON s.id = k.service_id "
                      "ORDER BY k.id")


def test_a_course_sold_for_a_service_is_listed_and_used_by_hand(studio):
    result = run(studio, "course", "add", "ext:A-1", "--sessions", 10, "--service", "масс", "--until", "31.12.2026",
                 "--gift-from", "Ирина", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"id": 1}
    assert stored(studio) == [(1, "Массаж спины", "Массаж спины", 10, 0, "2026-12-31", "2026-11-22", "Ирина")]

    listed = json.loads(run(studio, "course", "list", 1, "--format", "json").output)
    assert len(listed) == 1
    course = listed[0]
    assert course["id"] == 1
    assert course["client_id"] == 1
    assert course["title"] == "Массаж спины"
    assert course["service"] == "Массаж спины"
    assert course["sessions_total"] == 10
    assert course["sessions_used"] == 0
    assert course["sessions_left"] == 10
    assert course["valid_until"] == "2026-12-31"
    assert course["bought_on"] == "2026-11-22"
    assert course["gift_from"] == "Ирина"

    used = run(studio, "course", "use", 1)
    assert used.exit_code == 0, used.output
    assert used.output.strip() == "A session of course 1 used: 9 of 10 left."
    assert stored(studio)[0][4] == 1
    used = json.loads(run(studio, "course", "use", 1, "--format", "json").output)
    assert (used["id"], used["sessions_used"], used["sessions_left"]) == (1, 2, 8)
    assert stored(studio)[0][4] == 2


def test_a_course_with_a_title_only_and_a_day_as_people_type_it(studio):
    result = run(studio, "course", "add", 2, "--sessions", 5, "--title", "Абонемент на брови", "--until", "завтра")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Course 1 added."
    assert stored(studio) == [(2, "Абонемент на брови", None, 5, 0, "2026-11-23", "2026-11-22", "")]


def test_a_done_visit_of_the_courses_service_uses_a_session(studio):
    assert run(studio, "course", "add", 1, "--sessions", 5, "--service", "Массаж спины").exit_code == 0
    visit = run(studio, "visit", 1, "--service", "Массаж спины", "--when", "22.11.2026 10:00")
    assert visit.exit_code == 0, visit.output
    (course,) = json.loads(run(studio, "course", "list", "--format", "json").output)
    assert (course["sessions_used"], course["sessions_left"]) == (1, 4)
    assert stored(studio)[0][4] == 1


def test_the_active_list_leaves_out_courses_used_up_or_expired(studio):
    assert run(studio, "course", "add", 1, "--sessions", 1, "--title", "Один сеанс").exit_code == 0
    assert run(studio, "course", "add", 1, "--sessions", 3, "--title", "До конца месяца", "--until",
               "30.11.2026").exit_code == 0
    assert run(studio, "course", "add", 2, "--sessions", 3, "--title", "Вере").exit_code == 0
    assert run(studio, "course", "use", 1).exit_code == 0
    active = json.loads(run(studio, "course", "list", 1, "--active", "--format", "json").output)
    assert [c["title"] for c in active] == ["До конца месяца"]
    later = run(studio, "course", "list", "--active", "--format", "json", day=date(2026, 12, 1))
    assert [c["title"] for c in json.loads(later.output)] == ["Вере"]
    table = run(studio, "course").output
    assert "Один сеанс" in table and "0/1" in table and "Вере" in table


def test_courses_in_russian(studio):
    result = run(studio, "--lang", "ru", "course", "add", 1, "--sessions", 10, "--service", "масс")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Абонемент № 1 добавлен."
    assert run(studio, "--lang", "ru", "course", "use", 1).output.strip() == (
        "Списан сеанс абонемента № 1: осталось 9 из 10.")
    table = run(studio, "--lang", "ru", "course", "list").output
    assert "осталось сеансов" in table and "Массаж спины" in table and "9/10" in table
    assert run(studio, "--lang", "ru", "course", "list", 2).output.strip() == "Абонементов нет."
    refused = run(studio, "--lang", "ru", "course", "add", 1, "--sessions", 0, "--title", "Пусто")
    assert refused.output.strip() == "Ошибка: В абонементе должен быть хотя бы один сеанс."


@pytest.mark.parametrize("args, said", [
    (("add", 1, "--sessions", 0, "--title", "Пусто"), "Error: A course has at least one session."),
    (("add", 1, "--sessions", -2, "--title", "Пусто"), "Error: A course has at least one session."),
    (("add", 1, "--sessions", 3), "Error: Name the course or its service."),
    (("add", 1, "--sessions", 3, "--title", "Массаж", "--until", "01.11.2026"),
     "Error: A course cannot end before the day it is sold (Nov 22, 2026)."),
    (("add", 1, "--sessions", 3, "--service", "Педикюр"),
     "Error: “Педикюр” is not on the price list. Add it with: clientbook services add \"Педикюр\" --category CATEGORY"),
    (("add", 9, "--sessions", 3, "--title", "Массаж"), "Error: There is no client 9."),
    (("use", 7), "Error: There is no course 7."),
])
def test_a_refused_course_is_one_sentence_and_nothing_is_written(studio, args, said):
    result = run(studio, "course", *args)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert result.output.strip() == said
    assert stored(studio) == []


def test_a_course_with_no_session_left_is_not_used_again(studio):
    assert run(studio, "course", "add", 1, "--sessions", 1, "--title", "Один сеанс").exit_code == 0
    assert run(studio, "course", "use", 1).exit_code == 0
    result = run(studio, "course", "use", 1)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert result.output.strip() == "Error: Course 1 has no sessions left."
    assert stored(studio)[0][3:5] == (1, 1)


def test_an_archived_service_is_said_with_the_command_that_restores_it(studio):
    assert run(studio, "services", "archive", "Массаж спины").exit_code == 0
    result = run(studio, "course", "add", 1, "--sessions", 3, "--service", "Массаж спины")
    assert result.exit_code != 0
    assert result.output.strip() == ('Error: “Массаж спины” is archived. '
                                     'Restore it with: clientbook services restore "Массаж спины"')
    assert stored(studio) == []
