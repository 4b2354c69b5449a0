"""Excel workbooks in: as a salon system exports them, our own, and the ones refused.

A workbook's cells become the text a CSV would hold, so the CSV's rules (headers, kinds,
dates, phones, prices, all or nothing) apply unchanged; these tests check what is the
workbook's own: typed cells, a title above the header, sheets, and the refusals.
"""
from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.errors import UserError
from clientbook.services.importer import ImportFailed, import_file
from clientbook.services.workbooks import cell_text
from tests.conftest import dump, rows

TODAY = date(2026, 11, 24)
FIXTURES = Path(__file__).parent.parent / "fixtures"


def salon_workbook(path: Path) -> Path:
    """As a salon system exports its clients: a merged title over the columns, an empty
    row, Russian headers, a birthday as a date cell, a phone stored as a number (Excel made
    it one) beside phones typed as text, a column we do not read; visits on a second sheet
    with the date and the time as cells of their own and the price a number."""
    book = openpyxl.Workbook()
    clients = book.active
    clients.title = "Клиенты"
    clients["A1"] = 'Клиенты салона «Бархат»'
    clients.merge_cells("A1:F1")
    clients["A2"] = "Выгружено 24.11.2026"
    clients.merge_cells("A2:F2")
    clients.append([])
    clients.append(["ФИО", "Телефон", "Дата рождения", "E-mail", "Скидка, %", "Комментарий"])
    clients.append(["Иванова Анна Сергеевна", 79161234567, datetime(1992, 2, 16), "anna@mail.ru",
                    5, "Любит чай"])
    clients.append(["Петрова Мария", "8 (916) 123-45-68", "05.04.1985", None, None, None])
    clients.append([])  # an empty row in the middle is skipped, as in a CSV
    clients.append(["Смирнова Ольга", 89031112233.0, None, None, 10.5, "=не формула"])
    clients["F8"].data_type, clients["F8"].quotePrefix = "s", True  # text, as Excel keeps typed '=
    visits = book.create_sheet("Визиты")
    visits.append(["Отчёт по визитам"])
    visits.append(["Дата", "Время", "Клиент", "Телефон", "Услуга", "Мастер", "Сумма", "Статус",
                   "Длительность"])
    visits.append([datetime(2026, 10, 1), time(11, 30), "Иванова Анна Сергеевна", 79161234567,
                   "Маникюр", "Ирина", 1500.5, "Пришла", 90])
    visits.append([date(2026, 11, 2), "14:00", "Петрова Мария", "8 (916) 123-45-68",
                   "Стрижка", "Ирина", 2500, "Выполнено", None])
    book.save(path)
    return path


def test_a_salon_systems_workbook_is_read_below_its_title(book, tmp_path):
    path = salon_workbook(tmp_path / "Клиенты Бархат.xlsx")
    summary = import_file(book, path, today=TODAY)
    assert (summary.kind, summary.added, summary.ignored) == ("clients", 3, ["Скидка, %"])
    assert rows(book, "SELECT last_name, first_name, patronymic, phone, email, birth_day, "
                      "birth_month, birth_year, notes FROM clients ORDER BY id") == [
        ("Иванова", "Анна", "Сергеевна", "+79161234567", "anna@mail.ru", 16, 2, 1992, "Любит чай"),
        ("Петрова", "Мария", "", "+79161234568", None, 5, 4, 1985, ""),
        ("Смирнова", "Ольга", "", "+79031112233", None, None, None, None, "=не формула"),
    ]


def test_another_sheet_by_its_name_in_any_case(book, tmp_path):
    path = salon_workbook(tmp_path / "salon.xlsx")
    import_file(book, path, today=TODAY)
    summary = import_file(book, path, today=TODAY, sheet="визиты")
    assert (summary.kind, summary.added, summary.new_clients) == ("visits", 2, 0)
    assert rows(book, "SELECT c.last_name, v.starts_at, v.price_cents, v.status, v.duration_min "
                      "FROM visits v JOIN clients c ON c.id = v.client_id ORDER BY v.starts_at") == [
        ("Иванова", "2026-10-01 11:30:00", 150050, "done", 90),
        ("Петрова", "2026-11-02 14:00:00", 250000, "done", None),
    ]


