"""Export for Excel: a workbook of the three kinds, and the CSV a Russian Excel opens.

The workbook holds what the CSV holds, typed as Excel holds it: dates as dates, money as
roubles, phones and ids as text; importing its sheets gives the same book back. The
Excel CSV is UTF-8 with a BOM, ";" and CRLF, and import reads it back unchanged.
"""
from __future__ import annotations

import io
import os
import stat
from datetime import date, datetime

import openpyxl
import pytest
from click.testing import CliRunner

from clientbook import i18n
from clientbook.cli import cli
from clientbook.errors import UserError
from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from clientbook.services.exporter import export, export_to_file
from clientbook.services.importer import import_file

TODAY = date(2026, 11, 22)
KINDS = ("clients", "visits", "contacts")


@pytest.fixture(scope="module")
def demo_book(new_book_path):
    path = new_book_path("demo.db")
    database = open_book(path)
    generate_demo(database, clients=80, seed=3, today=TODAY)
    # no studio id, a birthday without its year, kopecks in a price, a note over two lines
    database.execute_sql(
        "INSERT INTO clients (first_name, last_name, phone, birth_day, birth_month, notes, "
        "created_at, updated_at) VALUES ('Анна', 'Без-Номера', '+79160000001', 29, 2, "
        "'строка 1\nстрока 2', '2026-01-01', '2026-01-01')")
    client = database.execute_sql("SELECT max(id) FROM clients").fetchone()[0]
    database.execute_sql(
        "INSERT INTO visits (client_id, starts_at, status, price_cents, duration_min, notes, "
        "formula, materials, created_at) VALUES (?, '2026-10-05 10:15:00', 'done', 150050, 75, "
        "'', '', '', '2026-10-05')", (client,))
    yield database
    database.close()


def csv_of(database, kind: str, excel: bool = False) -> str:
    out = io.StringIO()
    export(database, out, "csv", kind, excel)
    return out.getvalue()


def values(path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
                for sheet in workbook.worksheets}
    finally:
        workbook.close()


def test_the_xlsx_round_trip_gives_the_same_book_back(demo_book, tmp_path, new_book_path):
    """Export to xlsx, import each sheet into an empty book, export again: the same cells,
    and the same CSV as the first book's."""
    first = tmp_path / "first.xlsx"
    count = export_to_file(demo_book, first, "xlsx")
    fresh = open_book(new_book_path("fresh.db"))
    for sheet in ("Clients", "Visits", "Calls"):
        import_file(fresh, first, today=TODAY, sheet=sheet)
    again = tmp_path / "again.xlsx"
    assert export_to_file(fresh, again, "xlsx") == count
    assert values(again) == values(first)
    for kind in KINDS:
        assert csv_of(fresh, kind) == csv_of(demo_book, kind), kind
    fresh.close()


def test_a_sheet_per_kind_with_a_bold_frozen_header(demo_book, tmp_path):
    path = tmp_path / "book.xlsx"
    export_to_file(demo_book, path, "xlsx")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # client data: the owner's alone
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Clients", "Visits", "Calls"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
    clients, visits, calls = workbook.worksheets
    assert [cell.value for cell in clients[1]][:6] == [
        "client_id", "last_name", "first_name", "patronymic", "address_as", "phone"]
    assert [cell.value for cell in visits[1]] == [
        "client_id", "date", "service", "category", "master", "price", "status", "duration",
        "formula", "materials", "notes"]
    assert len(list(calls.iter_rows())) - 1 == demo_book.execute_sql(
        "SELECT count(*) FROM contacts").fetchone()[0]


def cells_by_header(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]


