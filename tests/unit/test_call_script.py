"""The call script's Russian: weekdays in the case their sentence needs, the client's gender,
the year only when it is needed, quotes as Russian writes them, a question at the end."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.domain.russian import address_in, gender, gender_in_dictionary
from clientbook.domain.speech import quoted, spoken_day, spoken_slot
from clientbook.i18n import set_language
from clientbook.services.call_script import client_script, script_lines, why_declined
from clientbook.services.card_text import card_lines
from clientbook.services.cases import flag_discounts
from clientbook.services.clients import NewClient, add_client, card
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.visits import NewVisit, add_visit

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.fixture
def russian():
    set_language("ru")
    yield
    set_language("en")


@pytest.mark.parametrize(("days", "said"), [
    (2, "вторник, 24 ноября, в 15:00"), (3, "среду, 25 ноября, в 15:00"), (4, "четверг, 26 ноября, в 15:00"),
    (5, "пятницу, 27 ноября, в 15:00"), (6, "субботу, 28 ноября, в 15:00"), (7, "воскресенье, 29 ноября, в 15:00"),
    (8, "понедельник, 30 ноября, в 15:00")])
def test_every_weekday_is_said_as_an_object(russian, days, said):
    moment = datetime.combine(TODAY + timedelta(days=days), datetime.min.time()).replace(hour=15)
    assert spoken_slot(moment, TODAY, "accs") == said
    assert spoken_slot(moment, TODAY).split(",")[0] in ("вторник", "среда", "четверг", "пятница", "суббота",
                                                          "воскресенье", "понедельник")


def test_today_and_tomorrow_are_said_by_those_words(russian):
    assert spoken_slot(datetime(2026, 11, 22, 19), TODAY, "accs") == "сегодня в 19:00"
    assert spoken_slot(datetime(2026, 11, 23, 9, 30), TODAY, "accs") == "завтра в 09:30"


def test_the_year_is_said_only_over_a_year_away_and_never_as_g(russian):
    assert spoken_day(date(2026, 4, 4), TODAY) == "4 апреля"
    assert spoken_day(date(2027, 3, 1), TODAY) == "1 марта"
    assert spoken_day(date(2025, 4, 4), TODAY) == "4 апреля 2025 года"
    set_language("en")
    assert spoken_day(date(2025, 4, 4), TODAY) == "April 4, 2025"
    assert spoken_day(date(2026, 4, 4), TODAY) == "April 4"


def test_quotes_are_russian_with_inner_quotes(russian):
    assert quoted("Это студия «Бархат».") == "«Это студия „Бархат“.»"
    set_language("en")
    assert quoted("Hello") == "“Hello”"


@pytest.mark.parametrize(("first", "patronymic", "expected"), [
    ("Вера", "", "f"), ("Анна", "Сергеевна", "f"), ("Иван", "", "m"), ("Никита", "", "m"),
    ("Саша", "", None), ("Женя", "", None), ("Саша", "Викторовна", "f"), ("Женя", "Ильич", "m"), ("Alex", "", None)])
def test_gender_from_the_name_the_patronymic_first(first, patronymic, expected):
    assert gender(first, patronymic) == expected


@pytest.mark.parametrize("patronymic", [
    "Ивановна", "Сергеевна", "Ильинична", "Кузьминична", "Никитична", "Саввишна", "Юрьевна",
    "Иванович", "Юрьевич", "Ильич", "Кузьмич", "Лукич", "Фомич", "Иваныч", "Семёныч", "ИВАНОВНА"])
def test_a_patronymic_tells_the_gender_as_the_dictionary_does(patronymic):
    """The ending is read first (the dictionary stays unloaded for a card with a patronymic)."""
    told = gender("Саша", patronymic)
    assert told is not None and told == gender_in_dictionary("Саша", patronymic)


def test_why_declined_agrees_with_the_client(russian):
    assert why_declined("f") == "Почему она отказалась?"
    assert why_declined("m") == "Почему он отказался?"
    assert why_declined(None) == "Какая причина отказа?"


def test_forms_of_address_decline():
    assert address_in("Елена Викторовна", "datv") == "Елене Викторовне"
    assert address_in("Иван Петрович", "accs") == "Ивана Петровича"
    assert address_in("Любовь", "datv") == "Любови"
    assert address_in("Mary", "datv") == "Mary"  # not a Russian name: as written


@pytest.mark.parametrize("name, dative", [("Валерия", "Валерии"), ("Александра", "Александре"),
                                          ("Евгения", "Евгении"), ("Валерий", "Валерию"),
                                          ("Валерия Петровна", "Валерии Петровне")])
def test_a_name_on_a_card_is_a_nominative_not_another_names_genitive(name, dative):
    """«Валерия» reads also as Валерий's genitive: the script is headed «Что сказать Валерии»."""
    assert address_in(name, "datv") == dative


