"""`clientbook bonus` (issue 20): points earned, adjusted and spent from the shell, checked in the book."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from tests.unit.cli_book import TODAY, read, run


@pytest.fixture
def studio(book_path):
    """Анна and Вера, neither with a bonus yet."""
    book = open_book(book_path)
    add_client(book, NewClient("Анна", "Ёлкина", external_id="A-1"))
    add_client(book, NewClient("Вера", "Орлова"))
    book.close()
    return book_path


def stored(path) -> list[tuple]:
    return read(path, "SELECT client_id, on_day, kind, points, note FROM bonus_movements ORDER BY id")


def test_points_earned_adjusted_and_spent_make_the_balance(studio):
    result = run(studio, "bonus", "add", "ext:A-1", 500, "--note", "за отзыв", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"client_id": 1, "kind": "earned", "points": 500, "balance": 500}
    adjusted = run(studio, "bonus", "add", 1, -50, "--kind", "adjusted", day=date(2026, 11, 23))
    assert adjusted.exit_code == 0, adjusted.output
    assert adjusted.output.strip() == "Bonus balance: 450 bonus points."
    spent = run(studio, "bonus", "use", 1, 200, "--note", "оплата маникюра", "--format", "json",
                day=date(2026, 11, 24))
    assert spent.exit_code == 0, spent.output
    assert json.loads(spent.output) == {"client_id": 1, "kind": "spent", "points": -200, "balance": 250}
    assert stored(studio) == [(1, "2026-11-22", "earned", 500, "за отзыв"), (1, "2026-11-23", "adjusted", -50, ""),
                              (1, "2026-11-24", "spent", -200, "оплата маникюра")]

    listed = json.loads(run(studio, "bonus", "list", 1, "--format", "json").output)
    assert listed["client_id"] == 1
    assert listed["balance"] == 250
    assert [m["id"] for m in listed["movements"]] == [3, 2, 1]  # newest first
    newest = listed["movements"][0]
    assert newest["on_day"] == "2026-11-24"
    assert newest["kind"] == "spent"
    assert newest["points"] == -200
    assert newest["note"] == "оплата маникюра"
    table = run(studio, "bonus", "list", 1).output
    assert "-200" in table and "+500" in table and "за отзыв" in table
    assert table.strip().endswith("Bonus balance: 250 bonus points.")


def test_a_negative_adjustment_after_a_double_dash_too(studio):
    assert run(studio, "bonus", "add", 1, 100).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", str(studio), "--today", TODAY.isoformat(), "bonus", "add", "--kind",
                                      "поправка", "1", "--", "-30"])
    assert result.exit_code == 0, result.output
    assert stored(studio)[-1][2:4] == ("adjusted", -30)


def test_bonuses_in_russian(studio):
    result = run(studio, "--lang", "ru", "bonus", "add", 2, 150, "--kind", "начислено")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Бонусный счёт: 150 бонусов."
    assert run(studio, "--lang", "ru", "bonus", "use", 2, 149).output.strip() == "Бонусный счёт: 1 бонус."
    table = run(studio, "--lang", "ru", "bonus", "list", 2).output
    assert "списано" in table and "начислено" in table and "операция" in table
    assert run(studio, "--lang", "ru", "bonus", "list", 1).output.strip() == "Бонусный счёт: 0 бонусов."
    refused = run(studio, "--lang", "ru", "bonus", "use", 2, 5)
    assert refused.output.strip() == "Ошибка: На счёте только 1 бонус: списать 5 нельзя."


@pytest.mark.parametrize("args, said", [
    (("use", 1, 300), "Error: Only 100 bonus points on the balance: 300 cannot be spent."),
    (("use", 1, -5), "Error: Say how many points: a whole number above zero (an adjustment may be negative)."),
    (("add", 1, -5), "Error: Say how many points: a whole number above zero (an adjustment may be negative)."),
    (("add", 1, 0, "--kind", "adjusted"),
     "Error: Say how many points: a whole number above zero (an adjustment may be negative)."),
    (("use", 9, 5), "Error: There is no client 9."),
])
def test_a_refused_movement_is_one_sentence_and_nothing_is_written(studio, args, said):
    assert run(studio, "bonus", "add", 1, 100).exit_code == 0
    result = run(studio, "bonus", *args)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert result.output.strip() == said
    assert stored(studio) == [(1, "2026-11-22", "earned", 100, "")]


@pytest.mark.parametrize("args, said", [
    (("add", 1, 50, "--kind", "spent"), "“spent” is not a bonus movement (one of: earned, adjusted)."),
    (("add", 1, "много"), "'много' is not a valid integer."),
])
def test_a_mistyped_movement_is_refused_before_the_book_is_opened(studio, args, said):
    result = run(studio, "bonus", *args)
    assert result.exit_code == 2
    assert said in result.output
    assert stored(studio) == []
