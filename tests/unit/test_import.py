"""CSV import: good files land whole, bad files change nothing and say where."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.errors import UserError
from clientbook.services.calls import call_list
from clientbook.services.importer import ImportFailed, import_file
from clientbook.services.search import search
from tests.conftest import dump, rows, write

TODAY = date(2026, 11, 22)  # the day the imports run on: nothing depends on the clock

CLIENTS = (
    "client_id,name,phone,email,birthday,tags,notes,do_not_contact,source\n"
    'A-1,Иванова Анна Сергеевна,8 916 123-45-67,Anna@Mail.ru,1990-05-04,VIP;окрашивание,'
    '"Любит чай, без сахара\nи тишину",нет,Instagram\n'
    "A-2,Петров Иван,+7 903 000 11 22,,--02-29,,,да,\n"
    "A-3,[b]Ann[/b],,,,,,0,\n"
)
VISITS = (
    "client_id,date,service,category,master,price,status,notes\n"
    'A-1,2026-10-01 11:00,Маникюр с покрытием,nails,Ольга Смирнова,"1 500,50",,\n'
    "A-1,2026-10-29,Маникюр с покрытием,,Ольга Смирнова,1500,done,\n"
    "A-2,2026-12-01 15:00,Стрижка мужская,haircut,,,planned,\n"
    "A-2,2026-11-01,Стрижка мужская,,,1200,no_show,не пришёл\n"
)
CONTACTS = (
    "client_id,date,outcome,callback_on,reason,note\n"
    "A-1,2026-11-10 12:30,callback,2026-11-25,,перезвонить в среду\n"
    "A-2,2026-11-11,declined,,Цена,дорого\n"
    "A-3,2026-11-12,do_not_contact,,,\n"
)


@pytest.fixture
def imported(book, tmp_path):
    import_file(book, write(tmp_path, "clients.csv", CLIENTS), "clients", today=TODAY)
    import_file(book, write(tmp_path, "visits.csv", VISITS), "visits", today=TODAY)
    import_file(book, write(tmp_path, "contacts.csv", CONTACTS), "contacts", today=TODAY)
    return book


def test_clients_are_stored_as_read(imported):
    stored = rows(imported, "SELECT external_id, first_name, last_name, patronymic, phone, email, "
                            "birth_day, birth_month, birth_year, notes, do_not_contact, source "
                            "FROM clients ORDER BY external_id")
    assert stored == [
        ("A-1", "Анна", "Иванова", "Сергеевна", "+79161234567", "anna@mail.ru", 4, 5, 1990,
         "Любит чай, без сахара\nи тишину", 0, "Instagram"),
        ("A-2", "Иван", "Петров", "", "+79030001122", None, 29, 2, None, "", 1, None),
        ("A-3", "[b]Ann[/b]", "", "", None, None, None, None, None, "", 1, None),
    ]
    assert rows(imported, "SELECT t.name FROM client_tags ct JOIN tags t ON t.id = ct.tag_id "
                          "ORDER BY t.name") == [("VIP",), ("окрашивание",)]


def test_visits_create_services_masters_and_prices(imported):
    assert rows(imported, "SELECT name, category FROM services ORDER BY name") == [
        ("Маникюр с покрытием", "nails"), ("Стрижка мужская", "haircut")]
    assert rows(imported, "SELECT name FROM masters") == [("Ольга Смирнова",)]
    assert rows(imported, "SELECT starts_at, status, price_cents FROM visits ORDER BY starts_at") == [
        ("2026-10-01 11:00:00", "done", 150050), ("2026-10-29 00:00:00", "done", 150000),
        ("2026-11-01 00:00:00", "no_show", 120000), ("2026-12-01 15:00:00", "planned", None)]
    assert rows(imported, "SELECT count(*) FROM visit_services")[0][0] == 4


def test_contacts_have_the_effects_of_logged_calls(imported):
    assert rows(imported, "SELECT c.outcome, r.code, c.callback_on FROM contacts c "
                          "LEFT JOIN reasons r ON r.id = c.reason_id ORDER BY c.at") == [
        ("callback", None, "2026-11-25"), ("declined", "price", None), ("do_not_contact", None, None)]
    assert rows(imported, "SELECT do_not_contact FROM clients WHERE external_id = 'A-3'") == [(1,)]
    assert [i.reason for i in call_list(imported, date(2026, 11, 25)).items] == ["callback"]
    assert call_list(imported, date(2026, 11, 22)).items == []  # promised for later
    assert rows(imported, "SELECT done_visits, no_shows, booked_until FROM client_figures f "
                          "JOIN clients c ON c.id = f.client_id WHERE external_id = 'A-2'") == [
        (0, 1, "2026-12-01")]


def test_imported_clients_are_found(imported):
    assert [h.name for h in search(imported, "иванова")] == ["Иванова Анна Сергеевна"]
    assert [h.name for h in search(imported, "903 000")] == ["Петров Иван"]


def test_reimport_updates_instead_of_duplicating(imported, tmp_path):
    changed = CLIENTS.replace("Instagram", "рекомендация")
    summary = import_file(imported, write(tmp_path, "again.csv", changed), "clients", today=TODAY)
    assert (summary.added, summary.updated, summary.skipped) == (0, 1, 2)
    assert rows(imported, "SELECT count(*) FROM clients")[0][0] == 3
    assert rows(imported, "SELECT source FROM clients WHERE external_id = 'A-1'") == [("рекомендация",)]


def test_utf8_with_bom(book, tmp_path):
    import_file(book, write(tmp_path, "bom.csv", CLIENTS, "utf-8-sig"), "clients", today=TODAY)
    assert rows(book, "SELECT count(*) FROM clients")[0][0] == 3


@pytest.mark.parametrize("bad_line, field, message", [
    ("A-1,2026-02-31,Маникюр с покрытием,,,,,", "date", "There is no day 31 in month 2."),
    ("A-9,2026-10-01,Маникюр с покрытием,,,,,", "client_id", "no client is “A-9”; import the clients first"),
    ("A-1,2026-10-01,Маникюр с покрытием,,,,maybe,", "status", "“maybe” is not one of"),
    ("A-1,2026-10-01,Маникюр с покрытием,,,-5,,", "price", "“-5” is not a price"),
    ("A-1,2026-10-01,Маникюр с покрытием,,,пятьсот,,", "price", "“пятьсот” is not a price"),
])
def test_a_bad_row_changes_nothing_and_says_where(imported, tmp_path, bad_line, field, message):
    before = dump(imported)
    text = VISITS + bad_line + "\n"
    with pytest.raises(ImportFailed) as failure:
        import_file(imported, write(tmp_path, "visits2.csv", text), "visits", today=TODAY)
    assert f"visits2.csv, line 6, {field}: " in str(failure.value)
    assert message in str(failure.value)
    assert dump(imported) == before


def test_every_problem_is_listed(book, tmp_path):
    bad = "client_id,name,phone,email,birthday,tags,notes,do_not_contact,source\n" + "".join(
        f"X-{n},,123,not-mail,2026-13-01,,,maybe,\n" for n in range(30))
    with pytest.raises(ImportFailed) as failure:
        import_file(book, write(tmp_path, "bad.csv", bad), "clients", today=TODAY)
    assert len(failure.value.problems) == 150
    text = str(failure.value)
    assert text.startswith("bad.csv: 150 problems; nothing was imported.")
    assert "bad.csv, line 2, name: is empty." in text
    assert "bad.csv, line 2, phone: “123” is not a valid phone number" in text
    assert "…and 130 more" in text
    assert rows(book, "SELECT count(*) FROM clients")[0][0] == 0


def test_repeated_studio_id_in_one_file(book, tmp_path):
    text = CLIENTS + "A-1,Другая Анна,,,,,,,\n"
    with pytest.raises(ImportFailed, match="line 6, client_id: “A-1” is already on line 2"):
        import_file(book, write(tmp_path, "dup.csv", text), "clients", today=TODAY)


@pytest.mark.parametrize("content, encoding, message", [
    ("", "utf-8", "empty.csv is empty."),
    ("client_id,fio,phone\n", "utf-8", "line 1: no column for name in a file of clients"),
    ("PK\x03\x04rest of a workbook", "utf-8", r"is damaged or is not an Excel workbook \(\.xlsx\)"),
])
def test_files_that_cannot_be_read(book, tmp_path, content, encoding, message):
    path = write(tmp_path, "empty.csv", content, encoding)
    with pytest.raises(UserError, match=message):
        import_file(book, path, "clients", today=TODAY)


def test_wrong_number_of_cells(book, tmp_path):
    text = "client_id,name,phone\nA-1,Анна,+79161234567,лишнее\n"
    with pytest.raises(ImportFailed, match="line 2, row: has 4 cells"):
        import_file(book, write(tmp_path, "long.csv", text), "clients", today=TODAY)


def test_trailing_empty_cells_may_be_left_out(book, tmp_path):
    import_file(book, write(tmp_path, "short.csv", "client_id,name,phone,notes\nA-1,Анна\n"), "clients", today=TODAY)
    assert rows(book, "SELECT external_id, first_name, phone, notes FROM clients") == [("A-1", "Анна", None, "")]


def test_cli_import_and_its_failure(book_path, tmp_path):
    good = write(tmp_path, "clients.csv", CLIENTS)
    result = CliRunner().invoke(cli, ["import", str(good), "--kind", "clients", "--db", str(book_path)])
    assert result.exit_code == 0
    assert result.output.strip() == "Imported clients.csv (clients): 3 added, 0 updated, 0 unchanged."
    bad = write(tmp_path, "visits.csv", "client_id,date,service\nA-1,someday,Маникюр\n")
    result = CliRunner().invoke(cli, ["import", str(bad), "--kind", "visits", "--db", str(book_path)])
    assert result.exit_code == 1
    assert "visits.csv, line 2, date: “someday” is not a date" in result.output
    assert "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["import", str(tmp_path / "nope.csv"), "--kind", "clients",
                                       "--db", str(book_path)])
    assert missing.exit_code == 1 and "There is no file" in missing.output
