"""A search's clients, page by page in name order, whether they come first among the names or
late (surnames in К…): on a server the first names are walked, and when the page is not among
them the clients are collected, then sorted (db/search.py); so for a word start, a fragment
and phone digits. Here the walk is made short, so that a small book shows both.
tests/postgres/test_search_walk_pg.py runs these there."""
from __future__ import annotations

import pytest

from clientbook.services.clients import NewClient, add_client
from clientbook.services.search import search


@pytest.fixture
def late_matches(book, monkeypatch):
    monkeypatch.setattr("db.search.WALKED", 4)
    for last in ("Абрамова", "Белова", "Волкова", "Гусева", "Егорова", "Жукова", "Зайцева",
                 "Козлова", "Королёва", "Котова", "Кузнецова", "Лебедева"):
        phone = "8 916 555-00-11" if last in ("Котова", "Кузнецова", "Лебедева") else ""
        add_client(book, NewClient("Анна", last, phone=phone))
    return book


def surnames(book, text, **kwargs) -> list[str]:
    return [hit.name.split()[0] for hit in search(book, text, **kwargs)]


def test_a_word_start_whose_clients_come_late_is_found_in_name_order(late_matches):
    assert surnames(late_matches, "ко") == ["Козлова", "Королёва", "Котова"]
    assert surnames(late_matches, "ко", limit=2) == ["Козлова", "Королёва"]
    assert surnames(late_matches, "ко", limit=2, offset=2) == ["Котова"]


def test_a_word_start_whose_clients_come_first_is_found_in_name_order(late_matches):
    assert surnames(late_matches, "ан", limit=3) == ["Абрамова", "Белова", "Волкова"]  # every Анна
    assert surnames(late_matches, "ан", limit=2, offset=3) == ["Гусева", "Егорова"]


def test_a_fragment_is_found_in_name_order_early_or_late(late_matches):
    assert surnames(late_matches, "злов") == ["Козлова"]
    assert surnames(late_matches, "ова", limit=3) == ["Абрамова", "Белова", "Волкова"]  # among the first names
    assert surnames(late_matches, "ова", limit=2, offset=5) == ["Козлова", "Котова"]  # collected
    assert surnames(late_matches, "ова") == ["Абрамова", "Белова", "Волкова", "Егорова", "Жукова", "Козлова",
                                             "Котова", "Кузнецова"]  # Королёва is «королева»


def test_phone_digits_whose_clients_come_late_are_found_in_name_order(late_matches):
    assert surnames(late_matches, "555") == ["Котова", "Кузнецова", "Лебедева"]
    assert surnames(late_matches, "555", limit=1, offset=1) == ["Кузнецова"]