def _regular(book, name: str, patronymic: str = "", services=("Маникюр с покрытием",)) -> int:
    client = add_client(book, NewClient(name, "Иванова", patronymic=patronymic))
    for k in range(4):
        add_visit(book, client, NewVisit(datetime(2026, 11, 1, 11) - timedelta(days=21 * k), services,
                                         master="Ольга", price_cents=200000), {services[0]: "nails"}, today=TODAY)
    return client


def test_the_card_says_booked_ahead_in_the_clients_gender(book, russian):
    for name, patronymic, said in (("Вера", "", "Записана вперёд"), ("Иван", "", "Записан вперёд"),
                                   ("Саша", "", "Есть запись вперёд")):
        client = _regular(book, name, patronymic)
        add_visit(book, client, NewVisit(datetime(2026, 11, 30, 12), ("Маникюр с покрытием",), status="planned"),
                  today=TODAY)
        text = "\n".join(line.text for line in card_lines(card(book, client, TODAY), "RU"))
        assert said + " до 30 нояб. 2026\u202fг." in text


def test_a_due_client_hears_her_last_visit_then_two_slots_and_a_question(book, russian):
    client = _regular(book, "Вера", services=("МАНИКЮР С ПОКРЫТИЕМ",))
    script = client_script(book, client, TODAY)
    assert script.reason == "due"
    assert script.spoken[0] == "Вера, здравствуйте! Это clientbook."
    assert script.spoken[1] == "В прошлый раз вы были у нас 1 ноября: маникюр с покрытием. Пора записаться снова."
    assert script.spoken[2].startswith("Можем предложить завтра в 11:00 или вторник, 24 ноября, в 11:00.")
    assert script.spoken[-1].endswith("?")
    assert script.message == " ".join(script.spoken)
    assert script_lines(script)[0] == "«Вера, здравствуйте! Это clientbook.»"
    assert "г." not in script.message and "  " not in script.message


def test_a_lost_client_is_asked_why_with_the_year_when_it_is_long_ago(book, russian):
    client = add_client(book, NewClient("Елена", "Петрова"))
    for k in range(4):
        add_visit(book, client, NewVisit(datetime(2025, 4, 4, 11) - timedelta(days=28 * k), ("Окрашивание",),
                                         master="Ольга", price_cents=500000), {"Окрашивание": "colour"}, today=TODAY)
    script = client_script(book, client, TODAY)
    assert script.reason == "lost"
    assert script.spoken[1] == ("Мы не виделись с 4 апреля 2025 года. Подскажите, почему вы перестали к нам "
                                "приходить и что помогло бы вам вернуться?")


def test_a_client_who_pushes_for_discounts_is_said_so_before_the_offer(book, russian):
    client = add_client(book, NewClient("Елена", "Петрова"))
    for k in range(4):
        add_visit(book, client, NewVisit(datetime(2025, 4, 4, 11) - timedelta(days=28 * k), ("Окрашивание",),
                                         master="Ольга", price_cents=500000), {"Окрашивание": "colour"}, today=TODAY)
    assert client_script(book, client, TODAY).warning == ""
    flag_discounts(book, client, True)
    assert client_script(book, client, TODAY).warning == (
        "Добивается скидок: предлагайте обычные условия, а не новую скидку.")


def test_a_booking_to_confirm_names_the_day_as_an_object(book, russian):
    client = _regular(book, "Вера")
    add_visit(book, client, NewVisit(datetime(2026, 11, 23, 15), ("Маникюр с покрытием",), status="tentative"),
              today=TODAY)
    script = client_script(book, client, TODAY)
    assert script.reason == "confirm"
    assert script.spoken[1] == "Вы записаны на завтра в 15:00. Подтверждаем?"


def test_a_callback_ends_with_a_question(book, russian):
    client = _regular(book, "Вера")
    log_call(book, client, Outcome("callback", on=TODAY), datetime(2026, 11, 20, 12))
    script = client_script(book, client, TODAY)
    assert script.reason == "callback"
    assert script.spoken[-1] == "Вы просили перезвонить вам сегодня. Вам удобно сейчас говорить?"