def test_the_cli_reads_a_workbook_and_its_sheet(book_path, tmp_path):
    path = salon_workbook(tmp_path / "salon.xlsx")
    runner = CliRunner()
    first = runner.invoke(cli, ["import", str(path), "--db", str(book_path), "--today", str(TODAY)])
    assert first.exit_code == 0, first.output
    assert "Imported salon.xlsx (clients): 3 added" in first.stdout
    second = runner.invoke(cli, ["import", str(path), "--sheet", "Визиты", "--db", str(book_path),
                                 "--today", str(TODAY)])
    assert second.exit_code == 0, second.output
    assert "Imported salon.xlsx (visits): 2 added" in second.stdout


def test_a_bad_row_names_the_sheets_row_and_nothing_is_imported(book, tmp_path):
    path = salon_workbook(tmp_path / "salon.xlsx")
    sheet_book = openpyxl.load_workbook(path)
    sheet_book["Клиенты"]["B6"] = "12"
    sheet_book.save(path)
    before = dump(book)
    with pytest.raises(ImportFailed, match=r"salon\.xlsx, row 6, phone: “12” is not a valid phone"):
        import_file(book, path, today=TODAY)
    assert dump(book) == before


def test_a_header_without_a_name_column_is_named_by_its_row(book, tmp_path):
    path = tmp_path / "phones.xlsx"
    sheet_book = openpyxl.Workbook()
    sheet_book.active.append(["Список телефонов"])
    sheet_book.active.append(["Телефон", "Телефон 2"])
    sheet_book.active.append(["8 916 123-45-67", None])
    sheet_book.save(path)
    with pytest.raises(UserError, match=r"^phones\.xlsx, row 2: no column for name in a file of clients"):
        import_file(book, path, today=TODAY)


def write_rows(path: Path, *sheets: tuple[str, list]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, lines in sheets:
        sheet = book.create_sheet(title)
        for line in lines:
            sheet.append(line)
    book.save(path)
    return path


def refusal(book, path: Path, **options) -> str:
    before = dump(book)
    with pytest.raises(UserError) as refused:
        import_file(book, path, today=TODAY, **options)
    assert dump(book) == before
    text = str(refused.value)
    assert "\n" not in text and text.endswith(".") and text.count(". ") == 0, text  # one sentence
    assert "Traceback" not in text
    return text


def test_refusals_are_one_sentence_and_change_nothing(book, tmp_path):
    import_file(book, write_rows(tmp_path / "seed.xlsx", ("Лист1", [["ФИО"], ["Анна Иванова"]])),
                today=TODAY)
    old = tmp_path / "old.xls"
    old.write_bytes((FIXTURES / "excel97.xls").read_bytes())  # saved by xlwt, as Excel 97-2003
    assert refusal(book, old) == ("old.xls is an old Excel workbook (.xls): save it in Excel as an "
                                  "Excel workbook (.xlsx) or as CSV and import that.")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes((FIXTURES / "password.xlsx").read_bytes())  # encrypted by msoffcrypto-tool
    assert refusal(book, locked).startswith("locked.xlsx is protected with a password")
    good = write_rows(tmp_path / "good.xlsx", ("Клиенты", [["ФИО"], ["Мария"]]), ("Визиты", []))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:600])  # cut off while copying
    assert refusal(book, broken) == ("broken.xlsx is damaged or is not an Excel workbook (.xlsx); "
                                     "it cannot be read.")
    assert refusal(book, good, sheet="Звонки") == (
        "good.xlsx has no sheet “Звонки”; its sheets: “Клиенты”, “Визиты”.")
    assert refusal(book, good, sheet="Визиты") == "The sheet “Визиты” of good.xlsx is empty."
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("ФИО\nАнна\n", encoding="utf-8")
    assert refusal(book, csv_file, sheet="Лист1") == (
        "list.csv is not an Excel workbook, so it has no sheet “Лист1”.")


