"""`clientbook calls`, `log-call` and `rebuild` as other tools drive them."""
from __future__ import annotations

import csv
import gettext as gettext_module
import io
import json
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.i18n import set_language
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit

TODAY = datetime(2026, 11, 22, 11)


@pytest.fixture
def studio(book_path):
    book = open_book(book_path)
    anna = add_client(book, NewClient("Анна", "Ёлкина", phone="89161234567", external_id="A-1"))
    for ago in (35, 63, 91, 119):
        add_visit(book, anna, NewVisit(TODAY - timedelta(days=ago), ("Маникюр",), price_cents=200000),
                  {"Маникюр": "nails"}, today=TODAY.date())
    book.close()
    return book_path, anna


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_calls_json_is_the_documented_shape(studio):
    path, anna = studio
    result = run("calls", "--db", path, "--today", "2026-11-22", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["today"] == "2026-11-22"
    item = data["items"][0]
    assert {k: item[k] for k in ("id", "external_id", "name", "phone", "reason", "track", "last_visit",
                                 "usual_interval_days", "days_since_last_visit", "overdue_ratio")} == {
        "id": anna, "external_id": "A-1", "name": "Ёлкина Анна", "phone": "+79161234567",
        "reason": "due", "track": "nails", "last_visit": "2026-10-18", "usual_interval_days": 28.0,
        "days_since_last_visit": 35, "overdue_ratio": 1.25,
    }


def test_calls_csv_and_table(studio):
    path, _ = studio
    rows = list(csv.DictReader(io.StringIO(run("calls", "--db", path, "--today", "2026-11-22",
                                               "--format", "csv").output)))
    assert rows[0]["name"] == "Ёлкина Анна" and rows[0]["reason"] == "due"
    assert "when" in rows[0] and rows[0]["when"] == ""  # the booking or call-back's moment, when there is one
    table = run("calls", "--db", path, "--today", "2026-11-22").output
    assert "8 (916) 123-45-67" in table and "nails" in table
    assert "Nobody to call on October 1, 2026." in run("calls", "--db", path, "--today", "2026-10-01").output
    run("log-call", "ext:A-1", "--outcome", "callback", "--on", "2026-11-28", "--db", path, "--today", "2026-11-22")
    later = list(csv.DictReader(io.StringIO(run("calls", "--db", path, "--today", "2026-11-28",
                                                "--format", "csv").output)))
    assert (later[0]["reason"], later[0]["when"]) == ("callback", "2026-11-28")


def test_calls_table_says_what_each_moment_is_and_csv_keeps_it_plain(studio):
    """The table's reason carries its moment («перезвонить 20.11», «подтвердить 23.11 16:30»):
    no bare «when» column. csv and json keep `when` as it was, for programs."""
    path, anna = studio
    book = open_book(path)
    olga = add_client(book, NewClient("Ольга", "Ким"))
    add_visit(book, olga, NewVisit(datetime(2026, 11, 1, 11), ("Маникюр",)), {"Маникюр": "nails"},
              today=TODAY.date())
    add_visit(book, olga, NewVisit(datetime(2026, 11, 23, 16, 30), ("Маникюр",), status="tentative"),
              {"Маникюр": "nails"}, today=TODAY.date())
    book.close()
    assert run("log-call", "ext:A-1", "--outcome", "callback", "--on", "2026-11-20", "--db", path,
               "--today", "2026-11-19").exit_code == 0
    assert run("log-call", "ext:A-1", "--outcome", "no_answer", "--db", path, "--today", "2026-11-20").exit_code == 0
    args = ["calls", "--db", path, "--today", "2026-11-22"]
    english = run(*args, "--lang", "en").output.splitlines()
    assert english[0].split() == ["reason", "id", "client", "phone", "track", "last", "visit", "days", "usual"]
    assert [line[:20].rstrip() for line in english[2:]] == ["call back Nov 20", "confirm Nov 23 16:30"]
    russian = run(*args, "--lang", "ru").output.splitlines()
    assert russian[0].split()[0] == "причина" and "когда" not in russian[0]
    assert [line[:23].rstrip() for line in russian[2:]] == ["перезвонить 20.11", "подтвердить 23.11 16:30"]
    plain = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").output)))
    assert [(r["id"], r["reason"], r["when"]) for r in plain] == [
        (str(anna), "callback", "2026-11-20"), (str(olga), "confirm", "2026-11-23 16:30:00")]
    items = json.loads(run(*args, "--format", "json").output)["items"]
    assert [(i["reason"], i["when"]) for i in items] == [("callback", "2026-11-20"), ("confirm", "2026-11-23 16:30:00")]


def test_log_call_by_studio_id_takes_them_off_the_list(studio):
    path, _ = studio
    result = run("log-call", "ext:A-1", "--outcome", "callback", "--on", "2026-11-28",
                 "--note", "в субботу", "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert json.loads(run("calls", "--db", path, "--today", "2026-11-22", "--format", "json").output)["items"] == []
    later = json.loads(run("calls", "--db", path, "--today", "2026-11-28", "--format", "json").output)
    assert [i["reason"] for i in later["items"]] == ["callback"]


def test_log_call_booked_with_time(studio):
    path, anna = studio
    assert run("log-call", str(anna), "--outcome", "booked", "--on", "2026-11-25 14:30",
               "--db", path, "--today", "2026-11-22").exit_code == 0
    book = open_book(path)
    assert book.execute_sql("SELECT starts_at, status FROM visits WHERE status = 'planned'").fetchone() == (
        "2026-11-25 14:30:00", "planned")


@pytest.mark.parametrize("args, message", [
    (["--outcome", "declined"], "Say why they declined"),
    (["--outcome", "declined", "--reason", "weather"], "is not a reason for leaving"),
    (["--outcome", "callback"], "A call-back needs its date"),
    (["--outcome", "callback", "--on", "2026-02-31"], "There is no day 31 in month 2. For example: 1.12.2026,"),
    (["--outcome", "callback", "--on", "когда-нибудь"], "Not a date: “когда-нибудь”. For example: 1.12.2026,"),
    (["--outcome", "callback", "--on", ""], "Give a date, for example 1.12.2026, tomorrow, fri, +3, in a week."),
])
def test_log_call_mistakes_are_one_line(studio, args, message):
    path, anna = studio
    result = run("log-call", str(anna), *args, "--db", path, "--today", "2026-11-22")
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    book = open_book(path)
    assert book.execute_sql("SELECT count(*) FROM contacts").fetchone()[0] == 0


def test_rebuild_restores_damaged_figures(studio):
    path, _anna = studio
    book = open_book(path)
    before = book.execute_sql("SELECT * FROM client_figures").fetchall()
    book.execute_sql("DELETE FROM client_figures")
    book.execute_sql("DELETE FROM client_tracks")
    book.close()
    assert run("rebuild", "--db", path).exit_code == 0
    book = open_book(path)
    assert book.execute_sql("SELECT * FROM client_figures").fetchall() == before
    assert len(book.execute_sql("SELECT * FROM client_tracks").fetchall()) == 1


def test_settings_change_moves_the_list(studio):
    path, _anna = studio
    assert run("calls", "--db", path, "--today", "2026-11-22", "--format", "json").output.count('"due"') == 1
    result = run("settings", "tier_due", "1.3", "--db", path)
    assert result.output.strip() == "tier_due = 1.3"
    assert json.loads(run("calls", "--db", path, "--today", "2026-11-22", "--format", "json").output)["items"] == []


@pytest.mark.parametrize("args, message", [
    (["tier_lost", "1.2"], "thresholds must grow"),
    (["daily_cap", "many"], "takes a whole number"),
    (["default_region", "XX"], "is not a region code"),
    (["colour"], "is not a setting"),
])
def test_bad_settings_are_refused(studio, args, message):
    path, _ = studio
    result = run("settings", *args, "--db", path)
    assert result.exit_code == 1 and message in result.output
    assert "tier_lost = 3.0" in run("settings", "--db", path).output


def test_a_setting_no_longer_read_is_left_alone(studio):
    """`currency` was never read (money is shown in roubles): books keep the row, unlisted."""
    path, _ = studio
    book = open_book(path)
    assert book.execute_sql("SELECT value FROM settings WHERE key = 'currency'").fetchall() == [("RUB",)]
    book.close()
    listed = run("settings", "--db", path)
    assert listed.exit_code == 0 and "tier_lost = 3.0" in listed.output
    assert "currency" not in listed.output
    refused = run("settings", "currency", "EUR", "--db", path)
    assert refused.exit_code == 1 and "“currency” is not a setting" in refused.output


def test_log_call_booked_confirms_a_pencilled_booking_without_a_second(studio):
    path, anna = studio
    book = open_book(path)
    booking = add_visit(book, anna, NewVisit(datetime(2026, 11, 23, 16, 30), ("Маникюр",), status="tentative"),
                        today=TODAY.date())
    book.close()
    listed = json.loads(run("calls", "--db", path, "--today", "2026-11-22", "--format", "json").output)
    assert [(i["id"], i["reason"]) for i in listed["items"]] == [(anna, "confirm")]
    result = run("log-call", "ext:A-1", "--outcome", "booked", "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    book = open_book(path)
    bookings = book.execute_sql("SELECT id, starts_at, status FROM visits WHERE status <> 'done'").fetchall()
    book.close()
    assert bookings == [(booking, "2026-11-23 16:30:00", "planned")]
    listed = json.loads(run("calls", "--db", path, "--today", "2026-11-22", "--format", "json").output)
    assert listed["items"] == []


def test_visit_status_closes_a_booking_with_the_day_rules(studio):
    path, anna = studio
    book = open_book(path)
    today_booking = add_visit(book, anna, NewVisit(datetime(2026, 11, 22, 15), ("Маникюр",), status="planned"),
                              today=TODAY.date())
    tomorrow = add_visit(book, anna, NewVisit(datetime(2026, 11, 23, 15), ("Маникюр",), status="planned"),
                         today=TODAY.date())
    book.close()
    done = run("visit-status", today_booking, "done", "--db", path, "--today", "2026-11-22")
    assert done.exit_code == 0 and f"Visit {today_booking}: done." in done.output, done.output
    refused = run("visit-status", tomorrow, "done", "--db", path, "--today", "2026-11-22")
    assert refused.exit_code == 1
    assert "A visit that took place cannot be in the future" in refused.output
    missing = run("visit-status", 999, "no_show", "--db", path, "--today", "2026-11-22")
    assert missing.exit_code == 1 and "There is no visit 999." in missing.output
    book = open_book(path)
    statuses = dict(book.execute_sql("SELECT id, status FROM visits WHERE id IN (?, ?)",
                                     (today_booking, tomorrow)).fetchall())
    book.close()
    assert statuses == {today_booking: "done", tomorrow: "planned"}


@pytest.fixture
def salon(book_path):
    """A studio with a price list and a master: Анна usually has Маникюр with Ольга Смирнова."""
    from clientbook.services.catalog import add_master, add_service

    book = open_book(book_path)
    add_master(book, "Ольга Смирнова", "mon-sat 10-20")
    add_master(book, "Дарья Белова", "mon-fri 12-20")
    add_service(book, "Маникюр", "nails", price_cents=200000, duration_min=90)
    add_service(book, "Педикюр", "feet", price_cents=250000, duration_min=60)
    anna = add_client(book, NewClient("Анна", "Ёлкина", external_id="A-1"))
    vera = add_client(book, NewClient("Вера", "Ким"))
    for ago in (35, 63, 91):
        add_visit(book, anna, NewVisit(TODAY - timedelta(days=ago), ("Маникюр",), master="Ольга Смирнова",
                                       price_cents=200000), today=TODAY.date())
    book.close()
    return book_path, anna, vera


def booking_rows(path) -> list[tuple]:
    book = open_book(path)
    try:
        return book.execute_sql(
            "SELECT v.client_id, v.starts_at, v.status, m.name, v.price_cents, v.duration_min, "
            "(SELECT group_concat(s.name || ':' || vs.price_cents) FROM visit_services vs "
            " JOIN services s ON s.id = vs.service_id WHERE vs.visit_id = v.id) "
            "FROM visits v LEFT JOIN masters m ON m.id = v.master_id WHERE v.status = 'planned' ORDER BY v.id"
        ).fetchall()
    finally:
        book.close()


def test_log_call_booked_with_service_and_master_by_the_start_of_their_names(salon):
    path, anna, _vera = salon
    result = run("log-call", "ext:A-1", "--outcome", "booked", "--on", "2026-11-25 14:30", "--service", "пед",
                 "--master", "ольга", "--format", "json", "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k: data[k] for k in ("client_id", "outcome", "starts_at", "confirmed", "services", "master")} == {
        "client_id": anna, "outcome": "booked", "starts_at": "2026-11-25 14:30:00", "confirmed": False,
        "services": ["Педикюр"], "master": "Ольга Смирнова"}
    assert booking_rows(path) == [(anna, "2026-11-25 14:30:00", "planned", "Ольга Смирнова", 250000, 60,
                                   "Педикюр:250000")]
    book = open_book(path)
    assert book.execute_sql("SELECT visit_id FROM contacts").fetchall() == [(data["visit_id"],)]
    book.close()


def test_log_call_booked_without_service_or_master_books_the_usual(salon):
    path, anna, _vera = salon
    result = run("log-call", str(anna), "--outcome", "booked", "--on", "2026-11-25 14:30",
                 "--db", path, "--today", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert "Recorded booked for client 1: visit" in result.output
    assert booking_rows(path) == [(anna, "2026-11-25 14:30:00", "planned", "Ольга Смирнова", 200000, 90,
                                   "Маникюр:200000")]


def test_log_call_refuses_a_time_the_master_has_booked_and_names_the_next_free_one(salon):
    path, anna, vera = salon
    assert run("log-call", str(vera), "--outcome", "booked", "--on", "2026-11-25 14:30", "--service", "Педикюр",
               "--master", "Ольга", "--db", path, "--today", "2026-11-22").exit_code == 0  # 14:30–15:30
    result = run("log-call", str(anna), "--outcome", "booked", "--on", "2026-11-25 13:30",  # 90 min: till 15:00
                 "--db", path, "--today", "2026-11-22")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert ("Ольга Смирнова: the time Wednesday, November 25, 13:30 is taken. "
            "The next free slot is Wednesday, November 25, 15:30.") in result.output
    assert [row[0] for row in booking_rows(path)] == [vera]
    # Another master is free then.
    assert run("log-call", str(anna), "--outcome", "booked", "--on", "2026-11-25 13:30", "--master", "Дарья",
               "--db", path, "--today", "2026-11-22").exit_code == 0
    assert [row[3] for row in booking_rows(path)] == ["Ольга Смирнова", "Дарья Белова"]


@pytest.mark.parametrize("args, message", [
    (["--service", "Стрижка"], "“Стрижка” is not on the price list. Add it with: clientbook services add"),
    (["--master", "Иван"], "“Иван” is not among the studio's masters. Add it with: clientbook masters add \"Иван\""),
])
def test_log_call_refuses_an_unknown_service_or_master(salon, args, message):
    path, anna, _vera = salon
    result = run("log-call", str(anna), "--outcome", "booked", "--on", "2026-11-25 14:30", *args,
                 "--db", path, "--today", "2026-11-22")
    assert result.exit_code != 0 and message in result.output, result.output
    assert booking_rows(path) == []
    book = open_book(path)
    assert book.execute_sql("SELECT count(*) FROM contacts").fetchone() == (0,)
    book.close()


class Marked(gettext_module.NullTranslations):
    """A catalog that shows which sentences went through it."""

    def gettext(self, message):
        return f"«{message}»"


def test_log_call_says_what_it_recorded_through_the_catalog(salon, monkeypatch):
    path, anna, vera = salon
    monkeypatch.setattr("clientbook.i18n.gettext.translation", lambda *args, **kwargs: Marked())
    try:
        booked = run("log-call", str(anna), "--outcome", "booked", "--on", "2026-11-25 14:30",
                     "--db", path, "--today", "2026-11-22")
        no_answer = run("log-call", str(vera), "--outcome", "no_answer", "--db", path, "--today", "2026-11-22")
    finally:
        set_language("en")
    assert booked.exit_code == 0 and no_answer.exit_code == 0, booked.output + no_answer.output
    assert "«Recorded «booked» for client 1: visit 4 at Nov 25, 2026, 14:30.»" in booked.output
    assert "«Recorded «no answer» for client 2.»" in no_answer.output


def test_log_call_refuses_a_time_outside_the_masters_hours(salon):
    path, anna, _vera = salon
    result = run("log-call", str(anna), "--outcome", "booked", "--on", "2026-11-25 09:00",
                 "--db", path, "--today", "2026-11-22")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert ("Ольга Смирнова does not work at Wednesday, November 25, 09:00. "
            "The next free slot is Wednesday, November 25, 10:00.") in result.output
    assert booking_rows(path) == []


def test_log_call_booked_with_an_archived_master_names_the_command_that_restores_her(book_path):
    from click.testing import CliRunner

    from clientbook.cli import cli
    from clientbook.services.book import open_book
    from clientbook.services.catalog import add_master, add_service
    from clientbook.services.catalog_edits import archive_master
    from clientbook.services.clients import NewClient, add_client

    book = open_book(book_path)
    add_service(book, "Маникюр", "nails", 200000, 60, 21)
    add_master(book, "Ольга Смирнова")
    add_master(book, "Дарья")
    archive_master(book, "Ольга Смирнова")
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    book.close()
    result = CliRunner().invoke(cli, ["log-call", str(anna), "--outcome", "booked", "--on", "2026-11-24 12:00",
                                      "--service", "Маникюр", "--master", "Ольга", "--db", str(book_path),
                                      "--today", "2026-11-23"])
    assert result.exit_code == 1
    assert 'Restore it with: clientbook masters restore "Ольга Смирнова"' in result.output
    book = open_book(book_path)
    assert book.execute_sql("SELECT count(*) FROM visits").fetchone()[0] == 0
    book.close()
