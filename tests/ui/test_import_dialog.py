"""Import from the Clients screen (ctrl+o), and a book that gets locked while in use."""
from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import Input

from clientbook.tui.screens.import_dialog import ImportDialog
from tests.ui.pilot import focused_on, make_app, rows, shown, shows, until

CSV = "ФИО;Телефон;Дата рождения\nИванова Анна;8 916 123-45-67;16.02.1992\nПетрова Мария;;\n"


def notified(app, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


async def open_import(pilot) -> ImportDialog:
    """ctrl+o on the Clients screen once it has read the book, then until the dialog is
    there to be typed into."""
    await shows(pilot, "#summary", "clients")
    await pilot.press("ctrl+o")
    await focused_on(pilot, "#import-path", Input)
    return pilot.app.screen


async def read(pilot, dialog: ImportDialog, *texts: str) -> str:
    """Until the dialog has done reading (or importing) and says every one of `texts`."""
    def said() -> str:
        assert not dialog.working
        report = shown(pilot.app, "#import-result")
        assert all(text in report for text in texts), report
        return report

    return await until(pilot, said)


async def test_dry_run_first_then_the_import(book_path, tmp_path):
    path = tmp_path / "клиенты.csv"
    path.write_bytes(CSV.encode("cp1251"))
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_import(pilot)
        app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await read(pilot, dialog, "Dry run of клиенты.csv (clients): would be 2 added, 0 updated, 0 unchanged",
                   "Enter: import this file.")
        assert rows(book_path, "SELECT count(*) FROM clients") == [(0,)]
        await pilot.press("enter")

        def imported():
            assert app.screen is not dialog and not app.screen.query("#import-path")
            assert notified(app, "Imported клиенты.csv")

        await until(pilot, imported)
        assert rows(book_path, "SELECT last_name, phone, birth_year FROM clients ORDER BY id") == [
            ("Иванова", "+79161234567", 1992), ("Петрова", None, None)]


async def test_a_bad_file_is_explained_in_the_dialog(book_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("ФИО;Телефон\nИванова Анна;12\n", encoding="utf-8")
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_import(pilot)
        app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        problem = "bad.csv, line 2, phone: “12” is not a valid phone number"
        await read(pilot, dialog, problem)
        await pilot.press("enter")  # a second Enter does not import a bad file: it reads it again
        await read(pilot, dialog, problem)
        assert rows(book_path, "SELECT count(*) FROM clients") == [(0,)]
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.query("#import-path"), what="the dialog to close")


@pytest.mark.sqlite_only("another program holds SQLite's write lock on the book's file")
async def test_a_book_locked_while_in_use_is_a_notification(due_book, monkeypatch):
    monkeypatch.setattr("db.connection.BUSY_TIMEOUT_SECONDS", 0.2)
    app = make_app(due_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: "Ёлкина Анна" in shown(app, "#brief"), what="the call list and its brief")
        holder = sqlite3.connect(due_book, isolation_level=None)  # another program writing
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("n")  # record "no answer": the book is busy
            await until(pilot, lambda: notified(app, "is busy in another program"),
                        show=lambda: [str(n.message) for n in app._notifications])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert rows(due_book, "SELECT count(*) FROM contacts") == [(0,)]


async def test_enter_imports_only_the_file_that_was_read(book_path, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("ФИО\nАнна Иванова\n", encoding="utf-8")
    second.write_text("ФИО\nОльга Ким\n", encoding="utf-8")
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_import(pilot)
        box = dialog.query_one("#import-path", Input)
        box.value = str(second)  # changed while the dry run of the first file was under way
        dialog.imported(str(first), True, ["Dry run of a.csv (clients): would be 1 added"], None)
        assert dialog.previewed is None
        await pilot.press("enter")  # a dry run of b.csv, not an import
        await read(pilot, dialog, "Dry run of b.csv")
        assert rows(book_path, "SELECT count(*) FROM clients") == [(0,)]
        dialog.working = True  # an import under way cannot be cancelled half way
        await pilot.press("escape")
        await until(pilot, lambda: notified(app, "Wait a moment: the file is being read."),
                    what="the refusal to cancel")
        assert app.screen is dialog


async def test_an_excel_workbook_is_read_and_imported(book_path, tmp_path):
    import openpyxl

    path = tmp_path / "клиенты.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Клиенты салона «Бархат»"])
    workbook.active.append(["ФИО", "Телефон", "Дата рождения"])
    workbook.active.append(["Иванова Анна", 79161234567, "16.02.1992"])
    workbook.save(path)
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_import(pilot)
        app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await read(pilot, dialog, "Dry run of клиенты.xlsx (clients): would be 1 added")
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, "Imported клиенты.xlsx"), what="the import")
        assert rows(book_path, "SELECT last_name, phone, birth_year FROM clients") == [
            ("Иванова", "+79161234567", 1992)]


async def test_an_old_xls_is_refused_in_the_dialog(book_path, tmp_path):
    from pathlib import Path

    path = tmp_path / "clients.xls"
    path.write_bytes((Path(__file__).parent.parent / "fixtures" / "excel97.xls").read_bytes())
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_import(pilot)
        app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await read(pilot, dialog, "clients.xls is an old Excel workbook (.xls)")
        assert rows(book_path, "SELECT count(*) FROM clients") == [(0,)]
