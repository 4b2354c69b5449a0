"""Search is forgiving the way a Russian-speaking admin expects."""
from __future__ import annotations

import pytest

from clientbook.services.clients import NewClient, add_client, archive, forget, unarchive
from clientbook.services.search import search


@pytest.fixture
def studio(book):
    ids = {
        "elkina": add_client(book, NewClient("Алёна", "Ёлкина", "Сергеевна", phone="8 916 123-45-67",
                                             tags=("VIP", "окрашивание"), email="alena@mail.ru")),
        "petrov": add_client(book, NewClient("Иван", "Петров", phone="+7 903 000-11-22")),
        "anna": add_client(book, NewClient("Анна", "Смирнова", tags=("ресницы",))),
        "markup": add_client(book, NewClient("[b]Ann[/b]")),
    }
    return book, ids


def names(book, text, **kwargs):
    return [h.name for h in search(book, text, **kwargs)]


@pytest.mark.parametrize("text", ["ёлкина", "ЕЛКИНА", "Елк", "лкин", "алена", "АЛЁН", "сергеевна"])
def test_any_fragment_any_case_yo_is_ye(studio, text):
    book, _ = studio
    assert names(book, text) == ["Ёлкина Алёна Сергеевна"]


@pytest.mark.parametrize("text", ["8 (916) 123-45-67", "+79161234567", "9161234567", "123-45",
                                  "4567", "8916"])
def test_phone_digits_however_typed(studio, text):
    book, ids = studio
    assert [h.id for h in search(book, text)] == [ids["elkina"]]


def test_one_and_two_letters_match_word_starts(studio):
    book, _ = studio
    assert names(book, "а") == ["Ёлкина Алёна Сергеевна", "Смирнова Анна"]  # Cyrillic а
    assert names(book, "a") == ["[b]Ann[/b]", "Ёлкина Алёна Сергеевна"]  # Latin a: ann, alena@
    assert names(book, "ан") == ["Смирнова Анна"]
    assert names(book, "пе") == ["Петров Иван"]


def test_every_word_must_match(studio):
    book, _ = studio
    assert names(book, "анна смир") == ["Смирнова Анна"]
    assert names(book, "анна петр") == []
    assert names(book, "ив пе") == ["Петров Иван"]


def test_tags_and_email(studio):
    book, _ = studio
    assert names(book, "vip") == ["Ёлкина Алёна Сергеевна"]
    assert names(book, "ресниц") == ["Смирнова Анна"]
    assert names(book, "alena@mail") == ["Ёлкина Алёна Сергеевна"]


def test_markup_is_just_text(studio):
    book, _ = studio
    assert names(book, "[b] ann") == ["[b]Ann[/b]"]
    assert names(book, "ann") == ["[b]Ann[/b]"]


def test_quotes_and_operators_do_not_break_the_query(studio):
    book, _ = studio
    for text in ['"', 'ann" OR "', "NEAR(", "a*", "-", "AND", "((("]:
        search(book, text)  # no exception


def test_empty_query_pages_through_everyone_by_name(studio):
    book, _ = studio
    everyone = names(book, "")
    assert everyone == ["[b]Ann[/b]", "Ёлкина Алёна Сергеевна", "Петров Иван", "Смирнова Анна"]
    assert names(book, "", limit=2, offset=2) == everyone[2:]


def test_archived_clients_leave_search_and_come_back(studio):
    book, ids = studio
    archive(book, ids["petrov"])
    assert names(book, "петров") == []
    assert names(book, "петров", include_archived=True) == ["Петров Иван"]
    unarchive(book, ids["petrov"])
    assert names(book, "петров") == ["Петров Иван"]


def test_forgotten_client_is_gone_from_the_index(studio):
    book, ids = studio
    forget(book, ids["elkina"])
    assert names(book, "елкина", include_archived=True) == []
    assert search(book, "916123", include_archived=True) == []
    fts = book.execute_sql("SELECT count(*) FROM client_fts WHERE client_fts MATCH '\"елкина\"'")
    assert fts.fetchone()[0] == 0