def test_dates_are_dates_money_is_roubles_phones_are_text(demo_book, tmp_path):
    path = tmp_path / "book.xlsx"
    export_to_file(demo_book, path, "xlsx")
    workbook = openpyxl.load_workbook(path)
    clients = cells_by_header(workbook["Clients"])
    anna = next(row for row in clients if row["last_name"].value == "Без-Номера")
    assert anna["phone"].value == "+79160000001" and anna["phone"].data_type == "s"
    assert anna["client_id"].value.startswith("#") and anna["client_id"].data_type == "s"
    assert anna["birthday"].value == "--02-29"  # no year: not a day Excel can hold, so text
    assert anna["notes"].value == "строка 1\nстрока 2"
    born = next(row["birthday"] for row in clients if isinstance(row["birthday"].value, datetime))
    assert born.is_date and born.number_format == "dd.mm.yyyy"
    visits = cells_by_header(workbook["Visits"])
    kopecks = next(row for row in visits if row["client_id"].value == anna["client_id"].value)
    assert kopecks["date"].value == datetime(2026, 10, 5, 10, 15)
    assert kopecks["date"].number_format == "dd.mm.yyyy hh:mm"
    assert (kopecks["price"].value, kopecks["price"].number_format) == (1500.5, "#,##0.00")
    assert kopecks["duration"].value == 75
    whole = next(row["price"] for row in visits if row["price"].value not in (None, 1500.5))
    assert whole.data_type == "n" and whole.number_format == "#,##0"
    assert whole.value == int(whole.value)  # roubles, not kopecks: the demo's prices are whole
    calls = cells_by_header(workbook["Calls"])
    assert all(isinstance(row["date"].value, datetime) for row in calls)
    callback = [row["callback_on"] for row in calls if row["callback_on"].value is not None]
    assert callback and all(cell.is_date and cell.number_format == "dd.mm.yyyy" for cell in callback)


def test_the_sheets_are_named_in_the_interfaces_language(demo_book, tmp_path, new_book_path):
    path = tmp_path / "книга.xlsx"
    i18n.set_language("ru")
    try:
        export_to_file(demo_book, path, "xlsx")
    finally:
        i18n.set_language("en")
    assert list(values(path)) == ["Клиенты", "Визиты", "Звонки"]
    fresh = open_book(new_book_path("fresh.db"))
    assert import_file(fresh, path, today=TODAY, sheet="клиенты").kind == "clients"
    assert import_file(fresh, path, today=TODAY, sheet="визиты").kind == "visits"
    fresh.close()


def test_a_workbook_is_never_written_to_the_screen(demo_book, book_path):
    with pytest.raises(UserError, match="cannot be shown on the screen; name the file"):
        export(demo_book, io.StringIO(), "xlsx")
    result = CliRunner().invoke(cli, ["export", "--format", "xlsx", "--db", str(book_path),
                                      "--today", str(TODAY)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "Error: An Excel workbook cannot be shown on the screen; name the file to write it to "
        "with --output (for example -o clients.xlsx)."]


def test_excel_is_for_csv_only(demo_book, tmp_path):
    with pytest.raises(UserError, match="--excel is for CSV"):
        export_to_file(demo_book, tmp_path / "x.json", "json", excel=True)
    assert not (tmp_path / "x.json").exists()


def test_excel_csv_has_a_bom_semicolons_and_crlf_and_reads_back(demo_book, tmp_path, book_path):
    path = tmp_path / "клиенты.csv"
    result = CliRunner().invoke(cli, ["export", "--excel", "--kind", "clients", "-o", str(path),
                                      "--db", str(demo_book.path), "--today", str(TODAY)])
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfclient_id;last_name;first_name;")
    rows = demo_book.execute_sql("SELECT count(*) FROM clients").fetchone()[0]
    assert raw.count(b"\r\n") == 1 + rows  # every line ends CRLF; a line break in a note is LF,
    assert raw.count(b"\n") == 2 + rows  # as Excel writes one (Alt+Enter)
    assert "Без-Номера".encode() in raw
    fresh = open_book(book_path)
    import_file(fresh, path, today=TODAY)
    assert fresh.execute_sql("SELECT first_name, phone FROM clients WHERE last_name = 'Без-Номера'"
                             ).fetchall() == [("Анна", "+79160000001")]
    assert csv_of(fresh, "clients") == csv_of(demo_book, "clients")
    fresh.close()


def test_excel_csv_prices_have_a_decimal_comma_and_read_back(demo_book, tmp_path, new_book_path):
    text = csv_of(demo_book, "visits", excel=True)
    assert text.startswith("\ufeffclient_id;date;service;")
    assert ";1500,50;done;75;" in text
    files = {}
    for kind in ("clients", "visits"):
        files[kind] = tmp_path / f"{kind}.csv"
        files[kind].write_bytes(csv_of(demo_book, kind, excel=True).encode("utf-8"))
    fresh = open_book(new_book_path("fresh.db"))
    for path in files.values():
        import_file(fresh, path, today=TODAY)
    assert csv_of(fresh, "visits") == csv_of(demo_book, "visits")
    fresh.close()