def test_a_call_back_not_answered_still_says_she_asked_and_for_which_day(book, russian):
    """Вера asked on the 20th to be called on the 22nd; on the 22nd nobody answered. Two days
    later she is a call-back again, and the script and the message still say what she asked."""
    client = _regular(book, "Вера")  # due on the 22nd too: the call-back must not turn routine
    log_call(book, client, Outcome("callback", on=TODAY), datetime(2026, 11, 20, 12))
    log_call(book, client, Outcome("no_answer"), datetime(2026, 11, 22, 12))
    assert client_script(book, client, TODAY).reason is None  # resting after the unanswered call
    script = client_script(book, client, TODAY + timedelta(days=2))
    assert script.reason == "callback"
    assert script.spoken == ("Вера, здравствуйте! Это clientbook.",
                             "Вы просили перезвонить вам 22 ноября. Вам удобно сейчас говорить?")
    assert script.message == " ".join(script.spoken)
    set_language("en")
    assert client_script(book, client, TODAY + timedelta(days=2)).spoken[1] == (
        "You asked us to call you back on November 22. Is it a good time to talk?")


def test_the_script_command_prints_the_same_in_text_and_json(book_path):
    from clientbook.services.book import open_book

    book = open_book(book_path)
    client = _regular(book, "Вера")
    book.close()
    args = ["script", str(client), "--db", str(book_path), "--today", TODAY.isoformat(), "--lang", "ru"]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert lines[0] == "Вера, здравствуйте! Это clientbook."
    as_json = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).output)
    assert as_json["spoken"] == lines[:3] and as_json["message"] == lines[4]
    assert as_json["reason"] == "due"
    missing = CliRunner().invoke(cli, ["script", "999", "--db", str(book_path), "--today", TODAY.isoformat()])
    assert (missing.exit_code, missing.output) == (1, "Error: There is no client 999.\n")


def test_the_card_sets_the_gender_a_name_does_not_tell(book, russian):
    from clientbook.services.client_edit import FieldProblems, card_values, update_client

    sasha = _regular(book, "Саша")
    add_visit(book, sasha, NewVisit(datetime(2026, 11, 30, 12), ("Маникюр с покрытием",), status="planned"),
              today=TODAY)
    assert card(book, sasha, TODAY).said_gender is None
    before = card_values(card(book, sasha, TODAY))
    with pytest.raises(FieldProblems) as refused:
        update_client(book, sasha, {**before, "gender": "оно"}, TODAY, before=before)
    assert refused.value.problems == {"gender": "«оно» — не пол: укажите ж или м (f или m) либо оставьте "
                                                "пустым, чтобы пол определялся по имени."}
    update_client(book, sasha, {**before, "gender": "м"}, TODAY, before=before)
    found = card(book, sasha, TODAY)
    assert (found.gender, card_values(found)["gender"]) == ("m", "мужской")
    assert "Записан вперёд до" in "\n".join(line.text for line in card_lines(found, "RU"))
    assert brief_gender(book, sasha) == "m"


def brief_gender(book, client_id: int) -> str | None:
    from clientbook.services.brief import brief

    return brief(book, client_id, TODAY).gender


def test_the_script_is_headed_by_whom_to_say_it_to_in_the_dative(book, russian):
    from clientbook.services.client_edit import card_values, update_client

    client = _regular(book, "Елена", "Викторовна")
    before = card_values(card(book, client, TODAY))
    update_client(book, client, {**before, "address_as": "Елена Викторовна"}, TODAY, before=before)
    assert client_script(book, client, TODAY).heading == "Что сказать Елене Викторовне"
    set_language("en")
    assert client_script(book, client, TODAY).heading == "What to say to Елена Викторовна"


def test_a_client_due_on_one_track_hears_of_that_tracks_last_visit_not_a_later_one(book, russian):
    """Гончарова is due for colour, yet her latest visit was a manicure: the script names the colour."""
    client = add_client(book, NewClient("Вера", "Гончарова"))
    for k in range(4):
        add_visit(book, client, NewVisit(datetime(2026, 8, 1, 11) - timedelta(days=56 * k),
                                         ("Окрашивание", "Стрижка"), master="Ольга", price_cents=600000),
                  {"Окрашивание": "colour", "Стрижка": "haircut"}, today=TODAY)
    for k in range(4):
        add_visit(book, client, NewVisit(datetime(2026, 11, 15, 11) - timedelta(days=21 * k), ("Маникюр",),
                                         master="Ольга", price_cents=200000), {"Маникюр": "nails"}, today=TODAY)
    script = client_script(book, client, TODAY)
    assert script.reason in ("due", "at_risk")
    assert script.spoken[1].startswith("В прошлый раз вы были у нас 1 августа: окрашивание.")
    assert "маникюр" not in script.message