@pytest.mark.parametrize("damage", [
    b"PK\x03\x04\x14\x00\x06\x00",  # the start of a zip and nothing more
    b"PK\x03\x04" + bytes(range(256)) * 4,  # a zip's start and noise
])
def test_any_damaged_zip_is_a_sentence(book, tmp_path, damage):
    path = tmp_path / "клиенты.xlsx"
    path.write_bytes(damage)
    assert "is damaged or is not an Excel workbook" in refusal(book, path)


def test_a_word_document_is_not_a_workbook(book, tmp_path):
    import zipfile

    path = tmp_path / "letter.docx"
    with zipfile.ZipFile(path, "w") as document:
        document.writestr("[Content_Types].xml", "<Types/>")
        document.writestr("word/document.xml", "<document/>")
    assert "is damaged or is not an Excel workbook" in refusal(book, path)


def test_the_cli_refusals_are_one_line_with_status_1(book_path, tmp_path):
    old = tmp_path / "clients.xls"
    old.write_bytes((FIXTURES / "excel97.xls").read_bytes())
    result = CliRunner().invoke(cli, ["import", str(old), "--db", str(book_path), "--today", str(TODAY)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: clients.xls is an old Excel workbook (.xls): save it in Excel as an Excel workbook "
        "(.xlsx) or as CSV and import that."]


def test_cells_become_the_text_a_csv_would_hold():
    assert [cell_text(v) for v in (None, "", " Анна ", 79161234567, 79161234567.0, 1500.5, 0.1,
                                   1e-7, True, False)] == [
        "", "", " Анна ", "79161234567", "79161234567", "1500.5", "0.1", "0.0000001", "yes", "no"]
    assert cell_text(datetime(2026, 10, 1)) == "2026-10-01"
    assert cell_text(datetime(2026, 10, 1, 11, 30)) == "2026-10-01 11:30:00"
    assert cell_text(datetime(2026, 10, 1, 11, 29, 59, 999_600)) == "2026-10-01 11:30:00"  # a float's error
    assert cell_text(date(1992, 2, 16)) == "1992-02-16"
    assert (cell_text(time(9, 5)), cell_text(time(9, 5, 30))) == ("09:05", "09:05:30")
    from datetime import timedelta

    assert cell_text(timedelta(hours=1, minutes=30)) == "90"  # a duration formatted [h]:mm


def test_a_formula_cell_gives_its_value_and_the_formula_mark_comes_off(book, tmp_path):
    path = tmp_path / "sums.xlsx"
    sheet_book = openpyxl.Workbook()
    sheet = sheet_book.active
    sheet.append(["client_id", "name", "notes", "source"])
    sheet.append(["A-1", "Анна", "'=SUM(1)", "=1+1"])  # a marked cell, and a live formula
    sheet_book.save(path)
    import_file(book, path, today=TODAY)
    # The marked cell is the studio's text; the formula has no value saved by openpyxl (Excel
    # saves one), so it reads as empty, never as the formula's own text.
    assert rows(book, "SELECT notes, source FROM clients") == [("=SUM(1)", None)]


def test_a_title_of_one_known_word_does_not_hide_the_header(book, tmp_path):
    path = write_rows(tmp_path / "t.xlsx", ("Лист1", [["Клиент"], [], ["Клиент", "Телефон"],
                                                      ["Анна Иванова", "8 916 123-45-67"]]))
    import_file(book, path, today=TODAY)
    assert rows(book, "SELECT first_name, phone FROM clients") == [("Анна", "+79161234567")]


def test_a_cell_beyond_the_header_is_the_csvs_too_many_cells(book, tmp_path):
    path = write_rows(tmp_path / "wide.xlsx", ("Лист1", [["ФИО", "Телефон"],
                                                         ["Анна Иванова", None, "лишнее"]]))
    with pytest.raises(ImportFailed, match=r"wide\.xlsx, row 2, row: has 3 cells"):
        import_file(book, path, today=TODAY)


def test_a_header_far_below_empty_rows_is_found(book, tmp_path):
    path = write_rows(tmp_path / "low.xlsx", ("Лист1", [[]] * 40 + [["ФИО", "Телефон"],
                                                                     ["Анна Иванова", "8 916 123-45-67"]]))
    import_file(book, path, today=TODAY)
    assert rows(book, "SELECT first_name FROM clients") == [("Анна",)]
