"""The shell commands for finding, showing, archiving and forgetting clients."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from db.models import Visit


@pytest.fixture
def filled(book_path):
    database = open_book(book_path)
    anna = add_client(database, NewClient("Анна", "Ёлкина", phone="89161234567", external_id="A-1",
                                          alerts="Аллергия на латекс", tags=("VIP",)))
    ivan = add_client(database, NewClient("Иван", "Петров"))
    Visit.insert(client=anna, starts_at="2026-10-01 11:00:00", status="done", price_cents=250000,
                 formula="Igora 7-1", created_at="2026-10-01 11:00:00").execute()
    database.close()
    return book_path, anna, ivan


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_search_json_lists_matches(filled):
    path, anna, _ = filled
    result = run("search", "ёлк", "--db", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"id": anna, "external_id": "A-1", "name": "Ёлкина Анна", "phone": "+79161234567",
         "archived": False}
    ]


def test_search_table_shows_national_phone(filled):
    path, _, _ = filled
    result = run("--db", path, "search", "916")
    assert "Ёлкина Анна" in result.output and "8 (916) 123-45-67" in result.output


def test_db_from_environment(filled, monkeypatch):
    path, _, _ = filled
    monkeypatch.setenv("CLIENTBOOK_DB", str(path))
    assert "Петров Иван" in run("search", "петров").output


def test_show_by_studio_id(filled):
    path, _, _ = filled
    result = run("show", "ext:A-1", "--db", path)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "⚠ Аллергия на латекс"  # alerts first, as on the screen
    assert lines[1] == "Ёлкина Анна  #1 · A-1"
    # Babel's money, as on the screen; who wrote the visit (tests/conftest.py's desk and person)
    assert "  2026-10-01 11:00  done  2,500\u00a0RUB  Ресепшен · Анна" in lines
    assert "      Formula: Igora 7-1" in lines


@pytest.mark.parametrize("ref, message", [("999", "There is no client 999."),
                                          ("ext:NOPE", "No client has the studio id “NOPE”."),
                                          ("anna", "is not a client id")])
def test_unknown_client_is_one_clear_line(filled, ref, message):
    path, _, _ = filled
    result = run("show", ref, "--db", path)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_archive_and_unarchive(filled):
    path, _, ivan = filled
    assert run("archive", ivan, "--db", path).exit_code == 0
    assert "Петров" not in run("search", "петров", "--db", path).output
    assert "(archived)" in run("search", "петров", "--archived", "--db", path).output
    assert run("unarchive", ivan, "--db", path).exit_code == 0
    assert "Петров Иван" in run("search", "петров", "--db", path).output


def test_forget_asks_first(filled):
    path, anna, _ = filled
    refused = run("forget", anna, "--db", path, input="n\n")
    assert refused.exit_code == 1
    assert "Ёлкина" in run("search", "елкина", "--db", path).output
    no_answer = run("forget", anna, "--db", path)  # no terminal input: nothing is erased
    assert no_answer.exit_code == 1
    assert "Ёлкина" in run("search", "елкина", "--db", path).output
    done = run("forget", anna, "--db", path, input="y\n")
    assert done.exit_code == 0 and "Forgot Ёлкина Анна" in done.output
    assert "No clients found." in run("search", "елкина", "--archived", "--db", path).output
    database = open_book(path)
    assert database.execute_sql("SELECT count(*) FROM visits").fetchone()[0] == 0


def test_bad_today_is_refused(filled):
    path, _, _ = filled
    result = run("--today", "2026-02-31", "search", "--db", path)
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_not_a_book_is_one_line(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,phone\n")
    result = run("search", "--db", path)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path} is not a clientbook book; give the book's file with --db."


def test_show_gives_the_rhythm_and_interval_sets_it(book_path):
    from datetime import date, datetime, timedelta

    from clientbook.services.visits import NewVisit, add_visit

    database = open_book(book_path)
    anna = add_client(database, NewClient("Анна", "Ёлкина"))
    for ago in (35, 63, 91, 119):
        add_visit(database, anna, NewVisit(datetime(2026, 11, 22, 11) - timedelta(days=ago), ("Маникюр",)),
                  {"Маникюр": "nails"}, today=date(2026, 11, 22))
    database.close()
    learned = "  nails: every 28 days (learned from visits), last Oct 18, 2026, due Nov 15, 2026 — due"
    shown = run("show", anna, "--db", book_path, "--today", "2026-11-22").output
    assert learned in shown.splitlines()
    by_hand = "  nails: every 14 days (set by hand; learned 28), last Oct 18, 2026, due Nov 1, 2026 — at risk"
    assert run("interval", anna, "14", "--db", book_path, "--today", "2026-11-22").output == by_hand + "\n"
    shown = run("show", anna, "--db", book_path, "--today", "2026-11-22").output.splitlines()
    assert "Comes every 14 days (set by hand)." in shown and by_hand in shown
    assert run("interval", anna, "auto", "--db", book_path, "--today", "2026-11-22").output == learned + "\n"
    bad = run("interval", anna, "often", "--db", book_path)
    assert bad.exit_code == 2
    assert "“often” is not a usual interval: give 1 to 3650 days, or auto for the learned rhythm." in bad.output


def test_add_prints_the_new_id_and_checks_like_the_card(book_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["add", "Иванова", "Анна", "Сергеевна", "--phone", "8 916 123-45-67",
                                 "--birthday", "16.02.1992", "--note", "любит тишину", "--format", "json",
                                 "--db", str(book_path), "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    new_id = json.loads(result.output)["id"]
    book = open_book(book_path)
    row = book.execute_sql("SELECT first_name, last_name, patronymic, phone, birth_day, birth_month, "
                           "birth_year, notes FROM clients WHERE id = ?", (new_id,)).fetchone()
    book.close()
    assert row == ("Анна", "Иванова", "Сергеевна", "+79161234567", 16, 2, 1992, "любит тишину")
    for args, sentence in [(["Вера", "--birthday", "16.02.2030"], "A birthday cannot be in the future."),
                           (["Вера", "--phone", "123"], "is not a valid phone number"),
                           ([" "], "A client needs a name.")]:
        refused = runner.invoke(cli, ["add", *args, "--db", str(book_path), "--today", "2026-11-22"])
        assert refused.exit_code == 1 and sentence in refused.output, refused.output
    book = open_book(book_path)
    assert book.execute_sql("SELECT count(*) FROM clients").fetchone() == (1,)
    book.close()
