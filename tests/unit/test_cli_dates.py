"""Every date option reads dates as people type them: `log-call --on`, `visit --when`,
`stats --from/--to/--period`, quoted or not."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.cli.date_options import words_to_take
from clientbook.domain.dates import reads_as_date
from clientbook.domain.periods import reads_as_period
from clientbook.services.book import open_book
from tests.unit.test_cli_calls import studio  # noqa: F401  (a fixture: Анна, due on 2026-11-22)
from tests.unit.test_stats import make_studio


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def booked(path) -> list[tuple]:
    book = open_book(path)
    try:
        return book.execute_sql("SELECT starts_at FROM visits WHERE status = 'planned'").fetchall()
    finally:
        book.close()


@pytest.mark.parametrize("on", [["03.12.2026 12:00"], ["03.12.2026", "12:00"], ["3.12", "в", "12:00"],
                                ["2026-12-03T12:00"]])
def test_log_call_on_a_day_and_time_as_typed(studio, on):  # noqa: F811
    path, anna = studio
    result = run("log-call", anna, "--outcome", "booked", "--on", *on, "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert booked(path) == [("2026-12-03 12:00:00",)]


def test_the_time_as_the_next_word_before_the_client(studio):  # noqa: F811
    path, anna = studio
    result = run("log-call", "--on", "03.12.2026", "12:00", anna, "--outcome", "booked", "--db", path,
                 "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert booked(path) == [("2026-12-03 12:00:00",)]


@pytest.mark.parametrize("on, day", [(["в", "пятницу"], "2026-11-27"), (["пт"], "2026-11-27"),
                                     (["через", "2", "недели"], "2026-12-06"), (["+3"], "2026-11-25"),
                                     (["завтра"], "2026-11-23")])
def test_a_call_back_on_a_day_in_words(studio, on, day):  # noqa: F811
    path, anna = studio
    result = run("log-call", anna, "--outcome", "callback", "--on", *on, "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    later = json.loads(run("calls", "--db", path, "--today", day, "--format", "json").output)
    assert [i["reason"] for i in later["items"]] == ["callback"]


def test_on_is_read_from_the_today_given_after_it(studio):  # noqa: F811
    path, anna = studio
    result = run("log-call", anna, "--outcome", "callback", "--on", "завтра", "--db", path, "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    later = json.loads(run("calls", "--db", path, "--today", "2026-11-28", "--format", "json").output)
    assert [i["reason"] for i in later["items"]] == ["callback"]


def test_a_refused_date_says_why_with_an_example_from_today(studio):  # noqa: F811
    path, anna = studio
    result = run("log-call", anna, "--outcome", "callback", "--on", "32.13", "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 2
    assert "There is no month 13. For example: 1.12.2026, tomorrow, fri, +3, in a week." in result.output
    russian = run("log-call", anna, "--outcome", "callback", "--on", "", "--db", path, "--today", "2026-11-22",
                  "--lang", "ru")
    assert "Укажите дату, например: 1.12.2026, завтра, пт, +3, через неделю." in russian.output


def test_visit_when_in_words(studio):  # noqa: F811
    path, anna = studio
    result = run("visit", anna, "--service", "Маникюр", "--status", "planned", "--when", "завтра", "в", "15:00",
                 "--master", "", "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert booked(path) == [("2026-11-23 15:00:00",)]
    done = run("visit", anna, "--service", "Маникюр", "--when", "вчера", "--master", "", "--db", path,
               "--today", "2026-11-22", "--format", "json")
    assert done.exit_code == 0, done.output


@pytest.fixture(scope="module")
def figures_book(new_book_path):
    path = new_book_path()
    make_studio(path)[0].close()
    return path


def period_of(path, *args) -> tuple[str, str]:
    result = run("stats", "--db", path, "--today", "2026-11-22", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return data["start"], data["end"]


@pytest.mark.parametrize("args", [
    ["--from", "01.10.2026", "--to", "31.10.2026"], ["--from", "1.10", "--to", "31.10"],
    ["--from", "2026-10-01", "--to", "2026-10-31"], ["--from", "1", "окт", "--to", "31", "октября"],
    ["--period", "прошлый месяц"], ["--period", "прошлый", "месяц"], ["--period", "last month"],
    ["--period", "1.10.2026-31.10.2026"], ["--period", "01.10..31.10"], ["--period", "1.10", "-", "31.10"],
    ["--period", "октябрь"],
])
def test_stats_for_october(figures_book, args):
    assert period_of(figures_book, *args) == ("2026-10-01", "2026-10-31")


def test_stats_presets(figures_book):
    assert period_of(figures_book, "--period", "квартал") == ("2026-10-01", "2026-11-22")
    assert period_of(figures_book, "--period", "прошлый", "год") == ("2025-01-01", "2025-12-31")
    assert period_of(figures_book, "--period", "последние", "12", "месяцев") == ("2025-12-01", "2026-11-22")
    assert period_of(figures_book, "--period", "last 12 months") == ("2025-12-01", "2026-11-22")
    assert period_of(figures_book, "--period", "") == period_of(figures_book)  # empty: the default


@pytest.mark.parametrize("args, code, said", [
    (["--period", "пт"], 2, "Not a period: “пт”. For example: 1.10.2026-31.10.2026, this month, last month, "
                           "this quarter, this year, last 12 months."),
    (["--period", "прошлый месяц", "--from", "1.10"], 2, "Give --period, or --from and --to, not both."),
    (["--to", "завтра"], 1, "The period cannot end after today (2026-11-22)"),
])
def test_stats_refusals(figures_book, args, code, said):
    result = run("stats", "--db", figures_book, "--today", "2026-11-22", *args)
    assert result.exit_code == code and said in result.output, result.output


@pytest.mark.parametrize("value, following, taken", [
    ("03.12.2026", ["12:00", "5"], 1), ("03.12.2026", ["5"], 0), ("в", ["пятницу", "в", "15:00"], 3),
    ("через", ["2", "недели", "7"], 2), ("завтра", ["--outcome", "booked"], 0), ("пт", ["в", "15"], 2),
    ("03.12.2026", ["ext:A-1"], 0),
])
def test_an_option_takes_the_words_that_belong_to_its_date(value, following, taken):
    assert words_to_take(value, following, reads_as_date) == taken


def test_a_period_option_takes_its_words():
    assert words_to_take("прошлый", ["месяц", "--format", "json"], reads_as_period) == 1
    assert words_to_take("1.10", ["-", "31.10", "--format"], reads_as_period) == 2


def test_the_help_names_the_forms():
    def help_of(command: str) -> str:
        return " ".join(run(command, "--help").output.split())  # as click wraps it

    for command in ("log-call", "visit", "stats"):
        assert "A date: 3.12.2026, 3.12, 2026-12-03, tomorrow, fri, on Friday, +3, in a week" in help_of(command), command
    assert "this month, last month, this quarter, last quarter, this year, last year, the last 12 months" in help_of("stats")
