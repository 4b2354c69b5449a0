"""Import from the Clients screen (ctrl+o), and a book that gets locked while in use."""
from __future__ import annotations

import sqlite3

from textual.widgets import Input

from tests.ui.pilot import make_app, press_and_settle, rows, shown

CSV = "ФИО;Телефон;Дата рождения\nИванова Анна;8 916 123-45-67;16.02.1992\nПетрова Мария;;\n"


async def test_dry_run_first_then_the_import(book_path, tmp_path):
    path = tmp_path / "клиенты.csv"
    path.write_bytes(CSV.encode("cp1251"))
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await press_and_settle(pilot, "ctrl+o")
        app.screen.query_one("#import-path", Input).value = str(path)
        await press_and_settle(pilot, "enter")
        report = shown(app, "#import-result")
        assert "Dry run of клиенты.csv (clients): would be 2 added, 0 updated, 0 unchanged" in report
        assert "Enter: import this file." in report
        assert rows(book_path, "SELECT count(*) FROM clients") == [(0,)]
        await press_and_settle(pilot, "enter")
        assert app.screen.id != "import-dialog" and not app.screen.query("#import-path")
        assert rows(book_path, "SELECT last_name, phone, birth_year FROM clients ORDER BY id") == [
            ("Иванова", "+79161234567", 1992), ("Петрова", None, None)]
        assert any("Imported клиенты.csv" in str(n.message) for n in app._notifications)


async def test_a_bad_file_is_explained_in_the_dialog(book_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("ФИО;Телефон\nИванова Анна;12\n", encoding="utf-8")
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await press_and_settle(pilot, "ctrl+o")
        app.screen.query_one("#import-path", Input).value = str(path)
        await press_and_settle(pilot, "enter")
        assert "bad.csv, line 2, phone: “12” is not a valid phone number" in shown(app, "#import-result")
        await press_and_settle(pilot, "enter")  # a second Enter does not import a bad file
        assert rows(book_path, "SELECT count(*) FROM clients") == [(0,)]
        await press_and_settle(pilot, "escape")
        assert not app.screen.query("#import-path")


async def test_a_book_locked_while_in_use_is_a_notification(due_book, monkeypatch):
    monkeypatch.setattr("db.connection.BUSY_TIMEOUT_SECONDS", 0.2)
    app = make_app(due_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await press_and_settle(pilot, "f3")
        holder = sqlite3.connect(due_book, isolation_level=None)  # another program writing
        holder.execute("BEGIN IMMEDIATE")
        try:
            await press_and_settle(pilot, "n")  # record "no answer": the book is busy
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        messages = [str(n.message) for n in app._notifications]
        assert any("is busy in another program" in m for m in messages), messages
        assert rows(due_book, "SELECT count(*) FROM contacts") == [(0,)]


async def test_enter_imports_only_the_file_that_was_read(book_path, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("ФИО\nАнна Иванова\n", encoding="utf-8")
    second.write_text("ФИО\nОльга Ким\n", encoding="utf-8")
    app = make_app(book_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await press_and_settle(pilot, "ctrl+o")
        dialog = app.screen
        box = dialog.query_one("#import-path", Input)
        box.value = str(second)  # changed while the dry run of the first file was under way
        dialog.imported(str(first), True, ["Dry run of a.csv (clients): would be 1 added"], None)
        assert dialog.previewed is None
        await press_and_settle(pilot, "enter")  # a dry run of b.csv, not an import
        assert "Dry run of b.csv" in shown(app, "#import-result")
        assert rows(book_path, "SELECT count(*) FROM clients") == [(0,)]
        dialog.working = True  # an import under way cannot be cancelled half way
        await press_and_settle(pilot, "escape")
        assert app.screen is dialog
