"""The one date reader: days, moments and periods as an admin types them, from a fixed today."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest

from clientbook import i18n
from clientbook.domain.dates import (
    DateError,
    DateOutOfRange,
    Typed,
    add_months,
    date_examples,
    parse_when,
    read_day,
    read_typed,
    reads_as_date,
    suggested_day,
)
from clientbook.domain.periods import period_examples, read_period, reads_as_period

SUNDAY = date(2026, 11, 22)  # the tests' today
FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize("text, expected", [
    ("сегодня", SUNDAY), ("today", SUNDAY), ("Завтра", date(2026, 11, 23)), ("tomorrow", date(2026, 11, 23)),
    ("послезавтра", date(2026, 11, 24)), ("the day after tomorrow", date(2026, 11, 24)),
    ("вчера", date(2026, 11, 21)), ("yesterday", date(2026, 11, 21)), ("позавчера", date(2026, 11, 20)),
    ("на завтра", date(2026, 11, 23)),
])
def test_days_named_from_today(text, expected):
    assert read_day(text, SUNDAY) == expected


FRIDAYS = ["пт", "ПТ", "пт.", "птн", "пятн.", "пятница", "Пятницу", "в пятницу", "В ПЯТНИЦУ", "fri", "Fri.",
           "friday", "on Friday"]


@pytest.mark.parametrize("text", FRIDAYS)
def test_a_friday_however_it_is_typed(text):
    assert read_day(text, SUNDAY) == date(2026, 11, 27)


@pytest.mark.parametrize("text", FRIDAYS)
def test_a_friday_said_on_a_friday_is_next_week(text):
    """An admin who books «в пятницу» on a Friday means the next one; today is «сегодня»."""
    assert read_day(text, FRIDAY) == date(2026, 12, 4)


@pytest.mark.parametrize("text, from_sunday, from_friday", [
    ("пн", date(2026, 11, 23), date(2026, 11, 30)), ("понедельник", date(2026, 11, 23), date(2026, 11, 30)),
    ("во вторник", date(2026, 11, 24), date(2026, 12, 1)), ("вт", date(2026, 11, 24), date(2026, 12, 1)),
    ("tue", date(2026, 11, 24), date(2026, 12, 1)), ("в среду", date(2026, 11, 25), date(2026, 12, 2)),
    ("ср", date(2026, 11, 25), date(2026, 12, 2)), ("wednesday", date(2026, 11, 25), date(2026, 12, 2)),
    ("чт", date(2026, 11, 26), date(2026, 12, 3)), ("четв.", date(2026, 11, 26), date(2026, 12, 3)),
    ("thu", date(2026, 11, 26), date(2026, 12, 3)), ("в субботу", date(2026, 11, 28), date(2026, 11, 28)),
    ("сб", date(2026, 11, 28), date(2026, 11, 28)), ("sat", date(2026, 11, 28), date(2026, 11, 28)),
    ("вс", date(2026, 11, 29), date(2026, 11, 29)), ("в воскресенье", date(2026, 11, 29), date(2026, 11, 29)),
    ("sunday", date(2026, 11, 29), date(2026, 11, 29)),  # said on a Sunday: a week ahead
])
def test_every_weekday_is_the_next_one(text, from_sunday, from_friday):
    assert (read_day(text, SUNDAY), read_day(text, FRIDAY)) == (from_sunday, from_friday)


@pytest.mark.parametrize("text, expected", [
    ("+3", date(2026, 11, 25)), ("+ 3", date(2026, 11, 25)), ("+0", SUNDAY), ("+3д", date(2026, 11, 25)),
    ("+2 нед", date(2026, 12, 6)), ("+1 мес", date(2026, 12, 22)),
    ("через неделю", date(2026, 11, 29)), ("через 2 недели", date(2026, 12, 6)),
    ("через две недели", date(2026, 12, 6)), ("через 3 дня", date(2026, 11, 25)), ("через день", date(2026, 11, 23)),
    ("через пару дней", date(2026, 11, 24)), ("через месяц", date(2026, 12, 22)),
    ("через 3 месяца", date(2027, 2, 22)), ("через полгода", date(2027, 5, 22)), ("через год", date(2027, 11, 22)),
    ("in 3 days", date(2026, 11, 25)), ("in a week", date(2026, 11, 29)), ("in two weeks", date(2026, 12, 6)),
    ("in a month", date(2026, 12, 22)),
])
def test_so_long_from_today(text, expected):
    assert read_day(text, SUNDAY) == expected


def test_a_month_on_from_the_31st_is_the_months_last_day():
    assert read_day("через месяц", date(2027, 1, 31)) == date(2027, 2, 28)
    assert read_day("через месяц", date(2028, 1, 31)) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


@pytest.mark.parametrize("text, expected", [
    ("03.12.2026", date(2026, 12, 3)), ("3.12.2026", date(2026, 12, 3)), ("03.12.26", date(2026, 12, 3)),
    ("3.12", date(2026, 12, 3)), ("03.12", date(2026, 12, 3)), ("3.12.", date(2026, 12, 3)),
    ("2026-12-03", date(2026, 12, 3)), ("20.11", date(2026, 11, 20)),  # two days ago, not next year
    ("5.1", date(2027, 1, 5)),  # early January typed in November: the coming one
    ("3 дек", date(2026, 12, 3)), ("3 декабря", date(2026, 12, 3)), ("3 декабря 2027 г.", date(2027, 12, 3)),
    ("dec 3", date(2026, 12, 3)), ("December 3, 2027", date(2027, 12, 3)), ("3 Dec", date(2026, 12, 3)),
    ("01.01.99", date(2099, 1, 1)), ("01.01.00", date(2000, 1, 1)),  # two digits are 20YY
])
def test_calendar_days(text, expected):
    assert read_day(text, SUNDAY) == expected


def test_the_29th_of_february():
    assert read_day("29.02.2028", SUNDAY) == date(2028, 2, 29)
    assert read_day("29.02", SUNDAY) == date(2028, 2, 29)  # the nearest year that has one
    with pytest.raises(DateError, match="There is no day 29 in month 2"):
        read_day("29.02.2027", SUNDAY)


@pytest.mark.parametrize("text, expected", [
    ("03.12.2026 12:00", datetime(2026, 12, 3, 12)), ("3.12 12.00", datetime(2026, 12, 3, 12)),
    ("3.12 в 15:00", datetime(2026, 12, 3, 15)), ("3.12 15-30", datetime(2026, 12, 3, 15, 30)),
    ("2026-12-03 09:05", datetime(2026, 12, 3, 9, 5)), ("2026-12-03T09:05", datetime(2026, 12, 3, 9, 5)),
    ("2026-12-03 09:05:30", datetime(2026, 12, 3, 9, 5, 30)),
    ("завтра 12:00", datetime(2026, 11, 23, 12)), ("завтра в 12:00", datetime(2026, 11, 23, 12)),
    ("завтра в 12", datetime(2026, 11, 23, 12)), ("tomorrow at 12:00", datetime(2026, 11, 23, 12)),
    ("в пятницу в 15:30", datetime(2026, 11, 27, 15, 30)), ("пт 15.30", datetime(2026, 11, 27, 15, 30)),
    ("+3 10:00", datetime(2026, 11, 25, 10)), ("через неделю в 11:00", datetime(2026, 11, 29, 11)),
    ("3 дек 12:00", datetime(2026, 12, 3, 12)),
    ("в 15:00", datetime(2026, 11, 22, 15)), ("15:00", datetime(2026, 11, 22, 15)),  # a time alone: today
])
def test_moments(text, expected):
    assert parse_when(text, SUNDAY, need_time=True) == expected


def test_a_day_without_a_time_stays_a_day():
    assert read_typed("3.12", SUNDAY) == Typed(date(2026, 12, 3))
    assert read_typed("3.12", SUNDAY).value == date(2026, 12, 3)
    assert read_typed("3.12 00:00", SUNDAY).value == datetime(2026, 12, 3)
    assert read_typed("3.12 12:00", SUNDAY).at == time(12)
    assert read_typed("12.10", SUNDAY) == Typed(date(2026, 10, 12))  # a day, not ten past twelve


EXAMPLES = "For example: 1.12.2026, tomorrow, fri, +3, in a week."
WITH_TIME = "For example: 1.12.2026 15:00, tomorrow at 12:00, fri 15:30."


@pytest.mark.parametrize("text, sentence", [
    ("32.13", f"There is no month 13. {EXAMPLES}"),
    ("32.12", f"There is no day 32 in month 12. {EXAMPLES}"),
    ("31.02", f"There is no day 31 in month 2. {EXAMPLES}"),
    ("31.02.2027", f"There is no day 31 in month 2. {EXAMPLES}"),
    ("someday", f"Not a date: “someday”. {EXAMPLES}"),
    ("через", f"Not a date: “через”. {EXAMPLES}"),
    ("через 3", f"Not a date: “через 3”. {EXAMPLES}"),
    ("+", f"Not a date: “+”. {EXAMPLES}"),
    ("15-30", f"Not a date: “15-30”. {EXAMPLES}"),
    ("21/11/2026", f"Not a date: “21/11/2026”. {EXAMPLES}"),
    ("п", f"Not a date: “п”. {EXAMPLES}"),  # Monday or Friday?
    ("3.12 25:00", f"“3.12 25:00” has no such time of day. {WITH_TIME}"),
    ("", "Give a date, for example 1.12.2026, tomorrow, fri, +3, in a week."),
    ("  ", "Give a date, for example 1.12.2026, tomorrow, fri, +3, in a week."),
])
def test_refusals_give_an_example_built_from_today(text, sentence):
    with pytest.raises(DateError) as refused:
        read_typed(text, SUNDAY)
    assert str(refused.value) == sentence


def test_the_example_moves_with_today():
    with pytest.raises(DateError, match=r"For example: 1\.1\.2027, tomorrow"):
        read_typed("32.13", date(2026, 12, 31))
    assert date_examples(date(2026, 2, 10)) == "1.3.2026, tomorrow, fri, +3, in a week"


def test_a_booking_needs_its_time():
    with pytest.raises(DateError) as refused:
        read_typed("", SUNDAY, need_time=True)
    assert str(refused.value) == "Give the day and time, for example 1.12.2026 15:00, tomorrow at 12:00, fri 15:30."
    with pytest.raises(DateError, match=r"Give the time too, for example в пятницу 14:30\."):
        read_typed("в пятницу", SUNDAY, need_time=True)


@pytest.mark.parametrize("text", ["01.01.1899", "1.1.2101", "2200-01-01", "01.01.0000", "через 9999 лет", "+9999 лет"])
def test_the_years_a_studio_lives_in(text):
    with pytest.raises(DateOutOfRange, match=r"is out of range: give a date from 1900 to 2100\."):
        read_typed(text, SUNDAY)


@pytest.fixture
def russian():
    i18n.set_language("ru")
    yield
    i18n.set_language("en")


def test_refusals_in_russian(russian):
    with pytest.raises(DateError) as refused:
        read_typed("32.13", SUNDAY)
    assert str(refused.value) == "Месяца 13 не существует. Например: 1.12.2026, завтра, пт, +3, через неделю."
    with pytest.raises(DateError) as refused:
        read_typed("когда-нибудь", SUNDAY)
    assert str(refused.value) == "Не дата: «когда-нибудь». Например: 1.12.2026, завтра, пт, +3, через неделю."
    with pytest.raises(DateError) as refused:
        read_typed("", SUNDAY)
    assert str(refused.value) == "Укажите дату, например: 1.12.2026, завтра, пт, +3, через неделю."
    with pytest.raises(DateError) as refused:
        read_period("пт", SUNDAY)
    assert str(refused.value) == ("Не период: «пт». Например: 1.10.2026-31.10.2026, этот месяц, прошлый месяц, "
                                  "этот квартал, этот год, последние 12 месяцев.")


def test_english_words_are_read_in_russian_and_russian_in_english(russian):
    assert read_day("tomorrow", SUNDAY) == read_day("завтра", SUNDAY) == date(2026, 11, 23)
    i18n.set_language("en")
    assert read_day("в пятницу", SUNDAY) == date(2026, 11, 27)


# -- periods ---------------------------------------------------------------------------------

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


@pytest.mark.parametrize("text", [
    "1.10.2026-31.10.2026", "1.10.2026 - 31.10.2026", "1.10.2026–31.10.2026", "1.10.2026 — 31.10.2026",
    "01.10..31.10", "01.10.2026..31.10.2026", "01.10.2026 31.10.2026", "2026-10-01..2026-10-31",
    "2026-10-01-2026-10-31", "2026-10-01 - 2026-10-31", "с 1.10 по 31.10", "с 1 окт по 31 окт", "1 октября - 31 октября",
    "from 1.10 to 31.10", "прошлый месяц", "за прошлый месяц", "Прошлый месяц", "last month", "previous month",
    "октябрь", "за октябрь", "October", "октябрь 2026",
])
def test_october(text):
    assert read_period(text, SUNDAY) == OCTOBER


@pytest.mark.parametrize("text, expected", [
    ("этот месяц", (date(2026, 11, 1), SUNDAY)), ("месяц", (date(2026, 11, 1), SUNDAY)),
    ("this month", (date(2026, 11, 1), SUNDAY)), ("текущий месяц", (date(2026, 11, 1), SUNDAY)),
    ("квартал", (date(2026, 10, 1), SUNDAY)), ("этот квартал", (date(2026, 10, 1), SUNDAY)),
    ("quarter", (date(2026, 10, 1), SUNDAY)),
    ("прошлый квартал", (date(2026, 7, 1), date(2026, 9, 30))), ("last quarter", (date(2026, 7, 1), date(2026, 9, 30))),
    ("год", (date(2026, 1, 1), SUNDAY)), ("этот год", (date(2026, 1, 1), SUNDAY)), ("year", (date(2026, 1, 1), SUNDAY)),
    ("прошлый год", (date(2025, 1, 1), date(2025, 12, 31))), ("last year", (date(2025, 1, 1), date(2025, 12, 31))),
    ("эта неделя", (date(2026, 11, 16), SUNDAY)), ("прошлая неделя", (date(2026, 11, 9), date(2026, 11, 15))),
    ("ноябрь", (date(2026, 11, 1), SUNDAY)), ("декабрь", (date(2025, 12, 1), date(2025, 12, 31))),
    ("01.09..30.09", (date(2026, 9, 1), date(2026, 9, 30))),
    ("вчера-сегодня", (date(2026, 11, 21), SUNDAY)),
])
def test_periods(text, expected):
    assert read_period(text, SUNDAY) == expected


def test_presets_at_the_turn_of_a_year():
    january = date(2027, 1, 10)
    assert read_period("прошлый месяц", january) == (date(2026, 12, 1), date(2026, 12, 31))
    assert read_period("прошлый квартал", january) == (date(2026, 10, 1), date(2026, 12, 31))
    assert read_period("квартал", date(2026, 3, 31)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert read_period("прошлый месяц", date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 2, 28))


# The six presets of the reports, from a fixed today (Sunday 22.11.2026).
@pytest.mark.parametrize("texts, expected", [
    (("этот месяц", "this month"), (date(2026, 11, 1), SUNDAY)),
    (("прошлый месяц", "last month"), (date(2026, 10, 1), date(2026, 10, 31))),
    (("этот квартал", "this quarter"), (date(2026, 10, 1), SUNDAY)),
    (("прошлый квартал", "last quarter"), (date(2026, 7, 1), date(2026, 9, 30))),
    (("этот год", "this year"), (date(2026, 1, 1), SUNDAY)),
    # this month up to today and the eleven whole months before it: only November is clipped
    (("последние 12 месяцев", "за последние 12 месяцев", "последние двенадцать месяцев",
      "last 12 months", "the last 12 months", "over the last twelve months", "past 12 months"),
     (date(2025, 12, 1), SUNDAY)),
    (("последние 3 месяца", "last 3 months"), (date(2026, 9, 1), SUNDAY)),
])
def test_the_presets_of_the_reports(texts, expected):
    for text in texts:
        assert read_period(text, SUNDAY) == expected, text
        assert reads_as_period(text), text


def test_the_last_12_months_at_the_turn_of_a_year_and_at_a_months_end():
    assert read_period("последние 12 месяцев", date(2027, 1, 10)) == (date(2026, 2, 1), date(2027, 1, 10))
    assert read_period("last 12 months", date(2026, 3, 31)) == (date(2025, 4, 1), date(2026, 3, 31))
    assert read_period("последний 1 месяц", date(2026, 3, 31)) == (date(2026, 3, 1), date(2026, 3, 31))
    with pytest.raises(DateError):
        read_period("последние 0 месяцев", SUNDAY)
    with pytest.raises(DateError):
        read_period("последние 12", SUNDAY)


def test_an_empty_period_is_the_default():
    assert read_period("", SUNDAY) is None and read_period("  ", SUNDAY) is None


@pytest.mark.parametrize("text, sentence", [
    ("пт", "Not a period: “пт”. For example: 1.10.2026-31.10.2026, this month, last month, this quarter, this year, "
            "last 12 months."),
    ("1.10.2026", "Not a period: “1.10.2026”. For example: 1.10.2026-31.10.2026, this month, last month, "
                  "this quarter, this year, last 12 months."),
    ("1.10 2.10 3.10", "Not a period: “1.10 2.10 3.10”. For example: 1.10.2026-31.10.2026, this month, "
                       "last month, this quarter, this year, last 12 months."),
    ("31.02-1.03", "There is no day 31 in month 2. For example: 1.10.2026-31.10.2026, this month, last month, "
                   "this quarter, this year, last 12 months."),
])
def test_period_refusals_give_examples_built_from_today(text, sentence):
    with pytest.raises(DateError) as refused:
        read_period(text, SUNDAY)
    assert str(refused.value) == sentence


def test_period_examples_move_with_today():
    assert period_examples(date(2027, 1, 5)).startswith("1.12.2026-31.12.2026, ")


@pytest.mark.parametrize("text, reads", [
    ("03.12.2026 12:00", True), ("в пятницу", True), ("через 2 недели", True), ("31.02", True),
    ("03.12.2026 12:00 5", False), ("в", False), ("через 2", False), ("пт 5", False), ("ext:A-1", False),
])
def test_the_shape_of_a_date_needs_no_today(text, reads):
    """The command line asks this to know where an option's words end."""
    assert reads_as_date(text) is reads


def test_the_shape_of_a_period():
    assert reads_as_period("прошлый месяц") and reads_as_period("1.10 - 31.10")
    assert not reads_as_period("прошлый") and not reads_as_period("1.10 -")


def test_a_superscript_digit_is_no_count_of_months():
    from clientbook.domain.periods import read_period

    with pytest.raises(DateError):
        read_period("последние ² месяцев", date(2026, 11, 22))


@pytest.mark.parametrize("suggestion, day", [
    ("коррекция через 3 недели", date(2026, 12, 13)),
    ("Коррекция через месяц, та же форма", date(2026, 12, 22)),
    ("через две недели.", date(2026, 12, 6)),
    ("refill in 2 weeks", date(2026, 12, 6)),
    ("как обычно", None),
    ("within 10 days", None),  # "in" inside a word names nothing
])
def test_the_day_a_masters_next_time_names(suggestion, day):
    assert suggested_day(suggestion, date(2026, 11, 22)) == day
